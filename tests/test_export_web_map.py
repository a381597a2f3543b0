"""The offline web map: self-contained, escaped, layered by period, refused if it fetches."""

from __future__ import annotations

import json
import re

import pytest
from builders import HOSTILE_QUOTE, HOSTILE_SUMMARY, HOSTILE_TITLE, tiny_corpus

from explorer.export.files import OutputError
from explorer.export.web import assets as web_assets
from explorer.export.web import map as web_map
from explorer.export.web.assets import external_references
from explorer.export.web.style import PERIODS, period_of

OVERLAY = {
    "type": "Feature",
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[46.5, 39.6], [47.0, 39.6], [47.0, 40.1], [46.5, 40.1], [46.5, 39.6]]],
    },
    "properties": {
        "id": "control-test",
        "name": "Test area <b>held</b>",
        "kind": "control-area",
        "held_by": "Somebody",
        "valid_from": "1994-05-12",
        "valid_to": "2020-11-10",
        "source": "schematic",
        "accuracy_m": 4000,
        "approximate": True,
    },
}


@pytest.fixture
def page(tmp_path) -> str:
    (tmp_path / "geodata").mkdir()
    (tmp_path / "geodata" / "overlays.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [OVERLAY]}), encoding="utf-8"
    )
    return web_map.build_web_map(tiny_corpus(tmp_path))


def decoded(page: str) -> str:
    """The page with JSON \\uXXXX escapes undone: the strings as the browser gets them."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)


def page_data(page: str) -> dict:
    """The JSON data element the page's script reads (``#ke-data``)."""
    match = re.search(r'<script type="application/json" id="ke-data">(.*?)</script>', page, re.S)
    assert match, "no data element"
    return json.loads(match.group(1))


def layer_names(page: str) -> list[str]:
    """The names in the layer control (HTML-escaped, as Leaflet shows them)."""
    data = page_data(page)
    return [c["name"] for c in data["control"]] + [data["eventsName"]]


def test_no_external_reference(page):
    assert external_references(page) == []
    for match in re.finditer(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page):
        assert not re.match(r"(?:https?:)?//", match.group(1)), match.group(0)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page)
    for tag in re.findall(r"<script[^>]*\bsrc\s*=[^>]*>", page):
        assert "data:" in tag, tag
    assert "<link" not in page  # stylesheets are inlined
    # even the Leaflet attribution is plain text, not a link
    assert 'leafletjs.com"' not in page
    assert "https://leafletjs.com" not in page


def test_leaflet_is_inlined(page):
    assert "L.map(" in page
    assert "<script>/* @preserve" in page or "Leaflet 1.9.3" in page
    assert "data:image/png;base64," in page  # CSS images and default icons


@pytest.mark.parametrize("view", [str, decoded])
def test_hostile_text_is_escaped(page, view):
    """Neither in the HTML nor in any JSON string handed to Leaflet is there live markup."""
    text = view(page)
    assert HOSTILE_TITLE not in text
    assert "<img src=x" not in text
    assert 'onmouseover="alert' not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&#34; onmouseover=&#34;alert(2)&#34;" in text  # markupsafe writes " as &#34;
    # a URL inside a quote stays readable text but can never be fetched or followed
    assert "https://evil.example" not in text
    assert "evil.example/x.js" in text
    assert HOSTILE_SUMMARY not in text
    assert HOSTILE_QUOTE not in text


def test_content(page):
    names = layer_names(page)
    page = decoded(page)
    assert "Stepanakert / Khankendi" in page  # contested names, both
    assert "Lachin / Berdzor" in page or "Berdzor" in page
    assert "<blockquote>" in page
    assert "Ann Author, “A “test” source”, Test Outlet, 25 September 2023" in page
    assert "19–20 September 2023 (range)" in page
    assert "Accused Azerbaijan of a “blockade”." in page
    # one marker layer for the events, a time slider instead of one layer per period
    assert "Events" in names
    assert not [n for n in names if n.startswith("Events: ")]
    assert 'id="ke-slider"' in page
    assert "L.control.layers(" in page
    # the overlay: its popup says what it is, when, how accurate; its name is escaped
    assert "12 May 1994 – 10 November 2020" in page
    assert "Control area 1994–2020" in names
    assert "Test area &lt;b&gt;held&lt;/b&gt;" in page
    assert "approximate (dashed)" in page
    assert '"dashArray": "6 4"' in page
    # basemap as vectors on a sea-coloured background, Natural Earth credited as text
    assert '"iso": "ARM"' in page
    assert '"iso": "AZE"' in page
    assert "background: #c8d9e3" in page
    assert "Basemap: Natural Earth (public domain)" in page


def test_size(tmp_path, corpus):
    """Self-contained and small: under 600 KB for the embedded corpus (speed is in bench/)."""
    assert 150_000 < len(web_map.build_web_map(tiny_corpus(tmp_path)).encode()) < 600_000
    assert len(web_map.build_web_map(corpus).encode()) < 600_000


def test_refuses_an_external_reference(tmp_path, monkeypatch):
    """Injected CDN link -> OutputError naming it, and the CLI leaves no file behind."""
    from explorer import cli

    evil = "https://cdn.example.org/leaflet.js"
    real = web_assets.leaflet_js()
    monkeypatch.setattr(web_map, "leaflet_js", lambda: real + f'\n//<script src="{evil}">')
    with pytest.raises(OutputError, match=re.escape(evil)):
        web_map.build_web_map(tiny_corpus(tmp_path))

    monkeypatch.setattr("explorer.data.corpus.load_corpus", lambda root=None: tiny_corpus(tmp_path))
    target = tmp_path / "map.html"
    assert cli.main(["export", "map", "--format", "html", "-o", str(target)]) == 2
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "snippet",
    [
        '<link rel="stylesheet" href="https://x.org/a.css">',
        '<img src="//x.org/a.png">',
        "<style>.a{background:url('http://x.org/a.png')}</style>",
        "<script>fetch('https://x.org/track')</script>",
    ],
)
def test_scanner_catches(snippet):
    assert external_references(f"<html>{snippet}</html>")


def test_scanner_allows_namespaces():
    assert external_references('<svg xmlns="http://www.w3.org/2000/svg"></svg>') == []


def test_periods_tile_the_calendar():
    import datetime as dt

    for before, after in zip(PERIODS, PERIODS[1:], strict=False):
        assert before.last + dt.timedelta(days=1) == after.first
    assert period_of(dt.date(2020, 10, 1)).label == "2020 war"
    assert period_of(dt.date(2023, 9, 19)).key == "offensive-2023"


def test_real_corpus(corpus):
    """Whatever the curators have loaded so far builds into a self-contained page."""
    page = web_map.build_web_map(corpus)
    assert page.startswith("<!DOCTYPE html>")
    assert external_references(page) == []
    assert page.count('id="ke-ev-') == len(corpus.timeline)


def _overlay(overlay_id: str, start: str, end: str | None) -> dict:
    props = {**OVERLAY["properties"], "id": overlay_id, "name": overlay_id}
    props.update(valid_from=start, valid_to=end)
    return {**OVERLAY, "properties": props}


def _shown_layers(page: str) -> list[str]:
    """Layer-control names of the overlays shown when the page opens (all dates)."""
    data = page_data(page)
    names = {c["v"]: c["name"] for c in data["control"]}
    return [names[o["v"]] for o in data["overlays"] if o["on"]]


def test_one_control_area_is_shown_when_the_page_opens(tmp_path):
    from explorer.export.web.overlays import default_control_area

    areas = [
        _overlay("control-1994-2020", "1994-05-12", "2020-11-10"),
        _overlay("control-2020-2023", "2020-11-10", "2023-09-20"),
        _overlay("control-2023-transition", "2023-09-20", "2023-10-01"),
        _overlay("control-2023", "2023-10-01", None),
    ]
    (tmp_path / "geodata").mkdir()
    (tmp_path / "geodata" / "overlays.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": areas}), encoding="utf-8"
    )
    page = web_map.build_web_map(tiny_corpus(tmp_path))
    names = layer_names(page)
    shown = [n for n in _shown_layers(page) if n.startswith("Control area")]
    assert shown == ["Control area 2020–2023"]
    # the others, the 2023 transition among them, are one click away
    for name in ("Control area 1994–2020", "Control area 20 Sep – 1 Oct 2023"):
        assert name in names
    assert "Control area shown: 2020–2023" in decoded(page)
    # every control area is timed: the slider shows the one valid on its date
    timed = {o["v"]: (o["from"], o["to"]) for o in page_data(page)["overlays"]}
    assert sorted(timed.values()) == sorted(
        (a["properties"]["valid_from"], a["properties"]["valid_to"]) for a in areas
    )
    # without the usual ids: the latest settled period, never the transition
    assert default_control_area(areas[:1] + areas[2:]) == "control-1994-2020"
    assert default_control_area([]) is None


def test_places_have_permanent_labels_with_both_names(page):
    text = decoded(page)
    assert "Place names" in layer_names(page)
    assert "permanent: true" in page
    assert ".ke-label" in page  # styled by class,
    assert "text-shadow: 0 0 2px #fff" in page  # with a halo
    labels = re.findall(r'"label": "([^"]*)"', text)
    assert "Stepanakert / Khankendi" in labels


def test_label_placement_keeps_close_names_apart(corpus):
    from explorer.export.web.labels import labelled_places, placements

    places = list(corpus.places.values())
    chosen = labelled_places(places)
    assert {p.kind for p in chosen} <= {"capital", "city", "town"}
    assert "Moscow" not in {p.name for p in chosen}  # far outside the map's region
    # even with big event markers everywhere, no two names overlap at the opening zoom
    done = placements(places, {p.id: 16.0 for p in chosen})
    assert len(done) == len(chosen)
    for i, a in enumerate(done):
        for b in done[i + 1 :]:
            overlap = (
                a.box[0] < b.box[2] and b.box[0] < a.box[2] and a.box[1] < b.box[3]
                and b.box[1] < a.box[3]
            )  # fmt: skip
            assert not overlap, (a.text, b.text)


def test_category_colours_are_the_desktop_palette(page):
    import subprocess
    import sys

    from explorer.domain.model import Category
    from explorer.render import palette

    # What the page's script colours its markers with, read back from the page itself.
    assert page_data(page)["colours"] == {c.value: palette.category_colour(c) for c in Category}
    code = (
        "import sys, explorer.export.web.style, explorer.export.web.map; "
        "print(any('PySide6' in m for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # the exports still run without Qt


def test_marker_layout_reaches_every_event(page, tmp_path):
    """Without a browser: one entry per place whose list holds every event at that place, so
    a marker per place (merged with its neighbours' where they touch) reaches every event."""
    data = page_data(page)
    events = tiny_corpus(tmp_path).timeline
    assert [e["id"] for e in data["events"]] == [e.id for e in events]
    by_place = {p["name"]: {data["events"][i]["id"] for i in p["ev"]} for p in data["places"]}
    assert by_place["Stepanakert / Khankendi"] == {
        e.id for e in events if "stepanakert" in {p.id for p in e.places}
    }
    reached = {i for p in data["places"] for i in p["ev"]}
    assert reached == set(range(len(events)))
    # one marker rule for the window and the web map
    from explorer.render.sizes import event_marker_radius

    assert data["radius"][:4] == [round(event_marker_radius(n), 2) for n in range(4)]
    # the opening view holds Nagorno-Karabakh, Yerevan (if known) and Baku
    (south, west), (north, east) = data["open"]
    assert west < 46.05
    assert east > 49.8671  # Baku in the tiny corpus
    assert south < 39.30
    assert north > 40.45
    (ls, lw), (ln, le) = data["limit"]
    assert lw <= west
    assert le >= east
    assert ls <= south
    assert ln >= north


def test_far_places_sit_at_the_region_edge_in_their_direction():
    from explorer.export.web.map import LIMIT_BOUNDS, edge_position

    west, south, east, north = LIMIT_BOUNDS
    for lon, lat in [(37.6173, 55.7558), (-77.0369, 38.9072), (131.8855, 43.1155), (51.389, 35.69)]:
        x, y = edge_position(lon, lat)
        assert west < x < east
        assert south < y < north
        cx, cy = (west + east) / 2, (south + north) / 2
        # same direction from the centre
        assert (x - cx) * (lon - cx) >= 0
        assert (y - cy) * (lat - cy) >= 0


def test_control_characters_and_lone_surrogates_never_reach_the_page(tmp_path):
    """Before: a lone surrogate in a place name broke the HTML export (UnicodeEncodeError)."""
    import dataclasses

    from explorer.domain.timeline import Timeline

    corpus = tiny_corpus(tmp_path)
    events = list(corpus.timeline)
    place = dataclasses.replace(events[0].places[0], names={"en": "Bad\ud800 na\x00me\x1b"})
    events[0] = dataclasses.replace(events[0], places=(place,), title="T\ud800itle\x07")
    corpus.places[place.id] = place
    corpus.timeline = Timeline(events)
    page = web_map.build_web_map(corpus)
    page.encode("utf-8")
    assert "Bad name" in decoded(page)
    assert "\x00" not in page
