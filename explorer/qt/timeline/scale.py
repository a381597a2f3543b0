"""Pure arithmetic behind the timeline widget: dates ↔ pixels, ticks, lanes and density.

No Qt here, so every conversion can be tested on its own. Time is measured in proleptic
ordinal days (``date.toordinal()``) as floats; a day ``d`` covers ``[d, d + 1)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explorer.domain.dates import MONTHS_SHORT

# The narrowest and widest windows the wheel may zoom to: a week, and about a century.
MIN_SPAN_DAYS = 7.0
MAX_SPAN_DAYS = 366.0 * 100


@dataclass(frozen=True, slots=True)
class TimeScale:
    """A linear map from ordinal days to x pixels: ``[t0, t1]`` fills ``[left, right]``."""

    t0: float
    t1: float
    left: float
    right: float

    @property
    def span(self) -> float:
        return self.t1 - self.t0

    @property
    def px_per_day(self) -> float:
        return (self.right - self.left) / self.span if self.span > 0 else 0.0

    def x_of(self, t: float) -> float:
        """The x of an ordinal day (float)."""
        return self.left + (t - self.t0) * self.px_per_day

    def t_of(self, x: float) -> float:
        """The ordinal day (float) under x."""
        ppd = self.px_per_day
        return self.t0 + (x - self.left) / ppd if ppd else self.t0

    def x_of_date(self, day: dt.date) -> float:
        """The x of the middle of ``day``, where the time cursor and day ticks are drawn."""
        return self.x_of(day.toordinal() + 0.5)

    def date_at(self, x: float) -> dt.date:
        """The day whose ``[d, d + 1)`` contains x."""
        t = int(np.floor(self.t_of(x)))
        return dt.date.fromordinal(min(max(t, 1), dt.date.max.toordinal()))

    def zoomed(self, factor: float, anchor_x: float) -> TimeScale:
        """Zoom by ``factor`` (>1 zooms in) keeping the day under ``anchor_x`` where it is."""
        span = min(max(self.span / factor, MIN_SPAN_DAYS), MAX_SPAN_DAYS)
        anchor_t = self.t_of(anchor_x)
        frac = (anchor_x - self.left) / (self.right - self.left) if self.right > self.left else 0
        t0 = anchor_t - frac * span
        return TimeScale(t0, t0 + span, self.left, self.right)

    def with_window(self, t0: float, t1: float) -> TimeScale:
        if t1 - t0 < MIN_SPAN_DAYS:
            mid = (t0 + t1) / 2
            t0, t1 = mid - MIN_SPAN_DAYS / 2, mid + MIN_SPAN_DAYS / 2
        return TimeScale(t0, t1, self.left, self.right)

    def with_pixels(self, left: float, right: float) -> TimeScale:
        return TimeScale(self.t0, self.t1, left, right)


def fit_window(first: dt.date, last: dt.date, margin: float = 0.04) -> tuple[float, float]:
    """A window showing ``first``..``last`` whole, with a little air on both sides."""
    t0, t1 = first.toordinal(), last.toordinal() + 1
    span = max(t1 - t0, MIN_SPAN_DAYS)
    pad = span * margin
    mid = (t0 + t1) / 2
    return mid - span / 2 - pad, mid + span / 2 + pad


@dataclass(frozen=True, slots=True)
class Tick:
    t: float
    label: str
    major: bool


# Candidate tick units, finest first: (kind, count, approximate length in days).
_UNITS = (
    ("day", 1, 1.0),
    ("day", 7, 7.0),
    ("month", 1, 30.44),
    ("month", 3, 91.3),
    ("month", 6, 182.6),
    *(("year", n, 365.25 * n) for n in (1, 2, 5, 10, 20, 50, 100)),
)


def tick_unit(scale: TimeScale, min_label_px: float = 64.0) -> tuple[str, int]:
    """The finest unit whose labels are at least ``min_label_px`` apart at this zoom."""
    ppd = scale.px_per_day
    for kind, count, days in _UNITS:
        if days * ppd >= min_label_px:
            return kind, count
    return "year", 100


def ticks(scale: TimeScale, min_label_px: float = 64.0) -> list[Tick]:
    """Axis ticks whose unit adapts to the zoom: decades, years, quarters, months, weeks or days.

    Major ticks start a larger unit (a year among months, a month among days) and carry the
    fuller label, so the reader always knows which year they are looking at.
    """
    if scale.px_per_day <= 0:
        return []
    lo = max(int(np.floor(scale.t0)), 1)
    hi = min(int(np.ceil(scale.t1)), dt.date.max.toordinal() - 1)
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(max(hi, lo))
    kind, count = tick_unit(scale, min_label_px)
    out: list[Tick] = []
    if kind == "year":
        for y in range(max((first.year // count) * count, 1), last.year + 1, count):
            out.append(Tick(dt.date(y, 1, 1).toordinal(), str(y), True))
    elif kind == "month":
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            if (m - 1) % count == 0:
                label = str(y) if m == 1 else MONTHS_SHORT[m - 1]
                out.append(Tick(dt.date(y, m, 1).toordinal(), label, m == 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        day = first
        while day <= last:
            if day.day == 1:
                label = (
                    str(day.year) if day.month == 1 else f"{MONTHS_SHORT[day.month - 1]} {day.year}"
                )
                out.append(Tick(day.toordinal(), label, True))
            elif count == 1 or (day.weekday() == 0 and day.day > 3):
                # A Monday just after the 1st would crowd the month's label.
                out.append(Tick(day.toordinal(), str(day.day), False))
            day += dt.timedelta(days=1)
    return [k for k in out if scale.t0 - 1 <= k.t <= scale.t1 + 1]


def assign_lanes(
    starts: Sequence[float],
    ends: Sequence[float],
    max_lanes: int,
    gap: float = 0.0,
    spill: bool = False,
) -> list[int]:
    """Greedy lanes for intervals sorted by start: each goes to the first lane free by then.

    ``gap`` is the room (same unit as the intervals) kept between neighbours in a lane. When
    all ``max_lanes`` are busy the interval joins the lane that frees up first (with
    ``spill``, the last lane), so the result never exceeds ``max_lanes`` rows.
    """
    lane_ends: list[float] = []
    lanes: list[int] = []
    for s, e in zip(starts, ends, strict=True):
        for i, lane_end in enumerate(lane_ends):
            if lane_end + gap <= s:
                lane_ends[i] = e
                lanes.append(i)
                break
        else:
            if len(lane_ends) < max_lanes:
                lane_ends.append(e)
                lanes.append(len(lane_ends) - 1)
            elif spill:
                # The last lane takes whatever overflows, overlapping; callers cluster it.
                i = max_lanes - 1
                lane_ends[i] = max(lane_ends[i], e)
                lanes.append(i)
            else:
                i = min(range(len(lane_ends)), key=lane_ends.__getitem__)
                lane_ends[i] = max(lane_ends[i], e)
                lanes.append(i)
    return lanes


def visible_range(starts: np.ndarray, max_span: float, t0: float, t1: float) -> tuple[int, int]:
    """Indexes ``[lo, hi)`` of events (sorted by start) that may meet the window ``[t0, t1]``.

    An event meets the window if it starts before ``t1`` and ends after ``t0``; since no
    event lasts more than ``max_span`` days, only those starting after ``t0 - max_span``
    can. Callers still check the ends of the few in ``[lo, hi)``.
    """
    lo = int(np.searchsorted(starts, t0 - max_span - 1, side="left"))
    hi = int(np.searchsorted(starts, t1, side="right"))
    return lo, hi


def density(starts: np.ndarray, t0: float, t1: float, bins: int) -> np.ndarray:
    """How many event starts fall in each of ``bins`` equal slices of ``[t0, t1)``.

    ``starts`` must be sorted; one ``searchsorted`` over the bin edges, so the cost does not
    grow with the number of events.
    """
    edges = np.linspace(t0, t1, bins + 1)
    return np.diff(np.searchsorted(starts, edges, side="left"))


@dataclass(frozen=True, slots=True)
class Cluster:
    """Events with no lane of their own at this zoom, drawn as one "+N" chip."""

    x0: float
    x1: float
    members: tuple[int, ...]  # positions in the laid-out sequence


def pack_lanes(
    x0s: Sequence[float],
    x1s: Sequence[float],
    capacity: int,
    gap: float = 2.0,
    chip_w: float = 26.0,
    long_w: float | None = None,
) -> tuple[list[int], list[Cluster]]:
    """Lanes for intervals sorted by start, never more than ``capacity``; the rest cluster.

    Intervals shorter than ``long_w`` go first, each to the first lane free by its start;
    longer ones (periods that frame a zoomed-in view) then take what room is left, so they
    do not push the events of the days in view out. Intervals that find no lane below the
    top one (when some do not fit) get lane -1 and are merged, by where they start, into
    clusters drawn as chips ``chip_w`` wide in the top lane. Nothing overlaps anything.
    """
    capacity = max(capacity, 1)
    n = len(x0s)
    is_long = [long_w is not None and x1s[i] - x0s[i] >= long_w for i in range(n)]
    short = [i for i in range(n) if not is_long[i]]
    lanes = [-1] * n
    # Lanes beyond ``capacity`` would only spill: the search stops there, so the cost is
    # n × capacity, however many events pile up at one spot.
    packed = assign_lanes(
        [x0s[i] for i in short], [x1s[i] for i in short], capacity + 1, gap, spill=True
    )
    for i, lane in zip(short, packed, strict=True):
        lanes[i] = lane
    busy: dict[int, list[tuple[float, float]]] = {}
    for i in short:
        busy.setdefault(lanes[i], []).append((x0s[i], x1s[i]))
    for i in (i for i in range(n) if is_long[i]):
        a, b = x0s[i], x1s[i]
        lane = 0
        while lane < capacity and any(a < e + gap and s < b + gap for s, e in busy.get(lane, ())):
            lane += 1
        lanes[i] = lane
        busy.setdefault(lane, []).append((a, b))
    if not lanes or max(lanes) < capacity:
        return lanes, []
    top = capacity - 1
    spill = sorted((i for i, lane in enumerate(lanes) if lane >= top), key=lambda i: x0s[i])
    clusters: list[Cluster] = []
    start = end = 0.0
    members: list[int] = []
    for i in spill:
        lanes[i] = -1
        # A chip marks where its events start; it is not as long as the longest of them.
        a, b = x0s[i], x0s[i] + chip_w
        if members and a <= end + gap:
            end = max(end, b)
            members.append(i)
        else:
            if members:
                clusters.append(Cluster(start, end, tuple(members)))
            start, end, members = a, b, [i]
    if members:
        clusters.append(Cluster(start, end, tuple(members)))
    return lanes, clusters


def title_room(x0s: Sequence[float], lanes: Sequence[int], right: float, gap: float = 6.0
               ) -> list[float]:  # fmt: skip
    """How wide a title starting at each interval's start can be before the next interval
    in its lane (or ``right``); 0 for intervals in no lane."""
    room = [0.0] * len(x0s)
    by_lane: dict[int, list[int]] = {}
    for i, lane in enumerate(lanes):
        if lane >= 0:
            by_lane.setdefault(lane, []).append(i)
    for members in by_lane.values():
        members.sort(key=lambda i: x0s[i])
        for here, nxt in zip(members, [*members[1:], None], strict=True):
            limit = right if nxt is None else x0s[nxt] - gap
            room[here] = max(limit - x0s[here], 0.0)
    return room


def spaced_labels(
    xs: Sequence[float], widths: Sequence[float], majors: Sequence[bool], gap: float = 8.0
) -> list[bool]:
    """Which tick labels to draw so that none overlaps another: majors first, then minors
    wherever they fit. A label at ``x`` spans ``[x, x + width]``."""
    kept: list[tuple[float, float]] = []
    keep = [False] * len(xs)

    def fits(a: float, b: float) -> bool:
        return all(b + gap <= k0 or a >= k1 + gap for k0, k1 in kept)

    for wanted in (True, False):
        for i, (x, w, major) in enumerate(zip(xs, widths, majors, strict=True)):
            if major == wanted and fits(x, x + w):
                kept.append((x, x + w))
                keep[i] = True
    return keep
