"""Dates that carry their precision, and the one place where dates are parsed and written.

Every output (window, snapshots, web map, KML, CSV) writes month names through this module:
English, whatever the system locale, and without platform-specific ``strftime`` flags such as
``%-d`` (Linux only). Every date typed by a user (``--date``, Go to date, a deck's step) is
read by :func:`parse_user_date`, so they all accept the same syntax and say what is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"
    APPROXIMATE = "approximate"


# ACLED's time_precision codes: 1 = exact day, 2 = within a week or a month, 3 = vaguer.
ACLED_TIME_PRECISION = {
    Precision.DAY: 1,
    Precision.RANGE: 2,
    Precision.MONTH: 2,
    Precision.SEASON: 3,
    Precision.YEAR: 3,
    Precision.APPROXIMATE: 3,
}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)


def month_name(d: dt.date, short: bool = False) -> str:
    """ "September" (or "Sep"), in English whatever the locale."""
    return (MONTHS_SHORT if short else MONTHS)[d.month - 1]


def format_day(d: dt.date, short: bool = False) -> str:
    """ "19 September 2023" (or "19 Sep 2023")."""
    return f"{d.day} {month_name(d, short)} {d.year}"


def format_month(d: dt.date, short: bool = False) -> str:
    """ "September 2023" (or "Sep 2023")."""
    return f"{month_name(d, short)} {d.year}"


def shorten_months(text: str) -> str:
    """'19–20 September 2023' → '19–20 Sep 2023', for narrow columns."""
    for full, short in zip(MONTHS, MONTHS_SHORT, strict=True):
        text = text.replace(full, short)
    return text


def parse_user_date(text: str, what: str = "date") -> dt.date:
    """A date typed by a user, ``YYYY-MM-DD``; ``ValueError`` saying what is wrong with it.

    ``what`` names the field in the message (``--date``, ``step 3's date``…).
    """
    text = str(text).strip()
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"{what} {text!r} must be written YYYY-MM-DD")
    try:
        # Built from its parts, not fromisoformat: the error then names what is wrong
        # ("day is out of range for month") instead of only "invalid isoformat string".
        return dt.date(*(int(p) for p in parts))
    except ValueError as exc:
        raise ValueError(f"{what} {text!r} is not a real date: {exc}") from None


_SEASON_BY_START_MONTH = {3: "spring", 6: "summer", 9: "autumn", 12: "winter", 1: "winter"}


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When something happened, as a closed span [start, end] with the precision it is known to.

    A single day has ``start == end``. Imprecise dates are spans too: "September 2023" is
    1–30 September with ``Precision.MONTH``.
    """

    start: dt.date
    end: dt.date
    precision: Precision

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")

    @property
    def is_fuzzy(self) -> bool:
        return self.precision not in (Precision.DAY, Precision.RANGE)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def display(self) -> str:
        """The date as a reader would write it, with its precision ("c. 1994", "autumn 2022")."""
        s, e, p = self.start, self.end, self.precision
        if p is Precision.DAY or s == e and p is not Precision.APPROXIMATE:
            return _day(s)
        if p is Precision.MONTH and (s.year, s.month) == (e.year, e.month):
            return format_month(s)
        if p is Precision.YEAR and s.year == e.year:
            return str(s.year)
        if p is Precision.SEASON:
            season = _SEASON_BY_START_MONTH.get(s.month)
            if season:
                return f"{season} {s.year}" if season != "winter" else f"winter {s.year}/{e.year}"
        if p is Precision.APPROXIMATE:
            return "c. " + _approximate(s, e)
        return _range(s, e)


def _day(d: dt.date) -> str:
    return format_day(d)


def _approximate(s: dt.date, e: dt.date) -> str:
    if s == e:
        return _day(s)
    if (s.year, s.month) == (e.year, e.month) and s.day == 1 and _is_month_end(e):
        return format_month(s)
    if s.year == e.year and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return str(s.year)
    return _range(s, e)


def _is_month_end(d: dt.date) -> bool:
    return (d + dt.timedelta(days=1)).day == 1


def _range(s: dt.date, e: dt.date) -> str:
    """19–20 September 2023; 28 September – 1 October 2023; December 2022 – September 2023."""
    whole_months = s.day == 1 and _is_month_end(e)
    if whole_months and (s.year, s.month) != (e.year, e.month):
        if s.year == e.year:
            return f"{month_name(s)}–{month_name(e)} {s.year}"
        return f"{format_month(s)} – {format_month(e)}"
    if s.year == e.year and s.month == e.month:
        return f"{s.day}–{e.day} {format_month(s)}"
    if s.year == e.year:
        return f"{s.day} {month_name(s)} – {e.day} {month_name(e)} {s.year}"
    return f"{_day(s)} – {_day(e)}"


def parse_date(value: object) -> dt.date:
    """Read a date from YAML (already a ``date``) or an ISO string; raise ``ValueError`` if bad."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(f"expected an ISO date like 2023-09-19, got {value!r}")
