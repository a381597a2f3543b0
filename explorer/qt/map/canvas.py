"""The desktop map: a native ``QGraphicsView`` over :class:`~explorer.render.scene.MapScene`.

It listens to the app state (date, filter, selection, naming, and in ``state.view`` the
layers, the legend and extent requests) and changes only what each signal touches; it writes
back only through the state. Pan by dragging, zoom with the wheel or +/−, Home or 0 to reset;
a click on a marker (or N to reach it and Enter, see ``keyboard``) selects its event, or
offers a chooser where several share the place.

Where the view looks is a :class:`Navigator`'s job, the marker focus ring a
:class:`MarkerFocus`'s and read-only questions a :class:`MapInspector`'s: small objects the
view holds, not mixins.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from explorer.data.corpus import Corpus
from explorer.data.geo import MapLayers
from explorer.domain.model import Event
from explorer.domain.naming import place_label
from explorer.domain.state import AppState
from explorer.domain.view import ExtentRequest
from explorer.qt.map.chooser import EventChooser, chooser_title, event_menu_text
from explorer.qt.map.introspection import MapInspector
from explorer.qt.map.keyboard import KEYS_HELP, MarkerFocus
from explorer.qt.map.navigation import ZOOM_STEP, Navigator
from explorer.qt.state_bridge import bind
from explorer.render.decorations import decorations_pixmap, grid_convergence_deg
from explorer.render.extent import extent_rect
from explorer.render.legend import ViewLegend
from explorer.render.markers import EdgeBadgeItem, EventMarkerItem
from explorer.render.scene import MapScene, build_map_scene
from explorer.render.style import SEA, MapStyle

__all__ = ["HOME_EXTENT", "EventChooser", "MapView", "event_menu_text", "extent_rect"]

# The home view: the South Caucasus from the Black Sea coast to Baku. Fitted by its width in
# a tall window, NK sits below the middle; the legend takes the corner that hides the least.
HOME_EXTENT = "region"


class MapView(QGraphicsView):
    """The map canvas of the main window and of the presenter."""

    def __init__(
        self,
        state: AppState,
        corpus: Corpus,
        layers: MapLayers | None = None,
        parent: QWidget | None = None,
        style: MapStyle | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.corpus = corpus
        # ``style`` sizes type, markers, badges and legend (``MapStyle.for_screen`` for a room).
        self.map_style = style or MapStyle()
        self.legend = ViewLegend(self.map_style)
        self.legend.expanded = state.view.legend_expanded
        self._badge_boxes: list[QRectF] = []
        self._labels_scale = 0.0
        # Labels follow a pan once it pauses: one layout per burst of scroll events.
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(60)
        self._label_timer.timeout.connect(self._layout_labels)
        # The decorations' pixels, kept until what they show changes.
        self._decorations: QPixmap | None = None
        self._decorations_key: tuple | None = None
        self.map_scene: MapScene = build_map_scene(state, corpus, layers, self.map_style)
        self.map_scene.setParent(self)
        self.navigator = Navigator(
            self,
            self.map_scene.place_points,
            extent_rect(HOME_EXTENT),
            on_zoomed=self._relayout,
            on_panned=self._relayout_badges,
        )
        self.marker_focus = MarkerFocus(
            self, self.map_scene, self.map_style, self.navigator, self.activate_place
        )
        self.inspect = MapInspector(self, self.map_scene, state)
        self._cache_items()
        self.setScene(self.map_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Decorations are painted over the whole viewport, so scrolled pixels cannot be reused.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setBackgroundBrush(SEA)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMinimumSize(320, 240)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("mapView")
        self.setAccessibleDescription(KEYS_HELP)
        bind(self, state.time_changed, self._on_state_time_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        bind(self, state.selection_changed, self._on_state_selection_changed)
        bind(self, state.naming_changed, self._on_state_naming_changed)
        bind(self, state.view.layer_changed, self._on_view_layer_changed)
        bind(self, state.view.legend_changed, self._on_view_legend_changed)
        bind(self, state.view.extent_requested, self._on_view_extent_requested)
        self.reset_view()

    def set_map_style(self, style: MapStyle) -> None:
        """Draw the map at another size of type and symbols (the presenter's screen).

        The scene is built again for ``style`` (its items are sized when made); the view
        keeps its extent, layers and legend state.
        """
        if style == self.map_style:
            return
        expanded = self.legend.expanded
        old = self.map_scene
        self.map_style = style
        self.legend = ViewLegend(style)
        self.legend.expanded = expanded
        self.map_scene = build_map_scene(self.state, self.corpus, old.layers, style)
        self.map_scene.setParent(self)  # layers come from ``state.view`` (synced when built)
        self._cache_items()
        self.setScene(self.map_scene)
        old.deleteLater()
        self._decorations = None
        self._relayout(force=True)
        self.viewport().update()

    def _cache_items(self) -> None:
        """Give every item of the map a device-pixel cache of its own.

        Countries, water, overlays, place symbols and labels are then painted once per zoom
        and only blitted on each time step, which repaints the whole viewport; without it
        the label halos and basemap paths were most of a step's cost. Markers and badges
        re-render their small cache only when their counts change (``update()``), which at
        100,000 events was still 3× cheaper than painting every marker on every step.
        Only this view's scene is cached: an export builds and renders a scene of its own.
        """
        for item in self.map_scene.items():
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # -- state signals ----------------------------------------------------------------------
    def _on_state_time_changed(self, date: dt.date) -> None:
        # Edge badges and labels are laid out for every date at once: a step moves nothing.
        self.map_scene.set_date(date, self.state)
        self._check_legend()
        self.viewport().update()

    def _check_legend(self) -> None:
        # The legend lists the overlays of the date: at the few dates they change, it may
        # change size, and what keeps clear of it moves.
        if self.legend.refresh(self.map_scene, QRectF(self.viewport().rect())):
            # Only what keeps clear of the legend moves; the zoom, and so the clusters, did
            # not change (re-clustering was a third of such a step with 100,000 events).
            self._place_legend()
            self._relayout_badges()
            self._layout_labels()

    def _on_state_timeline_changed(self, _timeline) -> None:
        self.map_scene.refresh_events(self.state)
        self._relayout(force=True)
        self.viewport().update()

    def _on_state_selection_changed(self, _event_id: str | None) -> None:
        self.map_scene.set_selection(self.state)
        self._check_legend()
        event = self.state.selected_event
        if event is not None:
            self.navigator.reveal(p.id for p in event.places)
        self.viewport().update()

    def _on_state_naming_changed(self, policy) -> None:
        self.map_scene.set_naming(policy)
        self._relayout(force=True)

    def _on_view_layer_changed(self, layer: str, on: bool) -> None:
        self.map_scene.set_layer_visible(layer, on)
        self._relayout(force=True)
        self.viewport().update()

    def _on_view_legend_changed(self, expanded: bool) -> None:
        if expanded != self.legend.expanded:
            self.legend.toggle()
        self._relayout(force=True)
        self.viewport().update()

    def _on_view_extent_requested(self, request: ExtentRequest) -> None:
        framed = bool(request.place_ids) and self.navigator.zoom_to_places(
            request.place_ids, request.animate, request.min_span_m
        )
        if not framed and request.extent is not None:
            self.navigator.zoom_to_extent(request.extent, request.animate)

    # -- where the view looks ---------------------------------------------------------------
    def reset_view(self) -> None:
        """Show the whole region."""
        self.navigator.reset_view()

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the viewport shows."""
        return self.navigator.visible_scene_rect()

    # -- layout -----------------------------------------------------------------------------
    def _relayout(self, force: bool = False) -> None:
        """Legend, clusters, edge badges and labels for the current zoom and pan."""
        scale = self.transform().m11()
        if force or abs(scale - self._labels_scale) > 1e-12:
            self._labels_scale = scale
            self.map_scene.cluster_markers(self.viewportTransform())
            self._place_legend()
        self._relayout_badges()
        self._layout_labels()

    def _relayout_badges(self) -> None:
        shown = self.visible_scene_rect()
        # Scene y is the northing negated (explorer.render.geometry).
        self.state.view.report_shown_bounds(
            (shown.left(), -shown.bottom(), shown.right(), -shown.top())
        )
        self._badge_boxes = self.map_scene.events.layout_badges(
            shown, self.viewportTransform(), self._reserved_rects()
        )

    def _layout_labels(self) -> None:
        self._label_timer.stop()
        view = QRectF(self.viewport().rect())
        avoid = [*self._reserved_rects(), *self._badge_boxes]
        self.map_scene.layout_labels(self.viewportTransform(), view, avoid)

    def _place_legend(self) -> None:
        """Put the legend where it hides the least (see ``ViewLegend.place``)."""
        to_device = self.viewportTransform()
        core = to_device.mapRect(extent_rect("nk"))
        scene = self.map_scene
        points = [to_device.map(scene.place_points[p]) for p in scene.events.max_radii()]
        self.legend.place(scene, QRectF(self.viewport().rect()), core, points)

    def legend_rect(self) -> QRectF:
        """The legend (or its folded button) in viewport pixels; empty when it lists nothing."""
        return QRectF(self.legend.rect)

    def _reserved_rects(self) -> list[QRectF]:
        """Viewport areas of the decorations, which edge badges and labels keep clear of."""
        view, px = QRectF(self.viewport().rect()), self.map_style.px
        return [
            self.legend_rect(),
            QRectF(view.left(), view.bottom() - px(50), px(190), px(50)),
            QRectF(view.right() - px(64), view.top(), px(64), px(64)),
        ]

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._relayout_badges()
        self._label_timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.navigator.refit()
        self._relayout(force=True)

    # -- input ------------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.navigator.scale_by(ZOOM_STEP ** (delta / 120))
        event.accept()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.marker_focus.handle_marker_key(event):
            event.accept()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.navigator.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.navigator.zoom_by(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.reset_view()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the marker focus ring shows only while the map has focus

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.legend_rect().contains(
            event.position()
        ):
            if self.legend.click():
                self.state.view.set_legend_expanded(not self.legend.expanded)
            else:  # space had folded it: open or fold it again, the preference stays
                self._relayout(force=True)
                self.viewport().update()
            event.accept()
            return
        self.navigator.fitted = None
        if event.button() == Qt.MouseButton.LeftButton:
            place_id = self._marker_place_at(event.position().toPoint())
            if place_id is not None:
                self.activate_place(
                    place_id, self.viewport().mapToGlobal(event.position().toPoint())
                )
                event.accept()
                return
        super().mousePressEvent(event)

    def _marker_place_at(self, pos: QPoint) -> str | None:
        for item in self.items(pos):
            if isinstance(item, EventMarkerItem | EdgeBadgeItem) and item.isVisible():
                return item.place_id
        return None

    def events_at_place(self, place_id: str) -> list[Event]:
        """The events a marker stands for now (its cluster's, if any), newest first."""
        timeline, day = self.state.timeline, self.state.date
        events: dict[str, Event] = {}
        for member in self.map_scene.events.members(place_id):
            events.update((e.id, e) for e in timeline.events_at_place(member, day))
        order = sorted(events.values(), key=lambda e: (e.when.start, e.when.end, e.id))
        return list(reversed(order))

    def activate_place(self, place_id: str, global_pos: QPoint | None = None) -> str | None:
        """Select the event of a marker, asking which one when several share it."""
        events = self.events_at_place(place_id)
        if not events:
            return None
        if len(events) == 1:
            chosen: str | None = events[0].id
        else:
            pos = global_pos or self.viewport().mapToGlobal(self.viewport().rect().center())
            members = self.map_scene.events.members(place_id)
            label = place_label(self.corpus.places[place_id], self.state.naming_policy)
            title = chooser_title(label, len(events), len(members) - 1)
            chosen = EventChooser.ask(self, events, pos, title=title)
        if chosen is not None:
            self.state.select(chosen, move_time=False)
        return chosen

    # -- decorations ------------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        # The decorations change with the zoom, the pan and the legend, not with a time
        # step: they are painted into a pixmap once and blitted on every repaint.
        transform = self.viewportTransform()
        dpr = self.viewport().devicePixelRatioF()
        key = (
            self.viewport().size().toTuple(),
            dpr,
            transform.m11(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            self.legend.key(),
        )
        if key != self._decorations_key or self._decorations is None:
            self._decorations_key = key
            self._decorations = self._paint_decorations(dpr)
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._decorations)
        self.marker_focus.paint_focus_ring(painter)
        painter.restore()

    def _paint_decorations(self, dpr: float) -> QPixmap:
        """Scale bar, north arrow and legend on a transparent viewport-sized pixmap."""
        centre = self.mapToScene(self.viewport().rect().center())
        return decorations_pixmap(
            self.viewport().size(),
            dpr,
            self.renderHints(),
            self.map_style,
            self.navigator.metres_per_pixel(),
            grid_convergence_deg(centre.x(), -centre.y()),
            lambda painter: self.legend.paint(painter, self.map_scene),
        )

    @Slot()
    def export_scene(self) -> MapScene:
        """The scene this view shows (a snapshot builds its own, scaled for its resolution)."""
        return self.map_scene
