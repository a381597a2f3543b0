"""The map follows time with 100,000 events. How fast is measured by ``bench/run.py``
(``step_p95_ms_100k``), not here: a timed assertion fails on a busy machine, not a slow map."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from explorer.data.geo import load_map_layers
from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Category, Event
from explorer.domain.state import AppState
from explorer.domain.timeline import Timeline
from explorer.qt.map.canvas import MapView


@pytest.fixture(scope="module")
def big_corpus(corpus):
    """The real gazetteer with 100,000 synthetic events spread over 1988–2023."""
    import copy

    rng = random.Random(7)
    places = list(corpus.places.values())
    template = next(iter(corpus.timeline))
    start = dt.date(1988, 1, 1).toordinal()
    events = []
    for i in range(100_000):
        day = dt.date.fromordinal(start + rng.randrange(13_000))
        events.append(
            Event(
                f"e{i}", "Synthetic", "", DateSpan(day, day, Precision.DAY), Category.MILITARY,
                (rng.choice(places),), (), template.excerpts,
            )
        )  # fmt: skip
    big = copy.copy(corpus)
    big.timeline = Timeline(events)
    return big


def test_markers_follow_time_with_100k_events(qtbot, big_corpus, tmp_path):
    layers = load_map_layers()
    state = AppState(big_corpus.timeline, dt.date(2000, 1, 1))
    view = MapView(state, big_corpus, layers)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    day = dt.date(2000, 1, 1)
    shown = []
    for _ in range(60):
        day += dt.timedelta(days=7)
        state.set_date(day)
        shown.append(sum(m.total for m in view.map_scene.events.markers.values()))
    assert shown == sorted(shown), "markers follow the date"
    on_map = view.map_scene.place_points
    started = [e for e in big_corpus.timeline if e.when.start <= day and e.places[0].id in on_map]
    assert shown[-1] == len(started)
