"""Where the exported maps open and how far they zoom out: the window's named extents.

One set of extents (:data:`explorer.data.geo.EXTENTS`) serves the window, the web map and the
KML: the web map stops zooming out at "region" and opens on "nk" grown to hold Yerevan and
Baku; the KML's LookAt frames the same box for Google Earth.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from explorer.data.geo import EXTENTS
from explorer.domain.model import Place

LIMIT_BOUNDS = EXTENTS["region"].lonlat_bounds  # W, S, E, N: the zoom-out limit
OPENING_PLACES = ("yerevan", "baku")  # held by the opening view, with the "nk" extent
OPENING_PAD_DEG = 0.12


def inside_limit(lon: float, lat: float, inset: float = 0.0) -> bool:
    west, south, east, north = LIMIT_BOUNDS
    return west + inset <= lon <= east - inset and south + inset <= lat <= north - inset


def opening_bounds(places: Mapping[str, Place]) -> tuple[float, float, float, float]:
    """(W, S, E, N): the "nk" extent grown to hold Yerevan and Baku if the gazetteer has them."""
    west, south, east, north = EXTENTS["nk"].lonlat_bounds
    for place_id in OPENING_PLACES:
        place = places.get(place_id)
        if place is not None and inside_limit(place.lon, place.lat):
            west, east = min(west, place.lon), max(east, place.lon)
            south, north = min(south, place.lat), max(north, place.lat)
    pad = OPENING_PAD_DEG
    return west - pad, south - pad, east + pad, north + pad


def look_at_range_m(bounds: tuple[float, float, float, float]) -> float:
    """A KML LookAt range (metres above the centre, looking straight down) that shows
    ``bounds`` whole in Google Earth's default 60° field of view."""
    west, south, east, north = bounds
    mid = math.radians((south + north) / 2)
    width_m = (east - west) * 111_320 * math.cos(mid)
    height_m = (north - south) * 110_574
    return round(max(width_m, height_m) / (2 * math.tan(math.radians(30))) * 1.1)
