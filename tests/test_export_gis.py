"""GeoJSON and KML that GIS tools take as they are (issue 12 item 6, issue 15 items 3 and 8).

The conversions run GDAL's own ``ogr2ogr``/``ogrinfo`` (Debian ``gdal-bin``) where installed.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builders import HOSTILE_TITLE, tiny_events

from explorer import cli
from explorer.export.data.geojson import events_to_geojson, overlays_to_geojson
from explorer.export.data.kml import KML_NS, events_to_kml, overlays_to_kml

NS = {"k": KML_NS}
ROOT = Path(__file__).resolve().parents[1]
OGR = shutil.which("ogr2ogr") and shutil.which("ogrinfo")
needs_gdal = pytest.mark.skipif(not OGR, reason="GDAL's ogr2ogr/ogrinfo not installed (gdal-bin)")
# LIBKML's own fields: a Data field of one of these names merges into it.
LIBKML_FIELDS = {
    "name", "description", "timestamp", "begin", "end", "altitudeMode", "tessellate",
    "extrude", "visibility", "drawOrder", "icon", "snippet",
}  # fmt: skip


def embedded_overlays() -> list[dict]:
    data = json.loads((ROOT / "geodata" / "overlays.geojson").read_text(encoding="utf-8"))
    return data["features"]


def _ogr(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def _to_shapefile(tmp_path: Path, name: str, text: str) -> tuple[int, str, str]:
    """Convert ``text`` to a Shapefile; (feature count, geometry line, stderr)."""
    src = tmp_path / f"{name}.geojson"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}_shp"
    done = _ogr("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", str(out), str(src))
    info = _ogr("ogrinfo", "-so", "-al", str(out)).stdout
    count = int(next(ln for ln in info.splitlines() if ln.startswith("Feature Count:")).split()[-1])
    geometry = next(ln for ln in info.splitlines() if ln.startswith("Geometry:"))
    return count, geometry, done.stderr


# -- GeoJSON --------------------------------------------------------------------------------


def test_events_are_multipoint_throughout():
    """Before: one-place events were Point and the others MultiPoint in the same layer."""
    events = tiny_events()
    data = json.loads(events_to_geojson(events))
    types = {f["geometry"]["type"] for f in data["features"] if f["geometry"]}
    assert types == {"MultiPoint"}
    one = next(f for f in data["features"] if f["id"] == "blockade")
    assert one["geometry"]["coordinates"] == [[46.5469, 39.6394]]


def test_per_place_is_one_point_per_place():
    events = tiny_events()
    data = json.loads(events_to_geojson(events, per_place=True))
    assert {f["geometry"]["type"] for f in data["features"]} == {"Point"}
    assert len(data["features"]) == sum(len(e.places) for e in events)
    ids = [f["id"] for f in data["features"]]
    assert len(set(ids)) == len(ids)
    talks = [f for f in data["features"] if f["properties"]["id"] == "talks-2023"]
    assert [f["properties"]["place"] for f in talks] == ["baku", "stepanakert"]


@needs_gdal
@pytest.mark.parametrize("per_place", [False, True])
def test_events_convert_to_a_shapefile_as_they_are(tmp_path, corpus, per_place):
    """Before: ogr2ogr -f "ESRI Shapefile" stopped after one feature (Point, then MultiPoint)."""
    events = list(corpus.timeline)
    count, geometry, stderr = _to_shapefile(
        tmp_path, "events", events_to_geojson(events, per_place=per_place)
    )
    expected = sum(len(e.places) for e in events) if per_place else len(events)
    assert count == expected
    assert geometry == ("Geometry: Point" if per_place else "Geometry: Multi Point")
    assert "ERROR" not in stderr, stderr


def test_overlays_geojson_is_timed_multipolygons():
    overlays = embedded_overlays()
    data = json.loads(overlays_to_geojson(overlays))
    assert {f["geometry"]["type"] for f in data["features"]} == {"MultiPolygon"}
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert {"control-area", "corridor-zone"} <= kinds
    area = next(f for f in data["features"] if f["id"] == "control-2020-2023")
    assert (area["properties"]["valid_from"], area["properties"]["valid_to"]) == (
        "2020-11-10",
        "2023-09-20",
    )
    for feature in data["features"]:
        assert list(feature["properties"])[:5] == ["id", "name", "kind", "valid_from", "valid_to"]


@needs_gdal
def test_overlays_convert_to_a_shapefile(tmp_path):
    count, geometry, stderr = _to_shapefile(
        tmp_path, "overlays", overlays_to_geojson(embedded_overlays())
    )
    assert count == sum(f["geometry"]["type"].endswith("Polygon") for f in embedded_overlays())
    assert geometry == "Geometry: Polygon"  # Shapefile polygons are multi by nature
    assert "ERROR" not in stderr, stderr


def test_geojson_strips_control_characters_and_lone_surrogates():
    event = dataclasses.replace(tiny_events()[0], title="Bad\x00 ti\ud800tle\x1b")
    text = events_to_geojson([event])
    text.encode("utf-8")
    assert json.loads(text)["features"][0]["properties"]["title"] == "Bad title"


# -- KML ------------------------------------------------------------------------------------


def _data_names(root: ET.Element) -> set[str]:
    return {d.get("name") for d in root.iter(f"{{{KML_NS}}}Data")}


def test_kml_field_names_do_not_clash_with_libkml():
    """Before: the event's 'end' Data field merged into LIBKML's own TimeSpan 'end'."""
    root = ET.fromstring(events_to_kml(tiny_events(), overlays=embedded_overlays()))
    names = _data_names(root)
    assert {"first_day", "last_day"} <= names
    assert not names & LIBKML_FIELDS, names & LIBKML_FIELDS


@needs_gdal
def test_kml_reads_in_libkml_with_distinct_fields(tmp_path):
    path = tmp_path / "events.kml"
    path.write_text(events_to_kml(tiny_events()), encoding="utf-8")
    info = _ogr("ogrinfo", "-al", "-where", "id = 'blockade'", str(path)).stdout
    if "LIBKML" not in _ogr("ogrinfo", "--formats").stdout:
        pytest.skip("GDAL without the LIBKML driver")
    assert "first_day (String) = 2022-12-01" in info
    assert "last_day (String) = 2022-12-31" in info
    assert "end (DateTime) = 2022/12/31" in info  # LIBKML's own, from the TimeSpan


def test_kml_balloon_never_shows_the_raw_title():
    """Before: BalloonStyle held '<h3>$[name]</h3>': Google Earth put the raw title into HTML."""
    root = ET.fromstring(events_to_kml(tiny_events()))
    for text in root.iter(f"{{{KML_NS}}}text"):
        assert "$[name]" not in (text.text or "")
    hostile = next(p for p in root.iter(f"{{{KML_NS}}}Placemark") if p.get("id") == "event-hostile")
    description = hostile.findtext("k:description", namespaces=NS)
    assert HOSTILE_TITLE not in description
    assert "&lt;script&gt;" in description  # the title, escaped, heads the balloon


def test_kml_has_the_control_areas_and_the_corridor_as_timed_polygons():
    """Before: the KML had no control areas and no corridor."""
    root = ET.fromstring(events_to_kml(tiny_events(), overlays=embedded_overlays()))
    folder = root.find("k:Document/k:Folder", NS)
    assert folder is not None
    marks = {p.get("id"): p for p in folder.findall("k:Placemark", NS)}
    area = marks["overlay-control-2020-2023"]
    assert area.find(".//k:Polygon/k:outerBoundaryIs/k:LinearRing/k:coordinates", NS) is not None
    # valid_to is the first day of the next state: the span ends the day before
    assert area.findtext("k:TimeSpan/k:begin", namespaces=NS) == "2020-11-10"
    assert area.findtext("k:TimeSpan/k:end", namespaces=NS) == "2023-09-19"
    zone = marks["overlay-lachin-corridor-zone-2020"]
    assert zone.find(".//k:Polygon", NS) is not None
    assert zone.findtext("k:TimeSpan/k:end", namespaces=NS) == "2022-08-25"
    assert marks["overlay-lachin-corridor-road-2020"].find(".//k:LineString", NS) is not None
    open_ended = marks["overlay-control-2023"]
    assert open_ended.findtext("k:TimeSpan/k:begin", namespaces=NS) == "2023-10-01"
    assert open_ended.find("k:TimeSpan/k:end", NS) is None
    assert marks["overlay-nagorno-karabakh-reference"].find("k:TimeSpan", NS) is None
    # events stay directly in the Document, overlays in their folder
    assert len(root.findall("k:Document/k:Placemark", NS)) == len(tiny_events())
    only = ET.fromstring(overlays_to_kml(embedded_overlays()))
    assert not only.findall("k:Document/k:Placemark", NS)
    assert len(only.findall("k:Document/k:Folder/k:Placemark", NS)) == len(embedded_overlays())


def test_kml_strips_control_characters_and_lone_surrogates():
    """Before: a NUL in a title gave KML that no XML reader accepts, with exit 0."""
    event = dataclasses.replace(tiny_events()[0], title="Bad\x00 ti\ud800tle\x0c")
    root = ET.fromstring(events_to_kml([event]).encode("utf-8"))
    assert root.find("k:Document/k:Placemark/k:name", NS).text == "Bad title"


# -- CLI ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["geojson", "kml"])
def test_cli_exports_the_overlays(tmp_path, fmt):
    out = tmp_path / f"overlays.{fmt}"
    assert cli.main(["--corpus", str(ROOT), "export", "overlays", "-f", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "control-2020-2023" in text
    assert "lachin-corridor-zone-2022" in text


def test_cli_per_place(tmp_path):
    out = tmp_path / "events.geojson"
    assert (
        cli.main(
            [
                "--corpus",
                str(ROOT),
                "export",
                "events",
                "-f",
                "geojson",
                "--per-place",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert {
        f["geometry"]["type"] for f in json.loads(out.read_text())["features"] if f["geometry"]
    } == {"Point"}


def test_kml_opens_on_the_web_maps_opening_view():
    """One set of extents: Google Earth opens on the box the web map opens on."""
    from explorer.export.web.view import opening_bounds

    events = tiny_events()
    root = ET.fromstring(events_to_kml(events))
    look = root.find("k:Document/k:LookAt", NS)
    assert look is not None
    west, south, east, north = opening_bounds({p.id: p for e in events for p in e.places})
    lon = float(look.findtext("k:longitude", namespaces=NS))
    lat = float(look.findtext("k:latitude", namespaces=NS))
    assert west < lon < east
    assert south < lat < north
    assert east > 49.8671  # Baku is in the tiny corpus: the view reaches it
    assert 100_000 < float(look.findtext("k:range", namespaces=NS)) < 2_000_000
