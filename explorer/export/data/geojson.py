"""GeoJSON exports of events, places and overlays (RFC 7946: WGS84 lon/lat, ISO 8601 dates).

Every file holds one geometry type, so that GIS tools that want one per layer (a Shapefile,
``ogr2ogr -f "ESRI Shapefile"``) convert it as it is: events are MultiPoint throughout (one
point per place), or with ``per_place`` one Point feature per place of an event; overlays are
MultiPolygon. Text is written without control characters or lone surrogates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from explorer.domain.model import Event, Place
from explorer.export.data.text import clean


def event_geometry(event: Event) -> dict[str, Any] | None:
    """A MultiPoint of the event's places, even for one place; ``None`` for none."""
    points = [[p.lon, p.lat] for p in event.places]
    if not points:
        return None
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
        # Lists of objects, not of strings: GDAL reads those as one JSON text field, which
        # every format takes; a list of strings becomes a StringList a Shapefile cannot hold.
        "places": [{"id": p.id, "name": p.name} for p in event.places],
        "actors": [{"id": a.id, "name": a.name} for a in event.actors],
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


def events_to_geojson(events: Iterable[Event], *, per_place: bool = False) -> str:
    """One MultiPoint feature per event, or with ``per_place`` one Point per place of each.

    Per place, a feature's id is ``event@place`` and its properties add ``place`` (the id)
    and ``place_name``; an event without a place is one feature without geometry.
    """
    features = []
    for e in events:
        if not per_place:
            features.append(
                {
                    "type": "Feature",
                    "id": e.id,
                    "geometry": event_geometry(e),
                    "properties": event_properties(e),
                }
            )
            continue
        for place in e.places or (None,):
            props = event_properties(e)
            props["place"] = place.id if place else None
            props["place_name"] = place.name if place else None
            features.append(
                {
                    "type": "Feature",
                    "id": f"{e.id}@{place.id}" if place else e.id,
                    "geometry": (
                        {"type": "Point", "coordinates": [place.lon, place.lat]} if place else None
                    ),
                    "properties": props,
                }
            )
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


def overlays_to_geojson(overlays: Iterable[dict[str, Any]]) -> str:
    """The polygonal overlays (control areas, the corridor zone, boundaries, lakes) as
    MultiPolygons with their ``valid_from``/``valid_to`` dates (half-open: shown from the
    first day up to, not including, the second). Lines (the corridor road, rivers) are left
    out, so the file has one geometry type; the KML export has them."""
    features = []
    for feature in overlays:
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        coords = geometry["coordinates"]
        props = dict(feature.get("properties") or {})
        features.append(
            {
                "type": "Feature",
                "id": props.get("id"),
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [coords] if kind == "Polygon" else coords,
                },
                "properties": {
                    **{k: props.get(k) for k in OVERLAY_FIELDS},
                    **{k: v for k, v in props.items() if k not in OVERLAY_FIELDS},
                },
            }
        )
    return _dump({"type": "FeatureCollection", "features": features})


# The same columns in every overlay feature, in this order (absent ones are null).
OVERLAY_FIELDS = (
    "id", "name", "kind", "valid_from", "valid_to", "held_by", "source", "accuracy_m",
    "approximate", "note",
)  # fmt: skip


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(_clean(data), ensure_ascii=False, indent=1) + "\n"
