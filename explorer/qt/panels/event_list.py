"""The event list: a table of the filtered events in time order, in sync with the selection."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from markupsafe import Markup
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from explorer.domain.dates import shorten_months
from explorer.domain.model import OUTSIDE_DATE_LABEL, Event
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.state import AppState
from explorer.domain.timeline import Timeline
from explorer.qt.plain_text import plain_tooltip
from explorer.qt.state_bridge import bind
from explorer.render import palette

COLUMNS = ("Date", "Title", "Category", "Places", "Sources")
DATE, TITLE, CATEGORY, PLACES, SOURCES = range(len(COLUMNS))
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

# Roles as plain ints: Qt passes ints, and comparing them with enum members on every cell of
# every repaint was a measurable share of a time step.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_EVENT_ID = int(EVENT_ID_ROLE)
_ANSWERED = frozenset({_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FOREGROUND, _DECORATION, _EVENT_ID})

_NAVIGATION_KEYS = frozenset(
    {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
    | {Qt.Key.Key_Home, Qt.Key.Key_End}
)
_NOT_NAVIGATION = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier

MIN_TITLE_W = 240  # below this, the title is elided hard (its tooltip has it whole)
# Beside date and title, these columns show only while the title keeps this much room; the
# list never scrolls sideways (which hid the dates), and the tooltip has them all.
ROOMY_TITLE_W = 320
EXTRA_COLUMNS = ((CATEGORY, 110), (PLACES, 170), (SOURCES, 160))


def short_date(display: str) -> str:
    """'19–20 September 2023' → '19–20 Sep 2023', so list dates fit a narrow column."""
    return shorten_months(display)


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
        # Each row's cell texts, made when a view first shows the row (not for 100,000 rows).
        self._texts: dict[int, tuple[str, ...]] = {}
        self._tips: dict[int, str] = {}  # each row's tooltip, made when first hovered
        self._date = state.date  # the date the rows' fading was last announced for
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

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED:
            return None
        row = index.row()
        if not 0 <= row < len(self._events) or not index.isValid():
            return None
        event = self._events[row]
        col = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._row_texts(row)[col] if 0 <= col < len(COLUMNS) else ""
        if role == _TOOLTIP:
            if col == SOURCES:
                return plain_tooltip("\n".join(s.citation() for s in event.sources))
            tip = self._row_tip(row)
            if col == DATE and event.date_from_outside:
                tip += Markup("<br><b>{}</b>").format(OUTSIDE_DATE_LABEL.capitalize())
            if col == DATE and event.date_note:
                tip += Markup("<br><i>{}</i>").format(event.date_note)
            return tip
        if role == _FOREGROUND and event.when.start > self._state.date:
            return self._faded  # not yet happened at the time cursor
        if role == _DECORATION and col == TITLE:  # the category's colour, as on the map
            return self._colours.get(event.category)
        if role == _EVENT_ID:
            return event.id
        return None

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:  # type: ignore[override]  # noqa: N802, E501
        """All the roles a delegate asks for in one call (it asks for seven per cell).

        The same answers as :meth:`data`, with the per-cell work done once: one Python call
        per cell instead of seven was most of the list's share of a time step.
        """
        row = index.row()
        if not 0 <= row < len(self._events) or not index.isValid():
            for role_data in span:  # type: ignore[attr-defined]  # iterable at run time
                role_data.clearData()
            return
        col = index.column()
        event = self._events[row]
        for role_data in span:  # type: ignore[attr-defined]  # iterable at run time
            role = role_data.role()
            if role == _DISPLAY:
                role_data.setData(self._row_texts(row)[col] if 0 <= col < len(COLUMNS) else "")
            elif role == _FOREGROUND:
                if event.when.start > self._state.date:
                    role_data.setData(self._faded)
                else:
                    role_data.clearData()
            elif role in _ANSWERED:
                value = self.data(index, role)
                if value is None:
                    role_data.clearData()
                else:
                    role_data.setData(value)
            else:
                role_data.clearData()

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            event = self._events[row]
            texts = self._texts[row] = tuple(self._text(event, c) for c in range(len(COLUMNS)))
        return texts

    def _row_tip(self, row: int) -> str:
        """The full title, date and places of a row: what the narrow columns cut off.

        Rich text (escaped), so Qt wraps a long title instead of making a screen-wide tip.
        """
        tip = self._tips.get(row)
        if tip is None:
            event = self._events[row]
            when = event.when.display()
            if event.when.is_fuzzy:
                when += f" ({event.when.precision.value})"
            places = self._row_texts(row)[PLACES]
            tip = Markup("<b>{}</b><br>{}").format(event.title, when)
            if places:
                tip += Markup("<br>{}").format(places)
            self._tips[row] = tip
        return tip

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
        self._texts.clear()
        self._tips.clear()
        self.endResetModel()

    @Slot(object)
    def _on_state_time_changed(self, date: dt.date) -> None:
        # Only rows starting between the old and the new date change their fading; rows are
        # in start order, so they are one run (often none: then the list is not repainted).
        old, self._date = self._date, date
        timeline = self._state.timeline
        if not self._events or timeline.events is not self._events:
            return
        lo, hi = min(old, date), max(old, date)
        first, stop = timeline.count_started_by(lo), timeline.count_started_by(hi)
        if stop > first:
            top, bottom = self.index(first, 0), self.index(stop - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.ForegroundRole])

    @Slot(object)
    def _on_state_naming_changed(self, _policy: NamingPolicy) -> None:
        self._texts.clear()
        self._tips.clear()
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
        # The viewport fills its own background (paintEvent): marked opaque, a repaint of the
        # list no longer repaints the window, splitters and frame behind it on every step.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed row heights: Qt never measures 100,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        for col, width in EXTRA_COLUMNS:
            self.setColumnWidth(col, width)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_date_column()
        # The current row is not the selection: Qt moves it by itself (row 0 becomes current
        # when the table gets focus, a reset clears it). Only a click or a key chooses.
        bind(self, state.selection_changed, self._on_state_selection_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        self._on_state_selection_changed(state.selected_id)

    @property
    def table_model(self) -> EventTableModel:
        return self._model

    def _fit_date_column(self) -> None:
        # Once, from the first rows' dates (not from 100,000 rows, and never per step).
        fm = self.fontMetrics()
        dates = [short_date(e.when.display()) for e in self._state.all_events.events[:2000]]
        widest = max((fm.horizontalAdvance(d) for d in dates), default=0)
        self.setColumnWidth(DATE, max(widest + 20, 90))  # every date in full

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            # The date in full, the title in the room left; category, places and sources
            # only while the title keeps ROOMY_TITLE_W. On the viewport's resize (which also
            # follows a scroll bar appearing), never per step.
            self.fit_columns(cast(QResizeEvent, event).size().width())
        return super().viewportEvent(event)

    def fit_columns(self, width: int) -> None:
        """Lay the columns out in ``width`` pixels, without a sideways scroll."""
        room = width - self.columnWidth(DATE)
        used, fits = 0, True
        for col, w in EXTRA_COLUMNS:
            fits = fits and room - used - w >= ROOMY_TITLE_W
            self.setColumnHidden(col, not fits)
            if fits:
                self.setColumnWidth(col, w)
                used += w
        self.setColumnWidth(TITLE, max(room - used, MIN_TITLE_W // 4))  # elided, never scrolled

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor(palette.PANEL))  # the style sheet's background
        painter.end()
        super().paintEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            current = self.currentIndex()
            if current.isValid():
                self._select_row(current.row())
                return
        super().keyPressEvent(event)
        if key in _NAVIGATION_KEYS and not event.modifiers() & _NOT_NAVIGATION:
            current = self.currentIndex()
            if current.isValid():
                self._select_row(current.row())  # moving through the rows is a choice

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                # On press, not on the current row changing: a click on the row that is
                # already current (its selection cleared elsewhere) chooses it again, and
                # the second press of a double-click chooses the same event, so time stays.
                self._select_row(index.row())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # Chooses the row as a click does, and nothing more (no "activated" side effects).
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index.isValid():
            self._select_row(index.row())
        event.accept()

    def _select_row(self, row: int) -> None:
        event = self._model.event_at(row)
        if event is not None:
            self._state.select(event.id)

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
