"""Behaviour found wrong by hand once, driven through the real window so it stays fixed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

D = dt.date


@pytest.fixture
def window(demo_window):
    return demo_window


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
