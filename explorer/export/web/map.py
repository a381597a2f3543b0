"""``explorer export map --format html``: one self-contained, offline Leaflet page via folium.

The page holds Leaflet itself (see :mod:`web_assets`), a Natural Earth basemap drawn as
vectors on a sea-coloured background, the corpus overlays, the gazetteer places and the
events, one layer per period of the conflict. Everything from the corpus is passed to the
browser as JSON data (never spliced into script source) and is HTML-escaped before it is
shown. The finished page is scanned, and refused, if it refers to any external URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from explorer.domain.model import Event, Place
from explorer.domain.naming import NamingPolicy, place_label
from explorer.export.web.assets import (
    assert_self_contained,
    default_icon_js,
    leaflet_css,
    leaflet_js,
)
from explorer.export.web.basemap import VIEW_BOUNDS, countries_geojson, load_overlays
from explorer.export.web.html import esc, event_html
from explorer.export.web.labels import (
    BIND_LABEL,
    LABEL_CSS,
    PLACEMENT_ZOOM,
    ZoomClass,
    place_labels,
)
from explorer.export.web.overlays import (
    default_control_area,
    layer_name,
    overlay_popup,
    overlay_style,
    shown_by_default,
    sorted_overlays,
)
from explorer.export.web.style import (
    BORDER_COLOUR,
    CATEGORY_COLOURS,
    FUZZY,
    LAND_COLOUR,
    MIXED_COLOUR,
    SEA_COLOUR,
    Period,
    events_by_period,
)

ATTRIBUTION = (
    "Basemap: Natural Earth (public domain) · Overlays: schematic, approximate ones dashed "
    "· Leaflet · Karabakh Explorer"
)

# Binds each feature's ready-made (already escaped) popup and tooltip HTML, carried as data.
_BIND = JsCode(
    "function(feature, layer) {"
    " var p = feature.properties;"
    " if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 400, minWidth: 260, maxHeight: 360}); }"
    " if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true, direction: 'top'}); }"
    "}"
)

# Event markers carry event indices; the popup is assembled from the hidden event store.
_BIND_EVENTS = JsCode(
    "function(feature, layer) {"
    " var p = feature.properties;"
    " layer.bindPopup(function() {"
    "  return '<div class=\"ke-popup\">' + p.head + p.events.map(function(i) {"
    "   var el = document.getElementById('ke-ev-' + i); return el ? el.innerHTML : '';"
    "  }).join('<hr>') + '</div>';"
    " }, {maxWidth: 400, minWidth: 260, maxHeight: 360});"
    " layer.bindTooltip(p.tooltip, {sticky: true, direction: 'top'});"
    "}"
)

_PAGE_CSS = f"""
.folium-map.leaflet-container {{ background: {SEA_COLOUR}; font: 13px/1.4 sans-serif; }}
.ke-box {{ position: absolute; z-index: 1000; background: rgba(255,255,255,.92);
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); padding: 6px 10px;
  font: 12px/1.35 sans-serif; color: #222; }}
.ke-head {{ top: 10px; left: 54px; max-width: 460px; }}
.ke-head b {{ font-size: 14px; }}
.ke-legend {{ bottom: 52px; left: 10px; }}
.ke-legend i {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 5px; vertical-align: -1px; }}
.ke-legend s {{ display: inline-block; width: 22px; border-top: 2px dashed #4f4b45;
  margin-right: 5px; vertical-align: 3px; }}
.ke-popup {{ font: 12.5px/1.4 sans-serif; }}
.ke-popup h3 {{ font-size: 13.5px; margin: 4px 0; }}
.ke-popup blockquote {{ margin: 4px 0 2px; padding: 2px 8px; border-left: 3px solid #aaa;
  background: #f6f5f1; font-style: italic; }}
.ke-popup p {{ margin: 3px 0; }}
.ke-popup ul {{ margin: 2px 0 4px; padding-left: 18px; }}
.ke-popup hr {{ border: 0; border-top: 1px solid #ccc; margin: 8px 0; }}
.ke-src, .ke-note, .ke-topic {{ color: #555; font-size: 11.5px; }}
.ke-h, .ke-place {{ font-weight: bold; margin-top: 6px; }}
.leaflet-control-layers-expanded {{ font-size: 11.5px; line-height: 1.2; max-height: 70vh;
  overflow-y: auto; }}
.ke-table th {{ text-align: left; vertical-align: top; padding-right: 8px; }}
{LABEL_CSS}
"""


class _Attribution(MacroElement):
    """Replace Leaflet's attribution with plain text (no links) naming the basemap."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
            {{ this._parent.get_name() }}.attributionControl.addAttribution(
                {{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = esc(text)


def build_web_map(corpus) -> str:
    """The whole page as a string; raises ``OutputError`` if it would fetch anything."""
    fmap = _offline_map()
    basemap = countries_geojson(corpus.root)
    if basemap is not None:
        _add_basemap(fmap, basemap)
    overlays = load_overlays(corpus.geodata_dir)
    _add_overlays(fmap, overlays)
    _add_places(fmap, corpus.places.values())
    events = list(corpus.timeline)
    index = _add_event_store(fmap, events)
    radii: dict[str, float] = {}
    for period, group in events_by_period(events):
        _add_period(fmap, period, group, index, radii)
    _add_place_labels(fmap, corpus.places.values(), radii)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    _add_decorations(fmap, corpus, events, has_basemap=basemap is not None, overlays=overlays)
    page = fmap.get_root().render()
    assert_self_contained(page)
    return page


def _offline_map() -> folium.Map:
    fmap = folium.Map(
        location=[
            (VIEW_BOUNDS[0][0] + VIEW_BOUNDS[1][0]) / 2,
            (VIEW_BOUNDS[0][1] + VIEW_BOUNDS[1][1]) / 2,
        ],
        zoom_start=7,
        tiles=None,
        control_scale=True,
        min_zoom=5,
        max_zoom=13,
    )
    # Instance attributes shadow the class lists of CDN links (never mutate those: they are
    # shared by every folium map in the process).
    fmap.default_js = []
    fmap.default_css = []
    root = cast(Figure, fmap.get_root())
    header = root.header
    header.add_child(Element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
    header.add_child(Element(f"<script>{leaflet_js()}</script>"), name="leaflet")
    header.add_child(Element(f"<script>{default_icon_js()}</script>"), name="leaflet_icons")
    header.add_child(Element(f"<style>{_PAGE_CSS}</style>"), name="explorer_css")
    # Room on the right for the layer control, which stays open so the periods are visible.
    fmap.fit_bounds([list(VIEW_BOUNDS[0]), list(VIEW_BOUNDS[1])], padding_bottom_right=(260, 0))
    # Panes fix the stacking: land < areas and lines < places < events, whatever the user
    # toggles in the layer control (a re-added layer would otherwise land on top).
    folium.map.CustomPane("basemap", z_index=250, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("places", z_index=430, pointer_events=True).add_to(fmap)
    # Place names under the event markers: a marker is never hidden behind a name.
    folium.map.CustomPane("labels", z_index=440, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("events", z_index=450, pointer_events=True).add_to(fmap)
    return fmap


def _add_basemap(fmap: folium.Map, countries: dict[str, Any]) -> None:
    style = {"color": BORDER_COLOUR, "weight": 1, "fillColor": LAND_COLOUR, "fillOpacity": 1}
    data = {
        "type": "FeatureCollection",
        "features": [
            {**f, "properties": {**f["properties"], "style": style}} for f in countries["features"]
        ],
    }
    folium.GeoJson(
        data, name="Countries (Natural Earth)", control=False, pane="basemap", interactive=False
    ).add_to(fmap)


def _add_overlays(fmap: folium.Map, overlays: list[dict[str, Any]]) -> None:
    areas = 0
    default_area = default_control_area(overlays)
    for feature in sorted_overlays(overlays):
        props = feature.get("properties", {})
        style = overlay_style(props, areas)
        areas += props.get("kind") == "control-area"
        data = {
            "type": "Feature",
            "geometry": feature["geometry"],
            "properties": {
                "style": {k: v for k, v in style.items() if v is not None},
                "popup": overlay_popup(props),
                "tooltip": esc(props.get("name", "")),
            },
        }
        folium.GeoJson(
            data,
            name=esc(layer_name(props)),
            show=shown_by_default(props, default_area),
            on_each_feature=_BIND,
        ).add_to(fmap)


def _place_tooltip(place: Place) -> str:
    label = place_label(place, NamingPolicy.BOTH)
    scripts = " · ".join(place.names[lang] for lang in ("hy", "az", "ru") if place.names.get(lang))
    return f"<b>{esc(label)}</b><br>{esc(scripts)}<br><i>{esc(place.kind)}</i>"


def _add_places(fmap: folium.Map, places: Iterable[Place]) -> None:
    style = {
        "color": "#333",
        "weight": 1,
        "fill": True,
        "fillColor": "#fff",
        "fillOpacity": 1,
        "radius": 3,
    }
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {"tooltip": _place_tooltip(p), "style": style},
        }
        for p in places
    ]
    if not features:
        return
    marker = folium.CircleMarker(radius=3)
    marker.options["pane"] = "places"
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Places (gazetteer)",
        marker=marker,
        on_each_feature=_BIND,
    ).add_to(fmap)


def _add_place_labels(fmap: folium.Map, places: Iterable[Place], radii: dict[str, float]) -> None:
    """Permanent names of the region's capitals, cities and towns (see :mod:`web_labels`)."""
    features = place_labels(places, radii)
    if not features:
        return
    hidden = {"radius": 0, "opacity": 0, "fillOpacity": 0, "interactive": False}
    for feature in features:
        feature["properties"]["style"] = hidden
    marker = folium.CircleMarker(radius=0)
    marker.options["pane"] = "labels"
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Place names",
        marker=marker,
        on_each_feature=JsCode(BIND_LABEL),
    ).add_to(fmap)
    fmap.add_child(ZoomClass(PLACEMENT_ZOOM))


def _add_event_store(fmap: folium.Map, events: list[Event]) -> dict[str, int]:
    """Each event's description once, as hidden HTML in the page; popups copy it from there.

    An event at several places would otherwise be repeated in each marker's popup, and
    HTML inside JSON costs six bytes per angle bracket: this keeps the page near 300 KB.
    Returns each event id's index (the element ids are ``ke-ev-<index>``).
    """
    index = {e.id: i for i, e in enumerate(events)}
    store = "".join(f'<div id="ke-ev-{i}">{event_html(e)}</div>' for i, e in enumerate(events))
    cast(Figure, fmap.get_root()).html.add_child(
        Element(f'<div id="ke-events" hidden>{store}</div>'), name="explorer_events"
    )
    return index


def _add_period(
    fmap: folium.Map,
    period: Period,
    events: list[Event],
    index: dict[str, int],
    radii: dict[str, float],
) -> None:
    """One layer per period: a marker per place, its popup listing the events there.

    ``radii`` collects the largest marker drawn at each place, for the names to keep clear.
    """
    at_place: dict[str, tuple[Place, list[Event]]] = {}
    for event in events:
        for place in event.places:
            at_place.setdefault(place.id, (place, []))[1].append(event)
    for place_id, (_, evs) in at_place.items():
        radii[place_id] = max(radii.get(place_id, 0.0), _marker_radius(len(evs)))
    features = [_place_feature(place, evs, period, index) for place, evs in at_place.values()]
    if not features:
        return
    marker = folium.CircleMarker(radius=6)
    marker.options["pane"] = "events"
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=esc(f"Events: {period.label} ({len(events)})"),
        marker=marker,
        on_each_feature=_BIND_EVENTS,
    ).add_to(fmap)


def _place_feature(
    place: Place, events: list[Event], period: Period, index: dict[str, int]
) -> dict[str, Any]:
    label = place_label(place, NamingPolicy.BOTH)
    categories = {e.category for e in events}
    colour = CATEGORY_COLOURS[next(iter(categories))] if len(categories) == 1 else MIXED_COLOUR
    fuzzy = all(e.when.precision in FUZZY for e in events)
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    head = f'<p class="ke-place">{esc(label)} · {esc(period.label)} · {count}</p><hr>'
    titles = "".join(f"<br>· {esc(e.title)}" for e in events[:4])
    more = f"<br>… and {len(events) - 4} more" if len(events) > 4 else ""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "head": head,
            "events": [index[e.id] for e in events],
            "tooltip": f"<b>{esc(label)}</b> · {count}{titles}{more}",
            "style": {
                "color": "#222",
                "weight": 1.2,
                # Dates known only to a month, season, year or "about": a dashed ring.
                "dashArray": "2 2" if fuzzy else None,
                "fill": True,
                "fillColor": colour,
                "fillOpacity": 0.85,
                "radius": _marker_radius(len(events)),
            },
        },
    }


def _marker_radius(count: int) -> float:
    """An event marker's radius in pixels: grows with the events at the place, up to 16."""
    return min(5 + 2.2 * count**0.5, 16)


def _add_decorations(fmap, corpus, events, *, has_basemap: bool, overlays: list) -> None:
    sources = {s.id for e in events for s in e.sources}
    notes = []
    if not has_basemap:
        notes.append("basemap unavailable (geodata/basemap.geojson missing)")
    if not overlays:
        notes.append("no overlays (geodata/overlays.geojson missing)")
    area_id = default_control_area(overlays)
    area = next((f["properties"] for f in overlays if f["properties"].get("id") == area_id), None)
    if area is not None:
        notes.append(
            f"Control area shown: {layer_name(area).removeprefix('Control area ')}; "
            "the other periods are in the layer list (one at a time reads best)."
        )
    head = (
        '<div class="ke-box ke-head"><b>Karabakh Explorer</b> — events, places and areas<br>'
        f"{len(events)} events from {len(sources)} sources; click a marker for the verbatim "
        "quotes and citations. Layers by period at the right."
        + "".join(f"<br><i>{esc(n)}</i>" for n in notes)
        + "</div>"
    )
    rows = [
        f'<i style="background:{colour}"></i>{esc(cat.value)}'
        for cat, colour in CATEGORY_COLOURS.items()
    ]
    rows.append(f'<i style="background:{MIXED_COLOUR}"></i>several categories')
    rows.append('<i style="border:1.5px dashed #222;width:8px;height:8px"></i>date not exact')
    rows.append("<s></s>approximate line or area")
    legend = '<div class="ke-box ke-legend">' + "<br>".join(rows) + "</div>"
    fmap.get_root().html.add_child(Element(head + legend), name="explorer_boxes")
    fmap.add_child(_Attribution(ATTRIBUTION))
