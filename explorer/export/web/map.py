"""``explorer export map --format html``: one self-contained, offline Leaflet page via folium.

The page holds Leaflet itself (see :mod:`.assets`), a Natural Earth basemap drawn as vectors
on a sea-coloured background, the corpus overlays, the gazetteer places and the events.
Everything from the corpus is passed to the browser as JSON data (never spliced into script
source) and is HTML-escaped (structurally, :mod:`markupsafe`) before it is shown. The
finished page is scanned, and refused, if it refers to any external URL.

How the events are reachable:

- One marker per place, whose popup lists that place's events; places whose markers would
  touch at the current zoom are drawn as one marker listing all their events, so a marker is
  never hidden under another and every event is one click away at every zoom.
- Markers are Leaflet markers with ``keyboard: true``: Tab reaches each, Enter opens it.
- Places outside the region (Moscow, Washington…) are drawn at the edge of the region, in
  their direction, with their name and an arrow.
- The bar above the map (title, time slider, legend) is outside the map, so no popup can
  open under it; the layer list is collapsed into its button.
- The view opens on Nagorno-Karabakh, Yerevan and Baku whatever the window's size, and cannot
  be zoomed or panned out of the region (``maxBounds`` and a minimum zoom that keeps the
  region filling the window).
- The time slider shows the events of a chosen day (those whose dates include it) and the
  control areas and corridor valid that day; "all dates" shows everything.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode
from markupsafe import Markup

from explorer.domain.model import Event, Place
from explorer.domain.naming import NamingPolicy, place_label
from explorer.export.data.text import clean
from explorer.export.web.assets import (
    assert_self_contained,
    default_icon_js,
    leaflet_css,
    leaflet_js,
)
from explorer.export.web.basemap import countries_geojson, load_overlays
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
)
from explorer.export.web.view import LIMIT_BOUNDS, inside_limit, opening_bounds
from explorer.render.sizes import event_marker_radius

ATTRIBUTION = (
    "Basemap: Natural Earth (public domain) · Overlays: schematic, approximate ones dashed "
    "· Leaflet · Karabakh Explorer"
)

# The zoom-out limit is the window's extent "region" (Caucasus, Black Sea coast to Baku). It
# lies inside the basemap's box, so zoomed out the land never ends in a rectangle on blue.
FAR_INSET_DEG = 0.45  # how far inside the limit a far place's edge marker sits
MAX_ZOOM = 13
GAP_PX = 3  # the least space between two markers before they are drawn as one

# Binds each feature's ready-made (already escaped) popup and tooltip HTML, carried as data.
_BIND = JsCode(
    "function(feature, layer) {"
    " var p = feature.properties;"
    " if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 400, minWidth: 260, maxHeight: 360}); }"
    " if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true, direction: 'top'}); }"
    "}"
)

_PAGE_CSS = f"""
html, body {{ display: flex; flex-direction: column; }}
.folium-map.leaflet-container {{ background: {SEA_COLOUR}; font: 13px/1.4 sans-serif;
  flex: 1 1 auto; height: auto !important; min-height: 0; width: 100% !important; }}
.ke-top {{ order: -1; flex: none; display: flex; flex-wrap: wrap; align-items: center;
  gap: 4px 18px; padding: 5px 10px; background: #fbfaf7; border-bottom: 1px solid #d8d5ce;
  font: 12px/1.35 sans-serif; color: #222; }}
.ke-about b {{ font-size: 14px; }}
.ke-about {{ flex: 1 1 420px; }}
.ke-time {{ display: flex; align-items: center; gap: 6px; flex: 1 1 360px; }}
.ke-time input[type=range] {{ flex: 1 1 auto; min-width: 120px; }}
.ke-time output {{ min-width: 190px; font-weight: bold; }}
.ke-time button {{ font: inherit; padding: 1px 6px; }}
.ke-legend {{ flex: 0 1 auto; }}
.ke-legend span {{ white-space: nowrap; margin-right: 8px; }}
.ke-legend i {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 3px; vertical-align: -1px; }}
.ke-legend s {{ display: inline-block; width: 18px; border-top: 2px dashed #4f4b45;
  margin-right: 3px; vertical-align: 3px; }}
.ke-m {{ background: none; border: 0; }}
.ke-m .ke-disc {{ box-sizing: border-box; display: flex; align-items: center;
  justify-content: center; width: 100%; height: 100%; border-radius: 50%;
  border: 1.5px solid #fff; box-shadow: 0 0 0 1px #222; color: #fff;
  font: bold 10px/1 sans-serif; text-shadow: 0 0 2px #000; }}
.ke-m.ke-fuzzy .ke-disc {{ border-style: dashed; border-color: #222; box-shadow: none; }}
.ke-m:focus {{ outline: none; }}
.ke-m:focus .ke-disc, .ke-m:hover .ke-disc {{ box-shadow: 0 0 0 3px #111; }}
.ke-m .ke-farname {{ position: absolute; top: 50%; transform: translateY(-50%);
  white-space: nowrap; font: 600 11.5px/1.2 sans-serif; color: #2b2925;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; pointer-events: none; }}
.ke-popup {{ font: 12.5px/1.4 sans-serif; }}
.ke-popup h3 {{ font-size: 13.5px; margin: 4px 0; }}
.ke-popup blockquote {{ margin: 4px 0 2px; padding: 2px 8px; border-left: 3px solid #aaa;
  background: #f6f5f1; font-style: italic; }}
.ke-popup p {{ margin: 3px 0; }}
.ke-popup ul {{ margin: 2px 0 4px; padding-left: 18px; }}
.ke-popup hr {{ border: 0; border-top: 1px solid #ccc; margin: 8px 0; }}
.ke-src, .ke-note, .ke-topic {{ color: #555; font-size: 11.5px; }}
.ke-h, .ke-place {{ font-weight: bold; margin-top: 6px; }}
.ke-place {{ background: #efece4; padding: 2px 4px; }}
.leaflet-control-layers-expanded {{ font-size: 11.5px; line-height: 1.2; max-height: 60vh;
  overflow-y: auto; }}
.ke-shifted .leaflet-popup-tip-container {{ display: none; }}
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


# The page's own script: markers per place (merged where they would touch), the time
# slider, the timed overlays, the layer control and the opening view. Its only inputs are
# the JSON data element ``#ke-data`` (see :func:`data_element`) and the names of the layers
# folium made (identifiers it generated itself).
_EVENTS_JS = Template(
    r"""
{% macro script(this, kwargs) %}
(function(map, KE, layers) {
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                'September', 'October', 'November', 'December'];
  function day(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
  }
  function fmt(d) { var t = new Date(d * 864e5);
    return t.getUTCDate() + ' ' + MONTHS[t.getUTCMonth()] + ' ' + t.getUTCFullYear(); }
  var first = day(KE.first), last = day(KE.last);
  var evS = KE.events.map(function(e) { return day(e.s); });
  var evE = KE.events.map(function(e) { return day(e.e); });
  var starts = evS.slice().sort(function(a, b) { return a - b; });
  var current = null;  // null: all dates
  var group = L.layerGroup().addTo(map);
  var markers = [];
  function shown(i) { return current === null || (evS[i] <= current && current <= evE[i]); }
  function radius(n) { return KE.radius[Math.min(n, KE.radius.length - 1)]; }

  function popupHtml(cluster) {
    var parts = [];
    cluster.items.forEach(function(it) {
      var n = it.ev.length;
      parts.push('<p class="ke-place">' + it.p.label + ' · ' + n + (n === 1 ? ' event' : ' events')
        + (current === null ? '' : ' on ' + fmt(current)) + '</p>');
      it.ev.forEach(function(i) {
        var el = document.getElementById('ke-ev-' + i);
        parts.push('<div class="ke-ev" data-i="' + i + '">' + (el ? el.innerHTML : '') + '</div>');
      });
    });
    return '<div class="ke-popup">' + parts.join('<hr>') + '</div>';
  }

  function addMarker(cluster) {
    var events = {}, cats = {}, fuzzy = true;
    cluster.items.forEach(function(it) { it.ev.forEach(function(i) {
      events[i] = true; cats[KE.events[i].c] = true; fuzzy = fuzzy && KE.events[i].f; }); });
    var n = Object.keys(events).length, r = radius(n), c = Object.keys(cats);
    var colour = c.length === 1 ? KE.colours[c[0]] : KE.mixed;
    var lead = cluster.items[0].p;
    var far = cluster.items.filter(function(it) { return it.p.far; });
    var html = '<span class="ke-disc" style="background:' + colour + '">'
      + (n > 1 ? n : '') + '</span>';
    if (far.length) {
      // the name on the side that faces the map: right of a western marker, left of an eastern
      var side = lead.lon < KE.centre[1] ? 'left' : 'right';
      html += '<span class="ke-farname" style="' + side + ':' + (2 * r + 4) + 'px">'
        + far.map(function(it) { return it.p.far; }).join(', ') + '</span>';
    }
    var names = cluster.items.map(function(it) { return it.p.name; });
    var marker = L.marker([cluster.lat, cluster.lon], {
      icon: L.divIcon({className: 'ke-m' + (fuzzy ? ' ke-fuzzy' : ''), html: html,
                       iconSize: [2 * r, 2 * r]}),
      keyboard: true, riseOnHover: true, pane: 'events',
      title: names.join(', ') + ': ' + n + (n === 1 ? ' event' : ' events'),
    });
    marker.bindPopup(function() { return popupHtml(cluster); }, {
      maxWidth: 420, minWidth: 260, maxHeight: Math.max(160, Math.min(360, map.getSize().y - 90)),
      autoPan: false});
    marker.on('popupopen', function(e) { fitPopup(e.popup, r); });
    marker.keCluster = cluster;
    marker.addTo(group);
    markers.push(marker);
  }

  // Move an open popup inside the map, clear of the controls, without moving the map:
  // Leaflet's autoPan would pan past the region's edge, and maxBounds would pan it back,
  // leaving the popup cut off. Above the marker if it fits, else below it, else beside.
  var PAD = {top: 10, bottom: 50, left: 54, right: 54};  // the zoom, layer and scale controls
  function fitPopup(popup, r) {
    var el = popup.getElement();
    if (!el) { return; }
    popup.options.offset = L.point(0, 7);
    L.DomUtil.removeClass(el, 'ke-shifted');
    popup.update();
    var box = map.getContainer().getBoundingClientRect(), size = map.getSize();
    var rect = el.getBoundingClientRect();
    var top = rect.top - box.top, left = rect.left - box.left, h = rect.height, w = rect.width;
    var anchor = map.latLngToContainerPoint(popup.getLatLng());
    var dx = 0, dy = 0;
    if (top < PAD.top) {
      var below = anchor.y + r + 8;  // the popup's top, when it opens below the marker
      var fits = below + h <= size.y - PAD.bottom;
      dy = (fits ? below : Math.max(PAD.top, size.y - PAD.bottom - h)) - top;
    }
    if (left < PAD.left) { dx = PAD.left - left; }
    else if (left + w > size.x - PAD.right) {
      dx = Math.max(PAD.left, size.x - PAD.right - w) - left;
    }
    if (dx || dy) {
      popup.options.offset = L.point(dx, 7 + dy);
      popup.update();
      L.DomUtil.addClass(el, 'ke-shifted');
    }
  }

  function rebuild() {
    group.clearLayers();
    markers = [];
    var z = map.getZoom();
    var clusters = [];
    KE.places.forEach(function(p) {
      var ev = p.ev.filter(shown);
      if (ev.length) {
        clusters.push({items: [{p: p, ev: ev}], n: ev.length, lat: p.lat, lon: p.lon,
                       pt: map.project([p.lat, p.lon], z)});
      }
    });
    clusters.sort(function(a, b) { return b.n - a.n; });
    // Merge markers that would touch, until none do: each then takes every click it gets.
    for (var merged = true; merged;) {
      merged = false;
      for (var a = 0; a < clusters.length && !merged; a++) {
        for (var b = a + 1; b < clusters.length && !merged; b++) {
          var A = clusters[a], B = clusters[b];
          if (A.pt.distanceTo(B.pt) < radius(A.n) + radius(B.n) + KE.gap) {
            A.items = A.items.concat(B.items);
            A.n += B.n;
            clusters.splice(b, 1);
            merged = true;
          }
        }
      }
    }
    clusters.forEach(addMarker);
  }

  function applyOverlays() {
    KE.overlays.forEach(function(o) {
      var layer = layers[o.v];
      if (!layer) { return; }
      var on;
      if (current === null) { on = o.on; }
      else if (!o.from && !o.to) { on = map.hasLayer(layer); }
      else { on = (!o.from || day(o.from) <= current) && (!o.to || current < day(o.to)); }
      if (on && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
  }

  var all = document.getElementById('ke-all');
  var slider = document.getElementById('ke-slider');
  var output = document.getElementById('ke-date');
  slider.min = 0;
  slider.max = last - first;
  slider.value = last - first;
  function setDate(d) {
    current = d;
    all.checked = d === null;
    if (d !== null) { slider.value = d - first; }
    var count = KE.events.filter(function(e, i) { return shown(i); }).length;
    output.textContent = (d === null ? 'All dates' : fmt(d)) + ': ' + count
      + (count === 1 ? ' event' : ' events');
    map.closePopup();
    rebuild();
    applyOverlays();
  }
  slider.addEventListener('input', function() { setDate(first + (+slider.value)); });
  all.addEventListener('change', function() {
    setDate(all.checked ? null : first + (+slider.value)); });
  document.getElementById('ke-prev').addEventListener('click', function() {
    var at = current === null ? last + 1 : current;
    var before = starts.filter(function(s) { return s < at; });
    setDate(before.length ? before[before.length - 1] : starts[0]); });
  document.getElementById('ke-next').addEventListener('click', function() {
    var at = current === null ? first - 1 : current;
    var after = starts.filter(function(s) { return s > at; });
    setDate(after.length ? after[0] : starts[starts.length - 1]); });

  var overlaysByName = {};
  KE.control.forEach(function(c) { if (layers[c.v]) { overlaysByName[c.name] = layers[c.v]; } });
  overlaysByName[KE.eventsName] = group;
  L.control.layers(null, overlaysByName, {collapsed: true, position: 'topright'}).addTo(map);

  var limit = L.latLngBounds(KE.limit);
  function limitZoom() {
    // The least zoom at which the region fills the window. Set without Leaflet's setMinZoom
    // (and before setMaxBounds, which pans): either would start a zoom animation, and
    // Leaflet ignores setView and fitBounds while one runs.
    var z = map.getBoundsZoom(limit, true);
    map.options.minZoom = z;
    if (map.getZoom() < z) { map.setZoom(z, {animate: false}); }
    map.fire('zoomlevelschange');
  }
  map.options.maxBoundsViscosity = 1.0;
  map.setMaxZoom(KE.maxZoom);  // folium leaves it null without tiles, and fitBounds then fails
  map.invalidateSize();
  limitZoom();
  map.fitBounds(KE.open, {padding: [10, 10], animate: false});
  map.setMaxBounds(limit);
  map.on('resize', limitZoom);
  map.on('zoomend', rebuild);
  setDate(null);
  window.keMap = {map: map, KE: KE, markers: function() { return markers; }, setDate: setDate,
                  first: first, last: last};
})({{ this._parent.get_name() }}, JSON.parse(document.getElementById('ke-data').textContent), {
  {%- for name in this.layer_vars -%}
  {{ name|tojson }}: {{ name }}{{ "," if not loop.last }}
  {%- endfor -%}
});
{% endmacro %}
"""
)


class _EventLayer(MacroElement):
    """The script above, fed with the page's data and the names of folium's layers."""

    _template = _EVENTS_JS

    def __init__(self, layer_vars: list[str]):
        super().__init__()
        self._name = "KarabakhEvents"
        self.layer_vars = layer_vars


def data_element(data: dict[str, Any]) -> str:
    """The page's data as a JSON script element; ``<``, ``>`` and ``&`` are written as
    ``\\u`` escapes, so no text in it can close the element or open another."""
    # json escapes control characters; lone surrogates it would write raw, so they go here.
    text = clean(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="ke-data">{text}</script>'


def build_web_map(corpus) -> str:
    """The whole page as a string; raises ``OutputError`` if it would fetch anything."""
    fmap = _offline_map()
    basemap = countries_geojson(corpus.root)
    if basemap is not None:
        _add_basemap(fmap, basemap)
    overlays = load_overlays(corpus.geodata_dir)
    overlay_info = _add_overlays(fmap, overlays)
    control = list(overlay_info)
    places_layer = _add_places(fmap, corpus.places.values())
    if places_layer is not None:
        control.append({"v": places_layer.get_name(), "name": "Places (gazetteer)"})
    events = list(corpus.timeline)
    index = _add_event_store(fmap, events)
    at_place = _events_by_place(events)
    radii = {pid: event_marker_radius(len(evs)) for pid, (_, evs) in at_place.items()}
    labels_layer = _add_place_labels(fmap, corpus.places.values(), radii)
    if labels_layer is not None:
        control.append({"v": labels_layer.get_name(), "name": "Place names"})
    data = _page_data(corpus, events, index, at_place, overlay_info, control)
    cast(Figure, fmap.get_root()).html.add_child(Element(data_element(data)), name="explorer_data")
    fmap.add_child(_EventLayer(sorted({c["v"] for c in control})))
    _add_decorations(fmap, corpus, events, has_basemap=basemap is not None, overlays=overlays)
    page = fmap.get_root().render()
    assert_self_contained(page)
    return page


def _offline_map() -> folium.Map:
    west, south, east, north = LIMIT_BOUNDS
    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=7,
        tiles=None,
        control_scale=True,
        max_zoom=MAX_ZOOM,
        zoom_snap=0.25,
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
    # Panes fix the stacking: land < areas and lines < places < events, whatever the user
    # toggles in the layer control (a re-added layer would otherwise land on top).
    folium.map.CustomPane("basemap", z_index=250, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("places", z_index=430, pointer_events=True).add_to(fmap)
    # Place names under the event markers: a marker is never hidden behind a name.
    folium.map.CustomPane("labels", z_index=440, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("events", z_index=620, pointer_events=True).add_to(fmap)
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


def _add_overlays(fmap: folium.Map, overlays: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One layer per overlay; returns, per layer, its JS name, label, dates and default."""
    info = []
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
        shown = shown_by_default(props, default_area)
        layer = folium.GeoJson(
            data, name=esc(layer_name(props)), show=shown, on_each_feature=_BIND, control=False
        )
        layer.add_to(fmap)
        info.append(
            {
                "v": layer.get_name(),
                "name": esc(layer_name(props)),
                "from": _iso_or_none(props.get("valid_from")),
                "to": _iso_or_none(props.get("valid_to")),
                "on": shown,
            }
        )
    return info


def _iso_or_none(value: object) -> str | None:
    try:
        return dt.date.fromisoformat(str(value)).isoformat() if value else None
    except ValueError:
        return None


def _place_tooltip(place: Place) -> Markup:
    label = place_label(place, NamingPolicy.BOTH)
    scripts = " · ".join(place.names[lang] for lang in ("hy", "az", "ru") if place.names.get(lang))
    return Markup("<b>{}</b><br>{}<br><i>{}</i>").format(esc(label), esc(scripts), esc(place.kind))


def _add_places(fmap: folium.Map, places: Iterable[Place]) -> folium.GeoJson | None:
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
        return None
    marker = folium.CircleMarker(radius=3)
    marker.options["pane"] = "places"
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Places (gazetteer)",
        marker=marker,
        on_each_feature=_BIND,
        control=False,
    )
    layer.add_to(fmap)
    return layer


def _add_place_labels(
    fmap: folium.Map, places: Iterable[Place], radii: dict[str, float]
) -> folium.GeoJson | None:
    """Permanent names of the region's capitals, cities and towns (see :mod:`.labels`)."""
    features = place_labels(places, radii)
    if not features:
        return None
    hidden = {"radius": 0, "opacity": 0, "fillOpacity": 0, "interactive": False}
    for feature in features:
        feature["properties"]["style"] = hidden
    marker = folium.CircleMarker(radius=0)
    marker.options["pane"] = "labels"
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Place names",
        marker=marker,
        on_each_feature=JsCode(BIND_LABEL),
        control=False,
    )
    layer.add_to(fmap)
    fmap.add_child(ZoomClass(PLACEMENT_ZOOM))
    return layer


def _add_event_store(fmap: folium.Map, events: list[Event]) -> dict[str, int]:
    """Each event's description once, as hidden HTML in the page; popups copy it from there.

    An event at several places would otherwise be repeated in each marker's popup, and
    HTML inside JSON costs six bytes per angle bracket: this keeps the page small.
    Returns each event id's index (the element ids are ``ke-ev-<index>``).
    """
    index = {e.id: i for i, e in enumerate(events)}
    store = Markup("").join(
        Markup('<div id="ke-ev-{}">{}</div>').format(i, event_html(e)) for i, e in enumerate(events)
    )
    cast(Figure, fmap.get_root()).html.add_child(
        Element(Markup('<div id="ke-events" hidden>{}</div>').format(store)),
        name="explorer_events",
    )
    return index


def _events_by_place(events: list[Event]) -> dict[str, tuple[Place, list[Event]]]:
    at_place: dict[str, tuple[Place, list[Event]]] = {}
    for event in events:
        for place in event.places:
            at_place.setdefault(place.id, (place, []))[1].append(event)
    return at_place


def _inside(lon: float, lat: float, inset: float = 0.0) -> bool:
    return inside_limit(lon, lat, inset)


def _opening_bounds(corpus) -> list[list[float]]:
    """[[S, W], [N, E]] of :func:`.view.opening_bounds`, as Leaflet takes them."""
    west, south, east, north = opening_bounds(corpus.places)
    return [[south, west], [north, east]]


def edge_position(lon: float, lat: float) -> tuple[float, float]:
    """(lon, lat) of a place outside the limit, moved along the ray from the limit's centre
    to the limit's edge (less :data:`FAR_INSET_DEG`), so it is drawn in its direction."""
    west, south, east, north = LIMIT_BOUNDS
    cx, cy = (west + east) / 2, (south + north) / 2
    dx, dy = lon - cx, lat - cy
    hx, hy = (east - west) / 2 - FAR_INSET_DEG, (north - south) / 2 - FAR_INSET_DEG
    t = min(hx / abs(dx) if dx else math.inf, hy / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def _arrow(lon: float, lat: float) -> str:
    west, south, east, north = LIMIT_BOUNDS
    angle = math.degrees(math.atan2(lat - (south + north) / 2, lon - (west + east) / 2))
    arrows = ("→", "↗", "↑", "↖", "←", "↙", "↓", "↘")
    return arrows[round(angle / 45) % 8]


def _page_data(
    corpus,
    events: list[Event],
    index: dict[str, int],
    at_place: dict[str, tuple[Place, list[Event]]],
    overlay_info: list[dict[str, Any]],
    control: list[dict[str, Any]],
) -> dict[str, Any]:
    places = []
    for place, evs in at_place.values():
        label = place_label(place, NamingPolicy.BOTH)
        entry: dict[str, Any] = {
            "name": label,  # plain text: the marker's title attribute
            "label": esc(label),  # HTML, escaped: the popup's heading
            "lat": place.lat,
            "lon": place.lon,
            "ev": [index[e.id] for e in evs],
            "far": None,
        }
        if not _inside(place.lon, place.lat):
            lon, lat = edge_position(place.lon, place.lat)
            entry.update(lat=round(lat, 4), lon=round(lon, 4))
            arrow = _arrow(place.lon, place.lat)
            entry["far"] = esc(f"{arrow} {label}" if place.lon < lon else f"{label} {arrow}")
        places.append(entry)
    most = max((len(evs) for _, evs in at_place.values()), default=1)
    west, south, east, north = LIMIT_BOUNDS
    return {
        "events": [
            {
                "id": e.id,
                "s": e.when.start.isoformat(),
                "e": e.when.end.isoformat(),
                "c": e.category.value,
                "f": e.when.precision in FUZZY,
            }
            for e in events
        ],
        "places": places,
        "colours": {c.value: colour for c, colour in CATEGORY_COLOURS.items()},
        "mixed": MIXED_COLOUR,
        "radius": [round(event_marker_radius(n), 2) for n in range(most * 2 + 2)],
        "gap": GAP_PX,
        "first": min((e.when.start for e in events), default=dt.date(1988, 1, 1)).isoformat(),
        "last": max((e.when.end for e in events), default=dt.date(2024, 1, 1)).isoformat(),
        "limit": [[south, west], [north, east]],
        "centre": [(south + north) / 2, (west + east) / 2],
        "open": _opening_bounds(corpus),
        "overlays": [{k: o[k] for k in ("v", "from", "to", "on")} for o in overlay_info],
        "control": [{"v": c["v"], "name": c["name"]} for c in control],
        "eventsName": "Events",
        "maxZoom": MAX_ZOOM,
    }


def _add_decorations(fmap, corpus, events, *, has_basemap: bool, overlays: list) -> None:
    sources = {s.id for e in events for s in e.sources}
    places = {p.id for e in events for p in e.places}
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
            "pick a date to see the areas of that day, or the layer list (top right)."
        )
    about = Markup(
        '<div class="ke-about"><b>Karabakh Explorer</b> — {} events from {} sources at {} '
        "places. Click a marker, or Tab to it and press Enter, for the verbatim quotes and "
        "their sources.{}</div>"
    ).format(
        len(events),
        len(sources),
        len(places),
        Markup("").join(Markup("<br><i>{}</i>").format(n) for n in notes),
    )
    time = Markup(
        '<div class="ke-time" role="group" aria-label="Date">'
        '<label><input type="checkbox" id="ke-all" checked> all dates</label>'
        '<button type="button" id="ke-prev" title="Previous date with an event">◀</button>'
        '<input type="range" id="ke-slider" aria-label="Date" step="1">'
        '<button type="button" id="ke-next" title="Next date with an event">▶</button>'
        '<output id="ke-date" aria-live="polite"></output></div>'
    )
    rows = [
        Markup('<span><i style="background:{}"></i>{}</span>').format(colour, cat.value)
        for cat, colour in CATEGORY_COLOURS.items()
    ]
    rows.append(
        Markup('<span><i style="background:{}"></i>several categories</span>').format(MIXED_COLOUR)
    )
    rows.append(
        Markup(
            '<span><i style="border:1.5px dashed #222;width:8px;height:8px"></i>'
            "date not exact</span>"
        )
    )
    rows.append(Markup("<span><s></s>approximate line or area</span>"))
    rows.append(Markup("<span>a number: events at the place or places</span>"))
    legend = Markup('<div class="ke-legend">{}</div>').format(Markup("").join(rows))
    bar = Markup('<div class="ke-top">{}{}{}</div>').format(about, time, legend)
    cast(Figure, fmap.get_root()).html.add_child(Element(bar), name="explorer_boxes")
    fmap.add_child(_Attribution(ATTRIBUTION))
