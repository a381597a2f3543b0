"""The basemap cache: built once, reused, rebuilt on changed or corrupt input, no network."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.data import geo, geo_build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def geo_root(tmp_path):
    """A private copy of geodata/ (so tests may edit it) and an empty cache folder."""
    shutil.copytree(ROOT / "geodata", tmp_path / "corpus" / "geodata")
    return tmp_path / "corpus"


@pytest.fixture
def build_counter(monkeypatch):
    calls = []
    real = geo_build.build_payload

    def counting(folder):
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(geo_build, "build_payload", counting)
    return calls


def test_second_load_uses_the_cache(geo_root, tmp_path, build_counter, monkeypatch):
    cache = tmp_path / "cache"
    first = geo.load_map_layers(geo_root, cache)
    assert len(build_counter) == 1
    assert geo.cache_path(cache).is_file()

    def refuse(folder):
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(geo_build, "build_payload", refuse)
    second = geo.load_map_layers(geo_root, cache)
    assert [o.id for o in second.overlays] == [o.id for o in first.overlays]
    assert second.overlay("nkao").geometry.equals(first.overlay("nkao").geometry)


def test_env_var_chooses_the_cache_folder(geo_root, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "from-env"))
    geo.load_map_layers(geo_root)
    assert (tmp_path / "from-env" / geo.cache_path(tmp_path).name).is_file()


def test_changed_input_rebuilds(geo_root, tmp_path, build_counter):
    cache = tmp_path / "cache"
    geo.load_map_layers(geo_root, cache)
    places = geo_root / "geodata" / "places.geojson"
    places.write_text(
        places.read_text(encoding="utf-8").replace("[46.7519, 39.8153]", "[46.7, 39.8]"),
        encoding="utf-8",
    )
    layers = geo.load_map_layers(geo_root, cache)
    assert len(build_counter) == 2
    assert layers.places["stepanakert"] == pytest.approx(geo.lonlat_to_map(46.7, 39.8))
    geo.load_map_layers(geo_root, cache)
    assert len(build_counter) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a pickle at all", b"\x80\x05K\x01."])
def test_corrupt_cache_is_rebuilt(geo_root, tmp_path, build_counter, garbage):
    cache = tmp_path / "cache"
    geo.load_map_layers(geo_root, cache)
    geo.cache_path(cache).write_bytes(garbage)
    layers = geo.load_map_layers(geo_root, cache)
    assert len(build_counter) == 2
    assert layers.overlay("nkao").geometry.area > 4e9
    geo.load_map_layers(geo_root, cache)
    assert len(build_counter) == 2


def test_building_from_scratch_touches_no_network(geo_root, tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    layers = geo.load_map_layers(geo_root, tmp_path / "fresh-cache")
    assert {c.iso_a3 for c in layers.countries} >= {"ARM", "AZE", "GEO", "TUR", "IRN", "RUS"}


def test_basemap_covers_the_region(geo_root, tmp_path):
    layers = geo.load_map_layers(geo_root, tmp_path / "cache")
    region = geo.EXTENTS["region"]
    assert layers.extent.xmin <= region.xmin
    assert layers.extent.xmax >= region.xmax
    assert layers.extent.ymin <= region.ymin
    assert layers.extent.ymax >= region.ymax
    for place in ("gyumri", "yerevan", "stepanakert", "baku"):
        x, y = layers.places[place]
        assert layers.land.contains(geo.shapely.Point(x, y)), place
    # Sea is the background: Baku's bay and the Black Sea off Batumi are not land.
    assert not layers.land.contains(geo.shapely.Point(geo.lonlat_to_map(50.0, 40.2)))
    assert not layers.land.contains(geo.shapely.Point(geo.lonlat_to_map(41.4, 41.8)))


def test_heavy_path_gives_geodataframes_in_map_crs(geo_root, tmp_path):
    basemap = geo.load_basemap(geo_root, tmp_path / "cache")
    overlays = geo.load_overlays(geo_root, tmp_path / "cache")
    assert basemap.crs.to_epsg() == 32638
    assert overlays.crs.to_epsg() == 32638
    assert "Azerbaijan" in set(basemap["name"])
    assert "nkao" in set(overlays["id"])


def test_light_path_imports_neither_geopandas_nor_pyproj(geo_root, tmp_path):
    cache = tmp_path / "cache"
    geo.load_map_layers(geo_root, cache)  # warm the cache
    code = (
        "import sys, time; t = time.perf_counter(); import explorer.data.geo as g; "
        f"layers = g.load_map_layers({str(geo_root)!r}, {str(cache)!r}); "
        "print(time.perf_counter() - t); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('geopandas', 'pyproj', 'pandas', 'fiona', 'pyogrio', 'PySide6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    seconds, heavy = out.stdout.splitlines()
    assert heavy == "[]"
    assert float(seconds) < 0.8
