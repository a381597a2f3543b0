"""The web map's geography in WGS84: the prepared basemap and the corpus overlays.

There are no tiles offline, so the basemap is the window's own prepared Natural Earth layer
(``geodata/basemap.geojson``, UTM 38N, see :mod:`explorer.data.geo`), turned back into
lon/lat, clipped to :data:`explorer.data.geo.BASEMAP_BOX` and simplified to a few tens of
kilobytes. One source, one box: the web map and the window show the same coastlines.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from explorer.data.geo import BASEMAP_BOX, basemap_path, read_basemap

# lon/lat box of the basemap (the same box the window's basemap covers).
REGION_BOX = BASEMAP_BOX
# What the map opens on: Armenia and western Azerbaijan, Nagorno-Karabakh in the middle.
VIEW_BOUNDS = ((38.9, 44.9), (40.9, 48.5))
SIMPLIFY_M = 400.0  # about a pixel at zoom 9, and a third of the size


def countries_geojson(root: Path | None = None) -> dict[str, Any] | None:
    """Country polygons in lon/lat clipped to :data:`REGION_BOX` (``None``: no basemap).

    ``root`` is the corpus folder: its own prepared basemap if it has one, else the
    embedded one.
    """
    return _countries_geojson(basemap_path(root))


@lru_cache(maxsize=2)
def _countries_geojson(path: Path) -> dict[str, Any] | None:
    import shapely
    from shapely.geometry import box, mapping

    from explorer.data.geo_utm import unproject_coords

    if not path.is_file():
        return None
    _, countries, _ = read_basemap(path)
    clip = box(*REGION_BOX)
    features = []
    for country in countries:
        simple = country.geometry.simplify(SIMPLIFY_M)
        shape = shapely.transform(simple, unproject_coords).intersection(clip)
        if shape.is_empty:
            continue
        shape = shapely.set_precision(shape, 1e-3)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(shape),
                "properties": {"name": country.name, "iso": country.iso_a3},
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
