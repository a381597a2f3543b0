"""Where a map view looks: named extents, places, zoom steps and limits.

:class:`Navigator` is held by :class:`~explorer.qt.map.canvas.MapView`; it moves the view and
tells its owner through two callbacks, so neither reaches into the other's attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtWidgets import QGraphicsView

from explorer.data.geo import Extent
from explorer.render.extent import extent_rect

# Zoom limits in pixels per metre: the whole basemap at most, 25 m per pixel at least.
MIN_SPAN_M = 20_000.0
MAX_SCALE = 1 / 25.0
ZOOM_STEP = 1.25

ExtentLike = str | Extent | QRectF | tuple[float, float, float, float]


class Navigator:
    """Zooms and pans ``view``.

    ``place_points`` are the scene points of the places on the map; ``on_zoomed`` is called
    after the scale may have changed (the owner lays labels and clusters out again),
    ``on_panned`` after a pan at the same scale (only the edge badges move).
    """

    def __init__(
        self,
        view: QGraphicsView,
        place_points: Mapping[str, QPointF],
        home: QRectF,
        on_zoomed: Callable[[], None],
        on_panned: Callable[[], None],
    ) -> None:
        self._view = view
        self._points = place_points
        self._home = home
        self._on_zoomed = on_zoomed
        self._on_panned = on_panned
        # The extent to keep fitted on resize until the user pans or zooms by hand.
        self.fitted: QRectF | None = None
        self._animation: QVariantAnimation | None = None

    @property
    def animating(self) -> bool:
        return self._animation is not None

    def reset_view(self) -> None:
        """Show the whole region."""
        self.zoom_to_extent(self._home)

    def zoom_to_extent(self, extent: ExtentLike, animate: bool = False) -> None:
        """Fit a named extent (region, nk, corridor), a ``W,S,E,N`` box or a scene rect."""
        target = extent_rect(extent)
        self.fitted = target
        if self._animation is not None:
            self._animation.stop()
            self._animation = None
        if not animate or not self._view.isVisible():
            self.fit(target)
            return
        animation = QVariantAnimation(self._view)
        animation.setDuration(350)
        animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        animation.setStartValue(self.visible_scene_rect())
        animation.setEndValue(target)
        animation.valueChanged.connect(self.fit)
        animation.finished.connect(lambda: self._finish(target))
        self._animation = animation
        animation.start()

    def _finish(self, target: QRectF) -> None:
        self._animation = None
        self.fit(target)

    def zoom_to_places(
        self, place_ids: Iterable[str], animate: bool = False, min_span_m: float = 40_000.0
    ) -> bool:
        """Fit the given places with a margin, at least ``min_span_m`` across.

        Returns False, leaving the view alone, when none of them is on the map (Moscow…).
        """
        points = self.place_points(place_ids)
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
        anchor = self._view.transformationAnchor()
        self._view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale_by(factor)
        self._view.setTransformationAnchor(anchor)

    def scale_by(self, factor: float) -> None:
        """Zoom by ``factor`` around the view's transformation anchor, within the limits."""
        view = self._view
        current = view.transform().m11()
        viewport = view.viewport().rect()
        scene_rect = view.sceneRect()
        min_scale = min(
            viewport.width() / scene_rect.width(), viewport.height() / scene_rect.height()
        )
        new = min(max(current * factor, min_scale), MAX_SCALE)
        self.fitted = None
        if abs(new - current) > 1e-15:
            view.scale(new / current, new / current)
            self._on_zoomed()

    def fit(self, rect: QRectF) -> None:
        """Show ``rect`` (at least :data:`MIN_SPAN_M` across) as large as the view allows."""
        if rect.width() < MIN_SPAN_M:
            rect = QRectF(
                rect.center().x() - MIN_SPAN_M / 2,
                rect.center().y() - MIN_SPAN_M / 2,
                MIN_SPAN_M,
                MIN_SPAN_M,
            )
        self._view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._on_zoomed()

    def refit(self) -> None:
        """After a resize: keep the fitted extent fitted, unless the user has moved since."""
        if self.fitted is not None and self._animation is None:
            self.fit(self.fitted)

    def place_points(self, place_ids: Iterable[str]) -> list[QPointF]:
        return [self._points[p] for p in place_ids if p in self._points]

    def reveal(self, place_ids: Iterable[str]) -> None:
        """Pan to places when none of them is on screen."""
        points = self.place_points(place_ids)
        if points and not any(self.visible_scene_rect().contains(p) for p in points):
            self.pan_to(points[0])

    def pan_to(self, point: QPointF) -> None:
        """Centre the view on a scene point, keeping the zoom."""
        self._view.centerOn(point)
        self._on_panned()

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the viewport shows."""
        view = self._view
        return view.mapToScene(view.viewport().rect()).boundingRect()

    def metres_per_pixel(self) -> float:
        """Scene metres per viewport pixel at the current zoom."""
        return 1.0 / self._view.transform().m11()
