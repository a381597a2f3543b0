"""Behaviour found wrong by hand once, driven through the real window so it stays fixed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt

from explorer.qt.main_window import MainWindow
from explorer.qt.testing import make_corpus

D = dt.date


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    win = MainWindow(make_corpus(), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_filtering_does_not_move_the_time_cursor(window):
    window.state.select("report")
    window.state.set_date(D(2023, 3, 10))
    window.state.set_search_text("news report")  # the list resets and re-selects its row
    assert [e.id for e in window.state.timeline] == ["report"]
    assert window.state.selected_id == "report"
    assert window.state.date == D(2023, 3, 10)


def test_right_arrow_steps_from_where_the_cursor_was_dragged(window, qtbot):
    window.state.select("ceasefire-1994")
    window.state.set_date(D(2023, 3, 10))  # as a drag on the timeline does
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Right)
    assert window.state.selected_id == "exodus"  # the first event after 10 March 2023
    assert window.state.date == D(2023, 9, 1)
