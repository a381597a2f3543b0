"""Reading and checking the corpus's GeoJSON (``places.geojson``, ``overlays.geojson``).

Like the YAML files, they are read safely (regular files inside the corpus, size-capped),
parsed with their line numbers kept, and every feature is checked before use: it is a
Feature with a mapping of properties, its geometry is of a known type with finite WGS84
coordinates and closed rings, and its properties have the types of
:data:`explorer.data.schema.PLACE` / :data:`~explorer.data.schema.OVERLAY`. Each failure
is a ``path:line: message`` and only that feature is left out.

JSON carries no line numbers, so the top-level object is walked with
:meth:`json.JSONDecoder.raw_decode`, which gives where each feature starts (the C decoder
does the work; this costs about as much as ``json.loads``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from explorer.data import schema
from explorer.data.problems import Problem
from explorer.data.yaml_lines import read_text

OVERLAY_KINDS = frozenset({
    "reference-boundary", "historical-admin-boundary", "control-area", "corridor-road",
    "corridor-zone", "lake", "river",
})  # fmt: skip

# GeoJSON geometry type -> depth of its "coordinates" (0 = one position).
_DEPTHS = {
    "Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
    "MultiPolygon": 3,
}  # fmt: skip

_decoder = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WHITESPACE:
        i += 1
    return i


def _feature_starts(text: str) -> Iterator[int]:
    """Where each element of the top-level object's ``features`` array starts."""
    i = _skip(text, 0)
    if text[i : i + 1] != "{":
        return
    i = _skip(text, i + 1)
    while i < len(text) and text[i] != "}":
        key, i = _decoder.raw_decode(text, i)
        i = _skip(text, _skip(text, i) + 1)  # past the ':'
        if key == "features" and text[i : i + 1] == "[":
            i = _skip(text, i + 1)
            while i < len(text) and text[i] != "]":
                yield i
                _, i = _decoder.raw_decode(text, i)
                i = _skip(text, i)
                if text[i : i + 1] == ",":
                    i = _skip(text, i + 1)
            i += 1
        else:
            _, i = _decoder.raw_decode(text, i)
        i = _skip(text, i)
        if text[i : i + 1] == ",":
            i = _skip(text, i + 1)


def load_features(
    path: Path, problems: list[Problem], *, inside: Path | None = None
) -> list[tuple[int | None, Any]]:
    """The features of a FeatureCollection file, each with its 1-based line.

    Anything that stops the file being read at all is recorded and gives ``[]``.
    """
    text = read_text(path, problems, inside=inside)
    if text is None:
        return []
    try:
        # NaN and Infinity are parsed (as Python does) and then refused feature by feature,
        # so the message can name the feature's line.
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(path, exc.lineno, f"invalid JSON: {exc.msg}"))
        return []
    except RecursionError:  # the C decoder bounds nesting at the recursion limit
        problems.append(Problem(path, None, "invalid JSON: nested too deeply"))
        return []
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or data.get("type", "FeatureCollection") != (
        "FeatureCollection"
    ):
        problems.append(Problem(path, 1, "expected a GeoJSON FeatureCollection with 'features'"))
        return []
    lines: list[int | None] = [_line(text, i) for i in _feature_starts(text)]
    if len(lines) != len(features):  # a duplicated "features" key, say: no lines then
        lines = [None] * len(features)
    return list(zip(lines, features, strict=True))


def check_feature(
    feature: Any, path: Path, line: int | None, problems: list[Problem], what: str
) -> bool:
    """Whether ``feature`` is a GeoJSON Feature with a valid geometry (reported if not)."""

    def bad(message: str) -> bool:
        ident = schema.label_id(props)
        shown = repr(ident) if ident != "?" else ident
        problems.append(Problem(path, line, f"{what} {shown}: {message}"))
        return False

    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return bad(f"each feature must be a GeoJSON Feature, not {schema.kind_of(feature)}")
    if not isinstance(props, dict):
        return bad(f"'properties' must be a mapping, not {schema.kind_of(props)}")
    error = geometry_error(feature.get("geometry"))
    return bad(error) if error else True


def geometry_error(geometry: Any) -> str | None:
    """What is wrong with a GeoJSON geometry (in WGS84 lon/lat), or ``None``."""
    if not isinstance(geometry, dict):
        return f"'geometry' must be a mapping, not {schema.kind_of(geometry)}"
    kind = geometry.get("type")
    if not isinstance(kind, str) or kind not in _DEPTHS:
        return f"geometry type {kind!r} is not one of {', '.join(_DEPTHS)}"
    return _coordinates_error(geometry.get("coordinates"), _DEPTHS[kind], kind)


def _coordinates_error(coords: Any, depth: int, kind: str) -> str | None:
    if depth == 0:
        return _position_error(coords)
    if not isinstance(coords, list) or not coords:
        return "coordinates must be a non-empty list"
    if depth > 1 or not _plain_positions(coords):
        for part in coords:
            error = _coordinates_error(part, depth - 1, kind)
            if error:
                return error
    if kind in ("LineString", "MultiLineString") and depth == 1 and len(coords) < 2:
        return "a line needs at least 2 positions"
    if kind in ("Polygon", "MultiPolygon") and depth == 1:
        if len(coords) < 4:
            return "a ring needs at least 4 positions"
        if coords[0][:2] != coords[-1][:2]:
            return "a ring must end where it starts"
    return None


def _plain_positions(positions: list[Any]) -> bool:
    """Fast path: all positions are [lon, lat] pairs of finite, in-range numbers.

    The loops run in C (``map``, ``min``, ``fsum``); only when this says no is each position
    looked at in Python, to say which one is wrong and why.
    """
    if set(map(type, positions)) != {list} or set(map(len, positions)) != {2}:
        return False
    lons, lats = [p[0] for p in positions], [p[1] for p in positions]
    if not set(map(type, lons)) | set(map(type, lats)) <= {float, int}:
        return False
    try:
        if not (math.isfinite(math.fsum(lons)) and math.isfinite(math.fsum(lats))):
            return False
    except (OverflowError, ValueError):
        return False
    return min(lons) >= -180 and max(lons) <= 180 and min(lats) >= -90 and max(lats) <= 90


def _position_error(position: Any) -> str | None:
    if not isinstance(position, list) or not 2 <= len(position) <= 3:
        return f"a position must be [lon, lat], not {schema.kind_of(position)}"
    for value in position:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"a coordinate must be a number, not {schema.kind_of(value)}"
        if not math.isfinite(value):
            return f"a coordinate is {value!r}"
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"[{lon}, {lat}] is not a WGS84 lon/lat"
    return None


def check_overlays(
    path: Path, problems: list[Problem], *, inside: Path | None = None
) -> list[dict[str, Any]]:
    """The well-formed features of ``overlays.geojson``; each bad one reported and left out."""
    good: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, feature in load_features(path, problems, inside=inside):
        if not check_feature(feature, path, line, problems, "overlay"):
            continue
        props = feature["properties"]
        label = f"overlay {schema.label_id(props)!r}"
        if not schema.check_record(
            props, schema.OVERLAY, path=path, label=label, problems=problems, line=line
        ):
            continue
        missing = [k for k in ("id", "name", "kind", "source", "accuracy_m") if k not in props]
        if missing:
            problems.append(Problem(path, line, f"{label}: missing {', '.join(missing)}"))
            continue
        if props["kind"] not in OVERLAY_KINDS:
            problems.append(Problem(path, line, (
                f"{label}: unknown kind {props['kind']!r} "
                f"(one of {', '.join(sorted(OVERLAY_KINDS))})"
            )))  # fmt: skip
            continue
        start, end = props.get("valid_from"), props.get("valid_to")
        try:
            first = dt.date.fromisoformat(start) if isinstance(start, str) else None
            last = dt.date.fromisoformat(end) if isinstance(end, str) else None
        except ValueError as exc:
            problems.append(Problem(path, line, f"{label}: a date is not an ISO date ({exc})"))
            continue
        if first and last and last <= first:
            problems.append(Problem(path, line, f"{label}: valid_to {end} is not after {start}"))
            continue
        if props["id"] in seen:
            problems.append(Problem(path, line, f"{label}: duplicate overlay id"))
            continue
        seen.add(props["id"])
        good.append(feature)
    return good


def valid_overlays(path: Path, *, inside: Path | None = None) -> list[dict[str, Any]]:
    """The overlays that pass :func:`check_overlays`, quietly (``check`` reports the rest).

    A missing file, or one that is not a regular file, gives no overlays: a corpus never
    borrows another's.
    """
    return check_overlays(path, [], inside=inside)
