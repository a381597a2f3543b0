"""The map without a mouse: a keyboard focus ring that walks through the event markers.

Held by :class:`~explorer.qt.map.canvas.MapView` as ``view.marker_focus``. N (or ]) moves
the ring to the next shown marker, west to east, then to the edge badges clockwise from
north; Shift+N (or [) moves back; Enter or Space does what a click on the marker does; Esc
takes the ring away. Tab and Shift+Tab stay with Qt's focus chain, so the map is never a trap.

The ring is painted over the view (``drawForeground``), not added to the scene: a time
step moves nothing here, and an export of the scene never shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView, QToolTip

from explorer.qt.map.navigation import Navigator
from explorer.render.markers import EdgeBadgeItem, EventMarkerItem
from explorer.render.scene import MapScene
from explorer.render.style import HALO, MapStyle

# The keyboard focus: a dashed blue ring, a colour used nowhere on the map itself and
# unlike the selection's solid near-black ring.
FOCUS = QColor("#0a62c9")

KEYS_HELP = (
    "N or ] moves to the next event marker, Shift+N or [ to the previous one; "
    "Enter or Space opens the marker's event; Esc clears the marker focus. "
    "+ and − zoom, 0 or Home shows the whole region, arrow keys pan."
)

_NEXT: dict[int, int] = {Qt.Key.Key_BracketRight: 1, Qt.Key.Key_BracketLeft: -1}
_ACTIVATE = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}


def marker_item(scene: MapScene, place_id: str) -> EventMarkerItem | EdgeBadgeItem | None:
    """The marker (or edge badge, for a place beyond the map) of ``place_id``."""
    return scene.events.markers.get(place_id) or scene.events.badges.get(place_id)


class MarkerFocus:
    """The keyboard focus ring on the markers of a map view.

    ``activate(place_id, global_pos)`` does what a click on the marker does and returns the
    id of the event it selected.
    """

    def __init__(
        self,
        view: QGraphicsView,
        scene: MapScene,
        style: MapStyle,
        navigator: Navigator,
        activate: Callable[[str, QPoint], str | None],
    ) -> None:
        self._view = view
        self.map_scene = scene
        self._style = style
        self._navigator = navigator
        self._activate = activate
        self._focus_place: str | None = None

    def marker_order(self) -> list[str]:
        """Places of the shown markers west to east, then of the edge badges by bearing."""
        events = self.map_scene.events
        markers = [
            (m.pos().x(), m.pos().y(), p) for p, m in events.markers.items() if m.isVisible()
        ]
        badges = [(b.bearing, p) for p, b in events.badges.items() if b.isVisible()]
        return [p for *_, p in sorted(markers)] + [p for _, p in sorted(badges)]

    def focused_marker(self) -> str | None:
        """The place of the marker (or cluster leader, or edge badge) the ring is on, if shown."""
        if self._focus_place is None:
            return None
        events = self.map_scene.events
        # A place merged into a cluster at this zoom is reached through its cluster's marker.
        place_id = events.leader_of.get(self._focus_place, self._focus_place)
        item = events.markers.get(place_id) or events.badges.get(place_id)
        return place_id if item is not None and item.isVisible() else None

    def focus_marker(self, step: int = 1) -> str | None:
        """Move the ring ``step`` markers on (negative: back), wrapping around; its place."""
        order = self.marker_order()
        if not order:
            self.clear_marker_focus()
            return None
        current = self.focused_marker()
        if current is not None:
            index = (order.index(current) + step) % len(order)
        else:
            index = self._index_near_lost_focus(order, step)
        self._focus_place = order[index]
        self._show_focused_marker()
        return self._focus_place

    def _index_near_lost_focus(self, order: list[str], step: int) -> int:
        # The focused marker went away (a time step, a filter): go on from where it stood.
        point = self.map_scene.place_points.get(self._focus_place or "")
        first = 0 if step > 0 else len(order) - 1
        if point is None:
            return first
        markers = self.map_scene.events.markers
        xs = [markers[p].pos().x() if p in markers else None for p in order]
        if step > 0:
            return next((i for i, x in enumerate(xs) if x is not None and x > point.x()), first)
        before = [i for i, x in enumerate(xs) if x is not None and x < point.x()]
        return before[-1] if before else first

    def clear_marker_focus(self) -> None:
        """Take the keyboard focus ring away."""
        if self._focus_place is not None:
            self._focus_place = None
            QToolTip.hideText()
            self._view.viewport().update()

    def activate_focused_marker(self) -> str | None:
        """Do what a click on the focused marker does; the id of the event selected."""
        place_id = self.focused_marker()
        if place_id is None:
            return None
        return self._activate(place_id, self._view.viewport().mapToGlobal(self._ring_anchor()))

    def _show_focused_marker(self) -> None:
        place_id = self.focused_marker()
        marker = self.map_scene.events.markers.get(place_id or "")
        if marker is not None:
            # Pan to a marker off screen, or so near the edge that its ring would be cut.
            inner = self._navigator.visible_scene_rect()
            pad = inner.width() * 0.06
            if not inner.adjusted(pad, pad, -pad, -pad).contains(marker.pos()):
                self._navigator.pan_to(marker.pos())
        self._view.viewport().update()
        item = marker_item(self.map_scene, place_id) if place_id else None
        if item is not None:
            # What a hover would show: the place's names and counts.
            self.map_scene.events.refresh_tooltips()
            QToolTip.showText(
                self._view.viewport().mapToGlobal(self._ring_anchor()),
                item.toolTip(),
                self._view.viewport(),
            )

    def _ring_anchor(self) -> QPoint:
        """The focused marker's centre (a badge's middle) in viewport pixels."""
        rect = self._ring_rect()
        return rect.center().toPoint() if rect is not None else QPoint()

    def _ring_rect(self) -> QRectF | None:
        place_id = self.focused_marker()
        if place_id is None:
            return None
        item = marker_item(self.map_scene, place_id)
        if item is None:
            return None
        at = self._view.viewportTransform().map(item.pos())
        px = self._style.px
        if isinstance(item, EdgeBadgeItem):
            w, h = item.size()
            return QRectF(at, QSizeF(w, h)).adjusted(-px(4), -px(4), px(4), px(4))
        assert isinstance(item, EventMarkerItem)
        # Outside the selection ring (radius + 4 px), so both read when they coincide.
        r = max(item.radius(), px(5)) + px(9)
        return QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r)

    def paint_focus_ring(self, painter: QPainter) -> None:
        """Draw the ring in viewport pixels (the painter's transform already reset)."""
        rect = self._ring_rect()
        if rect is None or not self._view.hasFocus():
            return
        px = self._style.px
        rounded = self.focused_marker() in self.map_scene.events.badges
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        dashed = QPen(FOCUS, px(2.5), Qt.PenStyle.DashLine)
        dashed.setCapStyle(Qt.PenCapStyle.FlatCap)
        for pen in (QPen(HALO, px(6)), dashed):
            painter.setPen(pen)
            if rounded:
                painter.drawRoundedRect(rect, px(6), px(6))
            else:
                painter.drawEllipse(rect)

    def handle_marker_key(self, event: QKeyEvent) -> bool:
        """Handle N, Shift+N, ], [, Enter, Space and Esc; False for any other key."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & ~Qt.KeyboardModifier.ShiftModifier:
            return False  # Ctrl+N and the like belong to the window
        if key == Qt.Key.Key_N:
            self.focus_marker(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
        elif key in _NEXT:
            self.focus_marker(_NEXT[key])
        elif key in _ACTIVATE and self.focused_marker() is not None:
            self.activate_focused_marker()
        elif key == Qt.Key.Key_Escape and self._focus_place is not None:
            self.clear_marker_focus()
        else:
            return False
        return True
