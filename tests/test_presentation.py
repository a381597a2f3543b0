"""Presenter steps: time and selection move together; filtered steps are skipped and said."""

from __future__ import annotations

import datetime as dt

from test_domain import make_event

from explorer.domain.model import Category
from explorer.domain.presentation import Presentation, PresenterSession, Step
from explorer.domain.state import AppState
from explorer.domain.timeline import Timeline

D = dt.date


def session(*steps: Step) -> PresenterSession:
    state = AppState(Timeline([
        make_event("war", D(2020, 9, 27)),
        make_event("ceasefire", D(2020, 11, 10), category=Category.DIPLOMATIC),
        make_event("offensive", D(2023, 9, 19)),
    ]))  # fmt: skip
    deck = Presentation("t", steps) if steps else Presentation.every_event(state.timeline.events)
    return PresenterSession(state, deck)


def test_default_deck_is_every_event_in_time_order():
    s = session()
    assert [step.event for step in s.presentation.steps] == ["war", "ceasefire", "offensive"]


def test_a_step_sets_time_and_selection_together():
    s = session()
    seen = []
    s.state.time_changed.connect(lambda d: seen.append(("time", d, s.state.selected_id)))
    s.start()
    assert (s.state.date, s.state.selected_id) == (D(2020, 9, 27), "war")
    s.next()
    assert (s.state.date, s.state.selected_id) == (D(2020, 11, 10), "ceasefire")
    assert s.counter() == "Step 2 of 3"
    s.last()
    assert s.state.selected_id == "offensive"
    assert s.next() is None  # stays on the last step
    assert s.state.selected_id == "offensive"
    s.previous()
    assert s.state.selected_id == "ceasefire"


def test_presentation_order_wins_over_time_order():
    s = session(Step("offensive", "nk", "Start with the end"), Step("war"))
    s.start()
    assert s.current.notes == "Start with the end"
    s.next()
    assert (s.state.selected_id, s.state.date) == ("war", D(2020, 9, 27))


def test_filtered_steps_are_skipped_and_announced():
    s = session()
    s.state.set_category_filter(frozenset({Category.MILITARY}))
    announcements = []
    s.step_changed.connect(lambda pos, step, skipped: announcements.append(skipped))
    s.start()
    s.next()
    assert s.state.selected_id == "offensive"
    assert [step.event for step in announcements[-1]] == ["ceasefire"]
    assert s.counter() == "Step 2 of 2"
