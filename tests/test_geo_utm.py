"""The pure-numpy UTM 38N projection against pyproj, and the named extents."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.data import geo
from explorer.data.geo_utm import lonlat_to_map, map_to_lonlat


@pytest.fixture(scope="module")
def sample():
    rng = np.random.default_rng(38)
    return rng.uniform(38.0, 52.0, 2000), rng.uniform(36.0, 45.0, 2000)


def test_forward_matches_pyproj_within_a_metre(sample):
    pyproj = pytest.importorskip("pyproj")
    lon, lat = sample
    x, y = lonlat_to_map(lon, lat)
    ref = pyproj.Transformer.from_crs("EPSG:4326", geo.MAP_CRS, always_xy=True)
    rx, ry = ref.transform(lon, lat)
    assert np.abs(x - rx).max() < 1.0
    assert np.abs(y - ry).max() < 1.0


def test_inverse_round_trips(sample):
    lon, lat = sample
    back_lon, back_lat = map_to_lonlat(*lonlat_to_map(lon, lat))
    # 1e-5 degree is about a metre.
    assert np.abs(back_lon - lon).max() < 1e-5
    assert np.abs(back_lat - lat).max() < 1e-5


def test_scalars_stay_scalars():
    x, y = lonlat_to_map(45.0, 0.0)
    assert isinstance(x, float)
    assert x == pytest.approx(500000.0)
    assert y == pytest.approx(0.0)
    lon, lat = map_to_lonlat(500000.0, 4429000.0)
    assert isinstance(lon, float)
    assert lon == pytest.approx(45.0)


def _inside(extent: geo.Extent, lon: float, lat: float) -> bool:
    x, y = lonlat_to_map(lon, lat)
    return extent.xmin <= x <= extent.xmax and extent.ymin <= y <= extent.ymax


@pytest.mark.parametrize(
    ("name", "towns"),
    [
        (
            "region",
            {
                "gyumri": (43.8475, 40.7894),
                "tbilisi": (44.793, 41.715),
                "yerevan": (44.5126, 40.1811),
                "stepanakert": (46.7519, 39.8153),
                "baku": (49.8671, 40.4093),
            },
        ),
        ("nk", {"martakert": (46.8106, 40.215), "goris": (46.338, 39.511)}),
        (
            "corridor",
            {"goris": (46.338, 39.511), "lachin": (46.5466, 39.6395), "shusha": (46.7508, 39.7584)},
        ),
    ],
)
def test_named_extents_contain_their_towns(name, towns):
    extent = geo.EXTENTS[name]
    for town, (lon, lat) in towns.items():
        assert _inside(extent, lon, lat), town


def test_parse_extent_accepts_names_and_boxes():
    assert geo.parse_extent(" NK ") is geo.EXTENTS["nk"]
    box = geo.parse_extent("46,39.5,47,40")
    assert box.lonlat_bounds == (46.0, 39.5, 47.0, 40.0)
    assert _inside(box, 46.5, 39.75)
    assert not _inside(box, 47.5, 39.75)
    assert box.xmin < box.xmax
    assert box.ymin < box.ymax


@pytest.mark.parametrize("text", ["", "caucasus", "1,2,3", "47,39,46,40", "a,b,c,d", "0,95,1,96"])
def test_parse_extent_rejects_nonsense(text):
    with pytest.raises(ValueError, match=r"."):
        geo.parse_extent(text)


def test_extent_from_map_covers_the_rectangle():
    ext = geo.extent_from_map(600000, 4380000, 700000, 4450000)
    for x in (600000, 700000):
        for y in (4380000, 4450000):
            lon, lat = map_to_lonlat(x, y)
            assert ext.west <= lon <= ext.east
            assert ext.south <= lat <= ext.north
