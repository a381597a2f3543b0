"""The time cursor can be grabbed along its whole line, even where it crosses an event bar.

A press on the cursor drags it; a click on a bar selects the bar's event; a press on a bar
that then moves farther than the drag threshold drags the cursor instead.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from explorer.data.demo_corpus import make_corpus
from explorer.domain.state import AppState
from explorer.qt.timeline.view import TimelineView

D = dt.date


@pytest.fixture
def view(qtbot):
    state = AppState(make_corpus().timeline, date=D(2023, 5, 1))
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(900, 160)
    widget.show()
    qtbot.waitExposed(widget)
    widget.zoom_to(D(2022, 11, 1), D(2023, 11, 1))
    return widget


def _on_bar_at(view, event_id, day):
    rect = view.event_rect(event_id)
    assert rect is not None
    x = round(view.scale.x_of_date(day))
    assert rect.left() < x < rect.right()
    return QPoint(x, round(rect.center().y()))


def test_pressing_the_cursor_over_a_bar_drags_the_cursor(qtbot, view):
    state = view._state
    start = _on_bar_at(view, "blockade", state.date)  # the cursor crosses the blockade's bar
    assert view.event_at(start.toPointF()).id == "blockade"
    end = QPoint(round(view.scale.x_of_date(D(2023, 8, 1))), start.y())
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    assert abs((state.date - D(2023, 8, 1)).days) <= 1
    assert state.selected_id is None


def test_a_click_on_a_bar_away_from_the_cursor_selects_it(qtbot, view):
    state = view._state
    pos = _on_bar_at(view, "blockade", D(2023, 2, 1))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
    assert state.selected_id == "blockade"


def test_a_click_on_the_cursor_over_a_bar_does_not_select(qtbot, view):
    state = view._state
    pos = _on_bar_at(view, "blockade", state.date)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
    assert state.selected_id is None
    assert state.date == D(2023, 5, 1)


def test_a_drag_starting_on_a_bar_moves_time_not_the_selection(qtbot, view):
    state = view._state
    start = _on_bar_at(view, "blockade", D(2023, 2, 1))
    end = QPoint(round(view.scale.x_of_date(D(2023, 3, 15))), start.y())
    assert end.x() - start.x() > QApplication.startDragDistance()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    assert state.selected_id is None
    assert abs((state.date - D(2023, 3, 15)).days) <= 1


def test_a_tiny_jitter_on_a_bar_is_still_a_click(qtbot, view):
    state = view._state
    start = _on_bar_at(view, "blockade", D(2023, 2, 1))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(1, 1))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(1, 1))
    assert state.selected_id == "blockade"


def test_the_pointer_shows_the_cursor_can_be_grabbed(qtbot, view):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    def hover(point: QPoint) -> None:
        # Sent to the view itself: QTest's moves go through the window system, where a popup
        # left open by an earlier test, or an unchanged pointer position, swallows them.
        local = QPointF(point)
        event = QMouseEvent(
            QEvent.Type.MouseMove, local, QPointF(view.mapToGlobal(point)),
            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(view, event)

    pos = _on_bar_at(view, "blockade", view._state.date)
    hover(pos)
    assert view.cursor().shape() == Qt.CursorShape.SizeHorCursor
    hover(QPoint(2, 2))
    assert view.cursor().shape() == Qt.CursorShape.ArrowCursor
