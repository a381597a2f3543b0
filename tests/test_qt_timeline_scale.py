"""The timeline's pure arithmetic: dates ↔ x, ticks, lanes and density (no Qt)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from explorer.qt.timeline.scale import (
    MIN_SPAN_DAYS,
    TimeScale,
    assign_lanes,
    density,
    fit_window,
    tick_unit,
    ticks,
    visible_range,
)


def _scale(first: str, days: float, width: float = 1000) -> TimeScale:
    t0 = dt.date.fromisoformat(first).toordinal()
    return TimeScale(t0, t0 + days, 0, width)


def test_date_to_x_and_back_round_trips():
    scale = _scale("2023-01-01", 365, 730)
    for day in (dt.date(2023, 1, 1), dt.date(2023, 9, 19), dt.date(2023, 12, 31)):
        assert scale.date_at(scale.x_of_date(day)) == day
    assert scale.x_of_date(dt.date(2023, 1, 1)) == pytest.approx(1.0)  # middle of day 0 at 2 px/day


def test_zoom_keeps_the_day_under_the_anchor():
    scale = _scale("2020-01-01", 1000)
    anchor = 700.0
    before = scale.t_of(anchor)
    zoomed = scale.zoomed(4.0, anchor)
    assert zoomed.span == pytest.approx(250)
    assert zoomed.t_of(anchor) == pytest.approx(before)


def test_zoom_is_clamped_to_a_week():
    scale = _scale("2020-01-01", 30).zoomed(100.0, 500)
    assert scale.span == pytest.approx(MIN_SPAN_DAYS)


@pytest.mark.parametrize(
    ("days", "kind"),
    [(365 * 40, "year"), (365 * 3, "month"), (120, "month"), (40, "day"), (10, "day")],
)
def test_tick_unit_adapts_to_zoom(days, kind):
    assert tick_unit(_scale("2010-01-01", days))[0] == kind


def test_month_ticks_name_the_year_on_january():
    labels = [t.label for t in ticks(_scale("2022-10-01", 200))]
    assert "2023" in labels
    assert "Nov" in labels


def test_ticks_are_spaced_for_their_labels():
    scale = _scale("1988-01-01", 365 * 36)
    xs = [scale.x_of(t.t) for t in ticks(scale)]
    assert all(b - a >= 64 for a, b in zip(xs, xs[1:], strict=False))


def test_lanes_stack_overlaps_and_reuse_free_lanes():
    starts = [0, 5, 16, 30]
    ends = [20, 15, 25, 40]
    assert assign_lanes(starts, ends, max_lanes=5) == [0, 1, 1, 0]


def test_lanes_never_exceed_the_maximum():
    lanes = assign_lanes([0] * 10, [10] * 10, max_lanes=3)
    assert max(lanes) == 2


def test_visible_range_includes_long_events_that_started_before():
    starts = np.array([0.0, 50.0, 100.0, 200.0])
    lo, hi = visible_range(starts, max_span=80.0, t0=120.0, t1=150.0)
    assert (lo, hi) == (1, 3)  # the event at 50 may reach 130; the one at 200 is after


def test_density_counts_every_start_in_the_window():
    rng = np.random.default_rng(1)
    starts = np.sort(rng.integers(0, 1000, 5000).astype(float))
    counts = density(starts, 0, 1000, 50)
    assert counts.sum() == 5000
    assert counts[0] == np.count_nonzero(starts < 20)


def test_fit_window_contains_both_ends():
    a, b = fit_window(dt.date(1988, 2, 20), dt.date(2024, 1, 1))
    assert a < dt.date(1988, 2, 20).toordinal()
    assert b > dt.date(2024, 1, 1).toordinal()


def test_dense_intervals_spill_into_clusters_and_never_overlap():
    from explorer.qt.timeline.scale import pack_lanes

    # 25 one-day events in one week, as in September 2023, 100 px per day.
    x0s = [100.0 * (i % 7) for i in range(25)]
    order = sorted(range(25), key=lambda i: x0s[i])
    x0s = [x0s[i] for i in order]
    x1s = [x + 90 for x in x0s]
    lanes, clusters = pack_lanes(x0s, x1s, capacity=3)
    assert max(lanes) == 1  # lanes 0 and 1; the top lane holds the clusters
    assert sum(len(c.members) for c in clusters) == lanes.count(-1)
    assert {i for c in clusters for i in c.members} == {
        i for i, lane in enumerate(lanes) if lane < 0
    }
    for lane in (0, 1):
        spans = sorted((x0s[i], x1s[i]) for i, la in enumerate(lanes) if la == lane)
        assert all(
            a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)
        )  # no overlap in a lane
    chips = sorted((c.x0, c.x1) for c in clusters)
    assert all(a[1] < b[0] for a, b in zip(chips, chips[1:], strict=False))


def test_room_enough_lanes_means_no_clusters():
    from explorer.qt.timeline.scale import pack_lanes

    lanes, clusters = pack_lanes([0, 5, 50], [10, 20, 60], capacity=4)
    assert clusters == []
    assert lanes == [0, 1, 0]


def test_titles_get_the_room_up_to_the_next_mark_in_their_lane():
    from explorer.qt.timeline.scale import title_room

    room = title_room([0, 100, 10], [0, 0, 1], right=500, gap=6)
    assert room == [94, 400, 490]


def test_tick_labels_never_collide_and_majors_win():
    from explorer.qt.timeline.scale import spaced_labels

    xs = [0, 30, 60, 90]
    keep = spaced_labels(xs, [50, 20, 20, 20], [False, True, False, False], gap=4)
    assert keep == [False, True, True, True]
    drawn = [(x, x + w) for x, w, k in zip(xs, [50, 20, 20, 20], keep, strict=True) if k]
    assert all(a[1] + 4 <= b[0] for a, b in zip(drawn, drawn[1:], strict=False))
