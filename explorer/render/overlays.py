"""Basemap and overlay items: countries, water, control areas, the corridor, NK outlines.

Each geometry becomes one ``QPainterPath`` once, at construction; a date change only
toggles the visibility of overlay items. Approximate features are drawn as such: a dashed
outline, a lighter fill, and their accuracy in the tooltip.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPaintEngine, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsPathItem

from explorer.data.geo import Country, Overlay
from explorer.domain.dates import format_day
from explorer.render.geometry import geometry_to_path
from explorer.render.style import (
    BORDER,
    COAST,
    CORRIDOR,
    CORRIDOR_ROAD,
    HOLDER_HATCH,
    LAND,
    LAND_CONTEXT,
    NK_OUTLINE,
    RIVER,
    SEA,
    MapStyle,
    holder_tint,
)

# Countries of the South Caucasus get the lightest paper; their neighbours one step darker.
FOCUS_COUNTRIES = frozenset({"ARM", "AZE", "GEO"})

# Which toggle of View → Layers each overlay kind belongs to (None: always drawn).
LAYER_OF_KIND = {
    "control-area": "control",
    "corridor-road": "corridor",
    "corridor-zone": "corridor",
    "reference-boundary": "nk_outline",
    "historical-admin-boundary": "nk_outline",
    "lake": None,
    "river": None,
}
Z_OF_KIND = {
    "lake": 2,
    "river": 3,
    "control-area": 5,
    "corridor-zone": 6,
    "corridor-road": 7,
    "historical-admin-boundary": 8,
    "reference-boundary": 9,
}


def holder_key(held_by: str | None) -> str:
    """Holders compared by their first clause ('X, within the peacekeeping zone' is X)."""
    return (held_by or "").split(",")[0].strip()


class HatchedPathItem(QGraphicsPathItem):
    """A path item whose hatching is drawn in device space, so it does not shrink with zoom."""

    def __init__(self, path, hatch: QBrush | None, style: MapStyle) -> None:
        super().__init__(path)
        self._hatch = hatch
        self._style = style

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawPath(self.path())
        if self._hatch is not None and _is_svg(painter):
            self._paint_stripes(painter)
        elif self._hatch is not None:
            brush = QBrush(self._hatch)
            inverse, ok = painter.worldTransform().inverted()
            if ok:
                # Undo the view's scale, then scale the pattern with the output resolution.
                s = self._style.scale
                brush.setTransform(QTransform.fromScale(s, s) * inverse)
            painter.setBrush(brush)
            painter.drawPath(self.path())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.pen())
        painter.drawPath(self.path())

    def _paint_stripes(self, painter: QPainter) -> None:
        """The hatching as filled stripes, in page coordinates (for SVG).

        An SVG writer drops the brush transform, so a pattern brush comes out in scene
        units (eight metres apart) and reads as a flat tint; real stripes do not.
        """
        if self._hatch is None:
            return
        world = painter.worldTransform()
        area = world.map(self.path())
        stripes = hatch_stripes(
            area.boundingRect(), 8 * self._style.scale, self._style.scale, self._hatch.style()
        )
        painter.save()
        painter.resetTransform()
        painter.fillPath(stripes.intersected(area), self._hatch.color())
        painter.restore()


def _is_svg(painter: QPainter) -> bool:
    engine = painter.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.SVG


def hatch_stripes(rect, spacing: float, width: float, pattern: Qt.BrushStyle) -> QPainterPath:
    """Diagonal stripes over ``rect``: "\\" for ``FDiagPattern``, "/" otherwise."""
    path = QPainterPath()
    h = rect.height()
    down = pattern == Qt.BrushStyle.FDiagPattern  # y grows downwards on a page
    x = rect.left() - h
    while x < rect.right() + spacing:
        top, bottom = (x, x + h) if down else (x + h, x)
        path.moveTo(QPointF(top, rect.top()))
        path.lineTo(QPointF(top + width, rect.top()))
        path.lineTo(QPointF(bottom + width, rect.bottom()))
        path.lineTo(QPointF(bottom, rect.bottom()))
        path.closeSubpath()
        x += spacing
    return path


def country_items(countries: list[Country], style: MapStyle) -> list[QGraphicsPathItem]:
    """One filled, bordered item per country."""
    items = []
    for country in countries:
        item = QGraphicsPathItem(geometry_to_path(country.geometry))
        item.setBrush(LAND if country.iso_a3 in FOCUS_COUNTRIES else LAND_CONTEXT)
        item.setPen(style.pen(BORDER, 0.9))
        item.setZValue(0)
        item.setAcceptHoverEvents(False)
        item.setData(0, f"country:{country.iso_a3}")
        items.append(item)
    return items


def overlay_tooltip(overlay: Overlay) -> str:
    """Name, dates, holder, accuracy and source of an overlay, for its tooltip."""
    # Names, holders and sources come from the corpus: markupsafe templates escape them.
    lines = [Markup("<b>{}</b>").format(overlay.name)]
    if overlay.valid_from or overlay.valid_to:
        start = _day(overlay.valid_from) if overlay.valid_from else "…"
        end = _day(overlay.valid_to) if overlay.valid_to else "today"
        lines.append(Markup("{} – {}").format(start, end))
    if overlay.held_by:
        lines.append(Markup("Held by: {}").format(overlay.held_by))
    if overlay.approximate:
        km = f"{overlay.accuracy_m / 1000:.1f}"
        lines.append(Markup("Approximate: may be off by up to {} km").format(km))
    lines.append(Markup("<small>Source: {}</small>").format(overlay.source))
    return str(Markup("<br>").join(lines))


def _day(day: dt.date) -> str:
    return format_day(day)


def overlay_item(overlay: Overlay, holder_index: int, style: MapStyle) -> QGraphicsPathItem:
    """The item drawing one overlay, styled by kind (and holder, for control areas)."""
    kind = overlay.kind
    path = geometry_to_path(overlay.geometry)
    dash = Qt.PenStyle.DashLine if overlay.approximate else Qt.PenStyle.SolidLine
    item: QGraphicsPathItem
    if kind == "control-area":
        tint = holder_tint(holder_index, 105)
        hatch_colour = QColor(HOLDER_HATCH[holder_index % len(HOLDER_HATCH)])
        hatch_colour.setAlpha(110)
        pattern = (
            Qt.BrushStyle.BDiagPattern if holder_index % 2 == 0 else Qt.BrushStyle.FDiagPattern
        )
        item = HatchedPathItem(path, QBrush(hatch_colour, pattern), style)
        item.setBrush(tint)
        outline = QColor(hatch_colour)
        outline.setAlpha(200)
        item.setPen(style.pen(outline, 1.1, dash))
    elif kind == "corridor-zone":
        fill = QColor(CORRIDOR)
        fill.setAlpha(70)
        item = HatchedPathItem(path, None, style)
        item.setBrush(fill)
        item.setPen(style.pen(CORRIDOR_ROAD, 0.8, dash))
    elif kind == "corridor-road":
        item = QGraphicsPathItem(path)
        item.setPen(style.pen(CORRIDOR_ROAD, 2.0, Qt.PenStyle.DashLine))
    elif kind == "reference-boundary":
        item = QGraphicsPathItem(path)
        item.setPen(style.pen(NK_OUTLINE, 1.4, Qt.PenStyle.DashLine))
    elif kind == "historical-admin-boundary":
        item = QGraphicsPathItem(path)
        item.setPen(style.pen(NK_OUTLINE, 2.0, Qt.PenStyle.DashDotLine))
    elif kind == "lake":
        item = QGraphicsPathItem(path)
        item.setBrush(SEA)
        item.setPen(style.pen(COAST, 0.8))
    elif kind == "river":
        item = QGraphicsPathItem(path)
        item.setPen(style.pen(RIVER, 1.4))
    else:  # an unknown kind still shows, plainly
        item = QGraphicsPathItem(path)
        item.setPen(style.pen(NK_OUTLINE, 1.0, dash))
    item.setZValue(Z_OF_KIND.get(kind, 4))
    item.setToolTip(overlay_tooltip(overlay))
    item.setData(0, f"overlay:{overlay.id}")
    return item


class OverlayLayer:
    """All overlay items, shown by date and by their layer toggle; built once."""

    def __init__(self, overlays: list[Overlay], style: MapStyle) -> None:
        self.overlays = list(overlays)
        holders: list[str] = []
        for overlay in self.overlays:
            key = holder_key(overlay.held_by)
            if overlay.kind == "control-area" and key not in holders:
                holders.append(key)
        self.holder_index = {h: i for i, h in enumerate(holders)}
        self.items: dict[str, QGraphicsPathItem] = {}
        for overlay in self.overlays:
            index = self.holder_index.get(holder_key(overlay.held_by), 0)
            self.items[overlay.id] = overlay_item(overlay, index, style)
        self.layer_on = {"control": True, "corridor": True, "nk_outline": True}
        self._date: dt.date | None = None

    def set_date(self, date: dt.date) -> None:
        """Show the overlays valid on ``date``; only visibility changes."""
        self._date = date
        self._apply()

    def set_layer(self, layer: str, on: bool) -> None:
        self.layer_on[layer] = on
        self._apply()

    def _apply(self) -> None:
        if self._date is None:
            return
        for overlay in self.overlays:
            layer = LAYER_OF_KIND.get(overlay.kind)
            on = layer is None or self.layer_on.get(layer, True)
            self.items[overlay.id].setVisible(on and overlay.valid_on(self._date))

    def visible_ids(self) -> list[str]:
        return [o.id for o in self.overlays if self.items[o.id].isVisible()]

    def visible_overlays(self) -> list[Overlay]:
        return [o for o in self.overlays if self.items[o.id].isVisible()]
