"""``explorer export``: every event/place/map format through the CLI, stdout, --force, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builders import tiny_corpus

from explorer import cli

ACLED_ORDER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """Make the CLI load the tiny in-memory corpus instead of the embedded one."""
    corpus = tiny_corpus(tmp_path)
    monkeypatch.setattr("explorer.data.corpus.load_corpus", lambda root=None: corpus)
    return corpus


def run(*args: str) -> int:
    return cli.main(["export", *args])


def test_events_geojson(tiny, tmp_path):
    out = tmp_path / "events.geojson"
    assert run("events", "--format", "geojson", "-o", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(tiny.timeline)
    for feature in data["features"]:
        props = feature["properties"]
        assert set(props) >= {
            "id", "title", "summary", "start", "end", "precision", "category",
            "places", "actors", "excerpts", "annotations",
        }  # fmt: skip
        assert feature["geometry"]["type"] in ("Point", "MultiPoint")
        for excerpt in props["excerpts"]:
            assert set(excerpt) >= {"source", "start", "end", "quote"}
            source = tiny.sources[excerpt["source"]]
            assert source.text[excerpt["start"] : excerpt["end"]] == excerpt["quote"]
        for annotation in props["annotations"]:
            assert set(annotation) >= {"actor", "role", "text", "source"}
    multi = next(f for f in data["features"] if f["id"] == "talks-2023")
    assert multi["geometry"]["type"] == "MultiPoint"


def test_events_csv(tiny, tmp_path):
    out = tmp_path / "events.csv"
    assert run("events", "--format", "csv", "-o", str(out)) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == [*ACLED_ORDER, "quotes"]
    # one row per place of each event, as ACLED codes one location per row
    assert len(rows) == 1 + sum(max(1, len(e.places)) for e in tiny.timeline)
    assert all(len(r) == len(rows[0]) for r in rows)


def test_events_kml_and_timelinejs(tiny, tmp_path):
    kml, tl = tmp_path / "events.kml", tmp_path / "events.json"
    assert run("events", "--format", "kml", "-o", str(kml)) == 0
    assert run("events", "-f", "timelinejs", "-o", str(tl)) == 0
    root = ET.fromstring(kml.read_bytes())
    assert len(root.findall(".//{http://www.opengis.net/kml/2.2}Placemark")) == len(tiny.timeline)
    assert len(json.loads(tl.read_text(encoding="utf-8"))["events"]) == len(tiny.timeline)


def test_places_geojson(tiny, tmp_path):
    out = tmp_path / "places.geojson"
    assert run("places", "--format", "geojson", "-o", str(out)) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert {f["id"] for f in features} == set(tiny.places)
    assert all(f["geometry"]["type"] == "Point" for f in features)


def test_map_html(tiny, tmp_path, capsys):
    out = tmp_path / "map.html"
    assert run("map", "--format", "html", "-o", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "L.map(" in page
    assert f"wrote {out}" in capsys.readouterr().err
    assert oct(out.stat().st_mode & 0o077) != "0o0", "an export is readable like any file"


def test_stdout(tiny, capsys):
    assert run("events", "--format", "geojson", "-o", "-") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["type"] == "FeatureCollection"
    assert "wrote" not in captured.err


def test_refuses_to_overwrite_without_force(tiny, tmp_path, capsys):
    out = tmp_path / "events.kml"
    out.write_text("precious")
    assert run("events", "--format", "kml", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "already exists" in err
    assert "--force" in err
    assert out.read_text() == "precious"
    assert run("events", "--format", "kml", "-o", str(out), "--force") == 0
    assert out.read_text().startswith("<?xml")


def test_unwritable_path(tiny, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "events.csv"
    code = run("events", "--format", "csv", "-o", str(out))
    err = capsys.readouterr().err
    assert code != 0
    assert "does not exist" in err
    assert "Traceback" not in err
    assert not out.parent.exists()


def test_wrong_combination(tiny, tmp_path, capsys):
    assert run("places", "--format", "kml", "-o", str(tmp_path / "x.kml")) == 2
    assert "cannot export places as kml" in capsys.readouterr().err
    assert not (tmp_path / "x.kml").exists()


@pytest.mark.parametrize(
    ("what", "fmt", "check"),
    [
        ("events", "geojson", lambda t: json.loads(t)["type"] == "FeatureCollection"),
        ("events", "kml", lambda t: ET.fromstring(t.encode()).tag.endswith("kml")),
        ("events", "timelinejs", lambda t: "events" in json.loads(t)),
        ("map", "html", lambda t: t.startswith("<!DOCTYPE html>")),
    ],
)
def test_real_corpus_subprocess(tmp_path, what, fmt, check):
    """The installed entry point on the embedded corpus, whatever it holds today."""
    out = tmp_path / f"out.{fmt}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "export", what, "--format", fmt, "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert check(out.read_text(encoding="utf-8"))
