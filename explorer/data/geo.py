"""Map layers for the atlas: basemap, historical overlays and gazetteer points, in UTM 38N.

Two ways in:

* :func:`load_map_layers` — the light path the desktop app uses at start-up. It reads a
  pickled cache of WKB geometries and plain properties and returns shapely geometries in
  the map CRS. It imports neither geopandas nor pyproj; only on a cache miss does it call
  the builder in :mod:`explorer.data.geo_build` (geopandas), and then writes the cache.
* :func:`load_basemap` / :func:`load_overlays` — GeoDataFrames in :data:`MAP_CRS`, for
  exports and analysis.

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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from explorer.data import geo_build, geo_cache
from explorer.data.geo_utm import lonlat_to_map, map_to_lonlat
from explorer.data.safe_read import is_safe_file

MAP_CRS = geo_build.MAP_CRS
_REPO_ROOT = Path(__file__).resolve().parents[2]

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
    xmin, ymin, xmax, ymax = geo_build.lonlat_box_to_map(west, south, east, north)
    return Extent(xmin, ymin, xmax, ymax, west, south, east, north)


def extent_from_map(xmin: float, ymin: float, xmax: float, ymax: float) -> Extent:
    """A map rectangle with the lon/lat box that covers it (for export metadata)."""
    import numpy as np

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
    """The ``geodata/`` folder of the corpus (default: the one in this repository)."""
    return (Path(root) if root is not None else _REPO_ROOT) / "geodata"


def cache_path(cache_dir: Path | None = None) -> Path:
    """Where the prepared layers are cached."""
    return (Path(cache_dir) if cache_dir else geo_cache.cache_dir()) / geo_cache.CACHE_FILE


def _key(folder: Path) -> str:
    # Only regular files are hashed: a FIFO or a link to /dev/zero would hang or never end.
    inputs = [folder / "overlays.geojson", folder / "places.geojson"]
    return geo_cache.input_key(
        [p for p in inputs if is_safe_file(p)],
        [geo_build.natural_earth_zip()],
    )


def load_payload(root: Path | None = None, cache_dir: Path | None = None) -> dict[str, Any]:
    """The cached payload, built (and cached) first if missing, stale or corrupt."""
    folder = geodata_dir(root)
    key = _key(folder)
    path = cache_path(cache_dir)
    payload = geo_cache.read(path, key)
    if payload is None:
        payload = geo_build.build_payload(folder)
        geo_cache.write(path, key, payload)
    return payload


def load_map_layers(root: Path | None = None, cache_dir: Path | None = None) -> MapLayers:
    """Load the map layers for the canvas, fast, without geopandas or pyproj.

    Parameters
    ----------
    root : Path, optional
        Corpus root containing ``geodata/`` (default: this repository).
    cache_dir : Path, optional
        Cache folder (default: ``$EXPLORER_CACHE_DIR`` or the user cache dir).

    Returns
    -------
    MapLayers
    """
    payload = load_payload(root, cache_dir)
    names = [c[0] for c in payload["countries"]]
    isos = [c[1] for c in payload["countries"]]
    geoms = shapely.from_wkb([c[2] for c in payload["countries"]])
    countries = [Country(n, i, g) for n, i, g in zip(names, isos, geoms, strict=True)]
    overlay_geoms = shapely.from_wkb([row["wkb"] for row in payload["overlays"]])
    overlays = [
        _overlay(row, geom) for row, geom in zip(payload["overlays"], overlay_geoms, strict=True)
    ]
    return MapLayers(
        extent=extent_from_map(*payload["extent"]),
        countries=countries,
        land=shapely.from_wkb(payload["land"]),
        overlays=overlays,
        places=dict(payload["places"]),
    )


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    return dt.date.fromisoformat(str(value)[:10])


def _overlay(row: dict[str, Any], geometry: BaseGeometry) -> Overlay:
    extra = {k: v for k, v in row.items() if k != "wkb"}
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
        properties=extra,
    )


def load_basemap(root: Path | None = None, cache_dir: Path | None = None):
    """Countries as a GeoDataFrame (``name``, ``iso_a3``, ``geometry``) in :data:`MAP_CRS`."""
    import geopandas as gpd

    layers = load_map_layers(root, cache_dir)
    return gpd.GeoDataFrame(
        {
            "name": [c.name for c in layers.countries],
            "iso_a3": [c.iso_a3 for c in layers.countries],
        },
        geometry=[c.geometry for c in layers.countries],
        crs=MAP_CRS,
    )


def load_overlays(root: Path | None = None, cache_dir: Path | None = None):
    """Overlays as a GeoDataFrame in :data:`MAP_CRS`, one row per feature, dates as ``date``."""
    import geopandas as gpd

    layers = load_map_layers(root, cache_dir)
    columns = ["id", "name", "kind", "valid_from", "valid_to", "source", "accuracy_m"]
    columns += ["approximate", "held_by", "note"]
    rows = [{c: getattr(o, c) for c in columns} for o in layers.overlays]
    return gpd.GeoDataFrame(
        rows, columns=columns, geometry=[o.geometry for o in layers.overlays], crs=MAP_CRS
    )


__all__ = [
    "EXTENTS",
    "MAP_CRS",
    "OVERLAY_KINDS",
    "Country",
    "Extent",
    "MapLayers",
    "Overlay",
    "cache_path",
    "extent_from_lonlat",
    "extent_from_map",
    "geodata_dir",
    "lonlat_to_map",
    "load_basemap",
    "load_map_layers",
    "load_overlays",
    "map_to_lonlat",
    "parse_extent",
]
