"""How the corpus overlays (NKAO outline, control areas, Lachin corridor…) look on the web map.

Approximate geometries are dashed. Control areas get neutral grey tints that take no side;
their popups say what the area is, who held it and when, where the line comes from and how
accurate it is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from explorer.domain.dates import format_day, month_name
from explorer.export.web.html import esc
from explorer.export.web.style import AREA_COLOURS, SEA_COLOUR

DASH = "6 4"

# Shown when the page opens; the rest are one click away in the layer control. Left hidden:
# the NKAO outline (the reference outline repeats it) and the 2022 corridor, which mostly
# repeats the 2020 one. Control areas are handled apart: see :func:`default_control_area`.
HIDDEN_BY_DEFAULT = frozenset(
    {
        "nkao",
        "lachin-corridor-road-2022",
        "lachin-corridor-zone-2022",
    }
)

# Areas of successive periods overlap: drawn together they read as one darker area that no
# period ever had. The page opens on one, the last before the September 2023 transition.
DEFAULT_CONTROL_AREA = "control-2020-2023"


def default_control_area(features: list[dict[str, Any]]) -> str | None:
    """The id of the one control area shown when the page opens.

    :data:`DEFAULT_CONTROL_AREA` if the corpus has it; else the latest-starting area that has
    an end date and is not a transition (a settled period); else the latest; else ``None``.
    """
    areas = [
        f.get("properties", {})
        for f in features
        if f.get("properties", {}).get("kind") == "control-area"
    ]
    if any(p.get("id") == DEFAULT_CONTROL_AREA for p in areas):
        return DEFAULT_CONTROL_AREA
    settled = [p for p in areas if p.get("valid_to") and "transition" not in str(p.get("id", ""))]
    latest = max(settled or areas, key=lambda p: str(p.get("valid_from") or ""), default=None)
    return None if latest is None else latest.get("id")


def shown_by_default(props: dict[str, Any], default_area: str | None) -> bool:
    """Whether an overlay is checked in the layer control when the page opens."""
    if props.get("kind") == "control-area":
        return props.get("id") == default_area
    return props.get("id") not in HIDDEN_BY_DEFAULT


# Drawn in this order, so areas lie under lines.
_KIND_ORDER = (
    "control-area",
    "corridor-zone",
    "lake",
    "historical-admin-boundary",
    "reference-boundary",
    "river",
    "corridor-road",
)


def sorted_overlays(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def rank(feature: dict[str, Any]) -> int:
        kind = feature.get("properties", {}).get("kind", "")
        return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)

    return sorted(features, key=rank)


def overlay_style(props: dict[str, Any], area_index: int) -> dict[str, Any]:
    """Leaflet path options for one overlay feature."""
    kind = props.get("kind", "")
    dash = DASH if props.get("approximate") else None
    if kind == "control-area":
        tint = AREA_COLOURS[area_index % len(AREA_COLOURS)]
        return {
            "color": tint,
            "weight": 1.5,
            "dashArray": dash,
            "fillColor": tint,
            "fillOpacity": 0.32,
        }
    if kind == "corridor-zone":
        return {
            "color": "#8a7f66",
            "weight": 1,
            "dashArray": dash,
            "fillColor": "#b8ab8a",
            "fillOpacity": 0.4,
        }
    if kind == "corridor-road":
        return {"color": "#5b5346", "weight": 2.5, "dashArray": dash, "fill": False}
    if kind == "lake":
        return {
            "color": "#8fb0c2",
            "weight": 1,
            "dashArray": dash,
            "fillColor": SEA_COLOUR,
            "fillOpacity": 1,
        }
    if kind == "river":
        return {"color": "#8fb0c2", "weight": 1.8, "dashArray": dash, "fill": False}
    # Boundaries and anything new: a dark outline, never filled.
    return {"color": "#4f4b45", "weight": 2, "dashArray": dash, "fill": False}


def validity(props: dict[str, Any]) -> str:
    """'12 May 1994 – 10 November 2020', 'from …', or 'undated (shown at every date)'."""
    start, end = _day(props.get("valid_from")), _day(props.get("valid_to"))
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "undated (shown at every date)"


def overlay_popup(props: dict[str, Any]) -> Markup:
    """What the overlay is, when it held, where it comes from and how accurate it is."""
    rows = [
        ("What", props.get("kind", "").replace("-", " ")),
        ("Held by", props.get("held_by")),
        ("Valid", validity(props)),
        ("Source", props.get("source")),
        ("Accuracy", _accuracy(props)),
        ("Note", props.get("note")),
    ]
    body = Markup("").join(
        Markup("<tr><th>{}</th><td>{}</td></tr>").format(esc(k), esc(v)) for k, v in rows if v
    )
    return Markup(
        '<div class="ke-popup"><h3 class="ke-title">{}</h3><table class="ke-table">{}</table></div>'
    ).format(esc(props.get("name", "?")), body)


_SHORT = {
    "control-area": "Control area",
    "corridor-zone": "Lachin corridor zone",
    "corridor-road": "Lachin corridor road",
    "reference-boundary": "NK outline (reference)",
    "historical-admin-boundary": "NKAO",
}


def layer_name(props: dict[str, Any]) -> str:
    """A short name for the layer control ('Control area 1994–2020'); popups give the full one.

    Long names would make the always-open control cover the map. An overlay valid for less
    than a year ('Control area 20 Sep – 1 Oct 2023') is named by its days.
    """
    kind = props.get("kind", "")
    short = _SHORT.get(kind) or props.get("name") or props.get("id") or "overlay"
    start, end = str(props.get("valid_from") or "")[:4], str(props.get("valid_to") or "")[:4]
    years = f"{start}–{end}" if start and end else f"{start}–" if start else ""
    if start and start == end:
        years = _short_days(props.get("valid_from"), props.get("valid_to")) or years
    return f"{short} {years}".strip()


def _short_days(first: object, last: object) -> str:
    try:
        a, b = dt.date.fromisoformat(str(first)), dt.date.fromisoformat(str(last))
    except ValueError:
        return ""
    return f"{a.day} {month_name(a, short=True)} – {format_day(b, short=True)}"


def _accuracy(props: dict[str, Any]) -> str:
    metres = props.get("accuracy_m")
    text = f"± {metres / 1000:g} km" if isinstance(metres, int | float) else ""
    if props.get("approximate"):
        text = f"{text}, approximate (dashed)" if text else "approximate (dashed)"
    return text


def _day(value: object) -> str:
    if not value:
        return ""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_day(day)
