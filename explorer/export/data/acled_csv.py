"""Events as CSV in ACLED's column order, filled where a column applies, plus ``quotes``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from explorer.domain.dates import ACLED_TIME_PRECISION
from explorer.domain.model import ActorKind, Category, Event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
COLUMNS = (*ACLED_COLUMNS, "quotes")

# Only what the corpus actually says is filled in; ACLED's own coding of these events
# (event_type, inter codes, fatalities) is a judgement the sources do not make for us.
_DISORDER = {
    Category.MILITARY: "Political violence",
    Category.POLITICAL: "Strategic developments",
    Category.DIPLOMATIC: "Strategic developments",
    Category.HUMANITARIAN: "Strategic developments",
    Category.ECONOMIC: "Strategic developments",
}


def events_to_csv(events: Iterable[Event]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        place = event.places[0] if event.places else None
        states = [a.name for a in event.actors if a.kind is not ActorKind.PERSON]
        quotes = " | ".join(f"{x.source.id}[{x.start}:{x.end}]: “{x.text}”" for x in event.excerpts)
        writer.writerow(
            {
                "event_id_cnty": event.id,
                "event_date": event.when.start.isoformat(),
                "year": event.when.start.year,
                "time_precision": ACLED_TIME_PRECISION[event.when.precision],
                "disorder_type": _DISORDER[event.category],
                "event_type": event.category.value,
                "actor1": states[0] if states else "",
                "assoc_actor_1": "; ".join(states[2:]),
                "actor2": states[1] if len(states) > 1 else "",
                "region": "Caucasus and Central Asia",
                "location": place.name if place else "",
                "latitude": f"{place.lat:.4f}" if place else "",
                "longitude": f"{place.lon:.4f}" if place else "",
                "geo_precision": 3 if place and place.kind == "region" else 1 if place else "",
                "source": "; ".join(s.outlet or s.title for s in event.sources),
                "notes": event.summary,
                "tags": "; ".join(sorted({f"precision: {event.when.precision.value}"})),
                "quotes": quotes,
            }
        )
    return out.getvalue()
