"""Dates that carry their precision: a day, a month, a season, a year, a range, or "about"."""

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
            return f"{s:%B} {s.year}"
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
    return f"{d.day} {d:%B} {d.year}"


def _approximate(s: dt.date, e: dt.date) -> str:
    if s == e:
        return _day(s)
    if (s.year, s.month) == (e.year, e.month) and s.day == 1 and _is_month_end(e):
        return f"{s:%B} {s.year}"
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
            return f"{s:%B}–{e:%B} {s.year}"
        return f"{s:%B} {s.year} – {e:%B} {e.year}"
    if s.year == e.year and s.month == e.month:
        return f"{s.day}–{e.day} {s:%B} {s.year}"
    if s.year == e.year:
        return f"{s.day} {s:%B} – {e.day} {e:%B} {s.year}"
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
