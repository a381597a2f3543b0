"""The gazetteer: ``geodata/places.geojson``, one Point feature per line."""

from __future__ import annotations

import json
import math
from pathlib import Path

from explorer.data.problems import Problem
from explorer.data.yaml_lines import read_text
from explorer.domain.model import Place

PLACE_KINDS = {
    "capital", "city", "town", "village", "airport", "military-base", "region", "site",
    "border-crossing", "gas-field", "power-plant",
}  # fmt: skip


def _line_of_id(lines: list[str], place_id: str) -> int | None:
    needle = f'"id": "{place_id}"'
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    return None


def load_places(path: Path, problems: list[Problem]) -> dict[str, Place]:
    """Read the gazetteer; bad features are reported in ``problems`` and left out."""
    text = read_text(path, problems)
    if text is None:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(path, exc.lineno, f"invalid JSON: {exc.msg}"))
        return {}
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        problems.append(Problem(path, 1, "expected a GeoJSON FeatureCollection with 'features'"))
        return {}
    lines = text.splitlines()
    places: dict[str, Place] = {}
    for feature in features:
        props = feature.get("properties") or {}
        place_id = props.get("id")
        line = _line_of_id(lines, place_id) if isinstance(place_id, str) else None

        def bad(message: str, line: int | None = line) -> None:
            problems.append(Problem(path, line, message))

        if not isinstance(place_id, str) or not place_id:
            bad("a place has no 'id'")
            continue
        if place_id in places:
            bad(f"duplicate place id {place_id!r}")
            continue
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates")
        if geometry.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
            bad(f"place {place_id!r}: geometry must be a Point [lon, lat]")
            continue
        lon, lat = coords[0], coords[1]
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lon, lat)):
            bad(f"place {place_id!r}: coordinates must be numbers")
            continue
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            bad(f"place {place_id!r}: [{lon}, {lat}] is not a WGS84 lon/lat")
            continue
        names = props.get("names")
        if not isinstance(names, dict) or not names.get("en"):
            bad(f"place {place_id!r}: 'names' must map languages to names and include 'en'")
            continue
        kind = props.get("kind")
        if kind not in PLACE_KINDS:
            bad(
                f"place {place_id!r}: unknown kind {kind!r} "
                f"(one of {', '.join(sorted(PLACE_KINDS))})"
            )
            continue
        places[place_id] = Place(
            id=place_id,
            kind=kind,
            lon=float(lon),
            lat=float(lat),
            names={str(k): str(v) for k, v in names.items()},
            romanized={str(k): str(v) for k, v in (props.get("romanized") or {}).items()},
            contested=bool(props.get("contested", False)),
            within=props.get("within"),
            note=props.get("note") or "",
        )
    for place in places.values():
        if place.within and place.within not in places:
            problems.append(
                Problem(
                    path,
                    _line_of_id(lines, place.id),
                    f"place {place.id!r}: 'within' names unknown place {place.within!r}",
                )
            )
    return places
