"""What a map view shows, asked for by tests, exports and the presenter.

:class:`MapInspector` is held by :class:`~explorer.qt.map.canvas.MapView` as
``view.inspect``: it only reads the view's scene and the app state, and changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsView

from explorer.domain.state import AppState
from explorer.qt.map.keyboard import marker_item
from explorer.render.markers import EdgeBadgeItem, EventMarkerItem
from explorer.render.scene import MapScene


class MapInspector:
    """Read-only questions about what ``view`` shows of ``scene`` under ``state``."""

    def __init__(self, view: QGraphicsView, scene: MapScene, state: AppState) -> None:
        self._view = view
        self._scene = scene
        self._state = state

    def visible_marker_places(self) -> list[str]:
        """Places whose events a visible marker, cluster marker or edge badge stands for."""
        return self._scene.events.visible_places()

    def visible_marker_event_ids(self) -> set[str]:
        """Ids of the events the visible markers and edge badges stand for."""
        ids: set[str] = set()
        timeline, date = self._state.timeline, self._state.date
        for place_id in self.visible_marker_places():
            ids.update(e.id for e in timeline.events_at_place(place_id, date))
        return ids

    def visible_overlay_ids(self) -> list[str]:
        """Ids of the overlays (control areas, corridor…) shown at the current date."""
        return self._scene.overlays.visible_ids()

    def label_rects(self) -> dict[str, QRectF]:
        """Viewport rectangles of the visible labels' text boxes."""
        out = {}
        for key, label in self._scene.visible_labels().items():
            transform = label.deviceTransform(self._view.viewportTransform())
            out[key] = transform.mapRect(label.box())
        return out

    def label_texts(self) -> dict[str, str]:
        """The text of every label, shown or not, by label key."""
        return {k: v.text for k, v in self._scene.labels.items()}

    def marker_item(self, place_id: str) -> EventMarkerItem | EdgeBadgeItem | None:
        """The marker (or edge badge, for a place beyond the map) of ``place_id``."""
        return marker_item(self._scene, place_id)
