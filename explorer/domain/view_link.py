"""A text link to a view of the atlas: date, selection, filters, naming and map extent.

``explorer gui --view "date=2023-09-19&event=…&extent=45.9,39.2,47.6,40.4&naming=both"``
reopens the window where the link was copied. The link is a URL query string (values
percent-encoded), so it survives e-mail and chat, and it stays readable. Pure Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote

from explorer.domain.dates import parse_user_date

# In the order a link is written; "q" is the search text.
KEYS = ("date", "event", "extent", "naming", "actors", "categories", "sources", "q")
NAMING_VALUES = ("both", "english", "armenian", "azerbaijani")
NAMED_EXTENTS = ("region", "nk", "corridor")


def parse_day(text: str, what: str = "date") -> dt.date:
    """A day written YYYY-MM-DD, exactly as ``explorer gui --date`` takes it (one parser,
    :func:`explorer.domain.dates.parse_user_date`); ``ValueError`` says what is wrong."""
    return parse_user_date(text, what)


def check_extent(text: str) -> str:
    """A named extent or ``W,S,E,N`` in degrees, normalised; ``ValueError`` otherwise."""
    name = text.strip().lower()
    if name in NAMED_EXTENTS:
        return name
    parts = text.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(
            f"extent {text!r} must be one of {', '.join(NAMED_EXTENTS)} or W,S,E,N in degrees"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"extent {text!r} is not a W,S,E,N box in degrees")
    return ",".join(_number(v) for v in (west, south, east, north))


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class ViewLink:
    """What a link reopens; ``None`` or empty means "as the window would otherwise be"."""

    date: dt.date | None = None
    event: str | None = None
    extent: str | None = None  # a named extent or "W,S,E,N" in degrees
    naming: str | None = None  # a NamingPolicy value
    actors: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    text: str = ""

    def query(self) -> str:
        """The link as a query string, keys in a fixed order, values percent-encoded."""
        values: list[tuple[str, str]] = []
        if self.date is not None:
            values.append(("date", self.date.isoformat()))
        if self.event:
            values.append(("event", self.event))
        if self.extent:
            values.append(("extent", self.extent))
        if self.naming:
            values.append(("naming", self.naming))
        for key, ids in (
            ("actors", self.actors),
            ("categories", self.categories),
            ("sources", self.sources),
        ):
            if ids:
                values.append((key, ",".join(sorted(ids))))
        if self.text:
            values.append(("q", self.text))
        return "&".join(f"{k}={quote(v, safe=',-_.:')}" for k, v in values)

    def command(self) -> str:
        """The command line that reopens this view (the value holds no shell characters)."""
        return f'explorer gui --view "{self.query()}"'


def parse_view(text: str) -> ViewLink:
    """Read a link written by :meth:`ViewLink.query` (or the whole ``explorer gui`` command).

    Raises ``ValueError`` naming the first key or value that is wrong.
    """
    text = text.strip()
    if "--view" in text:  # a whole command pasted: keep its quoted value
        text = text.split("--view", 1)[1].strip().strip("\"'")
    text = text.lstrip("?")
    found: dict[str, str] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        if key not in KEYS:
            raise ValueError(f"unknown key {key!r} in the view link; known: {', '.join(KEYS)}")
        if key in found:
            raise ValueError(f"{key!r} appears twice in the view link")
        found[key] = value
    naming = found.get("naming") or None
    if naming is not None and naming not in NAMING_VALUES:
        raise ValueError(f"naming {naming!r} must be one of {', '.join(NAMING_VALUES)}")

    def ids(key: str) -> frozenset[str]:
        return frozenset(v for v in found.get(key, "").split(",") if v)

    return ViewLink(
        date=parse_day(found["date"]) if found.get("date") else None,
        event=found.get("event") or None,
        extent=check_extent(found["extent"]) if found.get("extent") else None,
        naming=naming,
        actors=ids("actors"),
        categories=ids("categories"),
        sources=ids("sources"),
        text=found.get("q", ""),
    )
