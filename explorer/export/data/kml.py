"""Events as KML 2.2 for Google Earth: one timed Placemark per event, styled by category.

Every Placemark carries a ``TimeStamp`` (a single known day) or a ``TimeSpan`` (anything
wider: a month, a season, a range, "about"), so the whole file plays in Google Earth's time
slider. Descriptions are HTML written as escaped text (ElementTree escapes it; no CDATA),
built from the same escaped fragments as the web map, so corpus text is never markup.
Styles carry no icon URL: Google Earth tints its default pin, and the file fetches nothing.

The balloon shows the escaped description only: Google Earth puts ``$[name]`` into the
balloon's HTML as it is, so a title holding ``<script>`` would run there; the description
starts with the title, escaped. ExtendedData names the event's days ``first_day`` and
``last_day``: GDAL's LIBKML driver reads a TimeSpan into fields called ``begin`` and ``end``,
and a Data field of the same name would merge into them.

The overlays (control areas, the Lachin corridor zone and road, boundaries, water) follow in
a folder, each a Placemark timed with the days it is valid: ``valid_to`` is the first day of
the next state (half-open), so the TimeSpan ends the day before.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from explorer.domain.model import Category, Event, Place
from explorer.export.data.text import clean
from explorer.export.web.html import both_names, event_html
from explorer.export.web.overlays import overlay_popup, overlay_style, sorted_overlays
from explorer.export.web.style import CATEGORY_COLOURS, kml_colour
from explorer.export.web.view import look_at_range_m, opening_bounds

KML_NS = "http://www.opengis.net/kml/2.2"  # a namespace name, never fetched


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrib.items()})
    if text is not None:
        element.text = clean(text)
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
        # Never $[name]: Google Earth would put the raw title into the balloon's HTML.
        _sub(balloon, "text", "$[description]")


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
        "first_day": event.when.start.isoformat(),
        "last_day": event.when.end.isoformat(),
        "display_date": event.when.display(),
        "places": "; ".join(both_names(event)),
        "sources": "; ".join(s.citation() for s in event.sources),
    }
    for name, value in fields.items():
        _sub(_sub(data, "Data", name=name), "value", value)


def event_placemark(event: Event) -> ET.Element:
    # XML ids may not start with a digit, and event ids may ("2020-war"): prefix them.
    placemark = ET.Element("Placemark", id=clean(f"event-{event.id}"))
    _sub(placemark, "name", event.title)
    _sub(placemark, "description", event_html(event, heading=True))
    _time(placemark, event)
    _sub(placemark, "styleUrl", f"#cat-{event.category.value}")
    _extended_data(placemark, event)
    _geometry(placemark, event)
    return placemark


# -- overlays -------------------------------------------------------------------------------


def _overlay_styles(document: ET.Element, overlays: list[dict[str, Any]]) -> dict[str, str]:
    """A Style per overlay, from the web map's overlay style; returns {overlay id: style id}."""
    ids, areas = {}, 0
    for n, feature in enumerate(sorted_overlays(overlays)):
        props = feature.get("properties") or {}
        look = overlay_style(props, areas)
        areas += props.get("kind") == "control-area"
        style_id = f"overlay-{n}"
        style = _sub(document, "Style", id=style_id)
        line = _sub(style, "LineStyle")
        _sub(line, "color", kml_colour(look["color"]))
        _sub(line, "width", f"{look.get('weight', 1.5):g}")
        poly = _sub(style, "PolyStyle")
        if look.get("fill", True) and look.get("fillColor"):
            alpha = round(255 * float(look.get("fillOpacity", 0.3)))
            _sub(poly, "color", kml_colour(look["fillColor"], alpha))
        else:
            _sub(poly, "fill", "0")
        _sub(_sub(style, "BalloonStyle"), "text", "$[description]")
        ids[str(props.get("id", n))] = style_id
    return ids


def _ring(parent: ET.Element, tag: str, ring: list[list[float]]) -> None:
    coords = " ".join(f"{x:.5f},{y:.5f},0" for x, y, *_ in ring)
    _sub(_sub(_sub(parent, tag), "LinearRing"), "coordinates", coords)


def _polygon(parent: ET.Element, rings: list[list[list[float]]]) -> None:
    polygon = _sub(parent, "Polygon")
    _sub(polygon, "tessellate", "1")
    _ring(polygon, "outerBoundaryIs", rings[0])
    for hole in rings[1:]:
        _ring(polygon, "innerBoundaryIs", hole)


def _line(parent: ET.Element, coords: list[list[float]]) -> None:
    line = _sub(parent, "LineString")
    _sub(line, "tessellate", "1")
    _sub(line, "coordinates", " ".join(f"{x:.5f},{y:.5f},0" for x, y, *_ in coords))


def _overlay_geometry(placemark: ET.Element, geometry: dict[str, Any]) -> bool:
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(coords, list):
        return False
    if kind == "Polygon":
        _polygon(placemark, coords)
    elif kind == "MultiPolygon":
        multi = _sub(placemark, "MultiGeometry")
        for rings in coords:
            _polygon(multi, rings)
    elif kind == "LineString":
        _line(placemark, coords)
    elif kind == "MultiLineString":
        multi = _sub(placemark, "MultiGeometry")
        for part in coords:
            _line(multi, part)
    else:
        return False
    return True


def _overlay_time(placemark: ET.Element, props: dict[str, Any]) -> None:
    """valid_from .. the day before valid_to; undated overlays have no time (always shown)."""
    first, until = props.get("valid_from"), props.get("valid_to")
    if not first and not until:
        return
    span = _sub(placemark, "TimeSpan")
    if first:
        _sub(span, "begin", str(first))
    if until:
        try:
            last = dt.date.fromisoformat(str(until)) - dt.timedelta(days=1)
        except ValueError:
            return
        _sub(span, "end", last.isoformat())


def overlay_folder(overlays: list[dict[str, Any]], styles: dict[str, str]) -> ET.Element:
    """A Folder of timed Placemarks, one per overlay, drawn areas first and lines on top."""
    folder = ET.Element("Folder", id="overlays")
    _sub(folder, "name", "Control areas, the Lachin corridor and other overlays")
    _sub(
        folder,
        "description",
        "Schematic, hand-digitised; approximate ones are marked so in each description. "
        "Timed: each is shown from its first to its last valid day.",
    )
    for n, feature in enumerate(sorted_overlays(overlays)):
        props = feature.get("properties") or {}
        placemark = ET.Element("Placemark", id=clean(f"overlay-{props.get('id', n)}"))
        _sub(placemark, "name", str(props.get("name") or props.get("id") or "overlay"))
        _sub(placemark, "description", overlay_popup(props))
        _overlay_time(placemark, props)
        _sub(placemark, "styleUrl", "#" + styles.get(str(props.get("id", n)), f"overlay-{n}"))
        data = _sub(placemark, "ExtendedData")
        for name in ("id", "kind", "held_by", "valid_from", "valid_to", "source", "accuracy_m"):
            value = props.get(name)
            if value is not None:
                _sub(_sub(data, "Data", name=name), "value", str(value))
        if _overlay_geometry(placemark, feature.get("geometry") or {}):
            folder.append(placemark)
    return folder


def overlays_to_kml(
    overlays: list[dict[str, Any]], title: str = "Karabakh Explorer overlays"
) -> str:
    """Only the overlays, as a KML 2.2 document."""
    return events_to_kml([], title=title, overlays=overlays)


def _look_at(document: ET.Element, places: Mapping[str, Place]) -> None:
    """Open Google Earth on the web map's opening view (the window's "nk" extent, Yerevan,
    Baku), looking straight down."""
    bounds = opening_bounds(places)
    west, south, east, north = bounds
    look = _sub(document, "LookAt")
    _sub(look, "longitude", f"{(west + east) / 2:.4f}")
    _sub(look, "latitude", f"{(south + north) / 2:.4f}")
    _sub(look, "altitude", "0")
    _sub(look, "heading", "0")
    _sub(look, "tilt", "0")
    _sub(look, "range", str(look_at_range_m(bounds)))


def events_to_kml(
    events: Iterable[Event],
    title: str = "Karabakh Explorer events",
    overlays: list[dict[str, Any]] | None = None,
) -> str:
    """The events (and the ``overlays``, if given) as a KML 2.2 document (UTF-8 text)."""
    root = ET.Element("kml", xmlns=KML_NS)
    document = _sub(root, "Document")
    _sub(document, "name", title)
    _sub(
        document,
        "description",
        "Events of the Nagorno-Karabakh conflict with verbatim excerpts from their sources, "
        "exported by Karabakh Explorer. Dates known only approximately are time spans.",
    )
    events = list(events)
    _look_at(document, {p.id: p for e in events for p in e.places})
    _styles(document)
    overlay_styles = _overlay_styles(document, overlays) if overlays else {}
    for event in events:
        document.append(event_placemark(event))
    if overlays:
        document.append(overlay_folder(overlays, overlay_styles))
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
