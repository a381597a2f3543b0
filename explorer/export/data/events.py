"""The events exports by format, one entry point for the command line and the window alike.

``explorer export events`` and File → Export both call :func:`events_export`, so a file
written from the window has the same columns, actors, countries and overlays as one written
from the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from explorer.domain.model import Event

if TYPE_CHECKING:
    from explorer.data.corpus import Corpus

EVENT_FORMATS = ("geojson", "csv", "kml", "timelinejs")


def events_export(
    corpus: Corpus,
    events: Iterable[Event],
    fmt: str,
    *,
    per_place: bool = False,
    excel: bool = False,
) -> str:
    """``events`` of ``corpus`` as a GeoJSON, ACLED-style CSV, KML or TimelineJS document."""
    events = list(events)
    if fmt == "geojson":
        from explorer.export.data.geojson import events_to_geojson

        return events_to_geojson(events, per_place=per_place)
    if fmt == "csv":
        from explorer.export.data.acled_csv import (
            events_to_csv,
            gazetteer_admin1,
            gazetteer_properties,
        )

        return events_to_csv(
            events,
            actors=corpus.actors,
            admin1=gazetteer_admin1(corpus.geodata_dir),
            countries=gazetteer_properties(corpus.geodata_dir, "country"),
            excel=excel,
        )
    if fmt == "kml":
        from explorer.export.data.kml import events_to_kml
        from explorer.export.web.basemap import load_overlays

        return events_to_kml(events, overlays=load_overlays(corpus.geodata_dir))
    if fmt == "timelinejs":
        from explorer.export.data.timelinejs import events_to_timelinejs

        return events_to_timelinejs(events, corpus)
    raise ValueError(f"unknown events format {fmt!r}; one of {', '.join(EVENT_FORMATS)}")
