"""Presenter mode, driven with the keys a clicker sends, and the window's export actions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage

from explorer.domain.model import Category
from explorer.qt.present.presenter import PresenterWindow
from explorer.qt.window import present_actions, snapshot_dialog

D = dt.date


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def presenter(window, qtbot) -> PresenterWindow:
    window.findChild(QAction, "present").trigger()
    presenter = window.presenter
    qtbot.addWidget(presenter)
    qtbot.waitExposed(presenter)
    return presenter


def shows(presenter: PresenterWindow, place_id: str) -> bool:
    """The presenter's map has the place in view, zoomed in closer than the whole region."""
    view = presenter.map_view
    point = view.map_scene.place_points[place_id]
    return view.visible_scene_rect().contains(point) and view.visible_scene_rect().width() < 6e5


def test_f5_opens_the_presenter_full_screen_on_the_first_event(presenter, window):
    assert presenter.isFullScreen()
    state = window.state
    assert (state.selected_id, state.date) == ("ceasefire-1994", D(1994, 1, 1))
    assert presenter.title.text() == "Ceasefire and peacekeepers"
    assert presenter.counter.text() == "Step 1 of 7"
    assert "1994" in presenter.date.text()


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space])
def test_forward_keys_set_time_selection_and_extent_together(presenter, window, qtbot, key):
    qtbot.keyClick(presenter, key)
    assert (window.state.selected_id, window.state.date) == ("blockade", D(2022, 12, 12))
    assert presenter.counter.text() == "Step 2 of 7"
    qtbot.waitUntil(lambda: shows(presenter, "lachin"))
    # The main window's views follow the same state.
    assert window.event_list.currentIndex().row() == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace])
def test_backward_keys_step_back(presenter, window, qtbot, key):
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    assert window.state.selected_id == "report"
    qtbot.keyClick(presenter, key)
    assert window.state.selected_id == "first-line"
    assert window.state.date == D(2023, 9, 25)
    qtbot.keyClick(presenter, Qt.Key.Key_Home)
    assert window.state.selected_id == "ceasefire-1994"


def test_autoplay_steps_on_its_own_and_p_pauses_it(presenter, window, qtbot):
    presenter.autoplay.setInterval(20)
    qtbot.keyClick(presenter, Qt.Key.Key_P)
    assert presenter.autoplay.isActive()
    qtbot.waitUntil(lambda: window.state.selected_id == "brussels-talks", timeout=3000)
    qtbot.keyClick(presenter, Qt.Key.Key_P)
    assert not presenter.autoplay.isActive()
    assert "paused" in presenter.announcement.text()


def test_autoplay_interval_keys(presenter, qtbot):
    before = presenter.autoplay.interval()
    qtbot.keyClick(presenter, Qt.Key.Key_BracketRight)
    assert presenter.autoplay.interval() == before + 1000


def test_filtered_steps_are_skipped_and_announced(presenter, window, qtbot):
    window.state.set_category_filter(frozenset({Category.MILITARY}))
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert window.state.selected_id == "offensive-2023"
    assert presenter.announcement.isVisible()
    assert "Skipped 3 step(s)" in presenter.announcement.text()
    assert "Blockade of the Lachin corridor" in presenter.announcement.text()
    assert presenter.counter.text() == "Step 2 of 2"


def test_escape_leaves_and_keeps_the_state(presenter, window, qtbot):
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    with qtbot.waitSignal(presenter.closed):
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
    assert window.state.selected_id == "blockade"


def test_a_saved_presentation_opens_again_with_its_order_extent_and_notes(
    window, qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "deck.json"
    deck = {"title": "Blockade to exodus", "steps": [
        {"event": "exodus", "extent": "nk", "notes": "Start with the outcome."},
        {"event": "blockade", "extent": None, "notes": ""},
        {"event": "no-such-event", "extent": None, "notes": ""},
    ]}  # fmt: skip
    path.write_text(json.dumps(deck))
    # The unknown step is reported, then skipped when presenting.
    warnings = []
    monkeypatch.setattr(present_actions.QMessageBox, "warning", lambda *a: warnings.append(a))
    present_actions.open_presentation(window, path)
    assert "steps[2].event: unknown event 'no-such-event'" in warnings[0][2]
    presenter = present_actions.start_presentation(window)
    qtbot.addWidget(presenter)
    assert window.state.selected_id == "exodus"
    assert presenter.counter.text() == "Step 1 of 2"
    notes = presenter.show_notes()
    qtbot.addWidget(notes)
    assert notes.notes.text() == "Start with the outcome."
    assert "Blockade of the Lachin corridor" in notes.upcoming.text()
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert window.state.selected_id == "blockade"
    qtbot.waitUntil(lambda: shows(presenter, "lachin"))
    saved = present_actions.save_presentation_from_window(window, tmp_path / "again.json")
    assert [s["event"] for s in json.loads(saved.read_text())["steps"]] == [
        "exodus", "blockade", "no-such-event"
    ]  # fmt: skip


def test_without_a_file_saving_writes_every_shown_event(window, tmp_path):
    window.state.set_category_filter(frozenset({Category.HUMANITARIAN}))
    saved = present_actions.save_presentation_from_window(window, tmp_path / "all.json")
    assert [s["event"] for s in json.loads(saved.read_text())["steps"]] == ["blockade", "exodus"]


def test_snapshot_from_the_window_exports_what_it_shows(window, qtbot, tmp_path, monkeypatch):
    window.state.select("offensive-2023")
    out = tmp_path / "view.png"
    monkeypatch.setattr(
        snapshot_dialog.SnapshotDialog, "ask",
        classmethod(lambda cls, parent, title: {"format": "png", "dpi": 96, "width_mm": 297,
                    "height_mm": 210, "title": title}),
    )  # fmt: skip
    monkeypatch.setattr(snapshot_dialog, "ask_save_path", lambda *a: str(out))
    window.findChild(QAction, "export_snapshot").trigger()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1123, 794)  # A4 landscape at 96 dpi
    options = snapshot_dialog.current_view_options(window)
    assert options.event_id == "offensive-2023"
    assert options.date == window.state.date
    west, south, east, north = options.extent
    assert west < 46.75 < east
    assert south < 39.8 < north


def test_kml_export_from_the_menu(window, tmp_path, monkeypatch):
    from explorer.qt.window import export_actions

    out = tmp_path / "events.kml"
    monkeypatch.setattr(export_actions, "ask_save_path", lambda *a: str(out))
    window.findChild(QAction, "export_kml").trigger()
    assert out.read_text(encoding="utf-8").count("<Placemark") == 7
