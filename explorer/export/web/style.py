"""Colours and periods shared by the HTML map, KML and TimelineJS exports.

Event categories take the desktop app's colours (:mod:`explorer.render.palette`, plain hex
strings that import no Qt), so a marker means the same in the window and in an export. They
encode categories only; control areas take neutral greys, so no area reads as a party's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.domain.dates import Precision
from explorer.domain.model import Event
from explorer.render.palette import CATEGORY_COLOURS as CATEGORY_COLOURS

MIXED_COLOUR = "#4a4a4a"  # a marker that gathers events of several categories
SEA_COLOUR = "#c8d9e3"
LAND_COLOUR = "#f2efe6"
BORDER_COLOUR = "#9a968c"

# Control areas and zones take tints of grey, told apart by value and hue only slightly:
# the popup says who held what, the colour never does.
AREA_COLOURS = ("#8f8a7e", "#7e8a90", "#948a9c", "#8a9484")

FUZZY = frozenset({Precision.SEASON, Precision.YEAR, Precision.APPROXIMATE, Precision.MONTH})


@dataclass(frozen=True, slots=True)
class Period:
    """A named stretch of the conflict, used to group events into map layers and eras."""

    key: str
    label: str
    first: dt.date
    last: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


# Boundaries are the conventional ones: the Bishkek ceasefire took effect on 12 May 1994,
# the 2020 war began on 27 September and ended with the statement of 9/10 November, the
# Lachin road was blocked from 12 December 2022, the offensive began on 19 September 2023
# and the exodus was all but over by the end of that month.
PERIODS: tuple[Period, ...] = (
    Period("before-1988", "Before 1988", dt.date.min, dt.date(1987, 12, 31)),
    Period("war-1988-1994", "1988–1994 war", dt.date(1988, 1, 1), dt.date(1994, 5, 11)),
    Period("1994-2020", "1994–2020", dt.date(1994, 5, 12), dt.date(2020, 9, 26)),
    Period("war-2020", "2020 war", dt.date(2020, 9, 27), dt.date(2020, 11, 9)),
    Period("2020-2022", "Nov 2020 – Dec 2022", dt.date(2020, 11, 10), dt.date(2022, 12, 11)),
    Period(
        "blockade",
        "Blockade Dec 2022 – Sep 2023",
        dt.date(2022, 12, 12),
        dt.date(2023, 9, 18),
    ),
    Period(
        "offensive-2023",
        "Sep 2023 offensive and exodus",
        dt.date(2023, 9, 19),
        dt.date(2023, 9, 30),
    ),
    Period("after", "After Sep 2023", dt.date(2023, 10, 1), dt.date.max),
)


def period_of(day: dt.date) -> Period:
    """The period a day falls in (the periods tile the whole calendar)."""
    for period in PERIODS:
        if period.contains(day):
            return period
    raise AssertionError(day)  # unreachable: the first and last periods are open-ended


def events_by_period(events: Iterable[Event]) -> list[tuple[Period, list[Event]]]:
    """Events grouped by the period their start date falls in; empty periods left out."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(period_of(event.when.start).key, []).append(event)
    return [(p, groups[p.key]) for p in PERIODS if p.key in groups]


def kml_colour(hex_rgb: str, alpha: int = 0xFF) -> str:
    """'#7d5a63' -> KML's aabbggrr ('ff635a7d')."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}".lower()
