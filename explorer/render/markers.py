"""Point items of the map: place symbols, per-place event markers, edge badges, the ring.

All of them ignore the view's scale (their sizes are device pixels times the style's scale),
so a marker stays readable at any zoom. A time step only changes a marker's counts; the
items themselves are made once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem

from explorer.render.sizes import event_marker_radius
from explorer.render.style import (
    EVENT_OLD,
    EVENT_RECENT,
    HALO,
    PAPER,
    SELECTION,
    TEXT,
    TEXT_MUTED,
    MapStyle,
)


class _DeviceItem(QGraphicsItem):
    """Base of the items drawn in device pixels around their scene position."""

    def __init__(self, style: MapStyle) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._style = style


class PlaceSymbolItem(_DeviceItem):
    """The gazetteer symbol of a place: ringed dot for capitals, dots for cities and towns."""

    def __init__(self, place_id: str, kind: str, style: MapStyle) -> None:
        super().__init__(style)
        self.place_id = place_id
        self.kind = kind
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._r = style.px({"capital": 4.5, "city": 3.4, "town-context": 2.0}.get(kind, 2.6))
        r = self._r + style.px(1.5)
        self._bounds = QRectF(-r, -r, 2 * r, 2 * r)

    def radius(self) -> float:
        return self._r

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r, s = self._r, self._style
        painter.setPen(QPen(HALO, s.px(1.2)))
        if self.kind == "capital":
            painter.setBrush(PAPER)
            painter.setPen(QPen(TEXT, s.px(1.3)))
            painter.drawEllipse(QPointF(0, 0), r, r)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TEXT)
            painter.drawEllipse(QPointF(0, 0), r * 0.5, r * 0.5)
        else:
            if self.kind == "town-context":  # a context town: an open muted circle
                painter.setPen(QPen(TEXT_MUTED, s.px(1.1)))
                painter.setBrush(PAPER)
            else:
                painter.setBrush(TEXT if self.kind in ("city", "town") else TEXT_MUTED)
            painter.drawEllipse(QPointF(0, 0), r, r)


class EventMarkerItem(_DeviceItem):
    """The events at one place: a disc sized by count, a badge with the count if > 1.

    Recent events (within ``RECENT_DAYS`` of the cursor) make the disc strong; a place whose
    events are all older is drawn muted. The item is hidden while the place has no events.
    """

    always_shown = False  # shown with no events too (a country's name)

    def __init__(self, place_id: str, style: MapStyle) -> None:
        super().__init__(style)
        self.place_id = place_id
        self.total = 0
        self.recent = 0
        self.setZValue(30)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setVisible(False)
        self._font = style.font(9.5, bold=True)
        self._metrics = QFontMetricsF(self._font)
        self._r = 0.0
        # Worked out when the counts change, not on each of the many calls per paint.
        self._badge = QRectF()
        self._bounds = QRectF()

    def set_counts(self, total: int, recent: int) -> bool:
        """Show ``total`` events of which ``recent`` are recent; True if anything changed."""
        if (total, recent) == (self.total, self.recent):
            return False
        old_bounds = self._bounds
        self.total, self.recent = total, recent
        self._r = self.radius_for(total)
        self._badge = self._badge_rect()
        bounds = self._bounding_rect()
        if bounds != old_bounds:
            # boundingRect() still answers the old rectangle until _bounds is replaced.
            self.prepareGeometryChange()
            self._bounds = bounds
        self.setVisible(total > 0)
        self.setZValue(31 if recent else 30)
        self.update()
        return True

    def radius_for(self, total: int) -> float:
        return self._style.px(event_marker_radius(total))

    def radius(self) -> float:
        return self._r

    def _badge_rect(self) -> QRectF:
        return self.badge_for(self.total, self._r)

    def badge_for(self, total: int, r: float | None = None) -> QRectF:
        """The count badge for ``total`` events (at radius ``r``), around the point."""
        r = self.radius_for(total) if r is None else r
        text = str(total)
        metrics = self._metrics
        w = max(metrics.horizontalAdvance(text) + self._style.px(6), metrics.height())
        h = metrics.height()
        c = r * 0.72
        return QRectF(c - w * 0.25, -c - h * 0.75, w, h)

    def badge_rect(self) -> QRectF:
        """The count badge in item (device-pixel) coordinates; empty when there is none."""
        return QRectF(self._badge) if self.total > 1 else QRectF()

    def envelope(self, total: int) -> QRectF:
        """The disc and badge at ``total`` events, around the marker's point.

        Radius and badge grow with the count, so the envelope at a place's largest count
        holds the marker at every date: label layout and clustering use it.
        """
        r = self.radius_for(total)
        pad = self._style.px(1)  # the disc's outline, half outside its radius
        rect = QRectF(-r - pad, -r - pad, 2 * (r + pad), 2 * (r + pad))
        if total > 1:
            rect = rect.united(self.badge_for(total, r))
        return rect

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def _bounding_rect(self) -> QRectF:
        r = self._r + self._style.px(2)
        rect = QRectF(-r, -r, 2 * r, 2 * r)
        if self.total > 1:
            rect = rect.united(self._badge.adjusted(-2, -2, 2, 2))
        return rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        r = self._r + self._style.px(2)
        path.addEllipse(QPointF(0, 0), r, r)
        if self.total > 1:
            path.addRect(self._badge)
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.total <= 0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self._style
        fill = QColor(EVENT_RECENT if self.recent else EVENT_OLD)
        fill.setAlpha(225 if self.recent else 190)
        pen_w = s.px(1.5)
        r = self._r
        dpr = _sprite_dpr(painter)
        if dpr is None:  # an export: draw the shapes themselves
            self._paint_disc(painter, QPointF(0, 0), fill, pen_w)
            if self.total > 1:
                self._paint_count(painter, QRectF(self._badge), fill)
            return
        # On screen (the view's item cache is a pixmap): a translucent antialiased disc
        # costs Qt's rasterizer ~0.15 ms, a blit of the same disc a few µs; at 100,000
        # events every marker is re-rendered on every step. Radii are few: sprites hit.
        side = math.ceil(r + pen_w) * 2 + 2
        disc = _sprite(
            ("disc", r, fill.rgba(), pen_w),
            side,
            side,
            dpr,
            lambda p: self._paint_disc(p, QPointF(side / 2, side / 2), fill, pen_w),
        )
        painter.drawPixmap(QPointF(-side / 2, -side / 2), disc)
        if self.total > 1:
            # Not a sprite: at 100,000 events the count is new on nearly every step.
            self._paint_count(painter, QRectF(self._badge), fill)

    def _paint_disc(self, painter: QPainter, centre: QPointF, fill: QColor, pen_w: float) -> None:
        painter.setPen(QPen(PAPER, pen_w))
        painter.setBrush(fill)
        painter.drawEllipse(centre, self._r, self._r)

    def _paint_count(self, painter: QPainter, badge: QRectF, fill: QColor) -> None:
        painter.setPen(QPen(fill.darker(130), self._style.px(1)))
        painter.setBrush(PAPER)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(self._font)
        painter.setPen(TEXT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(self.total))


class CountryMarkerItem(EventMarkerItem):
    """The events of a whole country ("in Armenia"): the country's name, not a dot.

    A dot at the country's centroid reads as a specific spot; this marker is the country's
    label itself, framed and followed by the count while the country has events, a plain
    country name before. The scene moves it to where the view shows the country.
    """

    always_shown = True

    def __init__(self, place_id: str, name: str, style: MapStyle) -> None:
        self.name = name
        # Capitals written out, not left to the font: SVG renderers ignore Qt's flag.
        self._name_font = style.label_font("region")
        self._name_font.setCapitalization(QFont.Capitalization.MixedCase)
        self._caption = name.upper()
        super().__init__(place_id, style)
        self._name_metrics = QFontMetricsF(self._name_font)
        self.selected = False
        self._r = self._name_metrics.height() / 2 + style.px(3)
        self._note = ""  # a page's footnote numbers, after the count
        self._bounds = self.envelope(0)
        self.setZValue(32)

    def set_note(self, note: str) -> None:
        """Footnote numbers drawn after the count (a snapshot's "[2, 4]")."""
        if note != self._note:
            self.prepareGeometryChange()
            self._note = note
            self._bounds = self._bounding_rect()
            self.update()

    def _note_rect(self, total: int) -> QRectF:
        if not self._note or total <= 0:
            return QRectF()
        badge = self.badge_for(total)
        w = self._metrics.horizontalAdvance(self._note) + self._style.px(8)
        return QRectF(badge.right(), badge.top(), w, badge.height())

    def radius_for(self, total: int) -> float:
        # Half the frame's height: rings and the keyboard's focus ring use it.
        return self._name_metrics.height() / 2 + self._style.px(3)

    def _name_rect(self) -> QRectF:
        s = self._style
        w = self._name_metrics.horizontalAdvance(self._caption) + s.px(10)
        h = self._name_metrics.height() + s.px(6)
        return QRectF(-w / 2, -h / 2, w, h)

    def badge_for(self, total: int, r: float | None = None) -> QRectF:
        name = self._name_rect()
        w = max(self._metrics.horizontalAdvance(str(total)) + self._style.px(8), name.height())
        return QRectF(name.right() - self._style.px(2), name.top(), w, name.height())

    def badge_rect(self) -> QRectF:
        return self.badge_for(self.total) if self.total > 0 else QRectF()

    def envelope(self, total: int) -> QRectF:
        rect = self._name_rect()
        if total > 0:
            rect = rect.united(self.badge_for(total))
            if self._note:
                rect = rect.united(self._note_rect(total))
        pad = self._style.px(1)
        return rect.adjusted(-pad, -pad, pad, pad)

    def set_counts(self, total: int, recent: int) -> bool:
        changed = super().set_counts(total, recent)
        self.setVisible(True)
        return changed

    def _bounding_rect(self) -> QRectF:
        return self.envelope(self.total).adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.envelope(self.total))
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self._style
        name = self._name_rect()
        if self.total > 0:
            fill = QColor(EVENT_RECENT if self.recent else EVENT_OLD)
            backdrop = QColor(PAPER)
            backdrop.setAlpha(215)
            pen_colour = SELECTION if self.selected else fill
            painter.setPen(QPen(pen_colour, s.px(2.4 if self.selected else 1.4)))
            painter.setBrush(backdrop)
            frame = name.united(self.badge_for(self.total))
            if self._note:
                frame = frame.united(self._note_rect(self.total))
            painter.drawRoundedRect(frame, s.px(4), s.px(4))
            badge = self.badge_for(self.total)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(badge.adjusted(s.px(2), s.px(2), -s.px(2), -s.px(2)),
                                    s.px(3), s.px(3))  # fmt: skip
            painter.setFont(self._font)
            painter.setPen(PAPER)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(self.total))
            if self._note:
                painter.setPen(TEXT)
                painter.drawText(self._note_rect(self.total), Qt.AlignmentFlag.AlignCenter,
                                 self._note)  # fmt: skip
        painter.setFont(self._name_font)
        painter.setPen(TEXT if self.total > 0 else TEXT_MUTED)
        painter.drawText(name, Qt.AlignmentFlag.AlignCenter, self._caption)


# Small pixmaps of marker parts, by what they show (bounded, to be safe).
_SPRITES: dict[tuple, QPixmap] = {}
_SPRITE_LIMIT = 4096


def _sprite_dpr(painter: QPainter) -> float | None:
    """The pixel ratio to make sprites at, or None when the painter must get real shapes.

    Sprites serve the view's item caches (pixmaps, no scaling); SVG, PDF and image exports
    keep their vector shapes.
    """
    device = painter.device()
    if not isinstance(device, QPixmap):
        return None
    kind = painter.worldTransform().type().value
    if kind > QTransform.TransformationType.TxTranslate.value:
        return None
    return device.devicePixelRatioF()


def _sprite(key: tuple, width: float, height: float, dpr: float, draw) -> QPixmap:
    """The memoised ``width`` × ``height`` pixmap that ``draw(painter)`` paints."""
    key = (*key, width, height, dpr)
    sprite = _SPRITES.get(key)
    if sprite is None:
        if len(_SPRITES) >= _SPRITE_LIMIT:
            _SPRITES.clear()
        sprite = QPixmap(max(math.ceil(width * dpr), 1), max(math.ceil(height * dpr), 1))
        sprite.setDevicePixelRatio(dpr)
        sprite.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(painter)
        painter.end()
        _SPRITES[key] = sprite
    return sprite


class SelectionRingItem(_DeviceItem):
    """A ring around a place of the selected event, over its marker."""

    def __init__(self, place_id: str, radius: float, style: MapStyle) -> None:
        super().__init__(style)
        self.place_id = place_id
        # Under the markers (z 30), so a count badge stays readable over the ring.
        self.setZValue(29)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._r = radius + style.px(4)

    def boundingRect(self) -> QRectF:
        r = self._r + self._style.px(4)
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(HALO, self._style.px(5)))
        painter.drawEllipse(QPointF(0, 0), self._r, self._r)
        painter.setPen(QPen(SELECTION, self._style.px(2.2)))
        painter.drawEllipse(QPointF(0, 0), self._r, self._r)


class EdgeBadgeItem(_DeviceItem):
    """'→ Moscow (3)': events at a place beyond the map, pinned to the edge facing it.

    ``bearing`` is the compass direction (degrees clockwise from north) from the map's
    centre to the place; the scene moves the badge to the frame's edge on each layout.
    """

    def __init__(self, place_id: str, name: str, bearing: float, style: MapStyle) -> None:
        super().__init__(style)
        self.place_id = place_id
        self.name = name
        self.bearing = bearing
        self.total = 0
        self.recent = 0
        self.selected = False
        self.setZValue(50)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setVisible(False)
        self._font = style.font(10.5)
        self._text = ""
        self._note = ""  # a page's footnote numbers, e.g. "[2, 4]"
        self._rect = QRectF()
        self._update_text()

    def set_note(self, note: str) -> None:
        """Footnote numbers shown after the count (a snapshot's "[2, 4]")."""
        if note != self._note:
            self._note = note
            self._update_text()

    def set_counts(self, total: int, recent: int) -> bool:
        if (total, recent) == (self.total, self.recent):
            return False
        self.total, self.recent = total, recent
        self._update_text()
        self.setVisible(total > 0)
        return True

    def set_name(self, name: str) -> None:
        if name != self.name:
            self.name = name
            self._update_text()

    def _update_text(self) -> None:
        self.prepareGeometryChange()
        self._text = f"{self.name} ({self.total})" + (f" {self._note}" if self._note else "")
        metrics = QFontMetricsF(self._font)
        s = self._style
        w = metrics.horizontalAdvance(self._text) + s.px(26)
        h = metrics.height() + s.px(6)
        self._rect = QRectF(0, 0, w, h)
        self.update()

    def size(self) -> tuple[float, float]:
        return self._rect.width(), self._rect.height()

    def size_for(self, total: int) -> tuple[float, float]:
        """The badge's size when it shows ``total`` events (its largest, for layout)."""
        metrics = QFontMetricsF(self._font)
        s = self._style
        text = f"{self.name} ({max(total, self.total)})" + (f" {self._note}" if self._note else "")
        return metrics.horizontalAdvance(text) + s.px(26), metrics.height() + s.px(6)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self._style
        rect = self._rect
        border = EVENT_RECENT if self.recent else EVENT_OLD
        dpr = _sprite_dpr(painter)
        if dpr is None:  # an export
            self._paint_box(painter, rect, border)
        else:
            # The translucent box is a slow fill; its size changes only with the digits.
            w, h = math.ceil(rect.width()) + 4, math.ceil(rect.height()) + 4
            box = _sprite(
                ("edge-box", rect.width(), rect.height(), border.rgba(), self.selected, s.scale),
                w,
                h,
                dpr,
                lambda p: self._paint_box(p, rect.translated(2, 2), border),
            )
            painter.drawPixmap(QPointF(rect.x() - 2, rect.y() - 2), box)
        # The arrow, turned to the place's bearing (screen y grows downwards).
        painter.save()
        painter.translate(rect.left() + s.px(11), rect.center().y())
        painter.rotate(self.bearing)
        arrow = QPainterPath()
        arrow.moveTo(0, -s.px(6))
        arrow.lineTo(s.px(4.5), s.px(4.5))
        arrow.lineTo(0, s.px(2))
        arrow.lineTo(-s.px(4.5), s.px(4.5))
        arrow.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(border)
        painter.drawPath(arrow)
        painter.restore()
        painter.setFont(self._font)
        painter.setPen(TEXT)
        text_rect = rect.adjusted(s.px(21), 0, -s.px(4), 0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, self._text)

    def _paint_box(self, painter: QPainter, rect: QRectF, border: QColor) -> None:
        s = self._style
        fill = QColor(PAPER)
        fill.setAlpha(230)
        painter.setPen(
            QPen(SELECTION if self.selected else border, s.px(2 if self.selected else 1))
        )
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, s.px(4), s.px(4))


def bearing_deg(lon0: float, lat0: float, lon1: float, lat1: float) -> float:
    """Initial great-circle bearing from (lon0, lat0) to (lon1, lat1), degrees from north."""
    p0, p1 = math.radians(lat0), math.radians(lat1)
    dl = math.radians(lon1 - lon0)
    x = math.sin(dl) * math.cos(p1)
    y = math.cos(p0) * math.sin(p1) - math.sin(p0) * math.cos(p1) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0
