"""Map layers for the atlas: basemap, historical overlays and gazetteer points, in UTM 38N.

:func:`load_map_layers` is the one way in. It reads three small files of a corpus's
``geodata/`` folder and returns shapely geometries in the map CRS:

* ``basemap.geojson`` — the **prepared** Natural Earth countries, already clipped and
  projected to UTM 38N by ``geodata/build_basemap.py`` and stored in the repository, so no
  start builds anything. A corpus without its own basemap uses the embedded one.
* ``overlays.geojson`` and ``places.geojson`` — WGS84, projected here with the pure-numpy
  transverse Mercator of :mod:`explorer.data.geo_utm` (a few milliseconds; no pyproj, no
  geopandas, no cache, so nothing on disk is ever decoded but JSON).

Conventions the views rely on:

* Map coordinates are UTM zone 38N metres, ``y`` = northing (grows *up*). The Qt
  conversion in ``explorer.render.geometry`` flips it to scene ``(x, -y)``.
* The sea is **not** a polygon: paint the canvas background in the sea colour, then the
  ``countries`` (or the single ``land`` union) inside ``extent``. Natural Earth admin-0 has
  no inland water, so Lake Sevan and the Aras are overlays (kinds ``lake`` and ``river``).
* Time validity is half-open: an overlay is shown on ``date`` when
  ``valid_from <= date < valid_to``; ``None`` is open-ended. So on a transition day (10 Nov
  2020, 20 Sep 2023) exactly one control area is valid: the new one.
* ``approximate`` features (schematic lines) should be drawn dashed; ``accuracy_m`` says
  how far off they may be. The ``reference-boundary`` overlay (the outline of
  Nagorno-Karabakh) has no dates and is meant to be drawn at every date, dashed, on top.

Extents: :data:`BASEMAP_BOX` is the one lon/lat box the basemap covers (the window's clip
rectangle, the web map's basemap and the Natural Earth read all derive from it), and
:data:`EXTENTS` are the named views inside it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from explorer.data.embedded import embedded_root
from explorer.data.geo_utm import lonlat_to_map, map_to_lonlat, project_coords
from explorer.data.problems import Problem
from explorer.data.safe_read import read_bytes

MAP_CRS = "EPSG:32638"
BASEMAP_FILE = "basemap.geojson"
# What the basemap covers: the Black Sea coast to Baku and the Caspian, the Greater
# Caucasus to northern Iran. The window's clip rectangle is the UTM bounding box of this
# lon/lat box; the web map clips to the box itself.
BASEMAP_BOX = (39.5, 37.5, 50.9, 43.7)


class GeodataError(ValueError):
    """A geodata file that cannot be used; the message names the file."""


def lonlat_box_to_map(
    west: float, south: float, east: float, north: float
) -> tuple[float, float, float, float]:
    """UTM bounding box ``(xmin, ymin, xmax, ymax)`` of a lon/lat box (edges densified)."""
    t = np.linspace(0.0, 1.0, 33)
    lon = np.concatenate([west + (east - west) * t, np.full(33, east)])
    lon = np.concatenate([lon, east - (east - west) * t, np.full(33, west)])
    lat = np.concatenate([np.full(33, south), south + (north - south) * t])
    lat = np.concatenate([lat, np.full(33, north), north - (north - south) * t])
    x, y = lonlat_to_map(lon, lat)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


# Overlay kinds and what they mean for drawing.
OVERLAY_KINDS = {
    "reference-boundary": "outline shown at every date (dashed), e.g. Nagorno-Karabakh",
    "historical-admin-boundary": "an administrative unit while it existed (the NKAO)",
    "control-area": "who held an area between two dates; see the 'held_by' property",
    "corridor-road": "the road of the Lachin corridor",
    "corridor-zone": "the 5 km-wide corridor of the 2020 ceasefire statement",
    "lake": "inland water missing from Natural Earth admin-0 (Lake Sevan)",
    "river": "rivers missing from Natural Earth admin-0 (the Aras)",
}


@dataclass(frozen=True)
class Country:
    """A Natural Earth admin-0 polygon, clipped to the map extent, in map coordinates."""

    name: str
    iso_a3: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class Overlay:
    """One feature of ``geodata/overlays.geojson``, projected to the map CRS."""

    id: str
    name: str
    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str
    accuracy_m: float
    approximate: bool
    geometry: BaseGeometry
    held_by: str | None = None
    note: str | None = None
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def valid_on(self, date: dt.date) -> bool:
        """Whether the overlay applies on ``date`` (``valid_from <= date < valid_to``)."""
        if self.valid_from is not None and date < self.valid_from:
            return False
        return self.valid_to is None or date < self.valid_to


@dataclass(frozen=True)
class Extent:
    """A rectangle of the map, with the lon/lat box it was made from (or that covers it)."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float
    west: float
    south: float
    east: float
    north: float

    @property
    def map_bounds(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` in map metres (y = northing)."""
        return self.xmin, self.ymin, self.xmax, self.ymax

    @property
    def lonlat_bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` in degrees."""
        return self.west, self.south, self.east, self.north


def extent_from_lonlat(west: float, south: float, east: float, north: float) -> Extent:
    """The map rectangle that contains the lon/lat box ``W, S, E, N``."""
    if not (west < east and south < north):
        raise ValueError(f"not a W,S,E,N box: {west}, {south}, {east}, {north}")
    xmin, ymin, xmax, ymax = lonlat_box_to_map(west, south, east, north)
    return Extent(xmin, ymin, xmax, ymax, west, south, east, north)


def extent_from_map(xmin: float, ymin: float, xmax: float, ymax: float) -> Extent:
    """A map rectangle with the lon/lat box that covers it (for export metadata)."""
    t = np.linspace(0.0, 1.0, 17)
    xs = np.concatenate([xmin + (xmax - xmin) * t, np.full(17, xmax), xmin + (xmax - xmin) * t])
    xs = np.concatenate([xs, np.full(17, xmin)])
    ys = np.concatenate([np.full(17, ymin), ymin + (ymax - ymin) * t, np.full(17, ymax)])
    ys = np.concatenate([ys, ymin + (ymax - ymin) * t])
    lon, lat = map_to_lonlat(xs, ys)
    return Extent(
        xmin, ymin, xmax, ymax, float(lon.min()), float(lat.min()), float(lon.max()),
        float(lat.max()),
    )  # fmt: skip


def parse_extent(text: str) -> Extent:
    """Parse a named extent (``region``, ``nk``, ``corridor``) or ``"W,S,E,N"`` in degrees.

    Raises
    ------
    ValueError
        If the text is neither a known name nor four comma-separated numbers forming a box.
    """
    name = text.strip().lower()
    if name in EXTENTS:
        return EXTENTS[name]
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError(f"expected a name {sorted(EXTENTS)} or 'W,S,E,N', got {text!r}")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError as exc:
        raise ValueError(f"not numbers in 'W,S,E,N': {text!r}") from exc
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise ValueError(f"coordinates out of range: {text!r}")
    return extent_from_lonlat(west, south, east, north)


# Named views. "region": Gyumri, Tbilisi, Yerevan, Stepanakert and Baku with the Georgian
# Black Sea coast; "nk": the former oblast with a margin (Goris, Kalbajar, Agdam, Fuzuli);
# "corridor": Goris - Lachin - Shusha - Stepanakert.
EXTENTS: dict[str, Extent] = {
    "region": extent_from_lonlat(41.0, 38.3, 50.6, 42.8),
    "nk": extent_from_lonlat(46.05, 39.30, 47.45, 40.45),
    "corridor": extent_from_lonlat(46.25, 39.45, 46.85, 39.88),
}


@dataclass
class MapLayers:
    """Everything the map canvas draws, as plain shapely geometries in :data:`MAP_CRS`.

    Attributes
    ----------
    extent : Extent
        The rectangle covered by the basemap data; outside it there is nothing to draw.
    countries : list of Country
        Natural Earth admin-0 polygons clipped to ``extent``.
    land : BaseGeometry
        Union of ``countries``; paint the sea as the canvas background.
    overlays : list of Overlay
        All overlays, in file order (reference outlines first).
    places : dict
        Gazetteer id -> ``(x, y)`` map coordinates.
    """

    extent: Extent
    countries: list[Country]
    land: BaseGeometry
    overlays: list[Overlay]
    places: dict[str, tuple[float, float]]
    crs: str = MAP_CRS
    sea_is_background: bool = True

    def layers_at(self, date: dt.date) -> list[Overlay]:
        """The overlays valid on ``date`` (half-open ``[valid_from, valid_to)``)."""
        return [o for o in self.overlays if o.valid_on(date)]

    def overlay(self, overlay_id: str) -> Overlay:
        """The overlay with this id (``KeyError`` if there is none)."""
        for candidate in self.overlays:
            if candidate.id == overlay_id:
                return candidate
        raise KeyError(overlay_id)


def geodata_dir(root: Path | None = None) -> Path:
    """The ``geodata/`` folder of the corpus under ``root`` (default: the embedded corpus)."""
    return (Path(root) if root is not None else embedded_root()) / "geodata"


def basemap_path(root: Path | None = None) -> Path:
    """The corpus's own prepared basemap if it has one, else the embedded corpus's."""
    own = geodata_dir(root) / BASEMAP_FILE
    return own if root is None or own.is_file() else geodata_dir(None) / BASEMAP_FILE


def load_map_layers(root: Path | None = None) -> MapLayers:
    """Load the map layers for the canvas, fast, without geopandas or pyproj.

    Parameters
    ----------
    root : Path, optional
        Corpus root containing ``geodata/`` (default: the embedded corpus). Its overlays
        and places are its own (none if it has no file); the basemap is its own
        ``basemap.geojson`` if present, else the embedded one.

    Raises
    ------
    GeodataError
        If a file is not GeoJSON this loader can use; the message names the file.
    """
    folder = geodata_dir(root)
    extent, countries, land = read_basemap(basemap_path(root))
    return MapLayers(
        extent=extent,
        countries=countries,
        land=land,
        overlays=read_overlays(folder / "overlays.geojson"),
        places=read_places(folder / "places.geojson"),
    )


def read_basemap(path: Path) -> tuple[Extent, list[Country], BaseGeometry]:
    """``(extent, countries, land)`` from a prepared basemap written by ``build_basemap``.

    Read once per file version in a process (the window and a snapshot share it).
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise GeodataError(f"{path}: cannot read the basemap ({exc.strerror})") from None
    return _read_basemap(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _read_basemap(
    path_text: str, mtime_ns: int, size: int
) -> tuple[Extent, list[Country], BaseGeometry]:
    path = Path(path_text)
    data = _read_json(path)
    geometries = _geometries_fast(path, len(data["features"]))
    crs = (data.get("crs") or {}).get("properties", {}).get("name", "")
    if not str(crs).endswith(MAP_CRS.split(":")[1]):
        raise GeodataError(f"{path}: a prepared basemap must be in {MAP_CRS}, not {crs!r}")
    bbox = data.get("bbox")
    if not (isinstance(bbox, list) and len(bbox) == 4 and _finite(bbox)):
        raise GeodataError(f"{path}: 'bbox' must be [xmin, ymin, xmax, ymax] in metres")
    countries: list[Country] = []
    land: BaseGeometry | None = None
    for number, (props, geometry) in enumerate(_features(path, data, geometries), start=1):
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise GeodataError(f"{path}: feature {number} is not a finite, valid polygon")
        if props.get("kind") == "land":
            land = geometry
        else:
            countries.append(
                Country(str(props.get("name", "")), str(props.get("iso_a3", "")), geometry)
            )
    if not countries:
        raise GeodataError(f"{path}: no countries in the basemap")
    if land is None:
        land = shapely.union_all([c.geometry for c in countries])
    return extent_from_map(*(float(v) for v in bbox)), countries, land


def read_overlays(path: Path) -> list[Overlay]:
    """The overlays of ``overlays.geojson`` in file order, projected; ``[]`` if no file.

    Features without a finite, valid geometry or without the required properties are
    left out (``explorer check`` reports them).
    """
    from explorer.data.geojson_checks import valid_overlays

    # The features `explorer check` accepts (read safely: a regular file, size-capped).
    checked = valid_overlays(path, inside=path.parent.parent)
    overlays: list[Overlay] = []
    for props, geometry in _features(path, {"features": checked}):
        if geometry is None:
            continue
        try:
            overlays.append(_overlay(props, shapely.transform(geometry, project_coords)))
        except (KeyError, TypeError, ValueError):
            continue
    return overlays


def read_places(path: Path) -> dict[str, tuple[float, float]]:
    """Gazetteer points projected to map x/y: the places the corpus loader accepts (the
    same checks; ``explorer check`` reports the others), none if there is no file."""
    if not path.is_file():
        return {}
    from explorer.data.gazetteer import load_places

    return {
        p.id: lonlat_to_map(p.lon, p.lat)
        for p in load_places(path, [], inside=path.parent.parent).values()
    }


def _read_json(path: Path) -> dict[str, Any]:
    problems: list[Problem] = []
    raw = read_bytes(path, problems)  # a regular file, size-capped: no FIFO, no /dev/zero
    if raw is None:
        raise GeodataError(str(problems[0]) if problems else f"{path}: cannot read")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise GeodataError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise GeodataError(f"{path}: expected a GeoJSON FeatureCollection with 'features'")
    return data


def _geometries_fast(path: Path, count: int) -> list[BaseGeometry] | None:
    """Every feature's geometry read by GEOS in one pass (5x faster than ``shape``), or
    ``None`` if the file is anything but ``count`` plain features (then read one by one)."""
    try:
        parts = shapely.get_parts(shapely.from_geojson(path.read_bytes()))
    except Exception:  # GEOS refuses the whole file: fall back to the careful path
        return None
    return list(parts) if len(parts) == count else None


def _features(
    path: Path, data: dict[str, Any], geometries: list[BaseGeometry] | None = None
) -> Iterator[tuple[dict[str, Any], BaseGeometry | None]]:
    """``(properties, geometry or None)`` per feature; None unless finite and valid."""
    for index, feature in enumerate(data["features"]):
        if not isinstance(feature, dict):
            continue
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        try:
            geometry = geometries[index] if geometries else shape(feature["geometry"])
        except Exception:  # any malformed geometry object: unusable
            yield props, None
            continue
        coords = shapely.get_coordinates(geometry)
        usable = not geometry.is_empty and bool(np.isfinite(coords).all()) and geometry.is_valid
        yield props, geometry if usable else None


def _finite(values: list[Any]) -> bool:
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    return dt.date.fromisoformat(str(value)[:10])


def _overlay(row: dict[str, Any], geometry: BaseGeometry) -> Overlay:
    return Overlay(
        id=str(row["id"]),
        name=str(row["name"]),
        kind=str(row["kind"]),
        valid_from=_date(row.get("valid_from")),
        valid_to=_date(row.get("valid_to")),
        source=str(row["source"]),
        accuracy_m=float(row["accuracy_m"]),
        approximate=bool(row.get("approximate", False)),
        geometry=geometry,
        held_by=row.get("held_by"),
        note=row.get("note"),
        properties=dict(row),
    )


__all__ = [
    "BASEMAP_BOX",
    "BASEMAP_FILE",
    "EXTENTS",
    "MAP_CRS",
    "OVERLAY_KINDS",
    "Country",
    "Extent",
    "GeodataError",
    "MapLayers",
    "Overlay",
    "basemap_path",
    "extent_from_lonlat",
    "extent_from_map",
    "geodata_dir",
    "lonlat_box_to_map",
    "lonlat_to_map",
    "load_map_layers",
    "map_to_lonlat",
    "parse_extent",
    "read_basemap",
    "read_overlays",
    "read_places",
]
