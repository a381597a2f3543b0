"""Painting helpers of the timeline: marks, histogram, axis, the cursor and the header.

Plain functions over a ``QPainter`` and a :class:`TimeScale`, so :mod:`explorer.qt.timeline.view`
keeps only state, caching and input. Geometry that tests check (where the cursor's date
label and the header go) is computed here without painting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen

from explorer.domain.dates import Precision, format_day
from explorer.domain.model import Event
from explorer.qt.timeline.scale import (
    TimeScale,
    density,
    pack_lanes,
    spaced_labels,
    ticks,
    title_room,
)
from explorer.render import palette

MARGIN_X = 16.0
TOP = 26.0  # room for the cursor's date label and the header
AXIS_ROOM = 26.0  # room under the axis line for tick labels
KEY_ROOM = 16.0  # the category colour key, along the bottom
LANE_H = 16.0  # tall enough for a title
MIN_LANE_H = 7.0  # below this, events cluster as "+N" instead of getting thinner lanes
MIN_TITLE_PX = 28.0  # a title is drawn where at least this much of it fits
LANE_GAP = 2.0
MIN_MARK_W = 3.0  # narrower spans are drawn as ticks
LABEL_Y = 3.0  # top of the cursor's date label and of the header
HEADER_GAP = 10.0  # the least room between the cursor's label and the header


@dataclass
class MarksLayout:
    """Where each event in view goes: its own rectangle in a lane, or a "+N" cluster chip."""

    rects: dict[int, QRectF]  # event index → its mark
    titles: dict[int, float]  # event index → room for its title (only where one fits)
    clusters: list[tuple[QRectF, list[int]]]  # chip → the event indexes it stands for
    lane_h: float


def layout_marks(
    scale: TimeScale,
    starts: np.ndarray,
    ends: np.ndarray,
    indexes: np.ndarray,
    width: float,
    axis_y: float,
    title_h: float = 0.0,
) -> MarksLayout:
    """Lanes above the axis for the events in ``indexes``: as many as the height allows,
    each at least ``MIN_LANE_H`` tall; what does not fit is clustered in the top lane.

    ``title_h`` is the height a title needs: lanes that tall get titles where there is room.
    """
    top, bottom = TOP, axis_y - 6
    height = bottom - top
    x0s = [max(scale.x_of(starts[i]), -10.0) for i in indexes]
    x1s = [min(scale.x_of(ends[i]), width + 10.0) for i in indexes]
    x1s = [max(b, a + MIN_MARK_W) for a, b in zip(x0s, x1s, strict=True)]
    # Zoomed in far enough that most marks are bars wider than a short title, lanes keep a
    # title's height (and the overflow clusters sooner); zoomed out, thin lanes hold more.
    widths = sorted(b - a for a, b in zip(x0s, x1s, strict=True))
    titled = bool(title_h) and bool(widths) and widths[len(widths) // 2] >= 2 * MIN_TITLE_PX
    min_lane = max(title_h, MIN_LANE_H) if titled else MIN_LANE_H
    capacity = max(int((height + LANE_GAP) // (min_lane + LANE_GAP)), 1)
    lanes, clusters = pack_lanes(x0s, x1s, capacity, gap=2.0, long_w=0.4 * width)
    used = max(max(lanes, default=0) + 1, 1) + (1 if clusters else 0)
    lane_h = max(min(max(LANE_H, min_lane), height / used - LANE_GAP), 4.0)

    def y_of(lane: int) -> float:
        return bottom - (lane + 1) * (lane_h + LANE_GAP) + LANE_GAP

    rects = {
        int(indexes[k]): QRectF(x0s[k], y_of(lane), x1s[k] - x0s[k], lane_h)
        for k, lane in enumerate(lanes)
        if lane >= 0
    }
    titles: dict[int, float] = {}
    if title_h and lane_h >= title_h - 0.5:
        room = title_room(x0s, lanes, width - MARGIN_X)
        titles = {int(indexes[k]): r for k, r in enumerate(room) if r >= MIN_TITLE_PX}
    chip_lane = used - 1
    chips = []
    for c in clusters:
        x0 = min(max(c.x0, 2.0), width - 30.0)  # a chip for events begun before the view
        x1 = max(c.x1, x0 + 26.0)
        members = [int(indexes[k]) for k in c.members]
        chips.append((QRectF(x0, y_of(chip_lane), x1 - x0, lane_h), members))
    return MarksLayout(rects, titles, chips, lane_h)


def paint_title(painter: QPainter, rect: QRectF, room: float, title: str, font: QFont) -> None:
    """An event's title from the start of its mark, elided to the room in its lane."""
    fm = QFontMetricsF(font)
    # A bar begun before the view has its title at the view's edge, not cut off.
    x = max(rect.left(), 2.0) + (5 if rect.width() > MIN_MARK_W + 0.01 else 4)
    text = fm.elidedText(title, Qt.TextElideMode.ElideRight, room - (x - rect.left()) - 2)
    if not text:
        return
    painter.setFont(font)
    painter.setPen(QColor(palette.INK))
    painter.drawText(
        QRectF(x, rect.top(), room, rect.height()),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        text,
    )


def paint_cluster(painter: QPainter, rect: QRectF, count: int, font: QFont) -> None:
    """A "+N" chip: N events too many for the lanes here; a click lists them."""
    painter.setPen(QPen(QColor(palette.INK_MUTED), 1))
    painter.setBrush(QColor(palette.PAPER))
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    painter.setFont(font)
    painter.setPen(QColor(palette.INK))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"+{count}")


def paint_key(painter: QPainter, y: float, width: float, font: QFont) -> None:
    """The colour of each category, in a row along the bottom."""
    fm = QFontMetricsF(font)
    painter.setFont(font)
    x = MARGIN_X
    box = min(fm.height() - 4, 9.0)
    for category, colour in palette.CATEGORY_COLOURS.items():
        name = category.value.capitalize()
        w = box + 4 + fm.horizontalAdvance(name)
        if x + w > width - MARGIN_X:
            break
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(x, y + (fm.height() - box) / 2, box, box), 2, 2)
        painter.setPen(QColor(palette.INK_MUTED))
        painter.drawText(QPointF(x + box + 4, y + fm.ascent()), name)
        x += w + 14


def paint_mark(
    painter: QPainter, event: Event, rect: QRectF, selected: bool, titled: bool = False
) -> None:
    """One event: a tick, a bar, or a bar fading at both ends for an imprecise date.

    A bar that carries its title is a light tint of its colour with a solid strip along its
    foot, so the title reads in ink on every category's colour.
    """
    colour = QColor(palette.category_colour(event.category))
    painter.setPen(Qt.PenStyle.NoPen)
    if rect.width() <= MIN_MARK_W + 0.01:
        # A single day (or a short span at this zoom): a tick.
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(rect.center().x() - 1.5, rect.y(), 3, rect.height()), 1, 1)
    else:
        strength = 0.3 if titled else 1.0
        if event.when.is_fuzzy:
            # Imprecise dates fade out at both ends: the event lies somewhere in the span.
            gradient = QLinearGradient(rect.topLeft(), rect.topRight())
            edge, core = QColor(colour), QColor(colour)
            edge.setAlphaF(0.08)
            approximate = event.when.precision is Precision.APPROXIMATE
            core.setAlphaF((0.55 if approximate else 0.75) * (0.5 if titled else 1.0))
            gradient.setColorAt(0.0, edge)
            if approximate:
                gradient.setColorAt(0.5, core)
            else:
                gradient.setColorAt(0.25, core)
                gradient.setColorAt(0.75, core)
            gradient.setColorAt(1.0, edge)
            painter.setBrush(gradient)
        else:
            tint = QColor(colour)
            tint.setAlphaF(strength)
            painter.setBrush(tint)
        painter.drawRoundedRect(rect, 3, 3)
        if titled:
            foot = QRectF(rect.left(), rect.bottom() - 3, rect.width(), 3)
            if event.when.is_fuzzy:
                gradient = QLinearGradient(rect.topLeft(), rect.topRight())
                clear = QColor(colour)
                clear.setAlphaF(0.1)
                gradient.setColorAt(0.0, clear)
                gradient.setColorAt(0.5, colour)
                gradient.setColorAt(1.0, clear)
                painter.setBrush(gradient)
            else:
                painter.setBrush(colour)
            painter.drawRect(foot)
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
    """The axis line, grid lines and tick labels (major ticks bold), labels never colliding."""
    y = axis_y
    fm, fm_bold = QFontMetricsF(font), QFontMetricsF(bold)
    painter.setPen(QPen(QColor(palette.RULE), 1))
    painter.drawLine(QPointF(scale.left, y), QPointF(scale.right, y))
    shown = [t for t in ticks(scale) if scale.left - 1 <= scale.x_of(t.t) <= scale.right + 1]
    xs = [scale.x_of(t.t) + 3 for t in shown]
    widths = [(fm_bold if t.major else fm).horizontalAdvance(t.label) for t in shown]
    labelled = spaced_labels(xs, widths, [t.major for t in shown])
    for tick, x, keep in zip(shown, xs, labelled, strict=True):
        x -= 3
        painter.setPen(QPen(QColor(palette.GRID), 1))
        painter.drawLine(QPointF(x, TOP - 2), QPointF(x, y))
        painter.setPen(QPen(QColor(palette.INK_FAINT), 1))
        painter.drawLine(QPointF(x, y), QPointF(x, y + (6 if tick.major else 3)))
        if keep:
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
