"""The events on the map: one marker per place, edge badges for places beyond the map.

A time step asks the timeline for per-place counts (``Timeline.place_counts``, one bisect
per place) and only updates the markers whose counts changed, so its cost does not grow
with the number of events.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsScene

from explorer.domain.model import Event, Place
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.state import RECENT_DAYS
from explorer.domain.timeline import Timeline
from explorer.qt.map_markers import EdgeBadgeItem, EventMarkerItem, SelectionRingItem
from explorer.qt.map_style import MapStyle


def place_tooltip(place: Place, policy: NamingPolicy, total: int = 0, recent: int = 0) -> str:
    """Every name of a place (native scripts included) and its event count."""
    lines = [f"<b>{html.escape(place_label(place, policy))}</b>"]
    names = [f"{lang}: {html.escape(name)}" for lang, name in place.names.items()]
    if names:
        lines.append(" · ".join(names))
    romanized = [f"{lang}: {html.escape(n)}" for lang, n in place.romanized.items()]
    if romanized and place.contested:
        lines.append("Usage: " + " · ".join(romanized))
    if total:
        recent_text = f", {recent} in the last {RECENT_DAYS} days" if recent else ""
        lines.append(f"{total} event{'s' if total != 1 else ''} so far{recent_text}")
    return "<br>".join(lines)


class EventLayer:
    """Markers, edge badges and selection rings for the events of a timeline."""

    def __init__(
        self,
        scene: QGraphicsScene,
        places: dict[str, Place],
        on_map: dict[str, QPointF],
        bearings: dict[str, float],
        style: MapStyle,
    ) -> None:
        self._scene = scene
        self._places = places
        self._style = style
        self.markers: dict[str, EventMarkerItem] = {}
        self.badges: dict[str, EdgeBadgeItem] = {}
        self.rings: list[SelectionRingItem] = []
        self.layer_on = True
        self._policy = NamingPolicy.BOTH
        for place_id, point in on_map.items():
            marker = EventMarkerItem(place_id, style)
            marker.setPos(point)
            scene.addItem(marker)
            self.markers[place_id] = marker
        for place_id, bearing in bearings.items():
            name = place_label(places[place_id], self._policy)
            badge = EdgeBadgeItem(place_id, name, bearing, style)
            scene.addItem(badge)
            self.badges[place_id] = badge
        self.selected_places: tuple[str, ...] = ()
        self._max_radius: dict[str, float] = {}
        self._timeline: Timeline | None = None
        # Places whose marker or badge tooltip no longer matches its counts: tooltips are
        # written when one is about to be shown (refresh_tooltips), not on every time step.
        self._stale_tips: set[str] = set()

    def update(self, timeline: Timeline, day: dt.date) -> None:
        """Counts as of ``day``: events started by then, and of those the recent ones."""
        counts = timeline.place_counts(day, RECENT_DAYS)
        if timeline is not self._timeline:
            self._timeline = timeline
            self.set_max_counts(timeline)
        for place_id, marker in self.markers.items():
            total, recent = counts.get(place_id, (0, 0))
            if marker.set_counts(total, recent):
                self._stale_tips.add(place_id)
                marker.setVisible(total > 0 and self.layer_on)
        for place_id, badge in self.badges.items():
            total, recent = counts.get(place_id, (0, 0))
            if badge.set_counts(total, recent):
                self._stale_tips.add(place_id)
                badge.setVisible(total > 0 and self.layer_on)

    def refresh_tooltips(self) -> None:
        """Bring the tooltips of markers and badges whose counts changed up to date."""
        for place_id in self._stale_tips:
            item = self.markers.get(place_id) or self.badges.get(place_id)
            if item is not None:
                place = self._places[place_id]
                item.setToolTip(place_tooltip(place, self._policy, item.total, item.recent))
        self._stale_tips.clear()

    def set_layer(self, on: bool) -> None:
        self.layer_on = on
        for item in (*self.markers.values(), *self.badges.values()):
            item.setVisible(on and item.total > 0)
        for ring in self.rings:
            ring.setVisible(on)

    def set_naming(self, policy: NamingPolicy) -> None:
        self._policy = policy
        for place_id, badge in self.badges.items():
            badge.set_name(place_label(self._places[place_id], policy))
        self._stale_tips.update(self.markers, self.badges)

    def set_selection(self, event: Event | None) -> None:
        """Ring the places of ``event`` (badges for those beyond the map)."""
        for ring in self.rings:
            self._scene.removeItem(ring)
        self.rings = []
        for badge in self.badges.values():
            if badge.selected:
                badge.selected = False
                badge.update()
        self.selected_places = tuple(p.id for p in event.places) if event else ()
        for place_id in self.selected_places:
            marker = self.markers.get(place_id)
            if marker is not None:
                radius = max(marker.radius(), self._style.px(5))
                ring = SelectionRingItem(place_id, radius, self._style)
                ring.setPos(marker.pos())
                ring.setVisible(self.layer_on)
                self._scene.addItem(ring)
                self.rings.append(ring)
            badge = self.badges.get(place_id)
            if badge is not None:
                badge.selected = True
                badge.update()

    def set_max_counts(self, timeline: Timeline) -> None:
        """Remember each marker's largest count (at the timeline's end) for label layout."""
        last = timeline.last_date
        counts = timeline.place_counts(last) if last else {}
        self._max_radius = {
            p: m.radius_for(counts[p][0]) for p, m in self.markers.items() if p in counts
        }

    def max_radii(self) -> dict[str, float]:
        return dict(self._max_radius)

    def max_radius(self, place_id: str) -> float:
        return self._max_radius.get(place_id, 0.0)

    def visible_places(self) -> list[str]:
        """Places whose marker or badge is shown."""
        shown = [p for p, m in self.markers.items() if m.isVisible()]
        return shown + [p for p, b in self.badges.items() if b.isVisible()]

    def layout_badges(
        self, frame: QRectF, to_device: QTransform, avoid: list[QRectF] | None = None
    ) -> None:
        """Pin each shown badge to the edge of ``frame`` (scene) facing its place.

        Works in device pixels: a ray from the frame's centre along the badge's bearing
        meets the inset frame; badges that would overlap are pushed along the edge.
        """
        device = to_device.mapRect(frame)
        inverse, ok = to_device.inverted()
        if not ok or device.isEmpty():
            return
        margin = self._style.px(8)
        taken: list[QRectF] = list(avoid or [])
        shown = sorted((b for b in self.badges.values() if b.isVisible()), key=lambda b: b.bearing)
        for badge in shown:
            w, h = badge.size()
            box = _edge_box(device.adjusted(margin, margin, -margin, -margin), badge.bearing, w, h)
            for _ in range(40):
                clash = next((t for t in taken if t.intersects(box)), None)
                if clash is None:
                    break
                box = _nudge(box, clash, device, margin)
            taken.append(box)
            badge.setPos(inverse.map(box.topLeft()))


def _edge_box(inner: QRectF, bearing: float, w: float, h: float) -> QRectF:
    """The w×h box touching ``inner``'s edge where a ray from its centre at ``bearing`` exits."""
    import math

    cx, cy = inner.center().x(), inner.center().y()
    dx, dy = math.sin(math.radians(bearing)), -math.cos(math.radians(bearing))
    half_w, half_h = (inner.width() - w) / 2, (inner.height() - h) / 2
    tx = half_w / abs(dx) if abs(dx) > 1e-9 else math.inf
    ty = half_h / abs(dy) if abs(dy) > 1e-9 else math.inf
    t = max(0.0, min(tx, ty))
    x, y = cx + dx * t, cy + dy * t
    return QRectF(x - w / 2, y - h / 2, w, h)


def _nudge(box: QRectF, clash: QRectF, device: QRectF, margin: float) -> QRectF:
    """Move ``box`` off ``clash`` along the frame's edge (down/up on sides, across on top)."""
    on_side = box.left() <= device.left() + margin + 1 or box.right() >= device.right() - margin - 1
    if on_side:
        top = clash.bottom() + 2
        if top + box.height() > device.bottom() - margin:
            top = clash.top() - box.height() - 2
        return QRectF(box.left(), top, box.width(), box.height())
    left = clash.right() + 2
    if left + box.width() > device.right() - margin:
        left = clash.left() - box.width() - 2
    return QRectF(left, box.top(), box.width(), box.height())
