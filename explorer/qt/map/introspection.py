"""What the map view shows, asked for by tests, exports and the presenter.

A mixin of :class:`~explorer.qt.map.canvas.MapView`: it only reads the view's scene and
the app state, and changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

from explorer.render.markers import EdgeBadgeItem, EventMarkerItem


class MapIntrospection:
    """Read-only questions about a ``MapView`` (``self.map_scene``, ``self.state``)."""

    def visible_marker_places(self) -> list[str]:
        """Places whose events a visible marker, cluster marker or edge badge stands for."""
        return self.map_scene.events.visible_places()

    def visible_marker_event_ids(self) -> set[str]:
        """Ids of the events the visible markers and edge badges stand for."""
        ids: set[str] = set()
        for place_id in self.visible_marker_places():
            ids.update(e.id for e in self.state.timeline.events_at_place(place_id, self.state.date))
        return ids

    def visible_overlay_ids(self) -> list[str]:
        """Ids of the overlays (control areas, corridor…) shown at the current date."""
        return self.map_scene.overlays.visible_ids()

    def label_rects(self) -> dict[str, QRectF]:
        """Viewport rectangles of the visible labels' text boxes."""
        out = {}
        for key, label in self.map_scene.visible_labels().items():
            transform = label.deviceTransform(self.viewportTransform())
            out[key] = transform.mapRect(label.box())
        return out

    def label_texts(self) -> dict[str, str]:
        """The text of every label, shown or not, by label key."""
        return {k: v.text for k, v in self.map_scene.labels.items()}

    def marker_item(self, place_id: str) -> EventMarkerItem | EdgeBadgeItem | None:
        """The marker (or edge badge, for a place beyond the map) of ``place_id``."""
        return self.map_scene.events.markers.get(place_id) or self.map_scene.events.badges.get(
            place_id
        )
