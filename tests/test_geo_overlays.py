"""The overlays in geodata/ agree with known facts, and layers_at switches on the right days."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from explorer.data import geo

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("id", "name", "kind", "valid_from", "valid_to", "source", "accuracy_m", "approximate")
# Places the gazetteer does not (yet) hold; WGS84 lon/lat from standard references.
EXTRA_PLACES = {
    "kalbajar": (46.038, 40.105),
    "fuzuli": (47.146, 39.601),
    "hadrut": (47.031, 39.520),
}


@pytest.fixture(scope="module")
def layers() -> geo.MapLayers:
    return geo.load_map_layers(ROOT)


def _xy(layers: geo.MapLayers, place: str) -> Point:
    if place in layers.places:
        return Point(layers.places[place])
    return Point(geo.lonlat_to_map(*EXTRA_PLACES[place]))


def test_every_feature_has_complete_properties_and_valid_geometry():
    data = json.loads((ROOT / "geodata" / "overlays.geojson").read_text(encoding="utf-8"))
    ids = [f["properties"]["id"] for f in data["features"]]
    assert len(ids) == len(set(ids))
    for feature in data["features"]:
        props = feature["properties"]
        assert all(key in props for key in REQUIRED), props["id"]
        assert props["kind"] in geo.OVERLAY_KINDS
        assert props["source"]
        assert props["accuracy_m"] > 0
        for key in ("valid_from", "valid_to"):
            if props[key] is not None:
                dt.date.fromisoformat(props[key])
        geom = shapely.geometry.shape(feature["geometry"])
        assert geom.is_valid, props["id"]
        assert not geom.is_empty, props["id"]
        lon0, lat0, lon1, lat1 = geom.bounds
        assert 39 < lon0 <= lon1 < 51, props["id"]
        assert 37 < lat0 <= lat1 < 44, props["id"]


def test_projected_overlays_are_valid(layers):
    assert all(o.geometry.is_valid for o in layers.overlays)


def test_nkao_area_matches_official_figure(layers):
    area_km2 = layers.overlay("nkao").geometry.area / 1e6
    assert area_km2 == pytest.approx(4388, rel=0.05)


@pytest.mark.parametrize(
    "place", ["stepanakert", "shusha", "martuni", "martakert", "stepanakert-airport", "hadrut"]
)
def test_towns_inside_nkao(layers, place):
    assert layers.overlay("nkao").geometry.contains(_xy(layers, place))


@pytest.mark.parametrize("place", ["lachin", "agdam", "goris", "yevlakh", "kalbajar", "fuzuli"])
def test_towns_outside_nkao(layers, place):
    assert not layers.overlay("nkao").geometry.contains(_xy(layers, place))


def test_reference_outline_is_the_oblast_and_always_shown(layers):
    ref = layers.overlay("nagorno-karabakh-reference")
    assert ref.kind == "reference-boundary"
    assert ref.valid_from is None
    assert ref.valid_to is None
    assert ref.geometry.equals(layers.overlay("nkao").geometry)
    for year in (1900, 1950, 2000, 2030):
        assert ref in layers.layers_at(dt.date(year, 1, 1))


@pytest.mark.parametrize("place", ["goris", "lachin", "shusha", "stepanakert"])
def test_2020_corridor_road_passes_the_towns(layers, place):
    road = layers.overlay("lachin-corridor-road-2020").geometry
    assert road.distance(_xy(layers, place)) < 1000


def test_2022_road_bypasses_lachin_town(layers):
    road = layers.overlay("lachin-corridor-road-2022").geometry
    for place in ("goris", "shusha", "stepanakert"):
        assert road.distance(_xy(layers, place)) < 1000
    assert road.distance(_xy(layers, "lachin")) > 2000


@pytest.mark.parametrize("year", [2020, 2022])
def test_corridor_zone_is_five_km_wide(layers, year):
    zone = layers.overlay(f"lachin-corridor-zone-{year}").geometry
    road = layers.overlay(f"lachin-corridor-road-{year}").geometry.intersection(zone)
    assert zone.area / road.length == pytest.approx(5000, rel=0.1)
    assert not zone.contains(_xy(layers, "goris"))  # the zone starts at the Armenian border


def _control_ids(layers, date):
    return [o.id for o in layers.layers_at(date) if o.kind == "control-area"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(1994, 5, 11), []),
        (dt.date(1994, 5, 12), ["control-1994-2020"]),
        (dt.date(2020, 11, 9), ["control-1994-2020"]),
        (dt.date(2020, 11, 10), ["control-2020-2023"]),
        (dt.date(2023, 9, 19), ["control-2020-2023"]),
        (dt.date(2023, 9, 20), ["control-2023-transition"]),
        (dt.date(2023, 9, 30), ["control-2023-transition"]),
        (dt.date(2023, 10, 1), ["control-2023"]),
        (dt.date(2025, 1, 1), ["control-2023"]),
    ],
)
def test_exactly_one_control_area_around_each_change(layers, date, expected):
    assert _control_ids(layers, date) == expected


def test_corridor_routes_switch_on_26_august_2022(layers):
    def roads(date):
        return [o.id for o in layers.layers_at(date) if o.kind == "corridor-road"]

    assert roads(dt.date(2020, 11, 9)) == []
    assert roads(dt.date(2020, 11, 10)) == ["lachin-corridor-road-2020"]
    assert roads(dt.date(2022, 8, 25)) == ["lachin-corridor-road-2020"]
    assert roads(dt.date(2022, 8, 26)) == ["lachin-corridor-road-2022"]


def test_oblast_valid_until_its_abolition(layers):
    assert layers.overlay("nkao") in layers.layers_at(dt.date(1991, 11, 25))
    assert layers.overlay("nkao") not in layers.layers_at(dt.date(1991, 11, 26))
    assert layers.overlay("nkao") not in layers.layers_at(dt.date(1923, 7, 6))


def test_control_areas_agree_with_facts(layers):
    held_1994 = layers.overlay("control-1994-2020").geometry
    zone_2020 = layers.overlay("control-2020-2023").geometry
    for place in ("lachin", "agdam", "stepanakert", "kalbajar", "fuzuli", "shusha"):
        assert held_1994.contains(_xy(layers, place)), place
    for place in ("stepanakert", "martakert", "martuni", "stepanakert-airport"):
        assert zone_2020.contains(_xy(layers, place)), place
    for place in ("shusha", "hadrut", "lachin", "agdam"):
        assert not zone_2020.contains(_xy(layers, place)), place
    assert 2500 < zone_2020.area / 1e6 < 3600
    assert 10500 < held_1994.area / 1e6 < 12500


def test_lake_and_river_are_marked_schematic(layers):
    lake = layers.overlay("lake-sevan")
    river = layers.overlay("aras-river")
    assert lake.kind == "lake"
    assert river.kind == "river"
    assert lake.approximate
    assert river.approximate
    assert "schematic" in lake.source
    assert "schematic" in river.source
    assert lake.geometry.area / 1e6 == pytest.approx(1270, rel=0.15)
    assert river.geometry.geom_type == "LineString"


def test_places_are_projected(layers):
    x, y = layers.places["stepanakert"]
    assert (x, y) == pytest.approx(geo.lonlat_to_map(46.7519, 39.8153))
