"""The date rules of explorer.curation.datetext, one by one (see its module docstring)."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.curation.datetext import DateContext, find_dates
from explorer.domain.dates import DateSpan, Precision

D = dt.date
PUB = DateSpan(D(2023, 9, 25), D(2023, 9, 25), Precision.DAY)  # a Monday


def one(text, published=PUB, last=None, last_phrase="19 September"):
    ctx = DateContext(published, last=last, last_phrase=last_phrase)
    found = find_dates(text, ctx)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end", "precision"),
    [
        (
            "It began on 19 September 2023.",
            "19 September 2023",
            D(2023, 9, 19),
            D(2023, 9, 19),
            "day",
        ),
        (
            "It began on September 19, 2023.",
            "September 19, 2023",
            D(2023, 9, 19),
            D(2023, 9, 19),
            "day",
        ),
        (
            "The operation (19–20 September) ended.",
            "19–20 September",
            D(2023, 9, 19),
            D(2023, 9, 20),
            "range",
        ),
        (
            "launched on September 19–20, the final",
            "September 19–20",
            D(2023, 9, 19),
            D(2023, 9, 20),
            "range",
        ),
        ("In May 2023 he spoke.", "May 2023", D(2023, 5, 1), D(2023, 5, 31), "month"),
        ("in early October", "early October", D(2022, 10, 1), D(2022, 10, 10), "approximate"),
        (
            "at the end of September",
            "the end of September",
            D(2023, 9, 21),
            D(2023, 9, 30),
            "approximate",
        ),
        ("in the fall of 2022", "fall of 2022", D(2022, 9, 1), D(2022, 11, 30), "season"),
        ("in winter 2022", "winter 2022", D(2022, 12, 1), D(2023, 2, 28), "season"),
        ("Already in 2018, he said", "2018", D(2018, 1, 1), D(2018, 12, 31), "year"),
        ("in late 2020", "late 2020", D(2020, 9, 1), D(2020, 12, 31), "approximate"),
        ("raged in the 80s and 90s", "the 80s and 90s", D(1980, 1, 1), D(1999, 12, 31), "range"),
        ("in the 1990s", "the 1990s", D(1990, 1, 1), D(1999, 12, 31), "range"),
    ],
)
def test_absolute_dates(text, phrase, start, end, precision):
    m = one(text)
    assert (m.phrase, m.date.start, m.date.end, m.date.precision) == (phrase, start, end, precision)
    assert text[m.begin : m.stop] == m.phrase


def test_a_missing_year_is_the_publication_year_unless_that_is_after_publication():
    m = one("on 7 September")
    assert m.date.start == D(2023, 9, 7)
    assert "not given" in m.note
    m = one("on 7 November")  # after a 25 September 2023 publication: the year before
    assert m.date.start == D(2022, 11, 7)


def test_a_missing_year_is_the_year_named_before_in_the_paragraph():
    ctx = DateContext(PUB)
    find_dates("In 2020 the war resumed.", ctx)
    m = find_dates("It ended on 10 November.", ctx)[0]
    assert m.date.start == D(2020, 11, 10)
    assert "2020, named before it" in m.note


def test_numbers_that_are_not_years():
    ctx = DateContext(PUB)
    assert find_dates("deploying 1,960 troops; ISSN 2975-0474; 3000 people", ctx) == []


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "note_part"),
    [
        (
            "Fast forward to this week.",
            D(2023, 9, 19),
            D(2023, 9, 25),
            "approximate",
            "seven days ending on",
        ),
        ("as they did last week", D(2023, 9, 12), D(2023, 9, 18), "approximate", "seven days"),
        ("this month", D(2023, 9, 1), D(2023, 9, 30), "month", "'this month'"),
        ("last month", D(2023, 8, 1), D(2023, 8, 31), "month", "'last month'"),
        ("This year, Armenia refused", D(2023, 1, 1), D(2023, 12, 31), "year", "'This year'"),
        ("last year Turkey bought", D(2022, 1, 1), D(2022, 12, 31), "year", "'last year'"),
        ("a survey from last spring", D(2023, 3, 1), D(2023, 5, 31), "season", "spring 2023"),
        ("this summer", D(2023, 6, 1), D(2023, 8, 31), "season", "summer 2023"),
        (
            "Three years ago, the war",
            D(2020, 3, 25),
            D(2021, 3, 25),
            "approximate",
            "counted back from the publication",
        ),
        ("two weeks ago", D(2023, 9, 8), D(2023, 9, 14), "approximate", "counted back"),
        ("a couple of months ago", D(2023, 7, 10), D(2023, 8, 9), "approximate", "counted back"),
        ("five days ago", D(2023, 9, 20), D(2023, 9, 20), "day", "counted back"),
        ("yesterday", D(2023, 9, 24), D(2023, 9, 24), "day", "the day before"),
        ("today", D(2023, 9, 25), D(2023, 9, 25), "approximate", "publication date"),
        ("currently", D(2023, 9, 19), D(2023, 9, 25), "approximate", "week up to"),
        ("met on Thursday", D(2023, 9, 21), D(2023, 9, 21), "day", "Thursday on or before"),
        ("recently", D(2023, 7, 27), D(2023, 9, 25), "approximate", "60 days before"),
        ("in recent weeks", D(2023, 8, 28), D(2023, 9, 25), "approximate", "28 days before"),
    ],
)
def test_relative_to_the_publication_date(text, start, end, precision, note_part):
    m = one(text)
    assert (m.date.start, m.date.end, m.date.precision) == (start, end, precision)
    assert m.kind == "publication"
    assert note_part in m.note


def test_an_uncertain_publication_date_widens_a_relative_one():
    published = DateSpan(D(2020, 11, 10), D(2020, 11, 30), Precision.APPROXIMATE)
    m = one("last year", published)
    assert (m.date.start, m.date.end) == (D(2019, 1, 1), D(2019, 12, 31))
    m = one("two days ago", published)
    assert (m.date.start, m.date.end) == (D(2020, 11, 8), D(2020, 11, 28))


NINETEENTH = DateSpan(D(2023, 9, 19), D(2023, 9, 19), Precision.DAY)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Two days later, talks began.", D(2023, 9, 21), D(2023, 9, 21), "day"),
        ("The next day they met.", D(2023, 9, 20), D(2023, 9, 20), "day"),
        ("the previous day", D(2023, 9, 18), D(2023, 9, 18), "day"),
        ("a week later", D(2023, 9, 23), D(2023, 9, 29), "approximate"),
        ("three days earlier", D(2023, 9, 16), D(2023, 9, 16), "day"),
        ("A year later, he spoke", D(2024, 3, 19), D(2025, 3, 19), "approximate"),
    ],
)
def test_relative_to_the_date_referred_to_before(text, start, end, precision):
    m = one(text, last=NINETEENTH)
    assert (m.date.start, m.date.end, m.date.precision) == (start, end, precision)
    assert m.kind == "context"
    assert "'19 September' (19 September 2023)" in m.note


def test_without_a_date_before_it_a_later_counts_from_publication():
    m = one("Two days later, talks began.")
    assert m.date.start == D(2023, 9, 27)
    assert "publication date" in m.note


def test_by_ends_the_window_and_starts_it_at_the_date_before():
    published = DateSpan(D(2023, 10, 3), D(2023, 10, 13), Precision.APPROXIMATE)
    m = one("virtually all of whom had left by early October.", published,
            last=DateSpan(D(2023, 9, 24), D(2023, 9, 24), Precision.DAY), last_phrase="24 September")  # fmt: skip
    assert m.phrase == "by early October"
    assert (m.date.start, m.date.end, m.date.precision) == (
        D(2023, 9, 24),
        D(2023, 10, 10),
        "approximate",
    )
    assert "done by 10 October 2023 at the latest" in m.note
    m = one("by early October", published)  # nothing before: a month before
    assert m.date.start == D(2023, 9, 1)


def test_since_runs_to_publication():
    m = one("Starting in December 2022, Azerbaijan blocked the road.")
    assert m.phrase == "Starting in December 2022"
    assert (m.date.start, m.date.end, m.date.precision) == (D(2022, 12, 1), D(2023, 9, 25), "range")
    m = one("Skirmishes abounded ever since 1994")
    assert (m.date.start, m.date.end) == (D(1994, 1, 1), PUB.end)


def test_offsets_index_the_whole_text():
    text = "Intro. It began on 19 September 2023."
    ctx = DateContext(PUB)
    m = find_dates(text[7:], ctx, offset=7)[0]
    assert text[m.begin : m.stop] == "19 September 2023"
