"""The events on the map: one marker per place, edge badges for places beyond the map.

A time step asks the timeline for per-place counts (``Timeline.place_counts``, one bisect
per place) and only updates the markers whose counts changed, so its cost does not grow
with the number of events. At small scales, places whose markers (with their count badges,
at their largest) would touch are drawn as one cluster marker at the most important of them
(see :meth:`EventLayer.cluster`); a cluster's counts come from one bisect in its own merged
list of event starts, so an event at two of its places counts once.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right

from markupsafe import Markup
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsScene

from explorer.domain.model import Event, Place
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.state import RECENT_DAYS
from explorer.domain.timeline import Timeline
from explorer.render.markers import (
    CountryMarkerItem,
    EdgeBadgeItem,
    EventMarkerItem,
    SelectionRingItem,
)
from explorer.render.style import KIND_PRIORITY, MapStyle


def place_tooltip(place: Place, policy: NamingPolicy, total: int = 0, recent: int = 0) -> str:
    """Every name of a place (native scripts included) and its event count."""
    lines = [Markup("<b>{}</b>").format(place_label(place, policy))]
    names = [Markup("{}: {}").format(lang, name) for lang, name in place.names.items()]
    if names:
        lines.append(Markup(" · ").join(names))
    romanized = [Markup("{}: {}").format(lang, n) for lang, n in place.romanized.items()]
    if romanized and place.contested:
        lines.append(Markup("Usage: {}").format(Markup(" · ").join(romanized)))
    if total:
        recent_text = f", {recent} in the last {RECENT_DAYS} days" if recent else ""
        lines.append(
            Markup("{}").format(f"{total} event{'s' if total != 1 else ''} so far{recent_text}")
        )
    return str(Markup("<br>").join(lines))


class EventLayer:
    """Markers, edge badges and selection rings for the events of a timeline."""

    def __init__(
        self,
        scene: QGraphicsScene,
        places: dict[str, Place],
        on_map: dict[str, QPointF],
        bearings: dict[str, float],
        style: MapStyle,
        countries: frozenset[str] = frozenset(),
    ) -> None:
        self._scene = scene
        self._places = places
        self._style = style
        self.markers: dict[str, EventMarkerItem] = {}
        self.badges: dict[str, EdgeBadgeItem] = {}
        self.rings: list[SelectionRingItem] = []
        self.layer_on = True
        self._policy = NamingPolicy.BOTH
        self._countries = countries
        for place_id, point in on_map.items():
            marker = (
                CountryMarkerItem(place_id, places[place_id].name, style)
                if place_id in countries
                else EventMarkerItem(place_id, style)
            )
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
        self._max_total: dict[str, int] = {}  # per place, at the timeline's end
        self._max_badge: set[str] = set()  # places beyond the map that ever have events
        self._max_badge_total: dict[str, int] = {}
        self._timeline: Timeline | None = None
        self._points = dict(on_map)  # country markers move to their name's point
        self._selected_start: dt.date | None = None
        self.dropped: list[str] = []  # badges left out by the last layout (no free spot)
        # Clusters: leader place -> its places (leader first); a place's leader.
        self.clusters: dict[str, tuple[str, ...]] = {}
        self.leader_of: dict[str, str] = {}
        self._cluster_starts: dict[str, list[int]] = {}
        self._to_device: QTransform | None = None
        self._counts: dict[str, tuple[int, int]] = {}
        self._day: dt.date | None = None
        # Places whose marker or badge tooltip no longer matches its counts: tooltips are
        # written when one is about to be shown (refresh_tooltips), not on every time step.
        self._stale_tips: set[str] = set()

    def update(self, timeline: Timeline, day: dt.date) -> None:
        """Counts as of ``day``: events started by then, and of those the recent ones."""
        counts = timeline.place_counts(day, RECENT_DAYS)
        self._counts = counts
        self._day = day
        if timeline is not self._timeline:
            self._timeline = timeline
            self.set_max_counts(timeline)
            if self._to_device is not None:
                self.cluster(self._to_device)
        hi = day.toordinal()
        lo = hi - RECENT_DAYS
        for place_id, marker in self.markers.items():
            starts = self._cluster_starts.get(place_id)
            if starts is not None:  # a cluster: its own merged starts
                n = bisect_right(starts, hi)
                total, recent = n, n - bisect_right(starts, lo)
            elif place_id in self.leader_of:  # drawn by its cluster's marker
                total, recent = 0, 0
            else:
                total, recent = counts.get(place_id, (0, 0))
            if marker.set_counts(total, recent):
                self._stale_tips.add(place_id)
                marker.setVisible((total > 0 or marker.always_shown) and self.layer_on)
        for place_id, badge in self.badges.items():
            total, recent = counts.get(place_id, (0, 0))
            if badge.set_counts(total, recent):
                self._stale_tips.add(place_id)
                badge.setVisible(total > 0 and self.layer_on and place_id not in self.dropped)
        self._show_selection()

    def _show_selection(self) -> None:
        """Ring the selected event's places only once it has happened (at the cursor's date)."""
        started = self._selected_start is not None and (
            self._day is None or self._selected_start <= self._day
        )
        for ring in self.rings:
            ring.setVisible(self.layer_on and started)
        for place_id in self.selected_places:
            item = self.markers.get(place_id) or self.badges.get(place_id)
            if isinstance(item, CountryMarkerItem | EdgeBadgeItem) and item.selected != started:
                item.selected = started
                item.update()

    def recount(self) -> None:
        """Counts again at the last date (the clusters changed)."""
        if self._timeline is not None and self._day is not None:
            self.update(self._timeline, self._day)

    def refresh_tooltips(self) -> None:
        """Bring the tooltips of markers and badges whose counts changed up to date."""
        for place_id in self._stale_tips:
            item = self.markers.get(place_id) or self.badges.get(place_id)
            if item is not None:
                place = self._places[place_id]
                tip = place_tooltip(place, self._policy, item.total, item.recent)
                others = self.clusters.get(place_id, ())[1:]
                if others:
                    names = ", ".join(place_label(self._places[p], self._policy) for p in others)
                    tip += Markup("<br>Together with nearby: {}").format(names)
                item.setToolTip(tip)
        self._stale_tips.clear()

    def set_layer(self, on: bool) -> None:
        self.layer_on = on
        for marker in self.markers.values():
            marker.setVisible(on and (marker.total > 0 or marker.always_shown))
        for place_id, badge in self.badges.items():
            badge.setVisible(on and badge.total > 0 and place_id not in self.dropped)
        self._show_selection()

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
        self._selected_start = event.when.start if event else None
        for marker in self.markers.values():
            if isinstance(marker, CountryMarkerItem) and marker.selected:
                marker.selected = False
                marker.update()
        for place_id in self.selected_places:
            shown = self.markers.get(place_id)
            if isinstance(shown, CountryMarkerItem):
                shown.selected = True
                shown.update()
            elif shown is not None:
                radius = max(shown.radius(), self._style.px(5))
                ring = SelectionRingItem(place_id, radius, self._style)
                ring.setPos(shown.pos())
                ring.setVisible(self.layer_on)
                self._scene.addItem(ring)
                self.rings.append(ring)
            beyond = self.badges.get(place_id)
            if beyond is not None:
                beyond.selected = True
                beyond.update()
        self._show_selection()

    def country_markers(self) -> list[str]:
        """Places drawn as their country's name (see ``CountryMarkerItem``)."""
        return [p for p in self.markers if p in self._countries]

    def move_marker(self, place_id: str, point: QPointF) -> None:
        """Move a country's marker to where its name goes in this view."""
        marker = self.markers.get(place_id)
        if marker is not None and marker.pos() != point:
            marker.setPos(point)
            self._points[place_id] = point
            for ring in self.rings:
                if ring.place_id == place_id:
                    ring.setPos(point)

    def set_max_counts(self, timeline: Timeline) -> None:
        """Remember each marker's largest count (at the timeline's end) for label layout."""
        last = timeline.last_date
        counts = timeline.place_counts(last) if last else {}
        self._max_total = {p: counts[p][0] for p in self.markers if p in counts}
        self._max_badge = {p for p in self.badges if p in counts}
        self._max_badge_total = {p: counts[p][0] for p in self._max_badge}
        self._max_radius = {p: self.markers[p].radius_for(n) for p, n in self._max_total.items()}

    # -- clusters -----------------------------------------------------------------------------
    def cluster(self, to_device: QTransform) -> bool:
        """Group places whose markers, at their largest, would touch at ``to_device``.

        Greedy: places in order of importance (capital, city, town…, then count) either join
        the first cluster they touch or lead one of their own; clusters that then touch are
        merged until none do. Returns True if the grouping changed (the caller re-counts and
        lays labels out again). Cheap: a few dozen places, once per zoom.
        """
        self._to_device = QTransform(to_device)
        ranked = sorted((p for p in self._max_total if p not in self._countries), key=self._rank)
        groups: dict[str, list[str]] = {}
        totals: dict[str, int] = {}
        for place_id in ranked:
            shape = self._shape(place_id, self._max_total[place_id], to_device)
            leader = next(
                (
                    lead
                    for lead in groups
                    if _touch(self._shape(lead, totals[lead], to_device), shape)
                ),
                None,
            )
            if leader is None:
                groups[place_id], totals[place_id] = [place_id], self._max_total[place_id]
            else:
                groups[leader].append(place_id)
                totals[leader] += self._max_total[place_id]
        merged = True
        while merged:
            merged = False
            leaders = list(groups)
            for i, a in enumerate(leaders):
                shape = self._shape(a, totals[a], to_device)
                for b in leaders[i + 1 :]:
                    if _touch(shape, self._shape(b, totals[b], to_device)):
                        groups[a] += groups.pop(b)
                        totals[a] += totals.pop(b)
                        merged = True
                        break
                if merged:
                    break
        clusters = {lead: tuple(members) for lead, members in groups.items() if len(members) > 1}
        if clusters == self.clusters:
            return False
        self.clusters = clusters
        self.leader_of = {p: lead for lead, members in clusters.items() for p in members[1:]}
        self._cluster_starts = {lead: self._merged_starts(m) for lead, m in clusters.items()}
        self._stale_tips.update(self.markers)
        return True

    def _rank(self, place_id: str) -> tuple:
        kind = self._places[place_id].kind
        return (KIND_PRIORITY.get(kind, 3), -self._max_total.get(place_id, 0), place_id)

    def _shape(self, place_id: str, total: int, to_device: QTransform) -> tuple:
        """Centre, radius and badge (device pixels) of a marker at ``total`` events."""
        centre = to_device.map(self._points[place_id])
        marker = self.markers[place_id]
        r = marker.radius_for(total)
        badge = marker.badge_for(total).translated(centre) if total > 1 else QRectF()
        return centre, r, badge

    def _envelope(self, place_id: str, total: int, to_device: QTransform) -> QRectF:
        centre = to_device.map(self._points[place_id])
        return self.markers[place_id].envelope(total).translated(centre)

    def _merged_starts(self, places: tuple[str, ...]) -> list[int]:
        """Start days of the distinct events at ``places`` (an event at two counts once)."""
        if self._timeline is None:
            return []
        seen: dict[str, int] = {}
        for place_id in places:
            for event in self._timeline.events_at_place(place_id):
                seen[event.id] = event.when.start.toordinal()
        return sorted(seen.values())

    def members(self, place_id: str) -> tuple[str, ...]:
        """The places a marker stands for: its cluster's, or itself."""
        return self.clusters.get(place_id, (place_id,))

    def obstacles(self, to_device: QTransform) -> list[QRectF]:
        """Device rectangles of the markers (with badges) as large as they will ever be."""
        return list(self.obstacle_map(to_device).values())

    def obstacle_map(self, to_device: QTransform, countries: bool = True) -> dict[str, QRectF]:
        """:meth:`obstacles` by the place whose marker it is (a cluster's by its leader)."""
        out = {}
        for place_id, total in self._max_total.items():
            if place_id in self.leader_of or (not countries and place_id in self._countries):
                continue
            members = self.clusters.get(place_id)
            if members:
                total = len(self._cluster_starts.get(place_id, ()))
            out[place_id] = self._envelope(place_id, total, to_device)
        return out

    def badge_rects(self, to_device: QTransform) -> list[QRectF]:
        """Device rectangles of the count badges shown now."""
        out = []
        for marker in self.markers.values():
            if marker.isVisible() and marker.total > 1:
                centre = to_device.map(marker.pos())
                out.append(marker.badge_rect().translated(centre))
        return out

    def max_radii(self) -> dict[str, float]:
        """Largest marker radius per place drawn with a marker of its own."""
        radii = {p: r for p, r in self._max_radius.items() if p not in self.leader_of}
        for lead, starts in self._cluster_starts.items():
            radii[lead] = self.markers[lead].radius_for(len(starts))
        return radii

    def max_total(self, place_id: str) -> int:
        """A place's count at the timeline's end (its marker at its largest)."""
        return self._max_total.get(place_id, 0)

    def max_radius(self, place_id: str) -> float:
        if place_id in self.leader_of:
            return 0.0
        starts = self._cluster_starts.get(place_id)
        if starts is not None:
            return self.markers[place_id].radius_for(len(starts))
        return self._max_radius.get(place_id, 0.0)

    def visible_places(self) -> list[str]:
        """Places whose events are shown: by a marker, a cluster marker or an edge badge."""
        shown = []
        for place_id, marker in self.markers.items():
            if marker.isVisible():
                shown += [m for m in self.members(place_id) if m in self._counts]
        return shown + [p for p, b in self.badges.items() if b.isVisible()]

    def layout_badges(
        self, frame: QRectF, to_device: QTransform, avoid: list[QRectF] | None = None
    ) -> list[QRectF]:
        """Pin each badge to the edge of ``frame`` (scene) facing its place; their boxes.

        Works in device pixels: a ray from the frame's centre along the badge's bearing
        meets the inset frame; a badge that would cover another, a marker or a decoration
        in ``avoid`` (legend, north arrow, scale bar) slides along its edge to the nearest
        free spot. Badges are placed by count, largest first; one that finds no free spot
        is left out (listed in :attr:`dropped`), never drawn over something. Every badge
        that shows at some date gets its place, sized for its largest count, so a time step
        never moves a badge nor lets one appear over a label.
        """
        self.dropped = []
        device = to_device.mapRect(frame)
        inverse, ok = to_device.inverted()
        if not ok or device.isEmpty():
            return []
        margin = self._style.px(8)
        inner = device.adjusted(margin, margin, -margin, -margin)
        gap = self._style.px(3)
        taken: list[QRectF] = [r.adjusted(-gap, -gap, gap, gap) for r in avoid or []]
        taken += [r.adjusted(-gap, -gap, gap, gap) for r in self.obstacle_map(to_device).values()]
        boxes: list[QRectF] = []
        shown = sorted(
            (b for p, b in self.badges.items() if p in self._max_badge and self.layer_on),
            key=lambda b: (-self._max_total_beyond(b.place_id), b.bearing),
        )
        for badge in shown:
            w, h = badge.size_for(self._max_total_beyond(badge.place_id))
            box = _free_spot(_edge_box(inner, badge.bearing, w, h), taken, inner, gap)
            if box is None:
                self.dropped.append(badge.place_id)
                badge.setVisible(False)
                continue
            taken.append(box)
            boxes.append(box)
            badge.setPos(inverse.map(box.topLeft()))
            badge.setVisible(self.layer_on and badge.total > 0)
        return boxes

    def _max_total_beyond(self, place_id: str) -> int:
        return self._max_badge_total.get(place_id, 0)


def _touch(a: tuple, b: tuple) -> bool:
    """Whether two markers' discs overlap, or their count badges do.

    A badge over a neighbour's disc edge still reads; two stacked badges ("22" over "3")
    or two discs one over the other do not.
    """
    (ca, ra, badge_a), (cb, rb, badge_b) = a, b
    if math.hypot(ca.x() - cb.x(), ca.y() - cb.y()) < ra + rb:
        return True
    return not badge_a.isEmpty() and not badge_b.isEmpty() and badge_a.intersects(badge_b)


def _edge_box(inner: QRectF, bearing: float, w: float, h: float) -> QRectF:
    """The w×h box touching ``inner``'s edge where a ray from its centre at ``bearing`` exits."""
    cx, cy = inner.center().x(), inner.center().y()
    dx, dy = math.sin(math.radians(bearing)), -math.cos(math.radians(bearing))
    half_w, half_h = (inner.width() - w) / 2, (inner.height() - h) / 2
    tx = half_w / abs(dx) if abs(dx) > 1e-9 else math.inf
    ty = half_h / abs(dy) if abs(dy) > 1e-9 else math.inf
    t = max(0.0, min(tx, ty))
    x, y = cx + dx * t, cy + dy * t
    return QRectF(x - w / 2, y - h / 2, w, h)


def _free_spot(box: QRectF, taken: list[QRectF], inner: QRectF, gap: float) -> QRectF | None:
    """The free position nearest ``box`` along the edge of ``inner`` it sits on, or None.

    Side badges slide up and down their side; top and bottom badges slide across. Steps
    are a fraction of the badge so a narrow gap between two obstacles is found.
    """
    eps = 0.5
    on_side = box.left() <= inner.left() + eps or box.right() >= inner.right() - eps
    spot = _slide(box, taken, inner, gap, on_side)
    if spot is not None:
        return spot
    # The edge is full: round the nearest corner onto the other edge.
    if on_side:
        upper = box.center().y() < inner.center().y()
        top = inner.top() if upper else inner.bottom() - box.height()
        return _slide(QRectF(box.left(), top, box.width(), box.height()), taken, inner, gap, False)
    left = inner.left() if box.center().x() < inner.center().x() else inner.right() - box.width()
    return _slide(QRectF(left, box.top(), box.width(), box.height()), taken, inner, gap, True)


def _slide(
    box: QRectF, taken: list[QRectF], inner: QRectF, gap: float, vertical: bool
) -> QRectF | None:
    eps = 0.5
    step = (box.height() if vertical else box.width()) / 4 + gap
    span = inner.height() if vertical else inner.width()
    bounds = inner.adjusted(-eps, -eps, eps, eps)
    for i in range(int(span / step) * 2 + 2):
        offset = (i + 1) // 2 * step * (1 if i % 2 else -1)
        moved = box.translated(0, offset) if vertical else box.translated(offset, 0)
        if bounds.contains(moved) and not any(t.intersects(moved) for t in taken):
            return moved
    return None
