"""The map's ``QGraphicsScene``: basemap, overlays, places, labels and event markers.

:func:`build_map_scene` needs no window, so the snapshot export renders the very scene the
desktop view shows. Scene coordinates are UTM 38N metres with y flipped (``(x, -y)``, see
``explorer.render.geometry``). The scene does not listen to the app state itself: its owner
(the view, or the export) calls :meth:`MapScene.sync` and the ``set_*`` methods, so a
scene thrown away never receives a signal.
"""

from __future__ import annotations

import datetime as dt

import shapely
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene
from shapely.ops import polylabel

from explorer.data.corpus import Corpus
from explorer.data.geo import MapLayers, lonlat_to_map
from explorer.data.towns import load_towns, near_any
from explorer.domain.model import Place
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.state import AppState
from explorer.domain.view import LAYERS
from explorer.render.events import EventLayer, place_tooltip
from explorer.render.geometry import to_scene
from explorer.render.labels import LabelItem, LabelRequest, place_labels
from explorer.render.markers import PlaceSymbolItem, bearing_deg
from explorer.render.overlays import OverlayLayer, country_items
from explorer.render.style import AREA_KINDS, KIND_PRIORITY, SEA, TEXT_MUTED, MapStyle
from explorer.render.towns import MAX_METRES_PER_PX

# Basemap names not in the gazetteer: neighbours and seas, at hand-picked lon/lat.
BASEMAP_NAMES = (
    ("Georgia", 43.9, 42.25),
    ("Turkey", 41.9, 39.55),
    ("Iran", 46.3, 38.55),
    ("Russia", 47.2, 42.5),
    ("Armenia", 44.55, 40.65),
    ("Azerbaijan", 48.35, 40.95),
)
SEA_NAMES = (("Caspian Sea", 50.3, 41.75), ("Black Sea", 41.25, 42.4))
# Gazetteer areas that the basemap already names (a country's name from Natural Earth).
_COUNTRY_PLACES = frozenset({"armenia", "azerbaijan"})


class MapScene(QGraphicsScene):
    """Everything on the map, built once; dates, filters and names only change items."""

    def __init__(self, corpus: Corpus, layers: MapLayers, style: MapStyle, parent=None):
        super().__init__(parent)
        self.corpus = corpus
        self.layers = layers
        self.map_style = style
        self.policy = NamingPolicy.BOTH
        self.date: dt.date | None = None
        xmin, ymin, xmax, ymax = layers.extent.map_bounds
        self.setSceneRect(QRectF(xmin, -ymax, xmax - xmin, ymax - ymin))
        self.setBackgroundBrush(SEA)
        # Thousands of static items would want BSP; ours are few and some move on layout.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for item in country_items(layers.countries, style):
            self.addItem(item)
        self.overlays = OverlayLayer(layers.overlays, style)
        for item in self.overlays.items.values():
            self.addItem(item)
        self.layer_on = dict.fromkeys(LAYERS, True)
        self.place_points, bearings = self._split_places(corpus.places)
        self.symbols: dict[str, PlaceSymbolItem] = {}
        self.labels: dict[str, LabelItem] = {}
        self._label_kinds: dict[str, str] = {}
        self._add_places()
        self._add_basemap_names()
        self.town_symbols: dict[str, PlaceSymbolItem] = {}
        # Towns the gazetteer has meanwhile (places of events) are drawn as places, once.
        self.towns = {
            t.id: t for t in load_towns(corpus.root) if not near_any(t, corpus.places.values())
        }
        self._add_towns()
        countries = {c.name for c in layers.countries}
        # Places that are a whole country (an event "in Armenia"): drawn as the country's name.
        self._country_place = {
            f"basemap:{corpus.places[p].name}": p
            for p in self.place_points
            if p in _COUNTRY_PLACES and corpus.places[p].name in countries
        }
        self.events = EventLayer(
            self, corpus.places, self.place_points, bearings, style,
            countries=frozenset(self._country_place.values()),
        )  # fmt: skip

    # -- construction ------------------------------------------------------------------------
    def _split_places(
        self, places: dict[str, Place]
    ) -> tuple[dict[str, QPointF], dict[str, float]]:
        """Scene points of places on the map; bearings of those beyond it (Moscow, Kyiv)."""
        west, south, east, north = self.layers.extent.lonlat_bounds
        centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
        on_map: dict[str, QPointF] = {}
        beyond: dict[str, float] = {}
        for place in places.values():
            if west <= place.lon <= east and south <= place.lat <= north:
                xy = self.layers.places.get(place.id) or lonlat_to_map(place.lon, place.lat)
                on_map[place.id] = to_scene(*xy)
            else:
                beyond[place.id] = bearing_deg(centre_lon, centre_lat, place.lon, place.lat)
        return on_map, beyond

    def _add_places(self) -> None:
        for place_id, point in self.place_points.items():
            place = self.corpus.places[place_id]
            if place_id in _COUNTRY_PLACES:
                continue
            if place.kind not in AREA_KINDS:
                symbol = PlaceSymbolItem(place_id, place.kind, self.map_style)
                symbol.setPos(point)
                symbol.setZValue(20)
                symbol.setToolTip(place_tooltip(place, self.policy))
                self.addItem(symbol)
                self.symbols[place_id] = symbol
            colour = TEXT_MUTED if place.kind in AREA_KINDS else None
            self._add_label(place_id, place_label(place, self.policy), place.kind, point, colour)

    def _add_towns(self) -> None:
        for town in self.towns.values():
            point = to_scene(*lonlat_to_map(town.lon, town.lat))
            symbol = PlaceSymbolItem(town.id, "town-context", self.map_style)
            symbol.setPos(point)
            symbol.setZValue(19)
            symbol.setVisible(False)
            self.addItem(symbol)
            self.town_symbols[town.id] = symbol
            self._add_label(town.id, town.label(self.policy), "town-context", point, TEXT_MUTED)

    def _add_basemap_names(self) -> None:
        for name, lon, lat in BASEMAP_NAMES:
            self._add_label(f"basemap:{name}", name, "country", to_scene(*lonlat_to_map(lon, lat)))
        # Where each country's name goes: the hand-picked point while it is well inside the
        # view, else the visible point of the country farthest from its edges.
        self._country_home = {
            f"basemap:{name}": to_scene(*lonlat_to_map(lon, lat))
            for name, lon, lat in BASEMAP_NAMES
        }
        self._country_shapes = {
            f"basemap:{c.name}": c.geometry
            for c in self.layers.countries
            if f"basemap:{c.name}" in self._country_home
        }
        self._country_anchor_key: tuple | None = None
        self._country_anchor: dict[str, QPointF] = {}
        # A printed page (no clicks): what finds no room is left out rather than drawn over.
        self.paper = False
        self.unplaced_countries: list[str] = []
        for name, lon, lat in SEA_NAMES:
            point = to_scene(*lonlat_to_map(lon, lat))
            self._add_label(f"sea:{name}", name, "sea", point, SEA.darker(190))

    def _add_label(self, key: str, text: str, kind: str, point: QPointF, colour=None) -> None:
        font_kind = "region" if kind in ("sea", "country") else kind
        font = self.map_style.label_font(font_kind)
        if kind == "sea":
            font.setCapitalization(font.Capitalization.MixedCase)
        label = LabelItem(text, font, self.map_style, colour) if colour else None
        label = label or LabelItem(text, font, self.map_style)
        label.setPos(point)
        label.setZValue(35)
        self.addItem(label)
        self.labels[key] = label
        self._label_kinds[key] = kind

    # -- state ------------------------------------------------------------------------------
    def sync(self, state: AppState) -> None:
        """Bring everything to ``state``: layers, date, markers, naming and selection."""
        for layer in LAYERS:
            self.set_layer_visible(layer, state.view.layer_visible(layer))
        self.set_naming(state.naming_policy)
        self.set_date(state.date, state)
        self.set_selection(state)

    def set_date(self, date: dt.date, state: AppState) -> None:
        """A time step: overlay visibility and per-place marker counts, nothing rebuilt."""
        if date != self.date:
            self.date = date
            self.overlays.set_date(date)
        self.events.update(state.timeline, date)

    def refresh_events(self, state: AppState) -> None:
        """The filtered timeline changed: recount the markers."""
        self.events.update(state.timeline, state.date)

    def set_selection(self, state: AppState) -> None:
        self.events.set_selection(state.selected_event)

    def set_naming(self, policy: NamingPolicy) -> None:
        """Relabel places under ``policy``; the caller lays the labels out again."""
        self.policy = policy
        for place_id in self.place_points:
            label = self.labels.get(place_id)
            if label is not None:
                label.set_name(place_label(self.corpus.places[place_id], policy))
            symbol = self.symbols.get(place_id)
            if symbol is not None:
                symbol.setToolTip(place_tooltip(self.corpus.places[place_id], policy))
        for town in self.towns.values():
            self.labels[town.id].set_name(town.label(policy))
        self.events.set_naming(policy)

    def set_layer_visible(self, layer: str, on: bool) -> None:
        """Show or hide one of :data:`LAYERS` (views change ``AppState.view``, not this)."""
        if self.layer_on.get(layer) == on:
            return
        self.layer_on[layer] = on
        if layer in ("control", "corridor", "nk_outline"):
            self.overlays.set_layer(layer, on)
        elif layer == "events":
            self.events.set_layer(on)
        elif layer == "towns":  # shown by scale too: the next layout_labels decides
            for key in self.town_symbols:
                self.labels[key].setVisible(False)
                self.town_symbols[key].setVisible(False)
        else:
            for key, label in self.labels.items():
                if self._label_layer(key) == layer:
                    label.setVisible(on)

    def _label_layer(self, key: str) -> str:
        if key.startswith("town:"):
            return "towns"
        return "basemap_labels" if ":" in key else "place_labels"

    # -- layout -----------------------------------------------------------------------------
    def layout(
        self,
        frame: QRectF,
        to_device: QTransform,
        avoid: list[QRectF] | None = None,
        extra: list[LabelRequest] | None = None,
    ) -> dict[str, QRectF]:
        """Lay out markers, edge badges and labels for a view of ``frame`` under ``to_device``.

        ``avoid`` are device rectangles (legend, scale bar, north arrow) that edge badges
        and labels keep clear of. Markers are clustered for the scale first, badges pinned
        to the frame's edges next, and labels placed last around both; ``extra`` boxes
        (footnote marks) are placed with the labels and their boxes returned.
        """
        self.cluster_markers(to_device)
        boxes = self.events.layout_badges(frame, to_device, avoid)
        bounds = to_device.mapRect(frame)
        return self.layout_labels(to_device, bounds, [*(avoid or []), *boxes], extra)

    def cluster_markers(self, to_device: QTransform) -> None:
        """Merge markers that would touch at this scale (see ``EventLayer.cluster``)."""
        if self.events.cluster(to_device):
            self.events.recount()

    def layout_labels(
        self,
        to_device: QTransform,
        bounds: QRectF | None = None,
        avoid: list[QRectF] | None = None,
        extra: list[LabelRequest] | None = None,
    ) -> dict[str, QRectF]:
        """Greedy, collision-free placement of the labels of the shown layers.

        ``bounds`` is the visible frame in device pixels: no label is placed across its
        edge. ``avoid`` are device rectangles (decorations, edge badges) labels keep off.
        ``extra`` are more boxes to place among the labels (a snapshot's footnote marks);
        the boxes they got are returned by key. Each label hugs its own point's symbol and
        marker and keeps off everyone else's.
        """
        self._anchor_country_labels(to_device, bounds)
        metres_per_px = self.map_style.scale / to_device.m11()  # per screen pixel
        towns_on = self.layer_on["towns"] and metres_per_px <= MAX_METRES_PER_PX
        # A clustered place is drawn by its cluster's marker: its own dot and name would
        # read as separate places beside it (its events and name are in the marker's tip).
        clustered = self.events.leader_of
        symbols = {}
        for key, symbol in self.symbols.items():
            symbol.setVisible(key not in clustered)
            if key not in clustered:
                symbols[key] = symbol
        for key, symbol in self.town_symbols.items():
            symbol.setVisible(towns_on)
            if towns_on:
                symbols[key] = symbol
        own: dict[str, QRectF] = {}
        for key, symbol in symbols.items():
            centre = to_device.map(symbol.pos())
            r = symbol.radius() + self.map_style.px(1)
            own[key] = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        # Markers as large as they will ever be, so no time step can push one under a label.
        # Country markers are placed below, like the names they replace.
        for key, rect in self.events.obstacle_map(to_device, countries=False).items():
            own[key] = own[key].united(rect) if key in own else rect
        obstacles: list[QRectF] = list(own.values())
        points = [to_device.map(symbol.pos()) for symbol in symbols.values()]
        points += [
            to_device.map(self.events.markers[p].pos())
            for p in self.events.max_radii()
            if p not in self.events.country_markers()
        ]
        requests: list[LabelRequest] = []
        for key, label in self.labels.items():
            if not self.layer_on[self._label_layer(key)] or key in self._replaced_labels():
                label.setVisible(False)
                continue
            if (key in self.town_symbols and not towns_on) or key in clustered:
                label.setVisible(False)
                continue
            kind = self._label_kinds[key]
            width, height = label.full_size()
            own_symbol = symbols.get(key)
            gap = (own_symbol.radius() if own_symbol else 0) + self.map_style.px(3)
            requests.append(
                LabelRequest(
                    key,
                    to_device.map(label.pos()),
                    width,
                    height,
                    _label_priority(kind),
                    gap,
                    centered=kind in AREA_KINDS or kind in ("sea", "country"),
                    sizes=label.sizes(),
                    must_show=kind in ("capital", "city", "country"),
                    own=own.get(key),
                    cover=self.events.max_radius(key),
                )
            )
        # A country's events are its name: its marker is placed like a label (on the
        # country's visible point, else just above or below it) and keeps off the rest.
        countries = []
        for place_id in self.events.country_markers():
            marker = self.events.markers[place_id]
            marker.setVisible(self.events.layer_on)  # a page may have left it out before
            if not marker.isVisible():
                continue
            env = marker.envelope(self.events.max_total(place_id))
            countries.append(
                LabelRequest(
                    f"country:{place_id}",
                    to_device.map(self._country_anchor.get(place_id, marker.pos())),
                    env.width(),
                    env.height(), 2, self.map_style.px(3), centered=True, spread=True,
                    must_show=not self.paper,
                    within=self._inside_country(place_id, to_device),
                )
            )  # fmt: skip
        chosen: dict[str, int] = {}
        placed = place_labels(
            [*requests, *countries, *(extra or [])],
            obstacles,
            bounds,
            chosen,
            points,
            hard=avoid,
        )
        inverse, invertible = to_device.inverted()
        self.unplaced_countries = []
        for request in countries:
            box = placed.get(request.key)
            place_id = request.key.removeprefix("country:")
            if box is None and self.paper:
                # On paper a country name over event markers hides them: left out, and told.
                self.events.markers[place_id].setVisible(False)
                self.unplaced_countries.append(place_id)
            if box is not None and invertible:
                env = self.events.markers[place_id].envelope(self.events.max_total(place_id))
                self.events.move_marker(place_id, inverse.map(box.center() - env.center()))
        for request in requests:
            label = self.labels[request.key]
            box = placed.get(request.key)
            label.setVisible(box is not None)
            if box is not None:
                label.use_form(chosen.get(request.key, 0))
                label.set_offset(box.topLeft() - request.anchor)
        return {r.key: placed[r.key] for r in extra or () if r.key in placed}

    def _replaced_labels(self) -> set[str]:
        """Country names drawn by their country's event marker instead (see CountryMarkerItem)."""
        if not self.layer_on["events"]:
            return set()
        return {f"basemap:{self.corpus.places[p].name}" for p in self.events.country_markers()}

    def _inside_country(self, place_id: str, to_device: QTransform):
        """A test of device points: inside the country of ``place_id``'s polygon."""
        name = f"basemap:{self.corpus.places[place_id].name}"
        shape = self._country_shapes.get(name)
        inverse, ok = to_device.inverted()
        if shape is None or not ok:
            return None
        shapely.prepare(shape)

        def within(point: QPointF) -> bool:
            p = inverse.map(point)
            return bool(shape.contains(shapely.Point(p.x(), -p.y())))

        return within

    def _anchor_country_labels(self, to_device: QTransform, bounds: QRectF | None) -> None:
        """Put each country's name (and its event marker) where the view shows the country.

        At Nagorno-Karabakh scale the hand-picked points are off the view: the name then
        goes to the pole of inaccessibility of the country's visible part, so every country
        in sight is named at every extent.
        """
        inverse, ok = to_device.inverted()
        if bounds is None or not ok:
            return
        frame = inverse.mapRect(bounds)
        key = (
            round(frame.left(), -2),
            round(frame.top(), -2),
            round(frame.width(), -2),
            round(frame.height(), -2),
        )
        if key == self._country_anchor_key:
            return
        self._country_anchor_key = key
        dx, dy = frame.width() * 0.12, frame.height() * 0.08
        inset = frame.adjusted(dx, dy, -dx, -dy)
        view_box = shapely.box(frame.left(), -frame.bottom(), frame.right(), -frame.top())
        for label_key, home in self._country_home.items():
            point = home
            shape = self._country_shapes.get(label_key)
            if not inset.contains(home) and shape is not None:
                visible = shape.intersection(view_box)
                if not visible.is_empty:
                    parts = getattr(visible, "geoms", [visible])
                    largest = max(parts, key=lambda g: g.area)
                    if largest.geom_type == "Polygon" and largest.area > 0:
                        tolerance = max(frame.width(), frame.height()) / 200
                        centre = polylabel(largest, tolerance)
                        point = QPointF(centre.x, -centre.y)
            self.labels[label_key].setPos(point)
            place_id = self._country_place.get(label_key)
            if place_id is not None:
                self._country_anchor[place_id] = point
                self.events.move_marker(place_id, point)

    def helpEvent(self, event) -> None:  # noqa: N802 - Qt override
        # A tooltip is about to show: write the marker tooltips the time steps left stale.
        self.events.refresh_tooltips()
        super().helpEvent(event)

    # -- introspection ----------------------------------------------------------------------
    def visible_labels(self) -> dict[str, LabelItem]:
        return {k: v for k, v in self.labels.items() if v.isVisible()}

    def items_of_layer(self, layer: str) -> list[QGraphicsItem]:
        """The items a layer toggle shows or hides (for tests and the legend)."""
        if layer == "events":
            return [*self.events.markers.values(), *self.events.badges.values()]
        if layer in ("basemap_labels", "place_labels"):
            return [v for k, v in self.labels.items() if self._label_layer(k) == layer]
        if layer == "towns":
            towns = [v for k, v in self.labels.items() if self._label_layer(k) == layer]
            return [*towns, *self.town_symbols.values()]
        from explorer.render.overlays import LAYER_OF_KIND

        return [
            self.overlays.items[o.id]
            for o in self.overlays.overlays
            if LAYER_OF_KIND.get(o.kind) == layer
        ]


def _label_priority(kind: str) -> int:
    if kind == "town-context":
        return 6  # context towns take whatever room the places of events leave
    if kind == "country":
        return 2  # with the towns: a country is named at every extent
    if kind in AREA_KINDS:
        return 3  # area names after towns, before minor sites
    if kind == "sea":
        return 3
    return KIND_PRIORITY.get(kind, 4)


def build_map_scene(
    state: AppState,
    corpus: Corpus,
    layers: MapLayers | None = None,
    style: MapStyle | None = None,
) -> MapScene:
    """A scene showing ``state`` (date, filter, naming, selection), without any window.

    Labels and edge badges still need :meth:`MapScene.layout` for the output's transform.
    """
    if layers is None:
        from explorer.data.geo import load_map_layers

        # The corpus's own overlays, or none: never the embedded corpus's.
        layers = load_map_layers(corpus.root)
    scene = MapScene(corpus, layers, style or MapStyle())
    scene.sync(state)
    return scene
