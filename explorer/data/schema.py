"""The shape of every corpus record, checked before the loader uses any field.

A corpus is something users bring themselves, so every value read from YAML or JSON is
checked for its type and shape first: text is text (no control characters, no lone
surrogates), ids are lower-case slugs, id lists hold ids, offsets are integers and not
booleans, dates are ISO dates in a sane range. Each failure is a ``path:line: message`` and
the record that holds it is left out; the loader's own checks (known ids, verbatim quotes,
choices) run only on records whose shape is right, so they never meet a wrong type.

Written by hand rather than with a JSON-Schema library: the checks need the line of each
key (kept by :class:`~explorer.data.yaml_lines.LineDict`), the messages are meant for
people editing YAML, and the whole corpus is checked in about a millisecond (see
``bench/run.py``, "corpus load").

Presence is the loader's business (it says "'title' is missing"); this module speaks only
about values that are there.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.data.problems import Problem

# A check returns ``None`` when the value is fine, else what is wrong with it, worded to
# follow the field's name: "'places' must be a list of ids, not text".
Check = Callable[[Any], "str | None"]

SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*\Z")
# A language tag: en, hy, az, ru, pt-BR, zh-Hant.
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
# Source ids are the names of their text files in seeds/: a plain file name, no folders.
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}\Z")
MIN_YEAR, MAX_YEAR = 1000, 2999
# C0 controls other than tab and newline, DEL, C1 controls, and lone surrogates (which
# YAML's "\ud800" and JSON's "\ud800" escapes can produce, and no UTF-8 writer accepts).
_BAD_CHARS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff]")


def kind_of(value: Any) -> str:
    """How a YAML/JSON value reads to a person: 'a list', 'a mapping', 'true/false', …"""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def bad_character(text: str) -> str | None:
    """What is wrong with ``text`` as corpus text, or ``None``."""
    found = _BAD_CHARS.search(text)
    if found is None:
        return None
    code = ord(found.group())
    what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    return f"contains {what} (U+{code:04X}) at position {found.start()}"


def text(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be text, not {kind_of(value)}"
    return bad_character(value)


def title(value: Any) -> str | None:
    return text(value) or ("must not be blank" if not value.strip() else None)


def slug(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be an id (lower-case letters, digits, dashes), not {kind_of(value)}"
    if not SLUG.match(value):
        return f"{_show(value)} is not an id (lower-case letters, digits and dashes only)"
    return None


def file_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be the name of a text file in seeds/, not {kind_of(value)}"
    if not FILE_NAME.match(value) or ".." in value:
        return (
            f"{_show(value)} is not a plain file name in seeds/ "
            "(letters, digits, '.', '_' and '-'; no folders)"
        )
    return None


def offset(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a whole number (a character offset), not {kind_of(value)}"
    return "must not be negative" if value < 0 else None


def date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None  # the loader says why, with the calendar's own words
    else:
        return f"must be an ISO date like 2023-09-19, not {kind_of(value)}"
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return f"{day.isoformat()} is outside the years {MIN_YEAR}–{MAX_YEAR}"
    return None


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {kind_of(value)}"


def number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"must be a number, not {kind_of(value)}"
    return None if math.isfinite(value) else f"must be a finite number, not {value!r}"


def optional(check: Check) -> Check:
    def checked(value: Any) -> str | None:
        return None if value is None else check(value)

    return checked


def one_of(*choices: str) -> Check:
    def checked(value: Any) -> str | None:
        if value in choices and isinstance(value, str):
            return None
        return f"is {_show(value)}; use one of: {', '.join(choices)}"

    return checked


def list_of(check: Check, what: str) -> Check:
    def checked(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"must be a list of {what}, not {kind_of(value)}"
        for i, item in enumerate(value):
            error = check(item)
            if error:
                return f"item {i + 1} {error}"
        return None

    return checked


def text_map(value: Any) -> str | None:
    """A mapping of codes (``en``, ``hy``) to text."""
    if not isinstance(value, dict):
        return f"must map language codes to names, not {kind_of(value)}"
    for key, item in value.items():
        if not isinstance(key, str) or not LANGUAGE.match(key):
            return f"has a key {_show(key)} that is not a language code"
        error = title(item)
        if error:
            return f"'{key}' {error}"
    return None


slugs = list_of(slug, "ids")


def language(value: Any) -> str | None:
    if not isinstance(value, str) or not LANGUAGE.match(value):
        return f"{_show(value)} is not a language code like en, hy, az or pt-BR"
    return None


@dataclass(frozen=True)
class Nested:
    """A field that holds a mapping with its own fields (``published``, ``reviewed``)."""

    fields: Mapping[str, Any]


Spec = Mapping[str, "Check | Nested"]


def check_record(
    data: Mapping[str, Any], spec: Spec, *, path: Path, label: str, problems: list[Problem],
    line: int | None = None,
) -> bool:  # fmt: skip
    """Check the fields of ``data`` that ``spec`` knows and are present; report each failure.

    Returns whether every checked field is well-formed. Fields missing or ``None`` are left
    to the loader (which knows which are required); unknown fields are ignored.
    """
    ok = True
    line_of = getattr(data, "line_of", None)
    for key, check in spec.items():
        if key not in data or data[key] is None:
            continue
        value = data[key]
        where = line_of(key) if line_of else line
        if isinstance(check, Nested):
            if not isinstance(value, dict):
                error: str | None = f"must be a mapping, not {kind_of(value)}"
            else:
                ok = check_record(
                    value, check.fields, path=path, label=f"{label}, {key}",
                    problems=problems, line=where,
                ) and ok  # fmt: skip
                continue
        else:
            error = check(value)
        if error:
            problems.append(Problem(path, where, f"{label}: '{key}' {error}"))
            ok = False
    return ok


def label_id(data: Any) -> str:
    """The record's id for messages, or '?' when it has none that can be shown."""
    ident = data.get("id") if isinstance(data, dict) else None
    if isinstance(ident, str):
        return ident
    return str(ident) if isinstance(ident, int) and not isinstance(ident, bool) else "?"


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _side(value: Any) -> str | None:
    return slugs(value) if isinstance(value, list) else slug(value)


# -- the corpus files ------------------------------------------------------------------------
DATE_SPAN: dict[str, Check | Nested] = {
    "start": date,
    "end": date,
    "precision": text,
}

SOURCE: Spec = {
    "id": file_name,
    "title": title,
    "authors": list_of(title, "names"),
    "outlet": text,
    "language": language,
    "kind": text,
    "published": Nested({**DATE_SPAN, "note": text}),
    "voices": slugs,
}

ACTOR: Spec = {
    "id": slug,
    "name": title,
    "kind": text,
    "affiliation": slug,
    "description": text,
}

TOPIC: Spec = {"id": slug, "title": title}

EVENT: Spec = {
    "id": slug,
    "title": title,
    "summary": title,
    **DATE_SPAN,
    "date_note": text,
    "category": text,
    "places": slugs,
    "actors": slugs,
    "excerpts": list_of(lambda item: None, "excerpts"),
    "annotations": list_of(lambda item: None, "annotations"),
    # The meaning of these is checked in evidence.py; here only their types.
    "sides": list_of(_side, "sides (each an actor id or a list of them)"),
    "date_basis": text,
    "reviewed": Nested({"date": date, "checked": list_of(slug, "checks"), "note": text}),
    "distinct_from": slugs,
}

EXCERPT: Spec = {"source": file_name, "start": offset, "end": offset, "quote": text}

ANNOTATION: Spec = {
    "actor": slug,
    "role": text,
    "text": title,
    "excerpt": offset,
    "topic": slug,
}

PLACE: Spec = {
    "id": slug,
    "kind": text,
    "names": text_map,
    "romanized": text_map,
    "contested": boolean,
    "within": slug,
    "note": text,
}

OVERLAY: Spec = {
    "id": slug,
    "name": title,
    "kind": text,
    "valid_from": date,
    "valid_to": date,
    "source": text,
    "accuracy_m": number,
    "approximate": boolean,
    "held_by": text,
    "note": text,
}
