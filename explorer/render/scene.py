"""The map's ``QGraphicsScene``: basemap, overlays, places, labels and event markers.

:func:`build_map_scene` needs no window, so the snapshot export renders the very scene the
desktop view shows. Scene coordinates are UTM 38N metres with y flipped (``(x, -y)``, see
``explorer.render.geometry``). The scene does not listen to the app state itself: its owner
(the view, or the export) calls :meth:`MapScene.sync` and the ``set_*`` methods, so a
scene thrown away never receives a signal.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from explorer.data.corpus import Corpus
from explorer.data.geo import MapLayers, lonlat_to_map
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
        self.events = EventLayer(self, corpus.places, self.place_points, bearings, style)

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

    def _add_basemap_names(self) -> None:
        for name, lon, lat in BASEMAP_NAMES:
            self._add_label(f"basemap:{name}", name, "region", to_scene(*lonlat_to_map(lon, lat)))
        for name, lon, lat in SEA_NAMES:
            point = to_scene(*lonlat_to_map(lon, lat))
            self._add_label(f"sea:{name}", name, "sea", point, SEA.darker(190))

    def _add_label(self, key: str, text: str, kind: str, point: QPointF, colour=None) -> None:
        font_kind = "region" if kind == "sea" else kind
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
        else:
            for key, label in self.labels.items():
                if self._label_layer(key) == layer:
                    label.setVisible(on)

    def _label_layer(self, key: str) -> str:
        return "basemap_labels" if ":" in key else "place_labels"

    # -- layout -----------------------------------------------------------------------------
    def layout(
        self, frame: QRectF, to_device: QTransform, avoid: list[QRectF] | None = None
    ) -> None:
        """Lay out markers, edge badges and labels for a view of ``frame`` under ``to_device``.

        ``avoid`` are device rectangles (legend, scale bar, north arrow) that edge badges
        and labels keep clear of. Markers are clustered for the scale first, badges pinned
        to the frame's edges next, and labels placed last around both.
        """
        self.cluster_markers(to_device)
        boxes = self.events.layout_badges(frame, to_device, avoid)
        self.layout_labels(to_device, to_device.mapRect(frame), [*(avoid or []), *boxes])

    def cluster_markers(self, to_device: QTransform) -> None:
        """Merge markers that would touch at this scale (see ``EventLayer.cluster``)."""
        if self.events.cluster(to_device):
            self.events.recount()

    def layout_labels(
        self,
        to_device: QTransform,
        bounds: QRectF | None = None,
        avoid: list[QRectF] | None = None,
    ) -> None:
        """Greedy, collision-free placement of the labels of the shown layers.

        ``bounds`` is the visible frame in device pixels: no label is placed across its
        edge. ``avoid`` are device rectangles (decorations, edge badges) labels keep off.
        """
        requests: list[LabelRequest] = []
        obstacles: list[QRectF] = list(avoid or [])
        for symbol in self.symbols.values():
            centre = to_device.map(symbol.pos())
            r = symbol.radius() + self.map_style.px(1)
            obstacles.append(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r))
        # Markers as large as they will ever be, so no time step can push one under a label.
        obstacles += self.events.obstacles(to_device)
        for key, label in self.labels.items():
            if not self.layer_on[self._label_layer(key)]:
                label.setVisible(False)
                continue
            kind = self._label_kinds[key]
            width, height = label.full_size()
            place_symbol = self.symbols.get(key)
            gap = max(place_symbol.radius() if place_symbol else 0, self.events.max_radius(key))
            gap += self.map_style.px(3)
            requests.append(
                LabelRequest(
                    key,
                    to_device.map(label.pos()),
                    width,
                    height,
                    _label_priority(kind),
                    gap,
                    centered=kind in AREA_KINDS or kind == "sea",
                    sizes=label.sizes(),
                    must_show=kind in ("capital", "city"),
                )
            )
        chosen: dict[str, int] = {}
        placed = place_labels(requests, obstacles, bounds, chosen)
        for request in requests:
            label = self.labels[request.key]
            box = placed.get(request.key)
            label.setVisible(box is not None)
            if box is not None:
                label.use_form(chosen.get(request.key, 0))
                label.set_offset(box.topLeft() - request.anchor)

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
        from explorer.render.overlays import LAYER_OF_KIND

        return [
            self.overlays.items[o.id]
            for o in self.overlays.overlays
            if LAYER_OF_KIND.get(o.kind) == layer
        ]


def _label_priority(kind: str) -> int:
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

        has_geodata = (corpus.root / "geodata" / "overlays.geojson").is_file()
        layers = load_map_layers(corpus.root if has_geodata else None)
    scene = MapScene(corpus, layers, style or MapStyle())
    scene.sync(state)
    return scene
