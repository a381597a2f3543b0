"""The gazetteer: ``geodata/places.geojson``, one Point feature per line."""

from __future__ import annotations

from pathlib import Path

from explorer.data import schema
from explorer.data.geojson_checks import check_feature, load_features
from explorer.data.problems import Problem
from explorer.domain.model import Place

PLACE_KINDS = {
    "capital", "city", "town", "village", "airport", "military-base", "region", "site",
    "border-crossing", "gas-field", "power-plant",
}  # fmt: skip


def load_places(
    path: Path, problems: list[Problem], *, inside: Path | None = None
) -> dict[str, Place]:
    """Read the gazetteer; bad features are reported in ``problems`` and left out."""
    places: dict[str, Place] = {}
    lines: dict[str, int | None] = {}
    for line, feature in load_features(path, problems, inside=inside):
        if not check_feature(feature, path, line, problems, "place"):
            continue
        props = feature["properties"]
        place_id = props.get("id")

        def bad(message: str, line: int | None = line) -> None:
            problems.append(Problem(path, line, message))

        if not schema.check_record(
            props, schema.PLACE, path=path, label=f"place {schema.label_id(props)!r}",
            problems=problems, line=line,
        ):  # fmt: skip
            continue
        if not place_id:
            bad("a place has no 'id'")
            continue
        if place_id in places:
            bad(f"duplicate place id {place_id!r}")
            continue
        geometry = feature["geometry"]
        if geometry["type"] != "Point":
            bad(f"place {place_id!r}: geometry must be a Point [lon, lat]")
            continue
        lon, lat = geometry["coordinates"][:2]
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
        lines[place_id] = line
        places[place_id] = Place(
            id=place_id,
            kind=kind,
            lon=float(lon),
            lat=float(lat),
            names=dict(names),
            romanized=dict(props.get("romanized") or {}),
            contested=bool(props.get("contested", False)),
            within=props.get("within"),
            note=props.get("note") or "",
        )
    for place in places.values():
        if place.within and place.within not in places:
            problems.append(
                Problem(
                    path,
                    lines[place.id],
                    f"place {place.id!r}: 'within' names unknown place {place.within!r}",
                )
            )
    return places
