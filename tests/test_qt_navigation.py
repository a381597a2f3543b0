"""Finding one's way: Go to date, Copy link to this view, keyboard shortcuts, the tour."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from explorer.cli import main
from explorer.data.demo_corpus import make_corpus
from explorer.domain.model import Category
from explorer.domain.naming import NamingPolicy
from explorer.domain.view_link import parse_view
from explorer.qt.window import app as gui_app
from explorer.qt.window import navigation, tour
from explorer.qt.window.main_window import MainWindow

D = dt.date


@pytest.fixture
def window(demo_window):
    return demo_window


def _action(window, text):
    for action in window.findChildren(type(window.menuBar().actions()[0])):
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no action {text!r}")


def test_ctrl_g_goes_to_the_date_typed_and_keeps_the_selection(window, monkeypatch):
    window.state.select("exodus")
    monkeypatch.setattr(
        navigation.GoToDateDialog, "ask", classmethod(lambda cls, p, d: D(2023, 9, 25))
    )
    action = _action(window, "Go to date…")
    assert action.shortcut().toString() == "Ctrl+G"
    action.trigger()
    assert window.state.date == D(2023, 9, 25)
    assert window.state.selected_id == "exodus"


def test_the_date_dialog_says_what_is_wrong_and_stays_open(qtbot):
    dialog = navigation.GoToDateDialog(D(2023, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field.setText("2023-02-30")
    dialog.accept()
    assert dialog.isVisible()
    assert "not a real date" in dialog.error.text()
    dialog.field.setText("2022-12-12")
    dialog.accept()
    assert dialog.date == D(2022, 12, 12)
    assert not dialog.isVisible()


def test_a_date_outside_the_events_is_said(window):
    navigation.go_to_date(window, D(1900, 1, 1))
    assert window.state.date == window.state.date_range[0]
    assert "outside" in window.statusBar().currentMessage()


def test_a_copied_link_reopens_the_same_view(window, qtbot, tmp_path):
    state = window.state
    state.set_category_filter(frozenset({Category.HUMANITARIAN}))
    state.set_naming_policy(NamingPolicy.ARMENIAN)
    state.select("exodus")
    state.set_date(D(2023, 9, 20))
    state.view.request_extent(navigation.ExtentRequest(extent="nk"))
    qtbot.waitUntil(lambda: state.view.shown_bounds is not None, timeout=3000)
    _action(window, "Copy link to this view").trigger()
    command = QGuiApplication.clipboard().text()
    assert command.startswith('explorer gui --view "date=2023-09-20&event=exodus&extent=')
    link = parse_view(command)
    assert link.categories == frozenset({"humanitarian"})
    assert link.naming == "armenian"

    settings = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    other = MainWindow(make_corpus(), settings, view=link)
    qtbot.addWidget(other)
    other.resize(window.size())
    other.show()
    qtbot.waitExposed(other)
    again = other.state
    assert again.date == D(2023, 9, 20)
    assert again.selected_id == "exodus"
    assert again.event_filter.categories == frozenset({Category.HUMANITARIAN})
    assert again.naming_policy is NamingPolicy.ARMENIAN
    qtbot.waitUntil(lambda: again.view.shown_bounds is not None, timeout=3000)
    # The same place on the map: the centres agree to within a tenth of the width shown.
    a, b = state.view.shown_bounds, again.view.shown_bounds
    width = a[2] - a[0]
    assert abs((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) < width / 10
    assert abs((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) < width / 10


def test_a_bad_view_link_is_refused_before_qt_starts(monkeypatch, capsys):
    def refuse(*_a, **_k):
        raise AssertionError("Qt was started for a link that should have been refused")

    monkeypatch.setattr(gui_app, "_application", refuse)
    assert main(["gui", "--view", "date=2023-02-30"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("explorer: --view: date '2023-02-30' is not a real date")


def test_f1_lists_the_keyboard_shortcuts(window, qtbot):
    action = _action(window, "Keyboard shortcuts")
    assert action.shortcut().matches(Qt.Key.Key_F1)
    action.trigger()
    dialog = next(w for w in window.findChildren(navigation.ShortcutsDialog) if w.isVisible())
    text = dialog.text.toPlainText()
    for keys in ("Ctrl+G", "F5", "Ctrl+F", "Home / End"):
        assert keys in text


def test_the_tour_can_be_followed_skipped_and_reopened(window, qtbot):
    state = window.state
    before = (state.date, state.selected_id, state.event_filter)
    shown = tour.maybe_show_tour(window)  # a first run
    assert shown is not None
    assert shown.isVisible()
    for _ in range(len(tour.STEPS) - 1):
        qtbot.mouseClick(shown.next, Qt.MouseButton.LeftButton)
    assert shown.next.text() == "Done"
    qtbot.mouseClick(shown.next, Qt.MouseButton.LeftButton)
    assert not shown.isVisible()
    assert tour.maybe_show_tour(window) is None  # seen: not on the next start
    _action(window, "Take the tour").trigger()
    again = window.tour
    assert again is not None
    assert again.isVisible()
    qtbot.mouseClick(again.skip, Qt.MouseButton.LeftButton)
    assert not again.isVisible()
    assert (state.date, state.selected_id, state.event_filter) == before


def test_the_window_shortcuts_work_while_the_tour_has_the_keys(window, qtbot):
    from PySide6.QtWidgets import QApplication

    shown = tour.show_tour(window)
    shown.activateWindow()  # as a click on it does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown, timeout=2000)
    qtbot.keyClick(shown.next, Qt.Key.Key_F1)  # F1: Help → Keyboard shortcuts
    assert not shown.isVisible()
    assert any(d.isVisible() for d in window.findChildren(navigation.ShortcutsDialog))
    again = tour.show_tour(window)
    qtbot.keyClick(again.next, Qt.Key.Key_Return)  # Enter stays the tour's: Next
    assert again.step == 1
    assert again.isVisible()
