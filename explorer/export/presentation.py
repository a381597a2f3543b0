"""Presentation files: an ordered list of steps (event, date, extent, title, notes), as JSON.

The presenter mode, the deck editor, ``explorer snapshot --presentation`` and ``explorer
video --presentation`` read the same format::

    {"title": "The 2023 offensive",
     "steps": [{"event": "nk-offensive-2023", "extent": "nk", "notes": "..."},
               {"event": null, "date": "2020-11-10", "extent": [46.0, 39.3, 47.5, 40.5],
                "title": "After the ceasefire"}]}

``event`` is an event id or null; ``date`` (YYYY-MM-DD) sets the map's date (default: the
event's start); ``extent`` is a named extent (``region``, ``nk``, ``corridor``),
``[W, S, E, N]`` in degrees, or null (the event's places, else the region); ``title``
replaces the event's title; ``notes`` are for the presenter's screen. A step needs an
``event`` or a ``date``. No Qt here: the GUI and the command line share it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.data.problems import Problem
from explorer.data.safe_read import read_bytes
from explorer.domain.presentation import Presentation, Step
from explorer.export.files import write_atomic

NAMED_EXTENTS = ("region", "nk", "corridor")
STEP_FIELDS = ("event", "date", "extent", "title", "notes")


class PresentationError(ValueError):
    """A presentation file is unreadable or invalid; the message names the file and field."""


@dataclass(frozen=True)
class LoadedPresentation:
    """A deck as read from a file: the good steps, and one line per problem found.

    ``problems`` reads ``FILE: steps[i].field: what is wrong``; a step with a fatal problem
    (no event and no date, a bad date or extent, not an object) is left out, a step with
    only unknown fields is kept without them.
    """

    presentation: Presentation
    problems: tuple[str, ...] = ()


def read_presentation(path: Path | str) -> LoadedPresentation:
    """Read a presentation file, keeping every good step and reporting each bad one.

    Raises
    ------
    PresentationError
        Only when nothing can be used: no such file, not JSON, or no ``steps`` list.
    """
    path = Path(path)
    if not path.exists():
        raise PresentationError(f"{path}: no such file")
    # Regular files only, size-capped: a FIFO or /dev/zero must not hang or fill memory.
    problems: list[Problem] = []
    raw = read_bytes(path, problems)
    if raw is None:
        raise PresentationError(str(problems[0]) if problems else f"{path}: cannot read")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PresentationError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise PresentationError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise PresentationError(f"{path}: not valid JSON (nested too deeply)") from exc
    return parse_presentation_lenient(data, str(path))


def load_presentation(path: Path | str) -> Presentation:
    """Read and validate a presentation file, strictly.

    Raises
    ------
    PresentationError
        With ``path: steps[i].field: what is wrong`` for every problem found.
    """
    loaded = read_presentation(path)
    if loaded.problems:
        raise PresentationError("\n".join(loaded.problems))
    return loaded.presentation


def parse_presentation(data: Any, where: str = "presentation") -> Presentation:
    """Build a :class:`Presentation` from decoded JSON; any problem raises, listing them all."""
    loaded = parse_presentation_lenient(data, where)
    if loaded.problems:
        raise PresentationError("\n".join(loaded.problems))
    return loaded.presentation


def parse_presentation_lenient(data: Any, where: str = "presentation") -> LoadedPresentation:
    """Build a deck from decoded JSON: the good steps, and every problem (see above)."""
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
            problems.append(f"{at}: must be an object with 'event' or 'date' (step left out)")
            continue
        step_problems: list[str] = []
        step = _step(raw, at, step_problems)
        fatal = [p for p in step_problems if not p.endswith("(ignored)")]
        if fatal:
            step_problems = [p + " (step left out)" if p in fatal else p for p in step_problems]
        else:
            steps.append(step)
        problems += step_problems
    return LoadedPresentation(Presentation(title, tuple(steps)), tuple(problems))


def _step(raw: dict[str, Any], at: str, problems: list[str]) -> Step:
    unknown = set(raw) - set(STEP_FIELDS)
    if unknown:
        problems.append(f"{at}: unknown field(s) {', '.join(sorted(unknown))} (ignored)")
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
    if raw.get("event") is None and raw.get("date") is None:
        problems.append(f"{at}: needs an 'event' or a 'date'")
    # By keyword: the dataclass's field order is not the file's.
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
