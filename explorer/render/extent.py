"""Named extents as scene rectangles, for the window and every export alike."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from explorer.data.geo import EXTENTS, Extent, parse_extent


def extent_rect(extent: str | Extent | QRectF | tuple) -> QRectF:
    """A scene rectangle from a named extent, ``"W,S,E,N"``, an ``Extent`` or a 4-tuple.

    A tuple or list is read as W, S, E, N degrees; a ``QRectF`` is taken as scene coordinates.
    """
    if isinstance(extent, QRectF):
        return QRectF(extent)
    if isinstance(extent, list | tuple):
        extent = parse_extent(",".join(str(v) for v in extent))
    elif isinstance(extent, str):
        extent = EXTENTS.get(extent.strip().lower()) or parse_extent(extent)
    xmin, ymin, xmax, ymax = extent.map_bounds
    return QRectF(xmin, -ymax, xmax - xmin, ymax - ymin)
