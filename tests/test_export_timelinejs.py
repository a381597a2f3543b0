"""TimelineJS3 JSON export: the documented structure, dates cut to their precision."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from builders import HOSTILE_TITLE, tiny_corpus

from explorer.domain.dates import DateSpan, Precision
from explorer.export.data.timelinejs import date_resolution, events_to_timelinejs


def _date_keys(resolution: str) -> set[str]:
    """The date-object keys TimelineJS should get for a resolution."""
    return {
        "year": {"year"},
        "month": {"year", "month"},
        "day": {"year", "month", "day"},
    }[resolution]


def check_timeline(text: str, events) -> dict:
    doc = json.loads(text)
    assert set(doc) >= {"title", "events"}
    assert doc["title"]["text"]["headline"]
    assert len(doc["events"]) == len(events)
    by_id = {e.id: e for e in events}
    for slide in doc["events"]:
        event = by_id[slide["unique_id"]]
        resolution = date_resolution(event.when)
        start = slide["start_date"]
        assert set(start) == _date_keys(resolution)
        assert all(isinstance(v, str) and v.isdigit() for v in start.values())
        assert int(start["year"]) == event.when.start.year
        if "month" in start:
            assert int(start["month"]) == event.when.start.month
        if "day" in start:
            assert int(start["day"]) == event.when.start.day
        if "end_date" in slide:
            assert set(slide["end_date"]) == _date_keys(resolution)
            assert int(slide["end_date"]["year"]) == event.when.end.year
            assert slide["end_date"] != start
        assert slide["display_date"] == event.when.display()
        assert slide["text"]["headline"]
        assert "<blockquote>" in slide["text"]["text"]
        assert slide["group"] == event.category.value
        assert set(slide["media"]) >= {"url", "credit"}
        for source in event.sources:
            assert source.outlet in slide["media"]["credit"]
    for era in doc.get("eras", []):
        assert set(era) >= {"start_date", "end_date", "text"}
    return doc


@pytest.mark.parametrize(
    ("precision", "start", "end", "keys"),
    [
        (Precision.DAY, "2023-09-19", "2023-09-19", {"year", "month", "day"}),
        (Precision.RANGE, "2023-09-19", "2023-09-20", {"year", "month", "day"}),
        (Precision.MONTH, "2022-12-01", "2022-12-31", {"year", "month"}),
        (Precision.SEASON, "2023-03-01", "2023-05-31", {"year", "month"}),
        (Precision.YEAR, "1994-01-01", "1994-12-31", {"year"}),
        (Precision.APPROXIMATE, "1994-01-01", "1994-12-31", {"year"}),
        (Precision.APPROXIMATE, "2023-10-01", "2023-10-31", {"year", "month"}),
        (Precision.APPROXIMATE, "2023-10-01", "2023-10-10", {"year", "month", "day"}),
    ],
)
def test_resolution(precision, start, end, keys):
    span = DateSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision)
    assert _date_keys(date_resolution(span)) == keys


def test_tiny_corpus(tmp_path):
    corpus = tiny_corpus(tmp_path)
    events = list(corpus.timeline)
    doc = check_timeline(events_to_timelinejs(events, corpus), events)
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert slides["blockade"]["start_date"] == {"year": "2022", "month": "12"}
    assert "end_date" not in slides["blockade"]  # same month: nothing more to say
    assert slides["ceasefire-1994"]["start_date"] == {"year": "1994"}
    assert slides["offensive-2023"]["start_date"] == {"year": "2023", "month": "9", "day": "19"}
    assert slides["offensive-2023"]["end_date"] == {"year": "2023", "month": "9", "day": "20"}
    assert slides["offensive-2023"]["display_date"] == "19–20 September 2023"
    assert slides["talks-2023"]["display_date"] == "spring 2023"
    assert [e["text"]["headline"] for e in doc["eras"]][:1] == ["1988–1994 war"]


def test_escaped(tmp_path):
    corpus = tiny_corpus(tmp_path)
    text = events_to_timelinejs(corpus.timeline, corpus)
    slide = next(s for s in json.loads(text)["events"] if s["unique_id"] == "hostile")
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert HOSTILE_TITLE not in text
    assert "<img" not in slide["text"]["text"]
    assert slide["autolink"] is False


def test_real_corpus(corpus):
    events = list(corpus.timeline)
    check_timeline(events_to_timelinejs(events, corpus), events)
