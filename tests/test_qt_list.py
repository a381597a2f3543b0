"""The event list: a sound Qt model, kept in sync with the selection both ways."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from explorer.data.demo_corpus import make_corpus
from explorer.domain.naming import NamingPolicy
from explorer.domain.state import AppState
from explorer.qt.panels.event_list import DATE, PLACES, TITLE, EventListView, EventTableModel


@pytest.fixture
def state():
    return AppState(make_corpus().timeline, date=dt.date(2023, 9, 22))


@pytest.fixture
def view(qtbot, state):
    widget = EventListView(state)
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_model_passes_qtmodeltester(qtmodeltester, state):
    model = EventTableModel(state)
    qtmodeltester.check(model)
    state.set_search_text("brussels")
    qtmodeltester.check(model)


def test_model_passes_qtmodeltester_on_the_real_corpus(qtmodeltester, corpus):
    qtmodeltester.check(EventTableModel(AppState(corpus.timeline)))


def test_rows_follow_time_order_with_dates_written_with_precision(state):
    model = EventTableModel(state)
    assert model.rowCount() == 7
    assert model.index(0, DATE).data() == "c. 1994"
    assert model.index(3, DATE).data() == "Sep 2023"
    assert model.index(3, TITLE).data() == "Exodus of the Armenian population"


def test_rows_after_the_cursor_are_faded(state):
    model = EventTableModel(state)
    last = model.index(6, TITLE)  # 5 October 2023, after the cursor
    assert last.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, TITLE).data(Qt.ItemDataRole.ForegroundRole) is None
    state.set_date(dt.date(2023, 10, 30))
    assert last.data(Qt.ItemDataRole.ForegroundRole) is None


def test_place_names_follow_the_naming_policy(state):
    model = EventTableModel(state)
    cell = model.index(4, PLACES)  # the offensive, at Stepanakert
    assert cell.data() == "Stepanakert / Khankendi"
    state.set_naming_policy(NamingPolicy.AZERBAIJANI)
    assert cell.data() == "Khankendi"


def test_clicking_a_row_selects_its_event(qtbot, view, state):
    rect = view.visualRect(view.model().index(2, TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert state.selected_id == "brussels-talks"
    assert state.date == dt.date(2023, 3, 1)  # selecting moved time to the event


def test_enter_on_a_row_selects_it(qtbot, view, state):
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert state.selected_id == "ceasefire-1994"


def test_state_selection_selects_and_scrolls_to_the_row(view, state):
    changes = []
    state.selection_changed.connect(changes.append)
    state.select("report")
    assert view.currentIndex().row() == 6
    assert view.selectionModel().isRowSelected(6)
    assert changes == ["report"]  # the view's echo did not re-enter the state


def test_filter_resets_rows_and_keeps_the_selection(view, state):
    state.select("offensive-2023")
    state.set_search_text("operation")
    assert view.model().rowCount() == 1
    assert view.currentIndex().row() == 0
    assert state.selected_id == "offensive-2023"


def test_multi_data_answers_as_data_does(state):
    from PySide6.QtCore import QModelRoleData

    model = EventTableModel(state)
    roles = [int(r) for r in Qt.ItemDataRole if int(r) <= int(Qt.ItemDataRole.ToolTipRole) + 8]
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            span = [QModelRoleData(role) for role in roles]
            model.multiData(index, span)
            for role, role_data in zip(roles, span, strict=True):
                assert role_data.data() == model.data(index, role), (row, col, role)


def test_a_time_step_announces_only_the_rows_whose_fading_changed(qtbot, state):
    model = EventTableModel(state)
    timeline = state.timeline
    changed = []
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append((top.row(), bottom.row())))
    old, new = state.date, dt.date(2023, 3, 15)
    state.set_date(new)
    first, stop = timeline.count_started_by(new), timeline.count_started_by(old)
    assert changed == [(first, stop - 1)]
    for row in range(model.rowCount()):
        faded = model.data(model.index(row, TITLE), Qt.ItemDataRole.ForegroundRole) is not None
        assert faded == (timeline.events[row].when.start > new)
    changed.clear()
    state.set_date(new + dt.timedelta(days=1))  # no event starts that day
    assert changed == []


def test_tooltips_give_the_full_title_date_and_places(state):
    model = EventTableModel(state)
    row = 4  # the offensive, at Stepanakert
    tip = model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>Military operation in Nagorno-Karabakh</b>" in tip
    assert "19–20 September 2023" in tip
    month = model.index(3, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "September 2023 (month)" in month  # an imprecise date says how imprecise
    assert "Stepanakert / Khankendi" in tip
    assert model.index(row, PLACES).data(Qt.ItemDataRole.ToolTipRole) == tip
    assert model._tips[row] == tip  # made once, then cached like the row texts
    state.set_naming_policy(NamingPolicy.AZERBAIJANI)
    tip = model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Khankendi" in tip
    assert "Stepanakert" not in tip


def test_tooltips_escape_markup(state):
    model = EventTableModel(state)
    event = model.event_at(0)
    object.__setattr__(event, "title", "<img src=x onerror=alert(1)>")
    try:
        tip = model.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    finally:
        model._tips.clear()
    assert "<img" not in tip
    assert "&lt;img src=x" in tip


def test_the_title_column_takes_the_room_beside_the_date(view):
    view.resize(520, 300)
    room = view.viewport().width() - view.columnWidth(DATE)
    assert view.columnWidth(TITLE) == max(room, 240)
    assert view.isColumnHidden(PLACES)
    view.resize(1200, 300)
    assert not view.isColumnHidden(PLACES)
    shown = sum(view.columnWidth(c) for c in range(5) if not view.isColumnHidden(c))
    assert shown == view.viewport().width()  # nothing to scroll sideways to


def test_every_date_shows_in_full_and_nothing_scrolls_sideways(qtbot, corpus):
    from explorer.qt.panels.event_list import short_date

    widget = EventListView(AppState(corpus.timeline))
    qtbot.addWidget(widget)
    widget.resize(380, 400)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.horizontalScrollBar().maximum() == 0
    fm = widget.fontMetrics()
    widest = max(fm.horizontalAdvance(short_date(e.when.display())) for e in corpus.timeline)
    assert widget.columnWidth(DATE) >= widest + 8  # the cell's margins


def test_the_date_tooltip_says_when_a_date_is_from_outside_the_sources(corpus):
    state = AppState(corpus.timeline)
    model = EventTableModel(state)
    rows = {e.id: i for i, e in enumerate(state.timeline.events)}

    def tip(event_id):
        return model.index(rows[event_id], DATE).data(Qt.ItemDataRole.ToolTipRole)

    assert "Date from outside the sources" in tip("army-dissolution-agreement-2023")
    assert "Date from outside the sources" not in tip("azerbaijani-offensive-2023")
