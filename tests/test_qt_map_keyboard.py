"""The map without a mouse: N / Shift+N walk the markers, Enter opens one, Esc lets go."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor

from explorer.data.demo_corpus import make_corpus
from explorer.domain.state import AppState
from explorer.qt.map.canvas import EventChooser, MapView
from explorer.qt.map.keyboard import FOCUS

SHIFT = Qt.KeyboardModifier.ShiftModifier


def make_view(qtbot, layers, date: str) -> tuple[MapView, AppState]:
    corpus = make_corpus()
    state = AppState(corpus.timeline, dt.date.fromisoformat(date))
    view = MapView(state, corpus, layers)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.reset_view()
    return view, state


def press(qtbot, view: MapView, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(view, key, modifier)


def focus_pixels(view: MapView, around: QRectF) -> int:
    """How many pixels in ``around`` (viewport) have the focus ring's colour."""
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    count = 0
    rect = around.toAlignedRect()
    for x in range(rect.left(), rect.right(), 1):
        for y in range(rect.top(), rect.bottom(), 1):
            c = QColor(image.pixel(int(x * dpr), int(y * dpr)))
            if abs(c.red() - FOCUS.red()) < 40 and abs(c.blue() - FOCUS.blue()) < 40:
                count += c.green() < 140  # blue, not the sea's pale grey-blue
    return count


def test_n_walks_markers_west_to_east_then_edge_badges_and_wraps(qtbot, layers):
    view, _ = make_view(qtbot, layers, "2023-09-26")
    assert view.marker_focus.focused_marker() is None
    seen = []
    for _ in range(4):
        press(qtbot, view, Qt.Key.Key_N)
        seen.append(view.marker_focus.focused_marker())
    # Lachin lies west of Stepanakert; Brussels is beyond the map, an edge badge.
    assert seen == ["lachin", "stepanakert", "brussels", "lachin"]
    press(qtbot, view, Qt.Key.Key_N, SHIFT)
    assert view.marker_focus.focused_marker() == "brussels"
    press(qtbot, view, Qt.Key.Key_BracketLeft)
    assert view.marker_focus.focused_marker() == "stepanakert"
    press(qtbot, view, Qt.Key.Key_BracketRight)
    assert view.marker_focus.focused_marker() == "brussels"


def test_shift_n_from_nothing_starts_at_the_last_marker(qtbot, layers):
    view, _ = make_view(qtbot, layers, "2023-09-26")
    press(qtbot, view, Qt.Key.Key_N, SHIFT)
    assert view.marker_focus.focused_marker() == "brussels"


def test_enter_on_a_single_event_marker_selects_it_like_a_click(qtbot, layers):
    view, state = make_view(qtbot, layers, "2023-01-01")
    press(qtbot, view, Qt.Key.Key_Return)  # nothing focused: nothing happens
    assert state.selected_id is None
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "lachin"
    press(qtbot, view, Qt.Key.Key_Return)
    assert state.selected_id == "blockade"
    assert [r.place_id for r in view.map_scene.events.rings] == ["lachin"]
    assert view.marker_focus.focused_marker() == "lachin", "selecting keeps the keyboard focus"


def test_space_on_a_shared_marker_offers_the_chooser(qtbot, layers, monkeypatch):
    view, state = make_view(qtbot, layers, "2023-09-26")
    asked = {}

    def fake_ask(cls, parent, events, pos, title=None):
        asked["ids"] = {e.id for e in events}
        asked["title"] = title
        asked["pos"] = parent.viewport().mapFromGlobal(pos)
        return "offensive-2023"

    monkeypatch.setattr(EventChooser, "ask", classmethod(fake_ask))
    press(qtbot, view, Qt.Key.Key_N)
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "stepanakert"
    press(qtbot, view, Qt.Key.Key_Space)
    assert asked["ids"] == {"ceasefire-1994", "exodus", "offensive-2023", "first-line"}
    assert asked["title"].startswith("Stepanakert / Khankendi")
    # The menu opens at the marker, as it would under the mouse.
    marker_at = view.mapFromScene(view.inspect.marker_item("stepanakert").pos())
    assert (asked["pos"] - marker_at).manhattanLength() <= 2
    assert state.selected_id == "offensive-2023"


def test_enter_on_an_edge_badge_selects_its_event(qtbot, layers):
    view, state = make_view(qtbot, layers, "2023-09-26")
    press(qtbot, view, Qt.Key.Key_N, SHIFT)
    assert view.marker_focus.focused_marker() == "brussels"
    press(qtbot, view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert state.selected_id is not None
    assert "brussels" in {p.id for p in state.selected_event.places}


def test_escape_clears_the_ring_and_is_passed_on_when_there_is_none(qtbot, layers):
    view, _ = make_view(qtbot, layers, "2023-09-26")
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "lachin"
    press(qtbot, view, Qt.Key.Key_Escape)
    assert view.marker_focus.focused_marker() is None
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "lachin", "after Esc, N starts again from the west"


def test_focus_ring_is_drawn_and_distinct_from_the_selection(qtbot, layers):
    view, state = make_view(qtbot, layers, "2023-01-01")
    marker = view.inspect.marker_item("lachin")
    centre = view.mapFromScene(marker.pos())
    around = QRectF(centre.x() - 40, centre.y() - 40, 80, 80)
    state.select("blockade", move_time=False)  # the black selection ring alone
    assert focus_pixels(view, around) == 0
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "lachin"
    assert focus_pixels(view, around) > 20
    view.clearFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert focus_pixels(view, around) == 0, "the ring shows only while the map has focus"


def test_focus_pans_to_a_marker_off_screen(qtbot, layers):
    view, _ = make_view(qtbot, layers, "2023-09-26")
    points = view.map_scene.place_points
    lachin, stepanakert = points["lachin"], points["stepanakert"]
    # Zoomed in west of Lachin: Stepanakert is off screen.
    view.navigator.zoom_to_extent(
        QRectF(lachin - QPointF(12_000, 10_000), lachin + QPointF(8_000, 10_000))
    )
    assert not view.visible_scene_rect().contains(stepanakert)
    press(qtbot, view, Qt.Key.Key_N)
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "stepanakert"
    assert view.visible_scene_rect().contains(stepanakert)


def test_a_time_step_that_hides_the_focused_marker_keeps_its_place(qtbot, layers):
    view, state = make_view(qtbot, layers, "2023-09-26")
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "lachin"
    state.set_date(dt.date(2023, 1, 1))
    assert view.marker_focus.focused_marker() == "lachin"
    state.set_date(dt.date(2022, 6, 1))  # before the blockade: no marker at Lachin
    assert view.marker_focus.focused_marker() is None
    state.set_date(dt.date(2023, 1, 1))
    assert view.marker_focus.focused_marker() == "lachin", "the ring comes back with its marker"
    state.set_date(dt.date(2022, 6, 1))
    press(qtbot, view, Qt.Key.Key_N)
    assert view.marker_focus.focused_marker() == "stepanakert", (
        "N goes on east of where Lachin stood"
    )


def test_zoom_keys_still_work_alongside_marker_keys(qtbot, layers):
    view, _ = make_view(qtbot, layers, "2023-09-26")
    press(qtbot, view, Qt.Key.Key_N)
    before = view.navigator.metres_per_pixel()
    press(qtbot, view, Qt.Key.Key_Plus)
    assert view.navigator.metres_per_pixel() < before
    press(qtbot, view, Qt.Key.Key_0)
    assert view.navigator.metres_per_pixel() == pytest.approx(before)
    assert view.marker_focus.focused_marker() == "lachin"
    press(qtbot, view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.marker_focus.focused_marker() == "lachin", "Ctrl+N is not a marker key"


def test_the_view_describes_its_keys():
    from explorer.qt.map.keyboard import KEYS_HELP

    for key in ("N", "Shift+N", "Enter", "Esc", "+", "Home"):
        assert key in KEYS_HELP


def test_description_is_set_on_the_view(qtbot, layers):
    view, _ = make_view(qtbot, layers, "2023-09-26")
    assert "Shift+N" in view.accessibleDescription()


def test_tab_leaves_the_map_in_the_main_window(qtbot, demo_window):
    view = demo_window.map_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not view.hasFocus())
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    qtbot.waitUntil(lambda: not view.hasFocus())
