"""The timeline widget, driven by mouse and keys like a user would, checked through the state."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from explorer.data.demo_corpus import make_corpus
from explorer.domain.state import AppState
from explorer.qt.timeline.view import TimelineView


@pytest.fixture
def view(qtbot):
    state = AppState(make_corpus().timeline, date=dt.date(2023, 9, 1))
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(900, 160)
    widget.show()
    qtbot.waitExposed(widget)
    widget.zoom_to(dt.date(2022, 11, 1), dt.date(2023, 11, 1))
    return widget


def _count(signal):
    calls = []
    signal.connect(lambda *a: calls.append(a))
    return calls


def test_click_on_a_tick_selects_its_event(qtbot, view):
    rect = view.event_rect("report")
    assert rect is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert view._state.selected_id == "report"
    assert view._state.date == dt.date(2023, 10, 5)


def test_click_on_empty_axis_moves_the_cursor_there(qtbot, view):
    day = dt.date(2023, 2, 10)
    x = round(view.scale.x_of_date(day))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, view.height() - 10))
    assert abs((view._state.date - day).days) <= 1
    assert view._state.selected_id is None


def test_arrow_keys_step_to_previous_and_next_events(qtbot, view):
    state = view._state
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    # Nothing selected: → goes to the first event starting after the cursor (1 Sep 2023).
    assert state.selected_id == "offensive-2023"
    assert state.date == dt.date(2023, 9, 19)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert state.selected_id == "first-line"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert state.selected_id == "offensive-2023"
    assert state.date == dt.date(2023, 9, 19)


def test_home_and_end_jump_to_the_ends(qtbot, view):
    state = view._state
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert state.selected_id == "ceasefire-1994"
    assert state.date == dt.date(1994, 1, 1)
    # The cursor left the zoomed window, so the window followed it.
    assert view.scale.t0 <= state.date.toordinal() <= view.scale.t1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert state.selected_id == "report"


def test_drag_moves_the_cursor_with_one_change_per_new_day(qtbot, view):
    state = view._state
    changes = _count(state.time_changed)
    y = view.height() - 10
    start = QPoint(round(view.scale.x_of_date(dt.date(2023, 1, 15))), y)
    end = QPoint(round(view.scale.x_of_date(dt.date(2023, 6, 15))), y)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    assert abs((state.date - dt.date(2023, 6, 15)).days) <= 1
    assert len(changes) == 2  # the press, then the move: never an echo from the widget


def test_programmatic_date_change_emits_once_and_moves_the_cursor(qtbot, view):
    state = view._state
    changes = _count(state.time_changed)
    before = view.cursor_x()
    state.set_date(dt.date(2023, 3, 1))
    assert len(changes) == 1
    assert view.cursor_x() < before


def test_wheel_zooms_at_the_pointer(qtbot, view):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    span = view.scale.span
    anchor = QPointF(300, 60)
    day_before = view.scale.t_of(300)
    wheel = QWheelEvent(
        anchor,
        view.mapToGlobal(anchor),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    view.wheelEvent(wheel)
    assert view.scale.span < span / 1.4
    assert view.scale.t_of(300) == pytest.approx(day_before, abs=0.01)


def test_shift_drag_brushes_a_range_and_double_click_zooms_out(qtbot, view):
    y = 60
    a = QPoint(round(view.scale.x_of_date(dt.date(2023, 9, 1))), y)
    b = QPoint(round(view.scale.x_of_date(dt.date(2023, 10, 1))), y)
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, shift, a)
    qtbot.mouseMove(view, b)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, shift, b)
    assert 25 <= view.scale.span <= 35
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert view.scale.t0 < dt.date(1994, 1, 1).toordinal()


def test_filter_hides_marks_of_filtered_out_events(view):
    from explorer.domain.model import Category

    assert view.event_rect("report") is not None
    view._state.set_category_filter(frozenset({Category.MILITARY}))
    assert view.event_rect("report") is None
    assert view.event_rect("offensive-2023") is not None


def test_overlapping_events_get_their_own_lanes(view):
    exodus, offensive = view.event_rect("exodus"), view.event_rect("offensive-2023")
    assert exodus.intersects(offensive) is False
    assert exodus.left() < offensive.left() < exodus.right()  # overlapping in time


def test_many_events_draw_a_histogram(qtbot):
    from explorer.data.demo_corpus import synthetic_events
    from explorer.domain.timeline import Timeline

    timeline = Timeline(synthetic_events(make_corpus(), 20_000, seed=3))
    state = AppState(timeline)
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(900, 160)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.is_histogram
    widget.zoom_to(timeline.first_date, timeline.first_date + dt.timedelta(days=20))
    assert not widget.is_histogram
    widget.grab()  # paints without error in both modes


@pytest.mark.parametrize("end", ["first", "last"])
def test_the_cursor_label_stays_inside_and_clear_of_the_header(qtbot, view, end):
    """At Home and End the date label neither leaves the widget nor covers the header."""
    view.fit_all()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home if end == "first" else Qt.Key.Key_End)
    events = view._state.timeline.events
    assert view._state.date == (events[0] if end == "first" else events[-1]).when.start
    label, header = view.cursor_label_rect(), view.header_rect()
    assert view.rect().toRectF().contains(label)
    assert header is not None
    assert view.rect().toRectF().contains(header)
    assert not label.intersects(header)
    view.grab()  # paints without error where the header moved


def test_the_header_moves_aside_only_when_the_label_comes_near(view):
    view._state.set_date(view._state.date_range[1])
    view.fit_all()
    header = view.header_rect()
    assert header is not None
    assert header.left() < view.width() / 2  # normally at the left, as before
