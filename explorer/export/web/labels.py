"""Permanent place names on the web map: capitals, cities and towns of the region.

Each name is a Leaflet tooltip with ``permanent: true`` on an invisible point, styled as map
text with a white halo. Contested places carry both names ("Stepanakert / Khankendi"). Where a
name goes (right, left, above or below its point) is decided here, once, so that names that
are close together (Stepanakert and Shusha are 7 km apart) do not print over each other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, NamedTuple

from branca.element import MacroElement
from folium.template import Template

from explorer.domain.model import Place
from explorer.domain.naming import NamingPolicy, place_label
from explorer.export.web.basemap import REGION_BOX
from explorer.export.web.html import esc

# Kinds that get a permanent name, most important first (they are placed first).
LABELLED_KINDS = ("capital", "city", "town")
# Names are placed for this zoom (the page opens at about 8); below it towns are hidden by
# the page's CSS, so the tighter zoom-out levels only show capitals and cities.
PLACEMENT_ZOOM = 8
CHAR_W, LINE_H = 7.0, 16.0  # a rough box for 12 px bold sans, enough to avoid overlaps
GAP = 7.0  # from the point to the name, or from the edge of an event marker drawn there
# Leaflet tooltip directions with a vertical shift in pixels, tried in this order: beside
# the point, above or below it, then beside it but raised or lowered (for names crowded by
# a neighbour's name, as Shusha's is by Stepanakert's).
_CANDIDATES = (
    ("right", 0.0),
    ("left", 0.0),
    ("top", 0.0),
    ("bottom", 0.0),
    *((d, dy) for dy in (-10.0, 10.0, -18.0, 18.0) for d in ("right", "left")),
)

LABEL_CSS = """
.ke-label { background: transparent; border: 0; box-shadow: none; padding: 0;
  color: #2b2925; font: 600 12px/1.2 sans-serif; white-space: nowrap;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.ke-label::before { display: none; }
.ke-label-capital { font-size: 13px; font-weight: 700; }
.ke-label-town { font-weight: 500; color: #3d3a35; }
.ke-far .ke-label-town { visibility: hidden; }
"""
# (visibility, not display: Leaflet measures a tooltip when it places it, and a name
# measured while hidden with display: none would be placed as if it had no size.)

# Binds each invisible point's permanent name; class and direction come with the feature.
BIND_LABEL = (
    "function(feature, layer) {"
    " var p = feature.properties;"
    " layer.bindTooltip(p.label, {permanent: true, interactive: false, pane: 'labels',"
    "  direction: p.direction, offset: p.offset, className: 'ke-label ke-label-' + p.kind});"
    "}"
)


class ZoomClass(MacroElement):
    """Mark the map container ``ke-far`` below the zoom the place names were placed for.

    The CSS then hides the towns' names, which would print over each other zoomed out.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function(map) {
                function mark() {
                    map.getContainer().classList.toggle('ke-far', map.getZoom() < {{ this.zoom }});
                }
                map.on('zoomend', mark);
                mark();
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, zoom: int):
        super().__init__()
        self._name = "ZoomClass"
        self.zoom = int(zoom)


def labelled_places(places: Iterable[Place]) -> list[Place]:
    """Capitals, cities and towns inside the basemap's box, most important first."""
    west, south, east, north = REGION_BOX
    chosen = [
        p
        for p in places
        if p.kind in LABELLED_KINDS and west <= p.lon <= east and south <= p.lat <= north
    ]
    return sorted(chosen, key=lambda p: (LABELLED_KINDS.index(p.kind), p.name))


def _pixel(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at ``zoom`` (what Leaflet draws with)."""
    size = 256 * 2**zoom
    s = math.sin(math.radians(lat))
    x = (lon + 180) / 360 * size
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size
    return x, y


def _offset(direction: str, clear: float, shift: float = 0.0) -> tuple[float, float]:
    """Leaflet's tooltip offset that puts the text ``clear`` pixels from its point."""
    return {
        "right": (clear, shift),
        "left": (-clear, shift),
        "top": (0.0, -clear + 2),
        "bottom": (0.0, clear - 2),
    }[direction]


def _box(
    x: float, y: float, w: float, direction: str, offset: tuple[float, float]
) -> tuple[float, float, float, float]:
    dx, dy = offset
    y += dy if direction in ("right", "left") else 0.0
    if direction == "right":
        return (x + dx, y - LINE_H / 2, x + dx + w, y + LINE_H / 2)
    if direction == "left":
        return (x + dx - w, y - LINE_H / 2, x + dx, y + LINE_H / 2)
    if direction == "top":
        return (x - w / 2, y + dy - LINE_H, x + w / 2, y + dy)
    return (x - w / 2, y + dy, x + w / 2, y + dy + LINE_H)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The area two boxes share, in square pixels."""
    return max(min(a[2], b[2]) - max(a[0], b[0]), 0) * max(min(a[3], b[3]) - max(a[1], b[1]), 0)


class Placement(NamedTuple):
    """Where one place's name goes: Leaflet's direction and offset, and its box in pixels
    at :data:`PLACEMENT_ZOOM` (for tests and for placing the next names)."""

    place: Place
    text: str
    direction: str
    offset: tuple[float, float]
    box: tuple[float, float, float, float]


def placements(places: Iterable[Place], radii: dict[str, float] | None = None) -> list[Placement]:
    """A side for each labelled place's name, clear of the names already placed and of the
    other labelled points (greedy, most important first).

    ``radii`` gives the radius of the event marker drawn at a place, if any: its name starts
    beyond it.
    """
    radii = radii or {}
    chosen = labelled_places(places)
    points = {p.id: _pixel(p.lon, p.lat, PLACEMENT_ZOOM) for p in chosen}
    dots = []
    for place_id, (x, y) in points.items():
        r = max(radii.get(place_id, 0.0), 4.0)
        dots.append((x - r, y - r, x + r, y + r))
    result: list[Placement] = []
    for place in chosen:
        text = place_label(place, NamingPolicy.BOTH)
        x, y = points[place.id]
        w = CHAR_W * len(text)
        clear = max(radii.get(place.id, 0.0), 2.0) + GAP - 2
        names = [p.box for p in result]
        best: Placement | None = None
        best_score = 0.0
        for direction, shift in _CANDIDATES:
            offset = _offset(direction, clear, shift)
            box = _box(x, y, w, direction, offset)
            # Text over text is unreadable; text over a marker is only untidy.
            score = 10 * sum(_overlap(box, n) for n in names) + sum(_overlap(box, d) for d in dots)
            if best is None or score < best_score:  # the first of the least overlapping
                best, best_score = Placement(place, text, direction, offset, box), score
            if not score:
                break
        assert best is not None
        result.append(best)
    return result


def place_labels(
    places: Iterable[Place], radii: dict[str, float] | None = None
) -> list[dict[str, Any]]:
    """GeoJSON point features carrying each labelled place's escaped name and its side."""
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.place.lon, p.place.lat]},
            "properties": {
                "label": esc(p.text),
                "kind": p.place.kind,
                "direction": p.direction,
                "offset": [round(v, 1) for v in p.offset],
            },
        }
        for p in placements(places, radii)
    ]
