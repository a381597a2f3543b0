"""Map layout as a reader sees it: the legend off the core area, labels whole and unhidden
by badges, count badges apart — at the window sizes people use."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from explorer.domain.state import AppState
from explorer.qt.map.canvas import MapView, extent_rect

# The map's own size in the 1280×800 window, a larger window, and a maximised one.
SIZES = [(520, 590), (1000, 700), (1280, 800)]


def make_view(qtbot, corpus, layers, size, date="2023-09-20") -> MapView:
    state = AppState(corpus.timeline, dt.date.fromisoformat(date))
    view = MapView(state, corpus, layers)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.reset_view()
    return view


def viewport_point(view: MapView, scene_point: QPointF) -> QPointF:
    return view.viewportTransform().map(scene_point)


def badge_boxes(view: MapView) -> list[QRectF]:
    """Viewport rectangles of the visible edge badges."""
    out = []
    for badge in view.map_scene.events.badges.values():
        if badge.isVisible():
            w, h = badge.size()
            out.append(QRectF(viewport_point(view, badge.scenePos()), QRectF(0, 0, w, h).size()))
    return out


@pytest.mark.parametrize("size", SIZES)
def test_legend_keeps_off_stepanakert_and_the_nk_outline(qtbot, corpus, layers, size):
    view = make_view(qtbot, corpus, layers, size)
    legend = view.legend_rect()
    assert not legend.isEmpty()
    assert QRectF(view.viewport().rect()).contains(legend)
    stepanakert = view.map_scene.place_points["stepanakert"]
    marker = view.inspect.marker_item("stepanakert")
    radius = marker.radius() if marker.isVisible() else 8.0
    centre = viewport_point(view, stepanakert)
    around = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    assert not legend.intersects(around), (legend, around)
    nk_centre = viewport_point(view, extent_rect("nk").center())
    assert not legend.contains(nk_centre)


def test_a_click_folds_the_legend_into_a_button_and_back(qtbot, corpus, layers):
    view = make_view(qtbot, corpus, layers, SIZES[0])
    open_rect = view.legend_rect()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=open_rect.center().toPoint())
    folded = view.legend_rect()
    assert not view.legend.expanded
    assert not view.state.view.legend_expanded, "the click goes through the view state"
    assert folded.width() * folded.height() < open_rect.width() * open_rect.height() / 4
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=folded.center().toPoint())
    assert view.legend.expanded
    view.state.view.set_legend_expanded(False)  # View → Layers → Legend
    assert not view.legend.expanded


@pytest.mark.parametrize("size", SIZES)
def test_capitals_are_labelled_at_region_scale(qtbot, corpus, layers, size):
    view = make_view(qtbot, corpus, layers, size)
    rects = view.inspect.label_rects()
    assert {"yerevan", "baku"} <= set(rects)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("extent", ["home", "nk", "corridor"])
def test_labels_lie_inside_the_view_and_off_edge_badges(qtbot, corpus, layers, size, extent):
    view = make_view(qtbot, corpus, layers, size)
    if extent != "home":
        view.navigator.zoom_to_extent(extent)
    frame = QRectF(view.viewport().rect())
    badges = badge_boxes(view)
    assert badges, "the real corpus has events beyond the map"
    for key, rect in view.inspect.label_rects().items():
        assert frame.contains(rect), f"{key} is cut by the edge: {rect}"
        for badge in badges:
            assert not rect.intersects(badge), f"{key} under an edge badge"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("date", ["2023-09-20", "2024-01-01"])
def test_count_badges_do_not_overlap_at_region_scale(qtbot, corpus, layers, size, date):
    view = make_view(qtbot, corpus, layers, size, date)
    to_device = view.viewportTransform()
    boxes = view.map_scene.events.badge_rects(to_device)
    assert len(boxes) >= 3
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), (a, b)


def test_a_cluster_marker_offers_the_events_of_all_its_places(qtbot, corpus, layers):
    view = make_view(qtbot, corpus, layers, SIZES[0], "2024-01-01")
    events = view.map_scene.events
    leader, members = next(iter(events.clusters.items()))
    assert view.inspect.marker_item(leader).isVisible()
    shown = {e.id for e in view.events_at_place(leader)}
    for member in members:
        assert {e.id for e in view.state.timeline.events_at_place(member, view.state.date)} <= shown
        if member != leader:
            assert not view.inspect.marker_item(member).isVisible()
    # The cluster counts each event once, however many of its places it names.
    assert view.inspect.marker_item(leader).total == len(shown)


# The map's viewport in a 1024×700 window, and in a 1920×1080 screen at 200 % (logical px).
SMALL_SIZES = [(440, 420), (400, 330)]


def marker_boxes(view: MapView) -> dict[str, QRectF]:
    to_device = view.viewportTransform()
    return view.map_scene.events.obstacle_map(to_device)


@pytest.mark.parametrize("size", SMALL_SIZES + SIZES)
def test_edge_badges_cover_no_marker_and_not_the_north_arrow(qtbot, corpus, layers, size):
    view = make_view(qtbot, corpus, layers, size, "2024-01-01")
    north_arrow = view._reserved_rects()[2]
    markers = marker_boxes(view)
    boxes = badge_boxes(view)
    assert boxes
    for box in boxes:
        assert not box.intersects(north_arrow), "a badge on the north arrow"
        assert not box.intersects(view.legend_rect()), "a badge on the legend"
        for place_id, rect in markers.items():
            assert not box.intersects(rect), f"a badge over the {place_id} marker"
    # Moscow, the place beyond the map with most events, keeps its badge.
    assert view.map_scene.events.badges["moscow"].isVisible()


@pytest.mark.parametrize("size", SMALL_SIZES)
def test_the_legend_folds_to_a_button_when_space_is_short(qtbot, corpus, layers, size):
    view = make_view(qtbot, corpus, layers, size)
    view_area = size[0] * size[1]
    button = view.legend_rect()
    assert view.legend.folded_for_space
    assert button.width() * button.height() < 0.03 * view_area
    # A click opens it anyway; the user's preference (state.view) is untouched.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button.center().toPoint())
    assert view.legend.shown_expanded
    assert view.state.view.legend_expanded
    opened = view.legend_rect()
    assert opened.width() * opened.height() > 4 * button.width() * button.height()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=opened.center().toPoint())
    assert not view.legend.shown_expanded


def test_the_legend_stays_open_on_a_roomy_map(qtbot, corpus, layers):
    view = make_view(qtbot, corpus, layers, (1000, 700))
    assert view.legend.shown_expanded
    assert not view.legend.folded_for_space


def test_the_legend_does_not_jump_corners_as_time_moves(qtbot, corpus, layers):
    view = make_view(qtbot, corpus, layers, SIZES[0], "2020-09-01")
    first = view.legend_rect()
    left_side = first.left() < SIZES[0][0] / 2
    for day in ("2020-11-10", "2023-09-20", "2023-10-15", "2024-01-01", "1994-05-12"):
        view.state.set_date(dt.date.fromisoformat(day))
        rect = view.legend_rect()
        assert (rect.left() < SIZES[0][0] / 2) == left_side, day
        # Anchored in its corner: a bottom corner keeps its bottom edge, a top one its top.
        same_bottom = rect.bottom() == pytest.approx(first.bottom(), abs=1)
        assert same_bottom or rect.top() == pytest.approx(first.top(), abs=1), day
