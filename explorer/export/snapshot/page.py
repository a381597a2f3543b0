"""One annotated map page: title, date stamp, the map, legend, scale bar, north arrow,
attribution and a footer citing the sources of what is shown.

Painted with a ``QPainter`` on any device (``QImage``, ``QSvgGenerator``, ``QPdfWriter``),
in that device's pixels; :class:`MapStyle` scales fonts and pens with the resolution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QTransform
from PySide6.QtWidgets import QAbstractGraphicsShapeItem

from explorer.domain.dates import format_day
from explorer.domain.model import Source
from explorer.domain.state import AppState
from explorer.render.decorations import (
    grid_convergence_deg,
    legend_size,
    paint_legend,
    paint_north_arrow,
    paint_scale_bar,
)
from explorer.render.legend import legend_entries
from explorer.render.scene import MapScene
from explorer.render.style import PAPER, TEXT, TEXT_MUTED

ATTRIBUTION = (
    "Basemap: Natural Earth (public domain); overlays: schematic, see geodata/README.md. "
    "Made with Karabakh Explorer."
)


@dataclass
class PageContent:
    """What one page says besides the map."""

    title: str
    date: dt.date
    subtitle: str = ""
    notes: str = ""


def fit_rect(source: QRectF, frame: QRectF) -> QRectF:
    """``source`` grown (about its centre) to the aspect ratio of ``frame``."""
    aspect = frame.width() / frame.height()
    w, h = source.width(), source.height()
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    c = source.center()
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


def long_date(day: dt.date) -> str:
    return format_day(day)


def visible_sources(scene: MapScene, state: AppState, source_rect: QRectF) -> list[Source]:
    """Sources of the selected event and of the events the markers in ``source_rect`` show."""
    events = []
    if state.selected_event is not None:
        events.append(state.selected_event)
    for place_id in scene.events.visible_places():
        point = scene.place_points.get(place_id)
        if point is not None and not source_rect.contains(point):
            continue
        events += state.timeline.events_at_place(place_id, state.date)
    seen: dict[str, Source] = {}
    for event in events:
        for source in event.sources:
            seen.setdefault(source.id, source)
    return sorted(seen.values(), key=lambda s: s.citation())


def paint_page(
    painter: QPainter,
    page: QRectF,
    scene: MapScene,
    state: AppState,
    extent: QRectF,
    content: PageContent,
) -> None:
    """Paint a whole page into ``page`` (device pixels)."""
    style = scene.map_style
    painter.save()
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(page, PAPER)
    margin = style.px(30)
    inner = page.adjusted(margin, margin, -margin, -margin)
    # The title block is measured first and drawn after the map (see below).
    title_font = style.font(22, bold=True)
    sub_font = style.font(12.5)
    title_h = QFontMetricsF(title_font).height()
    title_rect = QRectF(inner.left(), inner.top(), inner.width(), title_h)
    y = title_rect.bottom() + style.px(2) + QFontMetricsF(sub_font).height()
    if content.notes:
        y += QFontMetricsF(style.font(11, italic=True)).height()
    map_top = y + style.px(8)
    # Footer: sources (wrapped, small), then the attribution.
    footer_font = style.font(9)
    metrics = QFontMetricsF(footer_font)
    flags = int(Qt.TextFlag.TextWordWrap)
    max_footer = page.height() * 0.16
    frame_guess = QRectF(
        inner.left(), map_top, inner.width(), inner.bottom() - map_top - max_footer
    )
    source_rect = fit_rect(extent, frame_guess)
    sources = visible_sources(scene, state, source_rect)
    cites = "; ".join(f"[{i}] {s.citation()}" for i, s in enumerate(sources, 1))
    footer_text = f"Sources of the events shown: {cites}." if sources else "No events shown."
    text_rect = metrics.boundingRect(QRectF(0, 0, inner.width(), 100_000), flags, footer_text)
    attr_h = metrics.height()
    footer_h = min(text_rect.height(), max_footer - attr_h) + attr_h + style.px(6)
    footer = QRectF(inner.left(), inner.bottom() - footer_h, inner.width(), footer_h)
    frame = QRectF(inner.left(), map_top, inner.width(), footer.top() - style.px(8) - map_top)
    _paint_map(painter, frame, scene, state, fit_rect(extent, frame))
    # SVG output ignores clipping: cover whatever the scene drew outside the frame.
    for band in (
        QRectF(page.left(), page.top(), page.width(), frame.top() - page.top()),
        QRectF(page.left(), frame.bottom(), page.width(), page.bottom() - frame.bottom()),
        QRectF(page.left(), frame.top(), frame.left() - page.left(), frame.height()),
        QRectF(frame.right(), frame.top(), page.right() - frame.right(), frame.height()),
    ):
        painter.fillRect(band, PAPER)
    _paint_title(painter, inner, style, content)
    painter.setPen(QPen(QColor(TEXT_MUTED), style.px(1)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    painter.setFont(footer_font)
    painter.setPen(TEXT)
    body = QRectF(
        footer.left(), footer.top() + style.px(6), footer.width(), footer_h - attr_h - style.px(6)
    )
    painter.save()
    painter.setClipRect(body)
    painter.drawText(body, flags, footer_text)
    painter.restore()
    painter.setPen(TEXT_MUTED)
    painter.drawText(
        QRectF(footer.left(), footer.bottom() - attr_h, footer.width(), attr_h),
        Qt.AlignmentFlag.AlignLeft,
        ATTRIBUTION,
    )
    painter.restore()


def _paint_title(painter: QPainter, inner: QRectF, style, content: PageContent) -> None:
    """Title, date stamp and notes at the top of ``inner``."""
    title_font = style.font(22, bold=True)
    sub_font = style.font(12.5)
    painter.setFont(title_font)
    painter.setPen(TEXT)
    title_h = QFontMetricsF(title_font).height()
    title_rect = QRectF(inner.left(), inner.top(), inner.width(), title_h)
    painter.drawText(
        title_rect,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        QFontMetricsF(title_font).elidedText(
            content.title, Qt.TextElideMode.ElideRight, inner.width()
        ),
    )
    stamp = f"Situation on {long_date(content.date)}"
    if content.subtitle:
        stamp += f"  ·  {content.subtitle}"
    painter.setFont(sub_font)
    painter.setPen(TEXT_MUTED)
    sub_h = QFontMetricsF(sub_font).height()
    y = title_rect.bottom() + style.px(2)
    painter.drawText(
        QRectF(inner.left(), y, inner.width(), sub_h), Qt.AlignmentFlag.AlignLeft, stamp
    )
    y += sub_h
    if content.notes:
        notes_font = style.font(11, italic=True)
        painter.setFont(notes_font)
        metrics = QFontMetricsF(notes_font)
        painter.drawText(
            QRectF(inner.left(), y, inner.width(), metrics.height()),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(content.notes, Qt.TextElideMode.ElideRight, inner.width()),
        )
        y += metrics.height()


@contextmanager
def scene_unit_pens(scene: MapScene, metres_per_px: float) -> Iterator[None]:
    """Give the scene's line work plain pens as wide, in metres, as their pixels at this scale.

    On screen, borders and outlines use cosmetic pens (the same pixels at every zoom). An
    SVG writer keeps such a pen as ``vector-effect="non-scaling-stroke"`` under the tiny
    metres-to-page transform: renderers that do not know the effect (rsvg) draw it ~0.05 px
    wide, and those that do (browsers) scale it with the SVG's size, not the page's. A plain
    pen whose width is converted to scene units comes out the same in PNG, PDF and SVG.
    """
    swapped = []
    for item in scene.items():
        if isinstance(item, QAbstractGraphicsShapeItem) and item.pen().isCosmetic():
            pen = item.pen()
            plain = QPen(pen)
            plain.setCosmetic(False)
            plain.setWidthF(pen.widthF() * metres_per_px)
            item.setPen(plain)
            swapped.append((item, pen))
    try:
        yield
    finally:
        for item, pen in swapped:
            item.setPen(pen)


def _paint_map(
    painter: QPainter, frame: QRectF, scene: MapScene, state: AppState, source: QRectF
) -> None:
    style = scene.map_style
    k = frame.width() / source.width()
    to_device = QTransform()
    to_device.translate(frame.left(), frame.top())
    to_device.scale(k, k)
    to_device.translate(-source.left(), -source.top())
    margin = style.px(12)
    entries = legend_entries(scene)
    width = min(style.px(270), frame.width() * 0.35)
    size = legend_size(entries, style, width) if entries else QRectF()
    legend_at = QPointF(frame.right() - margin - width, frame.bottom() - margin - size.height())
    reserved = [
        QRectF(legend_at, size.size()),
        QRectF(frame.left(), frame.bottom() - style.px(60), style.px(200), style.px(60)),
        QRectF(frame.right() - style.px(70), frame.top(), style.px(70), style.px(70)),
    ]
    scene.layout(source, to_device, reserved)
    painter.save()
    painter.setClipRect(frame)
    painter.fillRect(frame, scene.backgroundBrush())
    with scene_unit_pens(scene, 1.0 / k):
        scene.render(painter, frame, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()
    painter.save()
    painter.setClipRect(frame)
    margin = style.px(12)
    paint_scale_bar(
        painter,
        QPointF(frame.left() + margin + style.px(6), frame.bottom() - margin),
        1.0 / k,
        style,
    )
    centre = source.center()
    paint_north_arrow(
        painter,
        QPointF(frame.right() - margin - style.px(20), frame.top() + margin + style.px(24)),
        style,
        grid_convergence_deg(centre.x(), -centre.y()),
    )
    if entries:
        paint_legend(
            painter,
            legend_at,
            entries,
            style,
            width,
        )
    painter.restore()
    painter.setPen(QPen(QColor(TEXT_MUTED), style.px(1)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
