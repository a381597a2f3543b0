"""Presenter mode, driven with the keys a clicker sends, and the window's export actions."""

from __future__ import annotations

import datetime as dt
import json

import markupsafe
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
    order = [step.event for step in presenter.session.presentation.steps]
    start = order.index(window.state.selected_id)
    chosen: list[str | None] = []
    window.state.selection_changed.connect(chosen.append)
    presenter.autoplay.setInterval(20)
    qtbot.keyClick(presenter, Qt.Key.Key_P)
    assert presenter.autoplay.isActive()
    # Two steps taken on its own, in the deck's order (checked from the signals, not by
    # catching one step in passing: at 20 ms a poll can miss it).
    qtbot.waitUntil(lambda: len(chosen) >= 2, timeout=10000)
    qtbot.keyClick(presenter, Qt.Key.Key_P)
    assert not presenter.autoplay.isActive()
    assert "paused" in presenter.announcement.text()
    assert chosen[:2] == order[start + 1 : start + 3]
    paused_at = window.state.selected_id
    qtbot.wait(100)  # five intervals: a paused autoplay takes no step
    assert window.state.selected_id == paused_at


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
    assert presenter.counter.text() == "Step 2 of 2 · last step"


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
    text = out.read_text(encoding="utf-8")
    # The same file as `explorer export events -f kml`: the events, and the control areas
    # and the corridor as timed polygons (the window's export once left those out).
    events = text.split("<Folder>")
    assert text.count("<Polygon") >= 2
    assert sum(part.count("<Point") for part in events) >= 7


def test_the_gui_loader_keeps_every_combination_and_reports_bad_steps(
    window, qtbot, tmp_path, monkeypatch
):
    from builders import D as _D
    from builders import deck_steps

    raw = deck_steps("blockade")
    bad = [{"notes": "no event, no date"}, {"event": "blockade", "date": "someday"}]
    path = tmp_path / "deck.json"
    path.write_text(json.dumps({"title": "All combinations", "steps": [*raw, *bad]}))
    warnings = []
    monkeypatch.setattr(present_actions.QMessageBox, "warning", lambda *a: warnings.append(a))
    deck = present_actions.open_presentation(window, path)
    assert len(deck.steps) == len(raw)
    assert len(warnings) == 1
    text = warnings[0][2]
    assert f"{path}: steps[{len(raw)}]" in text
    assert f"{path}: steps[{len(raw) + 1}].date" in text
    presenter = present_actions.start_presentation(window)
    qtbot.addWidget(presenter)
    blockade = window.state.all_events.get("blockade")
    for i, spec in enumerate(raw):
        if i:
            qtbot.keyClick(presenter, Qt.Key.Key_Right)
        assert window.state.selected_id == spec["event"]
        date = _D(2020, 11, 10) if "date" in spec else blockade.when.start
        assert window.state.date == date
        title = spec.get("title") or (blockade.title if spec["event"] else "Situation on the map")
        assert presenter.title.text() == title
        if "date" in spec:
            assert presenter.date.text() == "10 November 2020"


# -- a presentation for a room: focus, fitting, progress, end ---------------------------------
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from explorer.domain.presentation import Presentation, PresenterSession  # noqa: E402
from explorer.render.style import MapStyle  # noqa: E402


def test_keys_still_step_the_presentation_with_the_notes_open(presenter, window, qtbot):
    presenter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    notes = presenter.notes_window
    qtbot.addWidget(notes)
    qtbot.waitExposed(notes)
    assert notes.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert notes.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    # Keys go where the application sends them: still the presenter.
    assert QApplication.activeWindow() is presenter
    for key, expected in [(Qt.Key.Key_Right, "blockade"), (Qt.Key.Key_PageDown, "brussels-talks"),
                          (Qt.Key.Key_Space, "exodus"), (Qt.Key.Key_PageUp, "brussels-talks")]:  # fmt: skip
        target = QApplication.focusWidget() or QApplication.activeWindow()
        qtbot.keyClick(target, key)
        assert window.state.selected_id == expected
        assert "Step" in notes.current.text()
    # Keys sent to the notes window itself reach the presentation too.
    qtbot.keyClick(notes, Qt.Key.Key_Right)
    assert window.state.selected_id == "exodus"
    assert "Next: Offensive" in notes.upcoming.text() or "Next:" in notes.upcoming.text()
    assert "elapsed" in notes.clock.text()


def test_on_one_screen_the_notes_stay_out_of_the_caption(presenter, qtbot):
    notes = presenter.show_notes()
    qtbot.addWidget(notes)
    assert len(QApplication.screens()) == 1
    caption = presenter.caption.geometry().translated(presenter.pos())
    assert not notes.geometry().intersects(caption)
    assert notes.width() <= presenter.width() * 0.3
    assert notes.height() <= presenter.height() * 0.35


def test_notes_show_current_and_next_step(presenter, qtbot):
    notes = presenter.show_notes()
    qtbot.addWidget(notes)
    assert notes.current.text() == "Step 1 of 7: Ceasefire and peacekeepers"
    assert notes.upcoming.text() == "Next: Blockade of the Lachin corridor"
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    assert notes.upcoming.text() == "Next: (end of the presentation)"


def test_progress_bar_and_a_clear_end_of_deck(presenter, qtbot):
    assert (presenter.progress.value(), presenter.progress.maximum()) == (1, 7)
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    assert presenter.progress.value() == 7
    assert presenter.counter.text() == "Step 7 of 7 · last step"
    assert not presenter.end_card.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.end_card.isVisible()
    assert "End of the presentation" in presenter.end_card.text()
    qtbot.keyClick(presenter, Qt.Key.Key_Home)
    assert not presenter.end_card.isVisible()


def hardest_events(corpus, n: int = 6):
    """The events with the most claims, the longest quotes and the longest titles."""
    events = corpus.timeline.events
    picks = sorted(events, key=lambda e: -len(e.annotations))[:n]
    picks += sorted(events, key=lambda e: -len(e.excerpts[0].text))[:n]
    picks += sorted(events, key=lambda e: -len(e.title))[:2]
    return list(dict.fromkeys(picks))


@pytest.fixture
def room_presenter(qtbot, corpus, layers):
    """A presenter over the embedded corpus on its hardest events, for a given window size."""
    from explorer.domain.state import AppState
    from explorer.qt.map.canvas import MapView

    def make(width: int, height: int) -> PresenterWindow:
        deck = Presentation.every_event(hardest_events(corpus))
        state = AppState(corpus.timeline, corpus.timeline.first_date)
        style = MapStyle.for_screen(height)
        view = MapView(state, corpus, layers, style=style)
        presenter = PresenterWindow(PresenterSession(state, deck), corpus, view)
        qtbot.addWidget(presenter)
        presenter.resize(width, height)
        presenter.show()
        qtbot.waitExposed(presenter)
        presenter.start()
        return presenter

    return make


def assert_caption_fits(presenter: PresenterWindow) -> None:
    presenter.layout().activate()
    presenter.caption.layout().activate()
    caption = presenter.caption
    assert caption.geometry().bottom() < presenter.height()
    assert presenter.map_view.height() >= 0.6 * presenter.height()
    for label in caption.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        box = label.geometry()
        assert caption.rect().contains(box), label.objectName()
        if label.wordWrap():
            assert label.heightForWidth(box.width()) <= box.height(), label.objectName()
        else:
            assert label.sizeHint().width() <= box.width(), label.objectName()


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1280, 720), (640, 360)], ids=["1080p", "720p", "720p-at-200%"]
)
def test_the_caption_fits_every_hard_step_and_the_map_keeps_60_percent(room_presenter, qtbot, size):
    presenter = room_presenter(*size)
    for i in range(len(presenter.session.presentation.steps)):
        if i:
            qtbot.keyClick(presenter, Qt.Key.Key_Right)
        assert_caption_fits(presenter)


def test_claims_beyond_what_fits_are_counted_and_paged(room_presenter, qtbot, corpus):
    presenter = room_presenter(1280, 720)
    exodus = corpus.timeline.get("exodus-2023")
    assert presenter.session.current_event is exodus  # the most claims comes first
    caption = presenter.caption
    per_page = caption.claims_per_page
    assert per_page < len(exodus.annotations)
    left = len(exodus.annotations) - per_page
    assert f"+{left} more claims" in presenter.claims.text()
    first_page = presenter.claims.text()
    qtbot.keyClick(presenter, Qt.Key.Key_C)
    assert presenter.claims.text() != first_page
    assert "page 2 of" in presenter.claims.text()
    assert_caption_fits(presenter)
    shown = set()
    pages = -(-len(exodus.annotations) // caption.claims_per_page)
    for _ in range(pages):
        shown |= {
            a.text
            for a in exodus.annotations
            if str(markupsafe.escape(a.text)) in presenter.claims.text()
        }
        qtbot.keyClick(presenter, Qt.Key.Key_C)
    assert len(shown) == len({a.text for a in exodus.annotations})


@pytest.mark.parametrize("height", [720, 1080, 2160])
def test_map_text_is_scaled_to_the_screen(height):
    style = MapStyle.for_screen(height)
    assert style.smallest_text_px() >= height / 200
    assert style.scale >= 1.0


def test_f5_gives_the_presenter_map_its_scaled_style(presenter):
    height = presenter.height()
    assert presenter.map_view.map_style.scale == pytest.approx(
        MapStyle.for_screen(height).scale, rel=0.05
    )


# -- decks made in the app ---------------------------------------------------------------------
def test_a_deck_built_in_the_app_is_presented_saved_and_opened_again(
    window, qtbot, tmp_path, monkeypatch
):
    from explorer.qt.present.deck_editor import DeckEditor

    window.findChild(QAction, "edit_presentation").trigger()
    editor = window.findChild(DeckEditor, "deck_editor")
    assert editor.isVisible()
    state = window.state
    state.select("exodus")
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    state.select(None)
    state.set_date(D(2021, 5, 1))
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    state.select("blockade")
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert [s.event for s in editor.steps] == ["exodus", None, "blockade"]
    first = editor.steps[0]
    assert first.date == window.state.all_events.get("exodus").when.start
    assert isinstance(first.extent, tuple)
    assert len(first.extent) == 4
    # Retitle and annotate the map-only step, move it first, remove the last.
    editor.list.setCurrentRow(1)
    qtbot.keyClicks(editor.step_title, "Two years on")
    editor.notes.setPlainText("The quiet before the blockade.")
    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)
    editor.list.setCurrentRow(2)
    qtbot.mouseClick(editor.buttons["remove"], Qt.MouseButton.LeftButton)
    assert [(s.event, s.title) for s in editor.steps] == [(None, "Two years on"), ("exodus", None)]
    assert window.presentation == editor.deck()
    # F5 presents what the editor shows.
    presenter = present_actions.start_presentation(window)
    qtbot.addWidget(presenter)
    assert presenter.title.text() == "Two years on"
    assert window.state.date == D(2021, 5, 1)
    notes = presenter.show_notes()
    qtbot.addWidget(notes)
    assert notes.notes.text() == "The quiet before the blockade."
    presenter.close()
    # Saved as hand-editable JSON, opened again as it was.
    saved = editor.save_file(tmp_path / "mine.json")
    data = json.loads(saved.read_text())
    assert data["steps"][0] == {"event": None, "extent": list(editor.steps[0].extent),
                                "notes": "The quiet before the blockade.", "date": "2021-05-01",
                                "title": "Two years on"}  # fmt: skip
    before = editor.deck()
    qtbot.mouseClick(editor.buttons["remove"], Qt.MouseButton.LeftButton)
    assert editor.open_file(saved)
    assert editor.deck() == before


def test_with_a_second_screen_the_notes_fill_it(presenter, qtbot, monkeypatch):
    from PySide6.QtCore import QRect

    from explorer.qt.present import notes as notes_module

    class SecondScreen:
        def availableGeometry(self):  # noqa: N802 - QScreen's name
            return QRect(1280, 0, 1920, 1080)

    own = presenter.screen()
    monkeypatch.setattr(
        notes_module.QGuiApplication, "screens", staticmethod(lambda: [own, SecondScreen()])
    )
    notes = presenter.show_notes()
    qtbot.addWidget(notes)
    assert notes.geometry() == QRect(1280, 0, 1920, 1080)
    assert notes.clock.font().pixelSize() >= 1080 / 30 * 1.5 - 1
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.session.state.selected_id == "blockade"
