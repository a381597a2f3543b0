"""Painting helpers of the timeline: marks, histogram, axis, the cursor and the header.

Plain functions over a ``QPainter`` and a :class:`TimeScale`, so :mod:`explorer.qt.timeline.view`
keeps only state, caching and input. Geometry that tests check (where the cursor's date
label and the header go) is computed here without painting.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen

from explorer.domain.dates import Precision, format_day
from explorer.domain.model import Event
from explorer.qt.timeline.scale import TimeScale, assign_lanes, density, ticks
from explorer.render import palette

MARGIN_X = 16.0
TOP = 26.0  # room for the cursor's date label and the header
AXIS_ROOM = 26.0  # room under the axis line for tick labels
LANE_H = 12.0
LANE_GAP = 3.0
MIN_MARK_W = 3.0  # narrower spans are drawn as ticks
LABEL_Y = 3.0  # top of the cursor's date label and of the header
HEADER_GAP = 10.0  # the least room between the cursor's label and the header


def layout_marks(
    scale: TimeScale,
    starts: np.ndarray,
    ends: np.ndarray,
    indexes: np.ndarray,
    width: float,
    axis_y: float,
) -> list[QRectF]:
    """The rectangle of each event in ``indexes``, stacked in lanes above the axis."""
    top, bottom = TOP, axis_y - 6
    max_lanes = max(int((bottom - top + LANE_GAP) // (LANE_H + LANE_GAP)), 1)
    x0s = [max(scale.x_of(starts[i]), -10.0) for i in indexes]
    x1s = [min(scale.x_of(ends[i]), width + 10.0) for i in indexes]
    x1s = [max(b, a + MIN_MARK_W) for a, b in zip(x0s, x1s, strict=True)]
    lanes = assign_lanes(x0s, x1s, max_lanes, gap=2.0)
    lane_h = min(LANE_H, (bottom - top) / max(max(lanes, default=0) + 1, 1) - LANE_GAP)
    lane_h = max(lane_h, 4.0)
    return [
        QRectF(x0, bottom - (lane + 1) * (lane_h + LANE_GAP) + LANE_GAP, x1 - x0, lane_h)
        for x0, x1, lane in zip(x0s, x1s, lanes, strict=True)
    ]


def paint_mark(painter: QPainter, event: Event, rect: QRectF, selected: bool) -> None:
    """One event: a tick, a bar, or a bar fading at both ends for an imprecise date."""
    colour = QColor(palette.category_colour(event.category))
    painter.setPen(Qt.PenStyle.NoPen)
    if rect.width() <= MIN_MARK_W + 0.01:
        # A single day (or a short span at this zoom): a tick.
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(rect.center().x() - 1.5, rect.y(), 3, rect.height()), 1, 1)
    elif event.when.is_fuzzy:
        # Imprecise dates fade out at both ends: the event lies somewhere in the span.
        gradient = QLinearGradient(rect.topLeft(), rect.topRight())
        edge, core = QColor(colour), QColor(colour)
        edge.setAlphaF(0.08)
        core.setAlphaF(0.55 if event.when.precision is Precision.APPROXIMATE else 0.75)
        gradient.setColorAt(0.0, edge)
        if event.when.precision is Precision.APPROXIMATE:
            gradient.setColorAt(0.5, core)
        else:
            gradient.setColorAt(0.25, core)
            gradient.setColorAt(0.75, core)
        gradient.setColorAt(1.0, edge)
        painter.setBrush(gradient)
        painter.drawRoundedRect(rect, 3, 3)
    else:
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 3, 3)
    if selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(palette.SELECTION), 2))
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 3, 3)


def paint_histogram(painter: QPainter, scale: TimeScale, starts: np.ndarray, axis_y: float) -> None:
    """Event starts per 3-pixel bin, for views too dense for individual marks."""
    bin_px = 3.0
    bins = max(int((scale.right - scale.left) / bin_px), 1)
    counts = density(starts, scale.t0, scale.t1, bins)
    peak = max(int(counts.max()), 1)
    top, bottom = TOP, axis_y - 4
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.INK_MUTED))
    for i in np.nonzero(counts)[0]:
        h = max((bottom - top) * (counts[i] / peak) ** 0.5, 1.5)  # sqrt: quiet periods show
        x = scale.left + i * bin_px
        painter.drawRect(QRectF(x, bottom - h, bin_px - 0.8, h))


def paint_axis(
    painter: QPainter, scale: TimeScale, axis_y: float, font: QFont, bold: QFont
) -> None:
    """The axis line, grid lines and tick labels (major ticks bold)."""
    y = axis_y
    fm = QFontMetricsF(font)
    painter.setPen(QPen(QColor(palette.RULE), 1))
    painter.drawLine(QPointF(scale.left, y), QPointF(scale.right, y))
    for tick in ticks(scale):
        x = scale.x_of(tick.t)
        if not scale.left - 1 <= x <= scale.right + 1:
            continue
        painter.setPen(QPen(QColor(palette.GRID), 1))
        painter.drawLine(QPointF(x, TOP - 2), QPointF(x, y))
        painter.setPen(QPen(QColor(palette.INK_FAINT), 1))
        painter.drawLine(QPointF(x, y), QPointF(x, y + (6 if tick.major else 3)))
        painter.setFont(bold if tick.major else font)
        painter.setPen(QColor(palette.INK if tick.major else palette.INK_MUTED))
        painter.drawText(QPointF(x + 3, y + 4 + fm.ascent()), tick.label)


def header_text(scale: TimeScale, shown: int, total: int) -> str:
    """'1988–2023 · 12 of 69 events': the years in view (month and day scales may show no
    January) and how many events the filter lets through."""
    first, last = scale.date_at(scale.left), scale.date_at(scale.right)
    years = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    count = f"{shown} of {total} events" if shown != total else f"{shown} events"
    return f"{years} · {count}"


def cursor_label(date: dt.date) -> str:
    return format_day(date, short=True)


def cursor_label_rect(label: str, cx: float, width: float, bold: QFont) -> QRectF:
    """The pill holding the cursor's date: centred on the cursor, kept inside the widget."""
    fm = QFontMetricsF(bold)
    w = fm.horizontalAdvance(label) + 12
    x = min(max(cx - w / 2, 2), width - w - 2)
    return QRectF(x, LABEL_Y, w, fm.height() + 4)


def header_rect(size: QSizeF, pill: QRectF, width: float) -> QRectF | None:
    """Where the header goes: top left, or top right when the cursor's label is at the left.

    ``None`` when neither side leaves it clear of the label (a very narrow timeline): the
    date under the cursor matters more than the header.
    """
    y = LABEL_Y + (pill.height() - size.height()) / 2
    clear = pill.adjusted(-HEADER_GAP, 0, HEADER_GAP, 0)
    for x in (MARGIN_X, width - MARGIN_X - size.width()):
        rect = QRectF(QPointF(x, y), size)
        if x >= 0 and not rect.intersects(clear):
            return rect
    return None


def paint_cursor(
    painter: QPainter, cx: float, axis_y: float, pill: QRectF, label: str, bold: QFont
) -> None:
    """The cursor line and its date label."""
    painter.setPen(QPen(QColor(palette.CURSOR), 1.5))
    painter.drawLine(QPointF(cx, TOP - 2), QPointF(cx, axis_y + 6))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.CURSOR))
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.setFont(bold)
    painter.setPen(QColor(palette.PANEL))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
