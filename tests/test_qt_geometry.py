"""Shapely -> QPainterPath: holes stay holes, every geometry type converts, y is flipped."""

from __future__ import annotations

import pytest
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)

pytest.importorskip("PySide6")
from PySide6.QtCore import QPointF, Qt  # noqa: E402

from explorer.render.geometry import from_scene, geometry_to_path, to_scene  # noqa: E402

SQUARE_WITH_HOLE = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(3, 3), (7, 3), (7, 7), (3, 7)]])


def inside(path, x, y):
    """Whether the map point (x, y) is inside the path (scene y is -y)."""
    return path.contains(QPointF(x, -y))


def test_polygon_hole_is_a_hole(qapp):
    path = geometry_to_path(SQUARE_WITH_HOLE)
    assert path.fillRule() == Qt.FillRule.OddEvenFill
    assert inside(path, 1, 1)
    assert not inside(path, 5, 5)
    assert not inside(path, 20, 20)


def test_hole_is_a_hole_whatever_the_ring_orientation(qapp):
    same_winding = Polygon(
        [(0, 0), (10, 0), (10, 10), (0, 10)], [[(3, 3), (3, 7), (7, 7), (7, 3)][::-1]]
    )
    path = geometry_to_path(same_winding)
    assert inside(path, 1, 1)
    assert not inside(path, 5, 5)


def test_y_is_flipped(qapp):
    rect = geometry_to_path(Polygon([(100, 200), (110, 200), (110, 230), (100, 230)]))
    bounds = rect.boundingRect()
    assert (bounds.left(), bounds.top(), bounds.right(), bounds.bottom()) == (100, -230, 110, -200)
    assert from_scene(to_scene(3.0, 4.0)) == (3.0, 4.0)
    assert to_scene(3.0, 4.0) == QPointF(3.0, -4.0)


def test_multipolygon_with_holes(qapp):
    other = Polygon([(20, 0), (30, 0), (30, 10), (20, 10)])
    path = geometry_to_path(MultiPolygon([SQUARE_WITH_HOLE, other]))
    assert inside(path, 1, 1)
    assert inside(path, 25, 5)
    assert not inside(path, 5, 5)
    assert not inside(path, 15, 5)


def test_lines_and_multilines(qapp):
    line = geometry_to_path(LineString([(0, 0), (5, 5), (10, 0)]))
    assert line.elementCount() == 3
    assert line.boundingRect().height() == 5
    multi = geometry_to_path(MultiLineString([[(0, 0), (1, 1)], [(5, 5), (6, 7), (8, 8)]]))
    assert multi.elementCount() == 5
    # Two subpaths: the second starts with a move, not a line from (1, 1).
    assert multi.elementAt(2).isMoveTo()


def test_points_are_skipped_or_circles(qapp):
    assert geometry_to_path(Point(1, 1)).isEmpty()
    circle = geometry_to_path(MultiPoint([(0, 0), (100, 100)]), point_radius=2)
    assert inside(circle, 0, 0)
    assert inside(circle, 100, 101.5)
    assert not inside(circle, 50, 50)


def test_geometry_collection_and_empties(qapp):
    mixed = GeometryCollection([SQUARE_WITH_HOLE, LineString([(20, 20), (30, 30)]), Point(40, 40)])
    path = geometry_to_path(mixed, point_radius=1)
    assert inside(path, 1, 1)
    assert not inside(path, 5, 5)
    assert inside(path, 40, 40)
    assert geometry_to_path(None).isEmpty()
    assert geometry_to_path(Polygon()).isEmpty()
    assert geometry_to_path(GeometryCollection()).isEmpty()


def test_real_overlays_convert(qapp):
    from explorer.data import geo

    layers = geo.load_map_layers()
    nkao = layers.overlay("nkao")
    path = geometry_to_path(nkao.geometry)
    x, y = layers.places["stepanakert"]
    assert inside(path, x, y)
    x, y = layers.places["lachin"]
    assert not inside(path, x, y)
    for country in layers.countries:
        assert not geometry_to_path(country.geometry).isEmpty()
