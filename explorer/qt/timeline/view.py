"""The timeline across the bottom of the window: events on a zoomable axis and the time cursor.

Arithmetic lives in :mod:`explorer.qt.timeline.scale`; this module only paints and reacts.
The event layer is painted once into a pixmap per zoom/filter/selection, and each step of the
time cursor only re-blits it (clipped, faded after the cursor) and draws the cursor, so a step
costs the same with 10 or 100,000 events.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import numpy as np
from markupsafe import Markup
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, QSizeF, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QStaticText,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QToolTip, QWidget

from explorer.domain.dates import format_day
from explorer.domain.model import Event
from explorer.domain.state import AppState
from explorer.domain.timeline import Timeline
from explorer.qt.state_bridge import bind
from explorer.qt.timeline.paint import (
    AXIS_ROOM,
    KEY_ROOM,
    MARGIN_X,
    TOP,
    cursor_label,
    cursor_label_rect,
    header_rect,
    header_text,
    layout_marks,
    paint_axis,
    paint_cluster,
    paint_cursor,
    paint_histogram,
    paint_key,
    paint_mark,
    paint_title,
)
from explorer.qt.timeline.scale import TimeScale, fit_window, visible_range
from explorer.render import palette

# Above this many events in view, a density histogram replaces the individual ticks.
MAX_TICKS = 2000
FADED = 0.28  # opacity of events after the time cursor
ZOOM_STEP = 1.25
GRAB_PX = 5.0  # a press this close to the cursor line grabs the cursor


class TimelineView(QWidget):
    """A custom-painted, zoomable timeline bound to an :class:`AppState`.

    Mouse: drag the cursor (anywhere along its line, over bars too) or empty space to move
    time, click a mark to select its event, wheel to zoom at
    the pointer, shift+drag to zoom to a range, double-click to see everything. Keys: ←/→
    previous/next event, Home/End first/last event, +/− zoom, 0 fit all.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "Events in time. Left and Right arrows step between events, Home and End jump to "
            "the first and last, plus and minus zoom."
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        # paintEvent covers every pixel: Qt need not repaint the window under the timeline.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(self._font.pointSizeF() - 1, 7))
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._scale = TimeScale(0, 1, MARGIN_X, 100)
        self._drag: str | None = None  # "cursor", "brush", or "pending" (a press on a bar)
        self._pressed: tuple[QPointF, str] | None = None  # where, and on which event
        self._brush: tuple[float, float] | None = None
        self._layer: QPixmap | None = None
        self._layer_key: tuple | None = None
        # Background, axis and marks as they look before and after the cursor, composed with
        # the layer; a step blits one of each, clipped at the cursor.
        self._past: QPixmap | None = None
        self._future: QPixmap | None = None
        self._marks: list[tuple[QRectF, Event]] = []
        self._clusters: list[tuple[QRectF, list[Event]]] = []  # "+N" chips and their events
        self._histogram = False
        # The header ("1988–2023 · 69 events") is not in the pre-rendered pixmaps: it moves to
        # the right when the cursor's label comes near it at the left, so it is drawn per paint
        # from a prepared QStaticText (as cheap as a blit).
        self._header = QStaticText()
        self._header_size = QSizeF()
        self._index_timeline(state.timeline)
        self.fit_all()
        bind(self, state.time_changed, self._on_state_time_changed)
        bind(self, state.selection_changed, self._on_state_selection_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)

    # -- public ---------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(800, 150)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, 100)

    @property
    def scale(self) -> TimeScale:
        """The current date ↔ x mapping (in widget pixels)."""
        return self._scale.with_pixels(MARGIN_X, max(self.width() - MARGIN_X, MARGIN_X + 1))

    @property
    def is_histogram(self) -> bool:
        """Whether the view is dense enough that a histogram replaced the event marks."""
        self._ensure_layer()
        return self._histogram

    def fit_all(self) -> None:
        """Zoom out to show every event of the corpus (the filter does not change the axis)."""
        first, last = self._state.date_range
        self._set_window(*fit_window(first, last))

    def zoom_to(self, start: dt.date, end: dt.date) -> None:
        """Show the days ``start``..``end``."""
        self._set_window(start.toordinal(), end.toordinal() + 1)

    def event_rect(self, event_id: str) -> QRectF | None:
        """Where an event's mark is drawn, or None if it is not drawn individually."""
        self._ensure_layer()
        return next((r for r, e in self._marks if e.id == event_id), None)

    def cluster_rects(self) -> list[tuple[QRectF, list[str]]]:
        """The "+N" chips drawn where lanes ran out, with the ids of the events in each."""
        self._ensure_layer()
        return [(r, [e.id for e in events]) for r, events in self._clusters]

    def cluster_at(self, pos: QPointF) -> list[Event] | None:
        self._ensure_layer()
        for rect, events in self._clusters:
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return events
        return None

    def titled_events(self) -> list[str]:
        """The events whose title is drawn on the timeline at this zoom."""
        self._ensure_layer()
        return list(self._titled)

    def event_at(self, pos: QPointF) -> Event | None:
        """The event whose mark is under ``pos`` (marks get a few pixels of slack)."""
        self._ensure_layer()
        for rect, event in reversed(self._marks):
            if rect.adjusted(-3, -3, 3, 3).contains(pos):
                return event
        return None

    def cursor_x(self) -> float:
        return self.scale.x_of_date(self._state.date)

    def cursor_label_rect(self) -> QRectF:
        """Where the cursor's date label is drawn (inside the widget, clear of the header)."""
        return cursor_label_rect(
            cursor_label(self._state.date), self.cursor_x(), self.width(), self._bold
        )

    def header_rect(self) -> QRectF | None:
        """Where the header ('1988–2023 · 69 events') is drawn; None when there is no room."""
        self._ensure_layer()
        return header_rect(self._header_size, self.cursor_label_rect(), self.width())

    # -- state → view ---------------------------------------------------------------------
    @Slot(object)
    def _on_state_time_changed(self, date: dt.date) -> None:
        scale = self.scale
        t = date.toordinal() + 0.5
        if not scale.t0 <= t <= scale.t1:
            # Keep the cursor in view when keys or other views move time.
            half = scale.span / 2
            self._set_window(t - half, t + half)
        self.update()

    @Slot(object)
    def _on_state_selection_changed(self, _event_id: str | None) -> None:
        self._layer_key = None
        self.update()

    @Slot(object)
    def _on_state_timeline_changed(self, timeline: Timeline) -> None:
        self._index_timeline(timeline)
        self.update()

    # -- layout ---------------------------------------------------------------------------
    def _index_timeline(self, timeline: Timeline) -> None:
        # Built once per filter change, never per step.
        events = timeline.events
        self._events = events
        self._starts = np.fromiter(
            (e.when.start.toordinal() for e in events), dtype=np.float64, count=len(events)
        )
        ends = np.fromiter(
            (e.when.end.toordinal() + 1 for e in events), dtype=np.float64, count=len(events)
        )
        self._ends = ends
        self._max_span = float((ends - self._starts).max()) if len(events) else 0.0
        self._layer_key = None

    def _set_window(self, t0: float, t1: float) -> None:
        self._scale = self._scale.with_window(t0, t1)
        self._layer_key = None
        self.update()

    def _axis_y(self) -> float:
        return self.height() - AXIS_ROOM - KEY_ROOM

    def _ensure_layer(self) -> None:
        scale = self.scale
        dpr = self.devicePixelRatioF()
        key = (scale, self.width(), self.height(), id(self._events), self._state.selected_id, dpr)
        if key == self._layer_key and self._layer is not None:
            return
        self._layer_key = key
        layer = QPixmap(max(int(self.width() * dpr), 1), max(int(self.height() * dpr), 1))
        layer.setDevicePixelRatio(dpr)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lo, hi = visible_range(self._starts, self._max_span, scale.t0, scale.t1)
        in_view = np.nonzero(self._ends[lo:hi] > scale.t0)[0] + lo
        self._marks = []
        self._clusters = []
        self._titled: list[str] = []
        self._histogram = len(in_view) > MAX_TICKS
        if self._histogram:
            paint_histogram(painter, scale, self._starts, self._axis_y())
        else:
            self._paint_marks(painter, scale, in_view)
        painter.end()
        text = header_text(scale, len(self._events), len(self._state.all_events))
        if text != self._header.text():
            self._header = QStaticText(text)
            self._header.prepare(font=self._font)
            fm = QFontMetricsF(self._font)
            self._header_size = QSizeF(fm.horizontalAdvance(text), fm.height())
        self._layer = layer
        self._past = self._compose(layer, 1.0)
        self._future = self._compose(layer, FADED)

    def _compose(self, layer: QPixmap, opacity: float) -> QPixmap:
        """The panel, its axis and the event layer at ``opacity``, as one pixmap."""
        page = QPixmap(layer.size())
        page.setDevicePixelRatio(layer.devicePixelRatio())
        painter = QPainter(page)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(palette.PANEL))
        paint_axis(painter, self.scale, self._axis_y(), self._font, self._bold)
        paint_key(painter, self.height() - KEY_ROOM - 1, self.width(), self._font)
        painter.setOpacity(opacity)
        painter.drawPixmap(0, 0, layer)
        painter.end()
        return page

    def _paint_marks(self, painter: QPainter, scale: TimeScale, indexes: np.ndarray) -> None:
        title_h = QFontMetricsF(self._font).height()
        layout = layout_marks(
            scale, self._starts, self._ends, indexes, self.width(), self._axis_y(), title_h
        )
        selected = self._state.selected_id
        for i, rect in layout.rects.items():
            event = self._events[i]
            room = layout.titles.get(i)
            paint_mark(painter, event, rect, event.id == selected, titled=room is not None)
            if room is not None:
                paint_title(painter, rect, room, event.title, self._font)
                self._titled.append(event.id)
            self._marks.append((rect, event))
        for rect, members in layout.clusters:
            paint_cluster(painter, rect, len(members), self._font)
            self._clusters.append((rect, [self._events[i] for i in members]))

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        self._ensure_layer()
        scale = self.scale
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cx = self.cursor_x()
        w, h = float(self.width()), float(self.height())
        if self._past is not None and self._future is not None:
            # Before the cursor: as is. After: faded, for "not yet happened". Both pixmaps
            # already hold the panel and the axis, so a step is two blits and the cursor.
            painter.save()
            painter.setClipRect(QRectF(0, 0, max(cx, 0), h))
            painter.drawPixmap(0, 0, self._past)
            painter.setClipRect(QRectF(cx, 0, max(w - cx, 0), h))
            painter.drawPixmap(0, 0, self._future)
            painter.restore()
        else:
            painter.fillRect(self.rect(), QColor(palette.PANEL))
            paint_axis(painter, scale, self._axis_y(), self._font, self._bold)
        if self._brush is not None:
            a, b = sorted(self._brush)
            painter.fillRect(
                QRectF(a, TOP - 4, b - a, self._axis_y() - TOP + 4), QColor(0, 0, 0, 28)
            )
        label = cursor_label(self._state.date)
        pill = cursor_label_rect(label, cx, w, self._bold)
        header = header_rect(self._header_size, pill, w)
        if header is not None:
            painter.setFont(self._font)
            painter.setPen(QColor(palette.INK_FAINT))
            painter.drawStaticText(header.topLeft(), self._header)
        paint_cursor(painter, cx, self._axis_y(), pill, label, self._bold)
        if self.hasFocus():
            painter.setPen(QPen(QColor(palette.INK_FAINT), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        painter.end()

    # -- input ----------------------------------------------------------------------------
    def grabs_cursor(self, pos: QPointF) -> bool:
        """Whether a press at ``pos`` takes hold of the time cursor (its line or its label)."""
        if abs(pos.x() - self.cursor_x()) <= GRAB_PX and pos.y() <= self._axis_y() + 8:
            return True
        return self.cursor_label_rect().contains(pos)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        x = pos.x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._drag, self._brush = "brush", (x, x)
            return None
        if self.grabs_cursor(pos):
            # Told apart by where the press lands: on the cursor it is a grab, even where
            # the cursor crosses an event's bar. The date moves only once the mouse does.
            self._drag = "cursor"
            return None
        cluster = self.cluster_at(pos)
        if cluster is not None:
            self._choose_from(cluster, event.globalPosition().toPoint())
            return None
        hit = self.event_at(pos)
        if hit is not None:
            # A click or the start of a drag: decided by the drag threshold.
            self._drag, self._pressed = "pending", (pos, hit.id)
            return None
        self._drag = "cursor"
        self._state.set_date(self.scale.date_at(x))
        return None

    def _choose_from(self, events: list[Event], at: QPoint) -> None:
        """A "+N" chip opens the list of its events; choosing one selects it."""
        chosen = self.ask_event(events, at)
        if chosen is not None:
            self._state.select(chosen)

    def ask_event(self, events: list[Event], at: QPoint) -> str | None:
        """The id of the event picked from a menu at ``at``, or None (tests replace this)."""
        menu = QMenu(self)
        menu.setAccessibleName("Events here")
        for e in events:
            menu.addAction(f"{e.when.display()} — {e.title}").setData(e.id)
        chosen = menu.exec(at)
        menu.deleteLater()
        return None if chosen is None else str(chosen.data())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        x = pos.x()
        if self._drag == "pending" and self._pressed is not None:
            moved = (pos - self._pressed[0]).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._drag, self._pressed = "cursor", None
        if self._drag == "cursor":
            self._state.set_date(self.scale.date_at(min(max(x, MARGIN_X), self.width() - MARGIN_X)))
        elif self._drag == "brush" and self._brush is not None:
            self._brush = (self._brush[0], x)
            self.update()
        elif self._drag is None:
            grab = self.grabs_cursor(pos)
            self.setCursor(Qt.CursorShape.SizeHorCursor if grab else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drag == "pending" and self._pressed is not None:
            self._state.select(self._pressed[1])
        elif self._drag == "brush" and self._brush is not None:
            a, b = sorted(self._brush)
            self._brush = None
            if b - a > 4:
                scale = self.scale
                self._set_window(scale.t_of(a), scale.t_of(b))
            self.update()
        self._drag, self._pressed = None, None

    def mouseDoubleClickEvent(self, _event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.fit_all()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        delta = event.angleDelta()
        if delta.y():
            factor = ZOOM_STEP ** (delta.y() / 120)
            self._scale = self.scale.zoomed(factor, event.position().x())
            self._layer_key = None
            self.update()
        elif delta.x():
            scale = self.scale
            shift = -delta.x() / 120 * scale.span * 0.1
            self._set_window(scale.t0 + shift, scale.t1 + shift)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        scale = self.scale
        if key == Qt.Key.Key_Left:
            self._state.step(-1)
        elif key == Qt.Key.Key_Right:
            self._state.step(+1)
        elif key == Qt.Key.Key_Home:
            self._state.go_to_end(last=False)
        elif key == Qt.Key.Key_End:
            self._state.go_to_end(last=True)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            factor = ZOOM_STEP if key != Qt.Key.Key_Minus else 1 / ZOOM_STEP
            self._scale = scale.zoomed(factor, self.cursor_x())
            self._layer_key = None
            self.update()
        elif key == Qt.Key.Key_0:
            self.fit_all()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            pos = QPointF(help_event.pos())
            chip = self.cluster_at(pos)
            hit = self.event_at(pos)
            if chip is not None:
                lines = Markup("").join(
                    Markup("<br>{} — {}").format(e.when.display(), e.title) for e in chip
                )
                text = Markup("<b>{} more events</b> (click to choose){}").format(len(chip), lines)
                QToolTip.showText(help_event.globalPos(), text, self)
            elif hit is not None:
                text = Markup("<b>{}</b><br>{}").format(hit.title, hit.when.display())
                if hit.when.is_fuzzy:
                    text += Markup(" <i>({})</i>").format(hit.when.precision.value)
                QToolTip.showText(help_event.globalPos(), text, self)
            else:
                day = self.scale.date_at(pos.x())
                QToolTip.showText(help_event.globalPos(), format_day(day), self)
            return True
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        return super().event(event)
