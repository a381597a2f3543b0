"""The event list: a table of the filtered events in time order, in sync with the selection."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from explorer.domain.model import Event
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.state import AppState
from explorer.domain.timeline import Timeline
from explorer.qt import palette
from explorer.qt.qt_state import bind

COLUMNS = ("Date", "Title", "Category", "Places", "Sources")
DATE, TITLE, CATEGORY, PLACES, SOURCES = range(len(COLUMNS))
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


# The names strftime("%B") writes in DateSpan.display(), in the same locale.
_MONTHS = list(calendar.month_name)[1:]


def short_date(display: str) -> str:
    """'19–20 September 2023' → '19–20 Sep 2023', so list dates fit a narrow column."""
    for month in _MONTHS:
        display = display.replace(month, month[:3])
    return display


class EventTableModel(QAbstractTableModel):
    """The events of ``state.timeline`` as rows; cells are computed only when a view asks.

    Rows after the time cursor are greyed, and place names follow the naming policy; both
    refresh from the state's signals without resetting the model.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._events = state.timeline.events
        self._faded = QBrush(QColor(palette.INK_FAINT))
        self._colours = {c: QColor(h) for c, h in palette.CATEGORY_COLOURS.items()}
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        bind(self, state.time_changed, self._on_state_time_changed)
        bind(self, state.naming_changed, self._on_state_naming_changed)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(event, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == DATE and event.date_note:
                return f"{event.when.display()} — {event.date_note}"
            if col == SOURCES:
                return "\n".join(s.citation() for s in event.sources)
            return self._text(event, col)
        if role == Qt.ItemDataRole.ForegroundRole and event.when.start > self._state.date:
            return self._faded  # not yet happened at the time cursor
        if role == Qt.ItemDataRole.DecorationRole and col == CATEGORY:
            return self._colours.get(event.category)
        if role == EVENT_ID_ROLE:
            return event.id
        return None

    def _text(self, event: Event, col: int) -> str:
        if col == DATE:
            return short_date(event.when.display())
        if col == TITLE:
            return event.title
        if col == CATEGORY:
            return event.category.value.capitalize()
        if col == PLACES:
            policy = self._state.naming_policy
            return ", ".join(place_label(p, policy) for p in event.places)
        if col == SOURCES:
            return "; ".join(s.outlet or s.title for s in event.sources)
        return ""

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, event_id: str | None) -> int | None:
        return None if event_id is None else self._state.timeline.index_of(event_id)

    @Slot(object)
    def _on_state_timeline_changed(self, timeline: Timeline) -> None:
        self.beginResetModel()
        self._events = timeline.events
        self.endResetModel()

    @Slot(object)
    def _on_state_time_changed(self, _date: dt.date) -> None:
        if self._events:
            # One signal for all rows: views repaint only the rows they show.
            last = self.index(len(self._events) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.ForegroundRole])

    @Slot(object)
    def _on_state_naming_changed(self, _policy: NamingPolicy) -> None:
        if self._events:
            top, bottom = self.index(0, PLACES), self.index(len(self._events) - 1, PLACES)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])


class EventListView(QTableView):
    """The event table; choosing a row selects its event, and the selection follows the state."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setAccessibleName("Event list")
        self.setAccessibleDescription("Events in time order. Enter selects the current row.")
        self._model = EventTableModel(state, self)
        self.setModel(self._model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed row heights: Qt never measures 100,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for col, width in ((DATE, 140), (TITLE, 300), (CATEGORY, 110), (PLACES, 170)):
            self.setColumnWidth(col, width)
        self.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        bind(self, state.selection_changed, self._on_state_selection_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        self._on_state_selection_changed(state.selected_id)

    @property
    def table_model(self) -> EventTableModel:
        return self._model

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            if current.isValid():
                self._select_row(current.row())
                return
        super().keyPressEvent(event)

    def _select_row(self, row: int) -> None:
        event = self._model.event_at(row)
        if event is not None:
            self._state.select(event.id)

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self._select_row(current.row())

    @Slot(object)
    def _on_state_selection_changed(self, event_id: str | None) -> None:
        row = self._model.row_of(event_id)
        selection = self.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self._model.index(row, 0)
        if selection.currentIndex().row() != row or not selection.isRowSelected(row):
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(index, flags)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    @Slot(object)
    def _on_state_timeline_changed(self, _timeline: Timeline) -> None:
        # The model was reset; put the selection back on its (new) row.
        self._on_state_selection_changed(self._state.selected_id)
