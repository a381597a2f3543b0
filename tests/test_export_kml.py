"""KML 2.2 export: parses, one timed Placemark per event, escaped descriptions, styles."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from builders import HOSTILE_TITLE, tiny_corpus

from explorer.export.data.kml import KML_NS, events_to_kml

NS = {"k": KML_NS}


def _iso(text: str | None) -> dt.date:
    assert text, "missing date"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text), text
    return dt.date.fromisoformat(text)


def check_kml(text: str, events) -> ET.Element:
    """The structural checks, shared by the tiny and the real corpus."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{{{KML_NS}}}kml"
    placemarks = root.findall("k:Document/k:Placemark", NS)
    assert len(placemarks) == len(events)
    styles = {s.get("id") for s in root.findall("k:Document/k:Style", NS)}
    by_id = {e.id: e for e in events}
    for placemark, event in zip(placemarks, events, strict=True):
        assert placemark.findtext("k:name", namespaces=NS) == event.title
        span = placemark.find("k:TimeSpan", NS)
        stamp = placemark.find("k:TimeStamp", NS)
        assert (span is None) != (stamp is None), "exactly one time primitive"
        if stamp is not None:
            assert _iso(stamp.findtext("k:when", namespaces=NS)) == event.when.start
        else:
            begin = _iso(span.findtext("k:begin", namespaces=NS))
            end = _iso(span.findtext("k:end", namespaces=NS))
            assert (begin, end) == (event.when.start, event.when.end)
        data = {
            d.get("name"): d.findtext("k:value", namespaces=NS)
            for d in placemark.findall("k:ExtendedData/k:Data", NS)
        }
        assert data["id"] in by_id
        assert data["category"] == event.category.value
        assert data["precision"] == event.when.precision.value
        assert placemark.findtext("k:styleUrl", namespaces=NS)[1:] in styles
        points = placemark.findall(".//k:Point/k:coordinates", NS)
        assert len(points) == len(event.places)
        for coords, place in zip(points, event.places, strict=True):
            lon, lat, _ = (float(v) for v in coords.text.split(","))
            assert (lon, lat) == pytest.approx((place.lon, place.lat), abs=1e-5)
    return root


def test_tiny_corpus(tmp_path):
    events = list(tiny_corpus(tmp_path).timeline)
    text = events_to_kml(events)
    root = check_kml(text, events)
    assert "<![CDATA[" not in text
    assert "http://" not in text.replace(KML_NS, "")
    assert "https://" not in text
    placemarks = {p.get("id"): p for p in root.iter(f"{{{KML_NS}}}Placemark")}
    # a single known day is a TimeStamp; a season a TimeSpan
    assert placemarks["event-hostile"].find("k:TimeStamp", NS) is not None
    assert placemarks["event-talks-2023"].find("k:TimeSpan", NS) is not None
    # two places -> MultiGeometry
    assert placemarks["event-talks-2023"].find("k:MultiGeometry", NS) is not None


def test_description_is_escaped_html(tmp_path):
    events = list(tiny_corpus(tmp_path).timeline)
    text = events_to_kml(events)
    root = ET.fromstring(text.encode())
    hostile = next(p for p in root.iter(f"{{{KML_NS}}}Placemark") if p.get("id") == "event-hostile")
    assert hostile.findtext("k:name", namespaces=NS) == HOSTILE_TITLE  # plain text in <name>
    description = hostile.findtext("k:description", namespaces=NS)
    # the description is HTML; the corpus text in it is escaped, so it is never markup
    assert "<blockquote>" in description
    assert "<img" not in description
    assert "<script" not in description
    assert "&lt;img src=x onerror=alert(4)&gt;" in description
    assert "Stepanakert / Khankendi" in description
    assert "Ann Author, “A “test” source”, Test Outlet, 25 September 2023" in description
    assert "<script>" not in text  # escaped once more as XML text


def test_styles_per_category(tmp_path):
    root = ET.fromstring(events_to_kml(tiny_corpus(tmp_path).timeline).encode())
    styles = root.findall("k:Document/k:Style", NS)
    assert {s.get("id") for s in styles} >= {"cat-military", "cat-diplomatic", "cat-economic"}
    for style in styles:
        assert re.fullmatch(r"ff[0-9a-f]{6}", style.findtext("k:IconStyle/k:color", namespaces=NS))
        assert style.find("k:IconStyle/k:Icon", NS) is None  # no icon URL to fetch


def test_empty():
    root = ET.fromstring(events_to_kml([]).encode())
    assert root.findall("k:Document/k:Placemark", NS) == []


def test_real_corpus(corpus):
    events = list(corpus.timeline)
    check_kml(events_to_kml(events), events)
