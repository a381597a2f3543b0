"""Only the user's deliberate act moves time or the selection.

Focus changes (Qt makes row 0 current when a table gets focus), menus closing, filters that
drop the selected event and views re-syncing must neither select nor move the cursor.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.qt.panels.event_list import TITLE

D = dt.date


@pytest.fixture
def window(demo_window, qtbot):
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window, timeout=2000)
    return demo_window


def _watch(state):
    changes = []
    state.time_changed.connect(lambda d: changes.append(("time", d)))
    state.selection_changed.connect(lambda e: changes.append(("selection", e)))
    return changes


def test_tabbing_into_the_list_selects_nothing(window, qtbot):
    state = window.state
    state.set_date(D(2021, 6, 1))
    changes = _watch(state)
    window.filter_bar.sources.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # "Clear filters" is disabled
    assert QApplication.focusWidget() is window.event_list
    assert window.event_list.currentIndex().isValid()  # Qt made a row current …
    assert state.selected_id is None  # … and that chose nothing
    assert state.date == D(2021, 6, 1)
    assert changes == []


def test_focus_in_after_a_filter_dropped_the_selection_selects_nothing(window, qtbot):
    state = window.state
    state.select("brussels-talks")
    state.set_date(D(2023, 10, 1))
    state.set_search_text("ethnic cleansing")  # drops the selected event
    assert state.selected_id is None
    changes = _watch(state)
    # As when a filter menu closes and focus comes back to the list.
    window.event_list.setFocus(Qt.FocusReason.PopupFocusReason)
    qtbot.waitUntil(lambda: window.event_list.hasFocus(), timeout=1000)
    window.event_list.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    state.set_search_text("")  # the list resets and re-syncs
    window.event_list.setFocus(Qt.FocusReason.OtherFocusReason)
    assert changes == []
    assert state.date == D(2023, 10, 1)


def test_arrow_keys_in_the_list_are_a_deliberate_choice(window, qtbot):
    state = window.state
    window.event_list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window.event_list, Qt.Key.Key_Down)
    assert state.selected_id is not None


def test_a_double_click_moves_the_date_as_a_click_does(window, qtbot):
    view = window.event_list
    rect = view.visualRect(view.model().index(3, TITLE))  # the exodus, September 2023
    window.state.set_date(D(2023, 9, 20))  # already inside the event
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    after_click = (window.state.selected_id, window.state.date)
    window.state.select(None)  # as Esc on the map does; the row stays current in the list
    window.state.set_date(D(2023, 9, 20))
    # A real double-click is a press, a release, then a press that is also a double-click.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (window.state.selected_id, window.state.date) == after_click


def test_tabbing_round_the_whole_window_changes_nothing(window, qtbot):
    state = window.state
    state.set_date(D(2022, 10, 30))
    changes = _watch(state)
    window.filter_bar.search.setFocus(Qt.FocusReason.TabFocusReason)
    seen = []
    for _ in range(20):
        widget = QApplication.focusWidget()
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert window.event_list in seen
    assert window.timeline in seen
    assert changes == []


def test_a_click_on_the_current_row_chooses_it_again(window, qtbot):
    view = window.event_list
    window.state.select("exodus")
    window.state.select(None)  # the row stays current in the list
    rect = view.visualRect(view.model().index(3, TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.state.selected_id == "exodus"
