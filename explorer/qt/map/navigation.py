"""Zooming and panning the map view: named extents, places, zoom steps and limits.

A mixin of :class:`~explorer.qt.map.canvas.MapView`, kept apart so the view's module holds
its state wiring and input, and this one the arithmetic of where the view looks.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtWidgets import QGraphicsView

from explorer.data.geo import Extent
from explorer.domain.model import Place
from explorer.render.extent import extent_rect

# Zoom limits in pixels per metre: the whole basemap at most, 25 m per pixel at least.
MIN_SPAN_M = 20_000.0
MAX_SCALE = 1 / 25.0
ZOOM_STEP = 1.25


class MapNavigation:
    """Where a ``MapView`` looks. Expects ``_home``, ``_fitted``, ``_animation``, ``map_scene``
    and ``_relayout``/``_relayout_badges`` on the view."""

    def reset_view(self) -> None:
        """Show the whole region."""
        self.zoom_to_extent(self._home)

    def zoom_to_extent(self, extent: str | Extent | QRectF | tuple, animate: bool = False) -> None:
        """Fit a named extent (region, nk, corridor), a ``W,S,E,N`` box or a scene rect."""
        target = extent_rect(extent)
        self._fitted = target
        if self._animation is not None:
            self._animation.stop()
            self._animation = None
        if not animate or not self.isVisible():
            self._fit(target)
            return
        animation = QVariantAnimation(self)
        animation.setDuration(350)
        animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        animation.setStartValue(self.visible_scene_rect())
        animation.setEndValue(target)
        animation.valueChanged.connect(self._fit)
        animation.finished.connect(lambda: self._fit(target))
        self._animation = animation
        animation.start()

    def zoom_to_places(
        self, places: list[Place], animate: bool = False, min_span_m: float = 40_000.0
    ) -> bool:
        """Fit the given places with a margin, at least ``min_span_m`` across.

        Returns False, leaving the view alone, when none of them is on the map (Moscow…).
        """
        points = self._place_points(places)
        if not points:
            return False
        rect = QRectF(points[0], points[0])
        for point in points[1:]:
            rect = rect.united(QRectF(point, point))
        span = max(rect.width(), rect.height(), min_span_m) * 1.4
        centre = rect.center()
        self.zoom_to_extent(
            QRectF(centre.x() - span / 2, centre.y() - span / 2, span, span), animate
        )
        return True

    def zoom_by(self, factor: float) -> None:
        """Zoom around the view's centre, within the zoom limits."""
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._scale_by(factor)
        self.setTransformationAnchor(anchor)

    def _scale_by(self, factor: float) -> None:
        current = self.transform().m11()
        viewport = self.viewport().rect()
        scene_rect = self.sceneRect()
        min_scale = min(
            viewport.width() / scene_rect.width(), viewport.height() / scene_rect.height()
        )
        new = min(max(current * factor, min_scale), MAX_SCALE)
        self._fitted = None
        if abs(new - current) > 1e-15:
            self.scale(new / current, new / current)
            self._relayout()

    def _fit(self, rect: QRectF) -> None:
        if rect.width() < MIN_SPAN_M:
            rect = QRectF(
                rect.center().x() - MIN_SPAN_M / 2,
                rect.center().y() - MIN_SPAN_M / 2,
                MIN_SPAN_M,
                MIN_SPAN_M,
            )
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._relayout()

    def _place_points(self, places) -> list[QPointF]:
        points = self.map_scene.place_points
        return [points[p.id] for p in places if p.id in points]

    def _reveal(self, places) -> None:
        """Pan to the selection when none of its places is on screen."""
        points = self._place_points(places)
        if points and not any(self.visible_scene_rect().contains(p) for p in points):
            self.pan_to(points[0])

    def pan_to(self, point: QPointF) -> None:
        """Centre the view on a scene point, keeping the zoom."""
        self.centerOn(point)
        self._relayout_badges()

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the viewport shows."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def metres_per_pixel(self) -> float:
        """Scene metres per viewport pixel at the current zoom."""
        return 1.0 / self.transform().m11()
