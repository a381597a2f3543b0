"""Shapely geometry (map CRS, metres) to ``QPainterPath`` (scene coordinates).

Coordinate convention — the map canvas relies on it:

* Scene coordinates are **map metres with y flipped**: a map point ``(x, y)`` (UTM 38N
  easting, northing; north is up) becomes the scene point ``(x, -y)``, because Qt's y axis
  points down. Scene units are metres, so a view's scale is pixels per metre, and the
  inverse for a mouse position is ``x, y = scene.x(), -scene.y()``. Use
  :func:`to_scene` / :func:`from_scene` for single points.
* Paths use ``Qt.OddEvenFill``: polygon holes (and holes of multipolygon parts) are
  holes whatever the ring orientation.
* Lines are open subpaths: draw them with a pen and ``Qt.NoBrush`` (a brush would close
  them for filling).
* Points are skipped unless ``point_radius`` > 0, in which case each becomes a circle of
  that radius in scene units (metres). Markers whose size must stay constant on screen are
  better drawn as separate items with ``ItemIgnoresTransformations``.
* Empty geometries give an empty path. ``GeometryCollection`` is flattened.

Speed: the coordinates of all rings and lines are written with numpy into the binary
layout that ``QDataStream`` uses for ``QPainterPath`` (the technique of pyqtgraph's
``arrayToQPath``) and read back in one call, instead of one Python call per vertex.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, Qt
from PySide6.QtGui import QPainterPath
from shapely.geometry.base import BaseGeometry

_MOVE_TO = 0
_LINE_TO = 1
# Big-endian, as QDataStream writes by default: element type, x, y.
_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])


def to_scene(x: float, y: float) -> QPointF:
    """Map coordinates (metres, y = northing) to a scene point ``(x, -y)``."""
    return QPointF(x, -y)


def from_scene(point: QPointF) -> tuple[float, float]:
    """Scene point back to map coordinates ``(x, y)``."""
    return point.x(), -point.y()


def _rings_and_lines(geom: BaseGeometry) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Coordinate arrays of every ring/line, and of every point, in the geometry."""
    paths: list[np.ndarray] = []
    points: list[np.ndarray] = []
    for part in shapely.get_parts(geom):
        kind = part.geom_type
        if part.is_empty:
            continue
        if kind == "Polygon":
            paths.append(shapely.get_coordinates(part.exterior))
            paths.extend(shapely.get_coordinates(ring) for ring in part.interiors)
        elif kind in ("LineString", "LinearRing"):
            paths.append(shapely.get_coordinates(part))
        elif kind == "Point":
            points.append(shapely.get_coordinates(part))
        else:  # nested collections
            sub_paths, sub_points = _rings_and_lines(part)
            paths.extend(sub_paths)
            points.extend(sub_points)
    return paths, points


def geometry_to_path(geom: BaseGeometry | None, *, point_radius: float = 0.0) -> QPainterPath:
    """Convert a shapely geometry in map coordinates into a ``QPainterPath`` in scene ones.

    Parameters
    ----------
    geom : shapely geometry or None
        Any geometry type; ``None`` and empty geometries give an empty path.
    point_radius : float, optional
        Radius (scene units = metres) of the circle drawn for each point; ``0`` skips
        points.

    Returns
    -------
    QPainterPath
        With ``Qt.OddEvenFill``; y is flipped (scene ``(x, -y)``).
    """
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    if geom is None or geom.is_empty:
        return path
    paths, points = _rings_and_lines(geom)
    paths = [p for p in paths if len(p) >= 2]
    if paths:
        path = _path_from_arrays(paths)
    if point_radius > 0:
        for coords in points:
            for x, y in coords:
                path.addEllipse(QPointF(x, -y), point_radius, point_radius)
    return path


def _path_from_arrays(arrays: list[np.ndarray]) -> QPainterPath:
    sizes = [len(a) for a in arrays]
    total = sum(sizes)
    elements = np.empty(total, dtype=_ELEMENT)
    coords = np.concatenate(arrays)
    elements["x"] = coords[:, 0]
    elements["y"] = -coords[:, 1]
    elements["type"] = _LINE_TO
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    elements["type"][starts] = _MOVE_TO
    # Layout of operator>>(QDataStream&, QPainterPath&): int32 count, the elements, int32
    # index of the last subpath's start, int32 fill rule.
    header = np.array([total], dtype=">i4").tobytes()
    trailer = np.array([starts[-1], int(Qt.FillRule.OddEvenFill.value)], dtype=">i4")
    data = QByteArray(header + elements.tobytes() + trailer.tobytes())
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    path = QPainterPath()
    stream >> path
    return path
