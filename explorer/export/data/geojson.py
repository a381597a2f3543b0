"""GeoJSON exports of events and places (RFC 7946: WGS84 lon/lat, ISO 8601 dates)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from explorer.domain.model import Event, Place


def event_geometry(event: Event) -> dict[str, Any] | None:
    points = [[p.lon, p.lat] for p in event.places]
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "MultiPoint", "coordinates": points}


def event_properties(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "summary": event.summary,
        "start": event.when.start.isoformat(),
        "end": event.when.end.isoformat(),
        "precision": event.when.precision.value,
        "display_date": event.when.display(),
        "date_note": event.date_note or None,
        "category": event.category.value,
        "places": [p.id for p in event.places],
        "actors": [a.id for a in event.actors],
        "excerpts": [
            {"source": x.source.id, "start": x.start, "end": x.end, "quote": x.text}
            for x in event.excerpts
        ],
        "annotations": [
            {
                "actor": a.actor.id,
                "role": a.role.value,
                "text": a.text,
                "source": a.excerpt.source.id,
                "topic": a.topic,
            }
            for a in event.annotations
        ],
    }


def events_to_geojson(events: Iterable[Event]) -> str:
    features = [
        {
            "type": "Feature",
            "id": e.id,
            "geometry": event_geometry(e),
            "properties": event_properties(e),
        }
        for e in events
    ]
    return _dump({"type": "FeatureCollection", "features": features})


def places_to_geojson(places: Iterable[Place]) -> str:
    features = [
        {
            "type": "Feature",
            "id": p.id,
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {
                "id": p.id,
                "name": p.name,
                "names": p.names,
                "romanized": p.romanized,
                "contested": p.contested,
                "kind": p.kind,
            },
        }
        for p in places
    ]
    return _dump({"type": "FeatureCollection", "features": features})


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
