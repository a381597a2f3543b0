"""Presentation files: an ordered list of steps (event, extent, notes), as JSON.

The presenter mode and ``explorer snapshot --presentation`` read the same format::

    {"title": "The 2023 offensive",
     "steps": [{"event": "nk-offensive-2023", "extent": "nk", "notes": "..."},
               {"event": null, "date": "2020-11-10", "extent": [46.0, 39.3, 47.5, 40.5]}]}

``extent`` is a named extent (``region``, ``nk``, ``corridor``), ``[W, S, E, N]`` in degrees,
or null (the event's places, else the region). A step needs an ``event`` or a ``date``.
No Qt here: the GUI and the command line share it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from explorer.domain.presentation import Presentation, Step
from explorer.export.files import write_atomic

NAMED_EXTENTS = ("region", "nk", "corridor")


class PresentationError(ValueError):
    """A presentation file is unreadable or invalid; the message names the file and field."""


def load_presentation(path: Path | str) -> Presentation:
    """Read and validate a presentation file.

    Raises
    ------
    PresentationError
        With ``path: steps[i].field: what is wrong`` for the first problems found.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PresentationError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PresentationError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise PresentationError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})"
        ) from exc
    return parse_presentation(data, str(path))


def parse_presentation(data: Any, where: str = "presentation") -> Presentation:
    """Build a :class:`Presentation` from decoded JSON, collecting every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise PresentationError(f"{where}: expected a JSON object with 'title' and 'steps'")
    title = data.get("title", "")
    if not isinstance(title, str):
        problems.append(f"{where}: title: must be text")
        title = ""
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list):
        raise PresentationError(f"{where}: steps: must be a list of steps")
    steps = []
    for i, raw in enumerate(raw_steps):
        at = f"{where}: steps[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{at}: must be an object with 'event', 'extent', 'notes'")
            continue
        steps.append(_step(raw, at, problems))
    if problems:
        raise PresentationError("\n".join(problems))
    return Presentation(title, tuple(steps))


def _step(raw: dict[str, Any], at: str, problems: list[str]) -> Step:
    unknown = set(raw) - {"event", "extent", "notes", "date", "title"}
    if unknown:
        problems.append(f"{at}: unknown field(s) {', '.join(sorted(unknown))}")
    event = raw.get("event")
    if event is not None and not (isinstance(event, str) and event.strip()):
        problems.append(f"{at}.event: must be an event id or null")
        event = None
    date = raw.get("date")
    if date is not None:
        try:
            date = dt.date.fromisoformat(str(date))
        except ValueError:
            problems.append(f"{at}.date: {date!r} is not a date like 2023-09-19")
            date = None
    if event is None and date is None and "date" not in raw:
        problems.append(f"{at}: needs an 'event' or a 'date'")
    return Step(
        event=event,
        extent=_extent(raw.get("extent"), at, problems),
        notes=_text(raw, "notes", at, problems) or "",
        date=date,
        title=_text(raw, "title", at, problems),
    )


def _extent(extent: Any, at: str, problems: list[str]):
    if extent is None:
        return None
    if isinstance(extent, str):
        if extent.strip().lower() in NAMED_EXTENTS:
            return extent.strip().lower()
        problems.append(f"{at}.extent: {extent!r} is not one of {', '.join(NAMED_EXTENTS)}")
        return None
    if (
        isinstance(extent, list)
        and len(extent) == 4
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in extent)
    ):
        west, south, east, north = (float(v) for v in extent)
        if not (west < east and south < north):
            problems.append(f"{at}.extent: [W, S, E, N] needs W < E and S < N")
        return (west, south, east, north)
    problems.append(f"{at}.extent: must be a name, [W, S, E, N] or null")
    return None


def _text(raw: dict[str, Any], key: str, at: str, problems: list[str]) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        problems.append(f"{at}.{key}: must be text")
        return None
    return value


def presentation_to_json(pres: Presentation) -> str:
    """The file text of a presentation (stable key order, UTF-8, indented)."""
    steps = []
    for step in pres.steps:
        item: dict[str, Any] = {"event": step.event}
        item["extent"] = list(step.extent) if isinstance(step.extent, tuple) else step.extent
        item["notes"] = step.notes
        if step.date is not None:
            item["date"] = step.date.isoformat()
        if step.title:
            item["title"] = step.title
        steps.append(item)
    return json.dumps({"title": pres.title, "steps": steps}, ensure_ascii=False, indent=2) + "\n"


def save_presentation(path: Path | str, pres: Presentation) -> Path:
    """Write a presentation file atomically (over an existing one: the user's own file)."""
    return write_atomic(Path(path), presentation_to_json(pres), force=True)
