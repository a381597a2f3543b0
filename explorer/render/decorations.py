"""Scale bar, north arrow and legend, painted in device pixels on the view or on a page.

The same functions serve the window (``MapView.drawForeground``) and the snapshot page, so
a snapshot's decorations match the screen. Sizes come from :class:`MapStyle`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap

from explorer.data.geo import map_to_lonlat
from explorer.data.geo_utm import LON0_DEG
from explorer.render.style import HALO, PAPER, TEXT, TEXT_MUTED, MapStyle


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above ``max_metres``."""
    if max_metres <= 0:
        return 0.0
    exponent = math.floor(math.log10(max_metres))
    for factor in (5, 2, 1):
        length = factor * 10**exponent
        if length <= max_metres:
            return float(length)
    return float(10 ** (exponent - 1) * 5)


def paint_scale_bar(
    painter: QPainter | None, bottom_left: QPointF, metres_per_px: float, style: MapStyle
) -> QRectF:
    """A two-segment scale bar of a round length; returns the rectangle it took.

    With ``painter`` None nothing is drawn: the rectangle it would take (for layout).

    ``metres_per_px`` is the map's scale at the bar (UTM grid metres; the scale factor of
    UTM stays within 0.04 % across the region, below what a bar can show).
    """
    target = style.px(140) * metres_per_px
    length = nice_length(target)
    if length <= 0:
        return QRectF()
    width = length / metres_per_px
    h = style.px(5)
    x, y = bottom_left.x(), bottom_left.y() - style.px(4)
    font = style.font(10)
    metrics = QFontMetricsF(font)
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    box = QRectF(
        x - style.px(6),
        y - h - metrics.height() - style.px(8),
        width + metrics.horizontalAdvance(label) + style.px(18),
        h + metrics.height() + style.px(14),
    )
    if painter is None:
        return box
    backdrop = QColor(PAPER)
    backdrop.setAlpha(200)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(backdrop)
    painter.drawRoundedRect(box, style.px(3), style.px(3))
    painter.setPen(QPen(TEXT, style.px(1)))
    half = width / 2
    painter.setBrush(TEXT)
    painter.drawRect(QRectF(x, y - h, half, h))
    painter.setBrush(PAPER)
    painter.drawRect(QRectF(x + half, y - h, half, h))
    painter.setFont(font)
    baseline = y - h - style.px(3)
    painter.drawText(QPointF(x - metrics.horizontalAdvance("0") / 2, baseline), "0")
    mid = f"{length / 2000:g}" if length >= 1000 else f"{length / 2:g}"
    painter.drawText(QPointF(x + half - metrics.horizontalAdvance(mid) / 2, baseline), mid)
    painter.drawText(QPointF(x + width + style.px(5), y), label)
    painter.restore()
    return box


def grid_convergence_deg(x: float, y: float) -> float:
    """Angle from grid north to true north at map point (x, y), degrees (east positive)."""
    lon, lat = map_to_lonlat(x, y)
    return math.degrees(
        math.atan(math.tan(math.radians(lon - LON0_DEG)) * math.sin(math.radians(lat)))
    )


def paint_north_arrow(
    painter: QPainter | None, centre: QPointF, style: MapStyle, convergence_deg: float = 0.0
) -> QRectF:
    """A half-filled arrow with an N, turned to true north (UTM grid north differs slightly).

    Returns the rectangle it takes (with ``painter`` None, only that).
    """
    size = style.px(30)
    rect = QRectF(centre.x() - size * 0.62, centre.y() - size * 0.75, size * 1.24, size * 1.4)
    if painter is None:
        return rect
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(centre)
    backdrop = QColor(PAPER)
    backdrop.setAlpha(200)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(backdrop)
    painter.drawEllipse(QPointF(0, style.px(3)), size * 0.62, size * 0.62)
    painter.rotate(-convergence_deg)
    half = size / 2
    left = QPainterPath()
    left.moveTo(0, -half * 0.75)
    left.lineTo(-half * 0.38, half * 0.55)
    left.lineTo(0, half * 0.3)
    left.closeSubpath()
    right = QPainterPath()
    right.moveTo(0, -half * 0.75)
    right.lineTo(half * 0.38, half * 0.55)
    right.lineTo(0, half * 0.3)
    right.closeSubpath()
    painter.setPen(QPen(TEXT, style.px(1)))
    painter.setBrush(TEXT)
    painter.drawPath(left)
    painter.setBrush(PAPER)
    painter.drawPath(right)
    painter.setFont(style.font(10, bold=True))
    painter.setPen(TEXT)
    n_box = QRectF(-half, -half * 0.75 - style.px(13), size, style.px(12))
    painter.drawText(n_box, Qt.AlignmentFlag.AlignCenter, "N")
    painter.restore()
    return rect


@dataclass
class LegendEntry:
    """One line of the legend: a swatch (area, line or marker) and its text."""

    kind: str  # "area" | "line" | "marker" | "ring" | "header"
    text: str
    brush: QBrush | None = None
    pen: QPen | None = None
    hatch: QBrush | None = None


def legend_size(entries: list[LegendEntry], style: MapStyle, width: float) -> QRectF:
    """The rectangle the legend needs at ``width`` (text wraps)."""
    return _legend(None, QPointF(0, 0), entries, style, width)


def paint_legend(
    painter: QPainter, top_left: QPointF, entries: list[LegendEntry], style: MapStyle, width: float
) -> QRectF:
    """The legend box at ``top_left``, ``width`` device pixels wide; returns its rectangle."""
    return _legend(painter, top_left, entries, style, width)


def _legend(painter, top_left, entries, style, width) -> QRectF:
    pad, swatch, gap = style.px(8), style.px(18), style.px(6)
    font, header_font = style.font(10), style.font(10.5, bold=True)
    text_w = width - 2 * pad - swatch - gap
    y = top_left.y() + pad
    rows = []
    for entry in entries:
        f = header_font if entry.kind == "header" else font
        metrics = QFontMetricsF(f)
        w = width - 2 * pad if entry.kind == "header" else text_w
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = metrics.boundingRect(QRectF(0, 0, w, 10_000), flags, entry.text)
        h = max(rect.height(), style.px(12))
        rows.append((entry, f, y, h, w))
        y += h + style.px(4)
    box = QRectF(top_left.x(), top_left.y(), width, y - top_left.y() + pad - style.px(4))
    if painter is None:
        return box
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    backdrop = QColor(PAPER)
    backdrop.setAlpha(225)
    painter.setPen(
        QPen(QColor(TEXT_MUTED.red(), TEXT_MUTED.green(), TEXT_MUTED.blue(), 90), style.px(1))
    )
    painter.setBrush(backdrop)
    painter.drawRoundedRect(box, style.px(3), style.px(3))
    x = top_left.x() + pad
    for entry, f, row_y, h, w in rows:
        painter.setFont(f)
        painter.setPen(TEXT)
        if entry.kind == "header":
            painter.drawText(QRectF(x, row_y, w, h), int(Qt.TextFlag.TextWordWrap), entry.text)
            continue
        _swatch(painter, QRectF(x, row_y + style.px(1), swatch, style.px(11)), entry, style)
        painter.setPen(TEXT)
        text_rect = QRectF(x + swatch + gap, row_y, w, h)
        painter.drawText(text_rect, int(Qt.TextFlag.TextWordWrap), entry.text)
    painter.restore()
    return box


def flow_legend(
    painter: QPainter | None, rect: QRectF, entries: list[LegendEntry], style: MapStyle
) -> float:
    """A compact legend as one flowing paragraph of swatches and texts in ``rect``'s width.

    For pages too small for the boxed legend over the map: entries go left to right and
    wrap to a new line; returns the height taken (nothing is drawn with ``painter`` None).
    """
    font = style.font(10)
    metrics = QFontMetricsF(font)
    swatch, gap, space = style.px(16), style.px(4), style.px(12)
    line_h = max(metrics.height(), style.px(12))
    x, y = rect.left(), rect.top()
    for entry in entries:
        text_w = min(metrics.horizontalAdvance(entry.text), rect.width() - swatch - gap)
        w = swatch + gap + text_w
        if x > rect.left() and x + w > rect.right():
            x, y = rect.left(), y + line_h + style.px(2)
        if painter is not None:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            box = QRectF(x, y + (line_h - style.px(10)) / 2, swatch, style.px(10))
            _swatch(painter, box, entry, style)
            painter.setFont(font)
            painter.setPen(TEXT)
            text = metrics.elidedText(entry.text, Qt.TextElideMode.ElideRight, text_w + 1)
            painter.drawText(QPointF(x + swatch + gap, y + metrics.ascent()), text)
            painter.restore()
        x += w + space
    return y + line_h - rect.top()


def _swatch(painter: QPainter, rect: QRectF, entry: LegendEntry, style: MapStyle) -> None:
    painter.save()
    pen = QPen(entry.pen) if entry.pen is not None else QPen(Qt.PenStyle.NoPen)
    if entry.kind == "area":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(entry.brush or Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        if entry.hatch is not None:
            hatch = QBrush(entry.hatch)
            inverse, ok = painter.worldTransform().inverted()
            if ok:
                from PySide6.QtGui import QTransform

                hatch.setTransform(QTransform.fromScale(style.scale, style.scale) * inverse)
            painter.setBrush(hatch)
            painter.drawRect(rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
        painter.drawRect(rect)
    elif entry.kind == "line":
        painter.setPen(pen)
        painter.drawLine(
            QPointF(rect.left(), rect.center().y()), QPointF(rect.right(), rect.center().y())
        )
    elif entry.kind in ("marker", "ring"):
        r = rect.height() / 2
        c = rect.center()
        if entry.kind == "ring":
            painter.setPen(QPen(HALO, style.px(4)))
            painter.drawEllipse(c, r, r)
        painter.setPen(pen)
        painter.setBrush(entry.brush or Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, r * 0.8, r * 0.8)
    painter.restore()


def decorations_pixmap(
    size, dpr: float, hints, style: MapStyle, metres_per_px: float, convergence: float, legend
) -> QPixmap:
    """The view's scale bar, north arrow and legend on a transparent pixmap of ``size``.

    ``legend(painter)`` paints the legend; the view blits the pixmap on every repaint and
    paints it again only when the zoom, the pan or the legend changes.
    """
    pixmap = QPixmap(max(round(size.width() * dpr), 1), max(round(size.height() * dpr), 1))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHints(hints)
    view = QRectF(0, 0, size.width(), size.height())
    margin = style.px(12)
    paint_scale_bar(
        painter, QPointF(margin + style.px(6), view.bottom() - margin), metres_per_px, style
    )
    paint_north_arrow(
        painter,
        QPointF(view.right() - margin - style.px(20), margin + style.px(24)),
        style,
        convergence,
    )
    legend(painter)
    painter.end()
    return pixmap
