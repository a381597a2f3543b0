"""Events in Knight Lab TimelineJS3's JSON format (``{"title": slide, "events": [slides]}``).

Dates are split into year/month/day only as far as they are known: a month-precision event
has no day, a year-precision one has neither month nor day, so TimelineJS does not invent
precision; ``display_date`` carries the date as a reader would write it ("autumn 2022",
"c. 1994"). ``group`` is the category, so TimelineJS draws one row per category; the
periods of the conflict become ``eras``. Text fields are HTML, escaped from the corpus.

TimelineJS documents ``media.url`` as required whenever ``media`` is present; the corpus
has no media, so ``url`` is empty (TimelineJS then shows no media) and ``credit`` holds the
citations, which ``text.text`` also lists so they are always visible.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Event
from explorer.export.web.html import esc, event_html
from explorer.export.web.style import events_by_period


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def date_resolution(span: DateSpan) -> str:
    """How much of the date TimelineJS may show: 'day', 'month' or 'year'."""
    p, s, e = span.precision, span.start, span.end
    if p in (Precision.DAY, Precision.RANGE):
        return "day"
    if p in (Precision.MONTH, Precision.SEASON):
        return "month"
    if p is Precision.YEAR:
        return "year"
    # approximate: as coarse as the window of uncertainty is whole
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return "year"
    if s.day == 1 and _is_month_end(e):
        return "month"
    return "day"


def date_object(day: dt.date, resolution: str) -> dict[str, str]:
    """{'year': '2023', 'month': '9', 'day': '19'}, cut to ``resolution``."""
    out = {"year": str(day.year)}
    if resolution in ("month", "day"):
        out["month"] = str(day.month)
    if resolution == "day":
        out["day"] = str(day.day)
    return out


def event_slide(event: Event) -> dict[str, Any]:
    resolution = date_resolution(event.when)
    start = date_object(event.when.start, resolution)
    end = date_object(event.when.end, resolution)
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": start,
        "display_date": event.when.display(),
        "text": {"headline": esc(event.title), "text": event_html(event, heading=False)},
        "group": event.category.value,
        "media": {
            "url": "",
            "credit": esc("; ".join(s.citation() for s in event.sources)),
            "caption": esc(event.excerpts[0].text) if event.excerpts else "",
        },
        # URLs in the corpus stay text: TimelineJS would otherwise turn them into links.
        "autolink": False,
    }
    if end != start:
        slide["end_date"] = end
    return slide


def _eras(events: list[Event]) -> list[dict[str, Any]]:
    """The periods that have events; the open-ended first and last end at their events."""
    eras = []
    for period, group in events_by_period(events):
        first = period.first if period.first != dt.date.min else min(e.when.start for e in group)
        last = period.last if period.last != dt.date.max else max(e.when.end for e in group)
        eras.append(
            {
                "start_date": date_object(first, "day"),
                "end_date": date_object(max(first, last), "day"),
                "text": {"headline": esc(period.label)},
            }
        )
    return eras


def events_to_timelinejs(events: Iterable[Event], corpus=None) -> str:
    """The events as a TimelineJS3 JSON document (pretty-printed UTF-8 text)."""
    events = list(events)
    sources = len({s.id for e in events for s in e.sources})
    summary = f"{len(events)} events from {sources} sources"
    if corpus is not None:
        summary = corpus.summary()
    document = {
        "title": {
            "text": {
                "headline": "Karabakh Explorer",
                "text": (
                    "<p>Events of the Nagorno-Karabakh conflict, each with the verbatim "
                    f"excerpts it rests on and their sources.</p><p>{esc(summary)}</p>"
                ),
            }
        },
        "events": [event_slide(e) for e in events],
        "eras": _eras(events),
        "scale": "human",
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
