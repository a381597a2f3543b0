"""Events as KML 2.2 for Google Earth: one timed Placemark per event, styled by category.

Every Placemark carries a ``TimeStamp`` (a single known day) or a ``TimeSpan`` (anything
wider: a month, a season, a range, "about"), so the whole file plays in Google Earth's time
slider. Descriptions are HTML written as escaped text (ElementTree escapes it; no CDATA),
built from the same escaped fragments as the web map, so corpus text is never markup.
Styles carry no icon URL: Google Earth tints its default pin, and the file fetches nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from explorer.domain.model import Category, Event
from explorer.export.web.html import both_names, event_html
from explorer.export.web.style import CATEGORY_COLOURS, kml_colour

KML_NS = "http://www.opengis.net/kml/2.2"  # a namespace name, never fetched


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def _styles(document: ET.Element) -> None:
    for category in Category:
        style = _sub(document, "Style", id=f"cat-{category.value}")
        icon = _sub(style, "IconStyle")
        _sub(icon, "color", kml_colour(CATEGORY_COLOURS[category]))
        _sub(icon, "scale", "1.1")
        label = _sub(style, "LabelStyle")
        _sub(label, "scale", "0.8")
        balloon = _sub(style, "BalloonStyle")
        _sub(balloon, "text", "<h3>$[name]</h3>$[description]")


def _time(placemark: ET.Element, event: Event) -> None:
    """TimeStamp for a known single day, TimeSpan (inclusive ISO days) otherwise."""
    when = event.when
    if when.start == when.end and when.precision.value in ("day", "range"):
        stamp = _sub(placemark, "TimeStamp")
        _sub(stamp, "when", when.start.isoformat())
        return
    span = _sub(placemark, "TimeSpan")
    _sub(span, "begin", when.start.isoformat())
    _sub(span, "end", when.end.isoformat())


def _geometry(placemark: ET.Element, event: Event) -> None:
    points = [f"{p.lon:.5f},{p.lat:.5f},0" for p in event.places]
    parent = _sub(placemark, "MultiGeometry") if len(points) > 1 else placemark
    for coords in points:
        point = _sub(parent, "Point")
        _sub(point, "coordinates", coords)


def _extended_data(placemark: ET.Element, event: Event) -> None:
    data = _sub(placemark, "ExtendedData")
    fields = {
        "id": event.id,
        "category": event.category.value,
        "precision": event.when.precision.value,
        "start": event.when.start.isoformat(),
        "end": event.when.end.isoformat(),
        "display_date": event.when.display(),
        "places": "; ".join(both_names(event)),
        "sources": "; ".join(s.citation() for s in event.sources),
    }
    for name, value in fields.items():
        _sub(_sub(data, "Data", name=name), "value", value)


def event_placemark(event: Event) -> ET.Element:
    # XML ids may not start with a digit, and event ids may ("2020-war"): prefix them.
    placemark = ET.Element("Placemark", id=f"event-{event.id}")
    _sub(placemark, "name", event.title)
    _sub(placemark, "description", event_html(event, heading=False))
    _time(placemark, event)
    _sub(placemark, "styleUrl", f"#cat-{event.category.value}")
    _extended_data(placemark, event)
    _geometry(placemark, event)
    return placemark


def events_to_kml(events: Iterable[Event], title: str = "Karabakh Explorer events") -> str:
    """The events as a KML 2.2 document (UTF-8 text with an XML declaration)."""
    root = ET.Element("kml", xmlns=KML_NS)
    document = _sub(root, "Document")
    _sub(document, "name", title)
    _sub(
        document,
        "description",
        "Events of the Nagorno-Karabakh conflict with verbatim excerpts from their sources, "
        "exported by Karabakh Explorer. Dates known only approximately are time spans.",
    )
    _styles(document)
    events = list(events)
    for event in events:
        document.append(event_placemark(event))
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
