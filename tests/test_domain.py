"""The pure-Python domain: dates, naming, timeline queries, filters and app state."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import AM, AZ, BAKU, SHUSHA, STEPANAKERT, TEXT, D, make_event, make_source

from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import (
    Annotation,
    Category,
    Event,
    Excerpt,
    Place,
    Role,
)
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.state import AppState
from explorer.domain.timeline import EventFilter, Timeline


def test_datespan_displays_its_precision():
    assert DateSpan(D(2023, 9, 19), D(2023, 9, 20), Precision.RANGE).display() == (
        "19–20 September 2023"
    )
    assert DateSpan(D(2023, 9, 1), D(2023, 9, 30), Precision.MONTH).display() == "September 2023"
    assert DateSpan(D(1994, 1, 1), D(1994, 12, 31), Precision.APPROXIMATE).display() == "c. 1994"
    assert DateSpan(D(2022, 9, 1), D(2022, 11, 30), Precision.SEASON).display() == "autumn 2022"
    assert DateSpan(D(2023, 3, 1), D(2023, 5, 31), Precision.SEASON).display() == "spring 2023"
    assert DateSpan(D(2018, 1, 1), D(2018, 12, 31), Precision.YEAR).display() == "2018"
    assert DateSpan(D(2020, 11, 10), D(2020, 11, 10), Precision.DAY).display() == "10 November 2020"
    assert DateSpan(D(2023, 9, 18), D(2023, 9, 24), Precision.APPROXIMATE).display() == (
        "c. 18–24 September 2023"
    )


def test_datespan_rejects_end_before_start():
    with pytest.raises(ValueError, match="before start"):
        DateSpan(D(2023, 9, 20), D(2023, 9, 19), Precision.RANGE)


def test_excerpt_must_be_verbatim():
    source = make_source()
    Excerpt(source, 3, 15, TEXT[3:15])
    with pytest.raises(ValueError, match="not verbatim"):
        Excerpt(source, 3, 15, "19 Septembe!")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (NamingPolicy.BOTH, "Stepanakert / Khankendi"),
        (NamingPolicy.ENGLISH, "Stepanakert"),
        (NamingPolicy.ARMENIAN, "Stepanakert"),
        (NamingPolicy.AZERBAIJANI, "Khankendi"),
    ],
)
def test_naming_policy_labels_contested_places(policy, expected):
    assert place_label(STEPANAKERT, policy) == expected


def test_naming_policy_both_keeps_conventional_name_first():
    assert place_label(SHUSHA, NamingPolicy.BOTH) == "Shusha / Shushi"
    assert place_label(SHUSHA, NamingPolicy.ARMENIAN) == "Shushi"
    assert place_label(BAKU, NamingPolicy.BOTH) == "Baku"


def test_naming_policy_leaves_uncontested_places_alone():
    yerevan = Place("yerevan", "capital", 44.5, 40.2, {"en": "Yerevan", "az": "İrəvan"},
                    {"hy": "Yerevan", "az": "Iravan"}, contested=False)  # fmt: skip
    for policy in NamingPolicy:
        assert place_label(yerevan, policy) == "Yerevan"


def test_timeline_orders_and_queries_by_time():
    late, early = make_event("late", D(2023, 9, 19)), make_event("early", D(2020, 9, 27))
    mid = make_event("mid", D(2022, 12, 12), D(2023, 9, 25), precision=Precision.RANGE)
    timeline = Timeline([late, early, mid])
    assert [e.id for e in timeline] == ["early", "mid", "late"]
    assert timeline.count_started_by(D(2022, 12, 12)) == 2
    assert [e.id for e in timeline.overlapping(D(2023, 1, 1), D(2023, 2, 1))] == ["mid"]
    assert timeline.next_start_after(D(2020, 9, 27)).id == "mid"
    assert timeline.last_start_before(D(2022, 12, 12)).id == "early"
    assert timeline.first_date == D(2020, 9, 27)
    assert timeline.last_date == D(2023, 9, 25)


def test_place_counts_splits_recent_from_older():
    events = [make_event(f"e{i}", D(2023, 1, 1) + dt.timedelta(days=30 * i)) for i in range(5)]
    events.append(make_event("baku", D(2023, 2, 1), places=(BAKU,)))
    counts = Timeline(events).place_counts(D(2023, 3, 5), recent_days=10)
    assert counts == {"stepanakert": (3, 1), "baku": (1, 0)}


def test_filters_by_actor_category_source_and_text():
    other = make_source("b.txt")
    a = make_event("a", D(2020, 1, 1), actors=(AZ,), category=Category.MILITARY)
    b = make_event("b", D(2021, 1, 1), actors=(AM,), category=Category.DIPLOMATIC, source=other)
    c = make_event("c", D(2022, 1, 1), actors=(AZ, AM), places=(SHUSHA,), title="Shusha talks")
    timeline = Timeline([a, b, c])

    def ids(f: EventFilter) -> list[str]:
        return [e.id for e in timeline.filtered(f)]

    assert ids(EventFilter(actors=frozenset({"armenia"}))) == ["b", "c"]
    assert ids(EventFilter(categories=frozenset({Category.DIPLOMATIC}))) == ["b"]
    assert ids(EventFilter(sources=frozenset({"b.txt"}))) == ["b"]
    assert ids(EventFilter(text="shushi")) == ["c"]  # the Armenian form finds it too
    assert ids(EventFilter(text="OFFENSIVE began")) == ["a", "b", "c"]  # words in a quote
    assert ids(EventFilter(text="nowhere")) == []


def test_either_name_of_a_contested_place_finds_the_same_events():
    from explorer.domain.timeline import place_aliases

    by_name = make_event("named", D(2023, 9, 19), places=(BAKU,), title="Sirens in Stepanakert")
    by_place = make_event("placed", D(2023, 9, 20), places=(STEPANAKERT,))
    other = make_event("other", D(2023, 9, 21), places=(BAKU,))
    timeline = Timeline([by_name, by_place, other], aliases=place_aliases([STEPANAKERT, BAKU]))

    def found(text: str) -> list[str]:
        return [e.id for e in timeline.filtered(EventFilter(text=text))]

    assert found("Khankendi") == found("stepanakert") == ["named", "placed"]
    assert found("Xankəndi") == ["named", "placed"]


def test_competing_claims_group_by_topic():
    source = make_source()
    said = Excerpt(source, 37, 71, TEXT[37:71])
    disagreed = Excerpt(source, 72, len(TEXT), TEXT[72:])
    event = Event(
        "exodus", "Exodus", "People left.", DateSpan(D(2023, 9, 24), D(2023, 9, 30),
        Precision.RANGE), Category.HUMANITARIAN, (STEPANAKERT,), (AZ, AM), (said, disagreed),
        (Annotation(AZ, Role.CLAIMED, "Said people left voluntarily.", said, "why people left"),
         Annotation(AM, Role.DENIED, "Disagreed.", disagreed, "why people left")),
    )  # fmt: skip
    claims = event.competing_claims()
    assert list(claims) == ["why people left"]
    assert [a.actor.id for a in claims["why people left"]] == ["azerbaijan", "armenia"]
    assert set(event.annotations_by_actor()) == {AZ, AM}


class Recorder:
    def __init__(self, signal):
        self.calls = []
        signal.connect(lambda *args: self.calls.append(args))


def state_with_three_events() -> AppState:
    return AppState(Timeline([
        make_event("a", D(2020, 9, 27)),
        make_event("b", D(2020, 11, 10), category=Category.DIPLOMATIC),
        make_event("c", D(2023, 9, 19)),
    ]))  # fmt: skip


def test_state_emits_only_on_real_change():
    state = state_with_three_events()
    times = Recorder(state.time_changed)
    state.set_date(D(2021, 1, 1))
    state.set_date(D(2021, 1, 1))
    assert times.calls == [(D(2021, 1, 1),)]
    naming = Recorder(state.naming_changed)
    state.set_naming_policy(NamingPolicy.BOTH)  # already the default
    state.set_naming_policy(NamingPolicy.ENGLISH)
    assert naming.calls == [(NamingPolicy.ENGLISH,)]


def test_state_clamps_date_to_the_corpus():
    state = state_with_three_events()
    state.set_date(D(1900, 1, 1))
    assert state.date == D(2020, 9, 27)


def test_state_steps_through_events_in_time_order():
    state = state_with_three_events()
    state.go_to_end(last=False)
    assert (state.selected_id, state.date) == ("a", D(2020, 9, 27))
    state.step(+1)
    assert (state.selected_id, state.date) == ("b", D(2020, 11, 10))
    state.step(+1)
    state.step(+1)  # stays on the last
    assert state.selected_id == "c"
    state.step(-1)
    assert state.selected_id == "b"


def test_stepping_starts_from_the_cursor_once_it_has_left_the_selection():
    state = state_with_three_events()
    state.select("a")
    state.set_date(D(2022, 1, 1))  # dragged the cursor on
    state.step(+1)
    assert (state.selected_id, state.date) == ("c", D(2023, 9, 19))
    state.set_date(D(2022, 1, 1))
    state.step(-1)
    assert (state.selected_id, state.date) == ("b", D(2020, 11, 10))


def test_choosing_the_selected_event_again_leaves_time_alone():
    state = state_with_three_events()
    state.select("c")
    state.set_date(D(2021, 1, 1))
    times = Recorder(state.time_changed)
    state.select("c")
    assert times.calls == []
    assert state.date == D(2021, 1, 1)


def test_selecting_a_later_event_moves_time_to_it():
    state = state_with_three_events()
    state.set_date(D(2020, 10, 1))
    state.select("c")
    assert state.date == D(2023, 9, 19)


def test_filter_drops_a_selection_it_hides():
    state = state_with_three_events()
    state.select("a")
    selections = Recorder(state.selection_changed)
    state.set_category_filter(frozenset({Category.DIPLOMATIC}))
    assert [e.id for e in state.timeline] == ["b"]
    assert state.selected_id is None
    assert selections.calls == [(None,)]
    state.step(+1)
    assert state.selected_id == "b"


def test_dates_are_written_in_english_whatever_the_locale(monkeypatch):
    import datetime as dt
    import locale

    from explorer.domain.dates import DateSpan, Precision, format_day, shorten_months

    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    try:
        day = dt.date(2023, 9, 19)
        assert format_day(day) == "19 September 2023"
        assert format_day(dt.date(2023, 9, 1), short=True) == "1 Sep 2023"  # no zero padding
        span = DateSpan(dt.date(2023, 9, 19), dt.date(2023, 9, 20), Precision.RANGE)
        assert span.display() == "19–20 September 2023"
        assert shorten_months(span.display()) == "19–20 Sep 2023"
    finally:
        locale.setlocale(locale.LC_TIME, "C")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-9-19x", "must be written YYYY-MM-DD"),
        ("19.09.2023", "must be written YYYY-MM-DD"),
        ("2023-02-30", "is not a real date: day is out of range for month"),
    ],
)
def test_user_dates_say_what_is_wrong(text, message):
    from explorer.domain.dates import parse_user_date

    with pytest.raises(ValueError, match=message):
        parse_user_date(text, "Go to date")
