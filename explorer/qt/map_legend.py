"""What the legend lists: the overlays shown at the map's date, and the event symbols."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from explorer.domain.state import RECENT_DAYS
from explorer.qt.map_decorations import LegendEntry
from explorer.qt.map_overlays import HatchedPathItem
from explorer.qt.map_scene import MapScene
from explorer.qt.map_style import EVENT_OLD, EVENT_RECENT, PAPER, SELECTION

_KIND_TEXT = {
    "reference-boundary": "Nagorno-Karabakh, outline of the former oblast (approximate)",
    "historical-admin-boundary": "Nagorno-Karabakh Autonomous Oblast, 1923–1991",
    "corridor-zone": "Lachin corridor, 5 km zone (schematic)",
    "corridor-road": "Lachin corridor road (schematic)",
}


def legend_entries(scene: MapScene) -> list[LegendEntry]:
    """Legend lines for what is visible now; each kind of thing listed once."""
    entries: list[LegendEntry] = []
    seen: set[str] = set()
    for overlay in scene.overlays.visible_overlays():
        item = scene.overlays.items[overlay.id]
        if overlay.kind in ("lake", "river"):
            continue
        if overlay.kind == "control-area":
            text = overlay.name + (" (schematic)" if overlay.approximate else "")
            if overlay.approximate:
                text += f"; approximate, ±{overlay.accuracy_m / 1000:g} km"
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
        s = scene.style
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
                "Earlier events (badge: number of events at the place)",
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
                "Dashed: approximate, see tooltip / README",
                None,
                QPen(SELECTION, scene.style.px(1), Qt.PenStyle.DashLine),
            )
        )
    return entries
