"""What the map shows besides time and selection: its layers, its legend and where it looks.

The window's map, the presenter and every snapshot taken from the window read these from one
place, so a snapshot shows exactly the layers the window shows. Views never move the map
themselves: they *request* an extent here, and the map view answers the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.domain.signals import Signal

# The map's switchable layers, in the order of View → Layers.
LAYERS: dict[str, str] = {
    "basemap_labels": "Basemap labels",
    "place_labels": "Place names",
    "towns": "Towns around NK (GeoNames)",
    "control": "Control areas",
    "corridor": "Lachin corridor",
    "nk_outline": "NK outline",
    "events": "Events",
}

# Map coordinates (projected metres, west, south, east, north) of what a map view shows.
MapBounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class ExtentRequest:
    """Where a view asks the map to look.

    ``extent`` is a named extent (``region``, ``nk``, ``corridor``), ``"W,S,E,N"`` or a
    4-tuple of degrees. ``place_ids`` asks to frame those places with at least
    ``min_span_m`` metres around them; when none of them is on the map (Moscow…), the map
    shows ``extent`` instead, if given.
    """

    extent: str | tuple[float, float, float, float] | None = None
    place_ids: tuple[str, ...] = ()
    min_span_m: float = 40_000.0
    animate: bool = False


class ViewState:
    """Layers shown, legend open or folded, extent requests and the extent shown.

    Signals
    -------
    layer_changed(layer, on), legend_changed(expanded), extent_requested(ExtentRequest).
    Like :class:`~explorer.domain.state.AppState`, a setter emits only on a real change.
    """

    def __init__(self) -> None:
        self.layer_changed = Signal()
        self.legend_changed = Signal()
        self.extent_requested = Signal()
        self._layers = dict.fromkeys(LAYERS, True)
        self._legend_expanded = True
        self._shown: MapBounds | None = None

    # -- layers ------------------------------------------------------------------------------
    def layer_visible(self, layer: str) -> bool:
        return self._layers[layer]

    @property
    def hidden_layers(self) -> frozenset[str]:
        return frozenset(k for k, on in self._layers.items() if not on)

    def set_layer_visible(self, layer: str, on: bool) -> None:
        if layer not in self._layers:
            raise KeyError(f"unknown map layer {layer!r}; one of {', '.join(LAYERS)}")
        if self._layers[layer] != on:
            self._layers[layer] = on
            self.layer_changed.emit(layer, on)

    # -- legend ------------------------------------------------------------------------------
    @property
    def legend_expanded(self) -> bool:
        return self._legend_expanded

    def set_legend_expanded(self, on: bool) -> None:
        if on != self._legend_expanded:
            self._legend_expanded = on
            self.legend_changed.emit(on)

    # -- extent ------------------------------------------------------------------------------
    def request_extent(self, request: ExtentRequest) -> None:
        """Ask the map to look somewhere; it answers by moving and reporting what it shows."""
        self.extent_requested.emit(request)

    @property
    def shown_bounds(self) -> MapBounds | None:
        """What the window's map shows, in map coordinates; ``None`` before it is laid out."""
        return self._shown

    def report_shown_bounds(self, bounds: MapBounds) -> None:
        """Called by the map view after it moved (no signal: nothing redraws from it)."""
        self._shown = bounds
