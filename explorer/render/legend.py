"""What the legend lists: the overlays shown at the map's date, and the event symbols."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from explorer.domain.state import RECENT_DAYS
from explorer.render.decorations import LegendEntry, legend_size, paint_legend
from explorer.render.overlays import HatchedPathItem
from explorer.render.scene import MapScene
from explorer.render.style import (
    EVENT_OLD,
    EVENT_RECENT,
    PAPER,
    SELECTION,
    TEXT,
    TEXT_MUTED,
    MapStyle,
)

_KIND_TEXT = {
    "reference-boundary": "Former NK oblast, outline (approx.)",
    "historical-admin-boundary": "NK Autonomous Oblast, 1923–1991",
    "corridor-zone": "Lachin corridor, 5 km zone (schematic)",
    "corridor-road": "Lachin corridor road (schematic)",
}


def legend_entries(
    scene: MapScene, *, paper: bool = False, compact: bool = False
) -> list[LegendEntry]:
    """Legend lines for what is visible now; each kind of thing listed once.

    ``paper``: for a printed page, which has no tooltips to point to. ``compact``: short
    texts (no bracketed details) for the small page's one-paragraph key.
    """
    entries = _entries(scene, paper)
    if compact:
        for entry in entries:
            entry.text = _COMPACT.get(entry.text, re.sub(r"\s*\(.*?\)", "", entry.text))
    return entries


_COMPACT = {
    f"Events in the last {RECENT_DAYS} days": f"Events, last {RECENT_DAYS} days",
    "Earlier events; badge: number": "Earlier events",
    "Dashed: approximate line": "Dashed: approximate",
}


def _entries(scene: MapScene, paper: bool) -> list[LegendEntry]:
    entries: list[LegendEntry] = []
    seen: set[str] = set()
    for overlay in scene.overlays.visible_overlays():
        item = scene.overlays.items[overlay.id]
        if overlay.kind in ("lake", "river"):
            continue
        if overlay.kind == "control-area":
            text = overlay.name
            if overlay.approximate:
                text += f" (schematic, ±{overlay.accuracy_m / 1000:g} km)"
        else:
            text = _KIND_TEXT.get(overlay.kind, overlay.name)
        if text in seen:
            continue
        seen.add(text)
        pen = QPen(item.pen())
        pen.setCosmetic(False)
        if overlay.kind in ("control-area", "corridor-zone"):
            hatch = item._hatch if isinstance(item, HatchedPathItem) else None
            entries.append(LegendEntry("area", text, QBrush(item.brush()), pen, hatch))
        else:
            entries.append(LegendEntry("line", text, None, pen))
    if scene.layer_on["events"]:
        s = scene.map_style
        recent = QColor(EVENT_RECENT)
        old = QColor(EVENT_OLD)
        entries.append(
            LegendEntry(
                "marker",
                f"Events in the last {RECENT_DAYS} days",
                QBrush(recent),
                QPen(PAPER, s.px(1)),
            )
        )
        entries.append(
            LegendEntry(
                "marker",
                "Earlier events; badge: number",
                QBrush(old),
                QPen(PAPER, s.px(1)),
            )
        )
        if scene.events.selected_places:
            entries.append(LegendEntry("ring", "Selected event", None, QPen(SELECTION, s.px(2))))
    if any(o.approximate for o in scene.overlays.visible_overlays()):
        entries.append(
            LegendEntry(
                "line",
                "Dashed: approximate line" if paper else "Dashed: approximate (see tooltips)",
                None,
                QPen(SELECTION, scene.map_style.px(1), Qt.PenStyle.DashLine),
            )
        )
    return entries


class ViewLegend:
    """The legend of the desktop map: where it goes, and whether it is open or a button.

    It sits in the corner where it hides the least of the map (never over the core area
    when another corner is free); a click on it folds it into a small "Legend" button and
    a click on the button opens it again. Its entries are worked out again only when what
    they list changes; every repaint of the decorations asks for them.
    """

    # Folded into its button when the open legend would take more of the map than this.
    MAX_AREA_SHARE = 0.15
    MAX_HEIGHT_SHARE = 0.45

    def __init__(self, style: MapStyle) -> None:
        self.style = style
        self.expanded = True
        # Space is short (small window, 200 % scaling): shown as its button until clicked.
        self.folded_for_space = False
        self.opened_anyway = False
        self._corner: int | None = None  # kept while it stays acceptable: no jumping
        self.rect = QRectF()  # the legend, or the button, in viewport pixels
        self._key: tuple | None = None
        self._entries: list[LegendEntry] = []
        self._size = QRectF()

    def entries(self, scene: MapScene, width: float) -> tuple[list[LegendEntry], QRectF]:
        key = (
            width,
            tuple(scene.overlays.visible_ids()),
            scene.layer_on["events"],
            bool(scene.events.selected_places),
        )
        if key != self._key:
            self._entries = legend_entries(scene)
            size = legend_size(self._entries, self.style, width) if self._entries else QRectF()
            self._key, self._size = key, size
        return self._entries, self._size

    def refresh(self, scene: MapScene, view: QRectF) -> bool:
        """Bring the entries up to date (a date shows other overlays); True if they changed."""
        old = self._key
        self.entries(scene, self.width_for(view))
        return self._key != old

    def key(self) -> tuple:
        """What the painted legend depends on (for the decorations' pixmap cache)."""
        return (self._key, self.shown_expanded, self.rect.getRect())

    @property
    def shown_expanded(self) -> bool:
        """Whether the legend shows open (else as its "Legend" button)."""
        return self.expanded and (not self.folded_for_space or self.opened_anyway)

    def click(self) -> bool:
        """A click on the legend or its button. True if the user's open/closed preference
        should flip (the caller tells the app state); False if it only opened or folded
        a legend that space had folded."""
        if self.folded_for_space and self.expanded:
            self.opened_anyway = not self.opened_anyway
            return False
        return True

    def width_for(self, view: QRectF) -> float:
        return min(self.style.px(215), view.width() * 0.42)

    def button_size(self) -> QRectF:
        metrics = QFontMetricsF(self.style.font(10, bold=True))
        return QRectF(0, 0, metrics.horizontalAdvance("Legend") + self.style.px(26),
                      metrics.height() + self.style.px(8))  # fmt: skip

    def place(self, scene: MapScene, view: QRectF, core: QRectF, points: list[QPointF]) -> QRectF:
        """Put the legend (or its button) in the corner that hides the least; its rect.

        Corners, in order of preference: bottom left above the scale bar, top right under
        the north arrow, top left, bottom right. A corner over ``core`` (the device rect of
        Nagorno-Karabakh) loses to any that is not; then fewer ``points`` (places with
        markers) under it wins.
        """
        _entries, size = self.entries(scene, self.width_for(view))
        if size.isEmpty():
            self.rect = QRectF()
            return self.rect
        short = (
            size.width() * size.height() > self.MAX_AREA_SHARE * view.width() * view.height()
            or size.height() > self.MAX_HEIGHT_SHARE * view.height()
        )
        if short != self.folded_for_space:
            self.folded_for_space = short
            self.opened_anyway = False
        box = size if self.shown_expanded else self.button_size()
        w, h, px = box.width(), box.height(), self.style.px
        m = px(12)
        corners = [
            QRectF(view.left() + m, view.bottom() - px(58) - h, w, h),
            QRectF(view.right() - m - w, view.top() + px(68), w, h),
            QRectF(view.left() + m, view.top() + m, w, h),
            QRectF(view.right() - m - w, view.bottom() - m - h, w, h),
        ]

        def cost(i_rect: tuple[int, QRectF]) -> tuple:
            i, rect = i_rect
            inside = rect.intersected(view)
            clipped = inside.width() * inside.height() < rect.width() * rect.height() - 1
            over_core = rect.intersected(core)
            hidden = sum(1 for p in points if rect.contains(p))
            # The corner it has keeps it while acceptable: a legend that jumps corners
            # on a date step or a small zoom is lost by the eye.
            moved = self._corner is not None and i != self._corner
            return (clipped, over_core.width() * over_core.height() > 0, moved, hidden, i)

        self._corner, self.rect = min(enumerate(corners), key=cost)
        return self.rect

    def toggle(self) -> None:
        self.expanded = not self.expanded

    def paint(self, painter: QPainter, scene: MapScene) -> None:
        if self.rect.isEmpty():
            return
        if self.shown_expanded:
            entries, _size = self._entries, self._size
            paint_legend(painter, self.rect.topLeft(), entries, self.style, self.rect.width())
            return
        s = self.style
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        backdrop = QColor(PAPER)
        backdrop.setAlpha(225)
        painter.setPen(QPen(QColor(TEXT_MUTED), s.px(1)))
        painter.setBrush(backdrop)
        painter.drawRoundedRect(self.rect, s.px(3), s.px(3))
        painter.setFont(s.font(10, bold=True))
        painter.setPen(TEXT)
        # A small swatch stack says "key" before the word is read.
        painter.drawText(
            self.rect.adjusted(s.px(8), 0, 0, 0),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            "▸ Legend",
        )
        painter.restore()
