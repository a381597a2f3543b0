"""Presenter steps: time and selection move together; filtered steps are skipped and said."""

from __future__ import annotations

import datetime as dt

from builders import make_event

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
    assert (s.state.selected_id, s.current.notes) == ("offensive", "Start with the end")
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


# -- deck files: every combination of title, date, extent and notes -------------------------
import json  # noqa: E402

import pytest  # noqa: E402
from builders import deck_steps  # noqa: E402

from explorer.export.presentation import (  # noqa: E402
    PresentationError,
    load_presentation,
    presentation_to_json,
    read_presentation,
)


def test_every_field_lands_in_its_own_slot(tmp_path):
    path = tmp_path / "deck.json"
    raw = deck_steps("war")
    path.write_text(json.dumps({"title": "t", "steps": raw}))
    deck = load_presentation(path)
    assert len(deck.steps) == len(raw) == 16 + 8
    for step, spec in zip(deck.steps, raw, strict=True):
        assert step.event == spec["event"]
        assert step.title == spec.get("title")
        assert step.date == (D(2020, 11, 10) if "date" in spec else None)
        assert step.extent == spec.get("extent")
        assert step.notes == spec.get("notes", "")
    # And back: saving writes the same steps.
    again = tmp_path / "again.json"
    again.write_text(presentation_to_json(deck))
    assert load_presentation(again) == deck


def test_a_step_date_sets_the_time_and_its_title_stays():
    s = session(Step(event="war", date=D(2020, 10, 1), title="Three days in"),
                Step(date=D(2021, 1, 1)))  # fmt: skip
    s.start()
    assert (s.state.date, s.state.selected_id, s.current.title) == (
        D(2020, 10, 1), "war", "Three days in"
    )  # fmt: skip
    s.next()
    assert (s.state.date, s.state.selected_id) == (D(2021, 1, 1), None)


def test_bad_steps_are_reported_each_and_the_rest_kept(tmp_path):
    path = tmp_path / "deck.json"
    path.write_text(json.dumps({"title": "t", "steps": [
        {"event": "war", "notes": "fine"},
        {"notes": "neither event nor date"},
        {"event": "war", "date": "2020-13-40"},
        "not an object",
        {"event": "war", "extent": "moon"},
        {"event": "war", "extent": [47, 40, 46, 39]},
        {"event": "war", "title": 7},
        {"event": "ceasefire", "note": "a typo of notes"},
        {"date": "2021-01-01", "title": "fine too"},
    ]}))  # fmt: skip
    loaded = read_presentation(path)
    assert [(s.event, s.title) for s in loaded.presentation.steps] == [
        ("war", None), ("ceasefire", None), (None, "fine too")
    ]  # fmt: skip
    problems = "\n".join(loaded.problems)
    for i, what in [(1, "needs an 'event' or a 'date'"), (2, "2020-13-40"), (3, "must be an object"),
                    (4, "'moon' is not one of"), (5, "W < E"), (6, "title: must be text"),
                    (7, "unknown field(s) note (ignored)")]:  # fmt: skip
        assert f"{path}: steps[{i}]" in problems
        assert what in problems
    assert len(loaded.problems) == 7
    with pytest.raises(PresentationError, match=r"steps\[1\]"):
        load_presentation(path)


def test_a_file_that_is_not_a_deck_cannot_be_opened(tmp_path):
    path = tmp_path / "deck.json"
    path.write_text("{not json")
    with pytest.raises(PresentationError, match="not valid JSON"):
        read_presentation(path)
    with pytest.raises(PresentationError, match="no such file"):
        read_presentation(tmp_path / "missing.json")


def test_snapshot_cli_renders_every_combination(tmp_path, monkeypatch, corpus):
    """``explorer snapshot --presentation``: a page per step, each with its own title and date."""
    from explorer import cli
    from explorer.export.snapshot import page as snapshot_page

    event = corpus.timeline.get("ceasefire-1994")
    raw = deck_steps(event.id)
    deck = tmp_path / "deck.json"
    deck.write_text(json.dumps({"title": "Every combination", "steps": raw}))
    pages = []
    real_paint = snapshot_page.paint_page

    def recording_paint(painter, page, scene, state, extent, content):
        pages.append((content, state.selected_id, extent))
        return real_paint(painter, page, scene, state, extent, content)

    monkeypatch.setattr(snapshot_page, "paint_page", recording_paint)
    out = tmp_path / "deck.pdf"
    code = cli.main(["snapshot", "--presentation", str(deck), "--format", "pdf", "--dpi", "30",
                     "-o", str(out)])  # fmt: skip
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert len(pages) == len(raw)
    from explorer.render.extent import extent_rect

    nk = extent_rect("nk")
    for (content, selected, extent), spec in zip(pages, raw, strict=True):
        assert selected == spec["event"]
        expected_title = spec.get("title") or (event.title if spec["event"] else None)
        if expected_title:
            assert content.title == expected_title
        assert content.date == (D(2020, 11, 10) if "date" in spec else event.when.start)
        assert content.notes == spec.get("notes", "")
        if "extent" in spec:
            assert extent == nk
