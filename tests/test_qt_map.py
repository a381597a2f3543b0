"""The map canvas, driven as a user would: clicks on markers, dates, filters, naming."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from explorer.data.demo_corpus import make_corpus
from explorer.data.geo import lonlat_to_map
from explorer.domain.model import Category
from explorer.domain.naming import NamingPolicy
from explorer.domain.state import AppState
from explorer.qt.map.canvas import EventChooser, MapView, event_menu_text
from explorer.render.geometry import to_scene
from explorer.render.style import SEA


@pytest.fixture
def small_corpus():
    return make_corpus()


def make_view(qtbot, corpus, layers, date: str) -> tuple[MapView, AppState]:
    state = AppState(corpus.timeline, dt.date.fromisoformat(date))
    view = MapView(state, corpus, layers)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.reset_view()
    return view, state


def click_item(qtbot, view: MapView, item) -> None:
    pos = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_click_on_a_marker_selects_its_event(qtbot, small_corpus, layers):
    view, state = make_view(qtbot, small_corpus, layers, "2023-01-01")
    marker = view.inspect.marker_item("lachin")
    assert marker.isVisible()
    assert marker.total == 1
    click_item(qtbot, view, marker)
    assert state.selected_id == "blockade"
    assert view.map_scene.events.rings, "the selected place is ringed"


def test_shared_marker_offers_a_chooser_listing_its_events(
    qtbot, small_corpus, layers, monkeypatch
):
    view, state = make_view(qtbot, small_corpus, layers, "2023-09-26")
    asked = {}

    def fake_ask(cls, parent, events, pos, title=None):
        menu = EventChooser.build_menu(events, parent, title)
        asked["menu"] = [a.text() for a in menu.actions()]
        asked["heading"] = menu.actions()[0]
        asked["ids"] = [e.id for e in events]
        return "offensive-2023"

    monkeypatch.setattr(EventChooser, "ask", classmethod(fake_ask))
    click_item(qtbot, view, view.inspect.marker_item("stepanakert"))
    assert set(asked["ids"]) == {"ceasefire-1994", "exodus", "offensive-2023", "first-line"}
    assert any("Military operation in Nagorno-Karabakh" in text for text in asked["menu"])
    offensive = small_corpus.timeline.get("offensive-2023")
    assert event_menu_text(offensive) in asked["menu"]
    assert event_menu_text(offensive).startswith("19–20 September 2023 — ")
    assert state.selected_id == "offensive-2023"
    # The menu is headed by the place clicked (per naming policy) and its count.
    heading = asked["heading"]
    assert not heading.isEnabled()
    assert heading.text().startswith("Stepanakert / Khankendi")
    assert "4 events" in heading.text()


def test_moving_the_date_changes_markers_and_overlays(qtbot, small_corpus, layers):
    view, state = make_view(qtbot, small_corpus, layers, "2019-01-01")
    assert view.inspect.visible_marker_event_ids() == {"ceasefire-1994"}
    assert "control-1994-2020" in view.inspect.visible_overlay_ids()
    assert "control-2023" not in view.inspect.visible_overlay_ids()
    state.set_date(dt.date(2023, 10, 6))
    assert {"blockade", "report", "brussels-talks"} <= view.inspect.visible_marker_event_ids()
    assert "control-1994-2020" not in view.inspect.visible_overlay_ids()
    assert "control-2023" in view.inspect.visible_overlay_ids()
    assert view.inspect.marker_item("brussels").isVisible(), "off-map place shown as an edge badge"


def test_a_category_filter_changes_the_markers(qtbot, small_corpus, layers):
    view, state = make_view(qtbot, small_corpus, layers, "2023-10-06")
    state.set_category_filter(frozenset({Category.HUMANITARIAN}))
    assert view.inspect.visible_marker_event_ids() == {"blockade", "exodus"}
    assert not view.inspect.marker_item("brussels").isVisible()


def test_naming_policy_changes_label_text(qtbot, small_corpus, layers):
    view, state = make_view(qtbot, small_corpus, layers, "2023-10-06")
    assert view.inspect.label_texts()["stepanakert"] == "Stepanakert / Khankendi"
    state.set_naming_policy(NamingPolicy.AZERBAIJANI)
    assert view.inspect.label_texts()["stepanakert"] == "Khankendi"
    state.set_naming_policy(NamingPolicy.ARMENIAN)
    assert view.inspect.label_texts()["lachin"] == "Berdzor"


@pytest.mark.parametrize("extent", ["region", "nk", "corridor"])
def test_visible_labels_never_overlap(qtbot, corpus, layers, extent):
    view, _state = make_view(qtbot, corpus, layers, "2023-09-20")
    view.navigator.zoom_to_extent(extent)
    rects = view.inspect.label_rects()
    assert len(rects) >= 3
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        assert not ra.intersects(rb), f"{a} overlaps {b}"


def test_layer_switches_in_the_view_state_hide_control_areas_and_events(
    qtbot, small_corpus, layers
):
    view, state = make_view(qtbot, small_corpus, layers, "2019-01-01")
    assert "control-1994-2020" in view.inspect.visible_overlay_ids()
    assert view.inspect.visible_marker_event_ids()
    state.view.set_layer_visible("control", False)
    assert "control-1994-2020" not in view.inspect.visible_overlay_ids()
    state.view.set_layer_visible("events", False)
    assert view.inspect.visible_marker_event_ids() == set()
    state.view.set_layer_visible("control", True)
    assert "control-1994-2020" in view.inspect.visible_overlay_ids()


def test_keys_zoom_and_reset(qtbot, small_corpus, layers):
    view, _state = make_view(qtbot, small_corpus, layers, "2023-10-06")
    home = view.navigator.metres_per_pixel()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.navigator.metres_per_pixel() < home
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.navigator.metres_per_pixel() == pytest.approx(home, rel=1e-6)


def test_rendered_map_shows_the_sea_colour_at_sea(qtbot, small_corpus, layers):
    view, _state = make_view(qtbot, small_corpus, layers, "2023-10-06")
    image = view.grab().toImage()
    # The Caspian east of Baku; the Black Sea off Poti.
    for lon, lat in ((50.4, 41.0), (41.2, 41.9)):
        pos = view.mapFromScene(to_scene(*lonlat_to_map(lon, lat)))
        dpr = image.devicePixelRatio()
        colour = image.pixelColor(int(pos.x() * dpr), int(pos.y() * dpr))
        assert colour == QColor(SEA), (lon, lat, colour.name())
    land = view.mapFromScene(to_scene(*lonlat_to_map(45.0, 40.8)))
    assert image.pixelColor(land.x(), land.y()) != QColor(SEA)


def test_selection_off_screen_pans_to_it(qtbot, small_corpus, layers):
    view, state = make_view(qtbot, small_corpus, layers, "2023-10-06")
    view.navigator.zoom_to_extent((41.0, 41.0, 42.0, 42.0))  # western Georgia
    state.select("blockade")
    point = view.map_scene.place_points["lachin"]
    assert view.visible_scene_rect().contains(QPointF(point))


def _pixel(view: MapView, image, item) -> QColor:
    pos = view.mapFromScene(item.scenePos())
    dpr = image.devicePixelRatio()
    return image.pixelColor(int(pos.x() * dpr), int(pos.y() * dpr))


def test_cached_items_are_repainted_when_the_date_changes(qtbot, small_corpus, layers):
    # The view caches every item's pixels; a step must still show the new markers.
    view, state = make_view(qtbot, small_corpus, layers, "2019-01-01")
    marker = view.inspect.marker_item("lachin")
    assert not marker.isVisible()
    before = _pixel(view, view.viewport().grab().toImage(), marker)
    state.set_date(dt.date(2023, 1, 1))
    assert marker.isVisible()
    after = _pixel(view, view.viewport().grab().toImage(), marker)
    assert after != before, "the new marker is painted, not a stale cache"
    state.set_date(dt.date(2019, 1, 1))
    assert _pixel(view, view.viewport().grab().toImage(), marker) == before


def test_selection_ring_follows_the_selection_on_the_cached_map(qtbot, small_corpus, layers):
    view, state = make_view(qtbot, small_corpus, layers, "2023-10-06")
    state.select("blockade", move_time=False)
    assert [r.place_id for r in view.map_scene.events.rings] == ["lachin"]
    ring_image = view.viewport().grab().toImage()
    state.select(None)
    assert view.map_scene.events.rings == []
    assert view.viewport().grab().toImage() != ring_image


def test_a_marker_tooltip_shows_the_counts_at_the_current_date(qtbot, small_corpus, layers):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication

    view, state = make_view(qtbot, small_corpus, layers, "2023-01-01")
    marker = view.inspect.marker_item("stepanakert")
    state.set_date(dt.date(2023, 10, 6))  # tooltips are written when one is asked for
    pos = view.mapFromScene(marker.scenePos())
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert f"{marker.total} events so far" in marker.toolTip()


def test_place_link_in_the_details_zooms_the_map_to_that_place(qtbot, demo_window):
    window = demo_window
    view, details = window.map_view, window.details
    region = view.visible_scene_rect()
    window.state.select("exodus", move_time=False)
    lachin = view.map_scene.place_points["lachin"]
    # Zoomed out to the region first, so the zoom is the link's doing.
    view.reset_view()
    assert view.visible_scene_rect().width() == pytest.approx(region.width(), rel=0.01)
    link = details.anchor_rect("place:lachin")
    assert link is not None, "the details list the event's places as links"
    requests = []
    window.state.view.extent_requested.connect(requests.append)
    qtbot.mouseClick(details.browser.viewport(), Qt.MouseButton.LeftButton, pos=link.center())
    assert [r.place_ids for r in requests] == [("lachin",)]
    qtbot.waitUntil(lambda: view.visible_scene_rect().width() < region.width() / 4)
    shown = view.visible_scene_rect()
    assert shown.contains(lachin)
    # Centred on the place, not merely somewhere in a large frame.
    assert abs(shown.center().x() - lachin.x()) < shown.width() * 0.1
    assert abs(shown.center().y() - lachin.y()) < shown.height() * 0.1
