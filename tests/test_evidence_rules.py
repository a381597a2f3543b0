"""The evidence rules of `explorer check`: each one has a corpus that breaks it, and a message
that names the file and line where the fix belongs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.data.corpus import load_corpus
from explorer.data.evidence import unattributed_quotes

TEXT = (
    "Baku said the operation was “anti-terrorist”. The author thinks it was a seizure. "
    "Yerevan says people were forced out.\n"
)
Q_BAKU = "Baku said the operation was “anti-terrorist”."
Q_AUTHOR = "The author thinks it was a seizure."
Q_YEREVAN = "Yerevan says people were forced out."


def span(quote: str) -> str:
    start = TEXT.index(quote)
    return f'start: {start}\n        end: {start + len(quote)}\n        quote: "{quote}"'


SOURCES = """\
sources:
  - id: a.txt
    title: A source
    authors: [An Author]
    outlet: An Outlet
    voices: [an-author]
    language: en
    kind: analysis
    published:
      start: 2023-10-01
      precision: approximate
      note: From the text.
"""
ACTORS = """\
actors:
  - id: azerbaijan
    name: Azerbaijan
    kind: state
    affiliation: null
  - id: armenia
    name: Armenia
    kind: state
    affiliation: null
  - id: an-author
    name: An Author
    kind: person
    affiliation: null
"""
TOPICS = """\
topics:
  - id: offensive-name
    title: What to call the offensive
"""
# Line numbers in the messages below are lines of this text (events/2023.yaml).
EVENT = f"""\
events:
  - id: offensive
    title: Military operation
    summary: Azerbaijan's forces start what Baku calls an "anti-terrorist" operation.
    start: 2023-09-19
    end: 2023-09-20
    precision: range
    date_note: From the text.
    category: military
    places: [stepanakert]
    actors: [azerbaijan, armenia]
    sides: [[azerbaijan], [armenia]]
    excerpts:
      - source: a.txt
        {span(Q_BAKU)}
      - source: a.txt
        {span(Q_AUTHOR)}
    annotations:
      - actor: azerbaijan
        role: claimed
        text: Called it an "anti-terrorist" operation.
        excerpt: 0
        topic: offensive-name
      - actor: an-author
        role: assessed
        text: Calls it a seizure.
        excerpt: 1
        topic: offensive-name
    reviewed:
      date: 2026-11-29
      checked: [excerpts, attribution, dates]
      note: Checked against the whole text.
"""
SECOND = f"""\
  - id: exodus
    title: Departure
    summary: People leave; Yerevan says they were forced out.
    start: 2023-09-24
    precision: day
    category: humanitarian
    places: [stepanakert]
    actors: [armenia]
    excerpts:
      - source: a.txt
        {span(Q_YEREVAN)}
"""


def write_corpus(root: Path, events: str = EVENT, *, topics: str | None = TOPICS) -> Path:
    (root / "seeds" / "events").mkdir(parents=True)
    (root / "geodata").mkdir()
    (root / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "seeds" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "seeds" / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    if topics is not None:
        (root / "seeds" / "topics.yaml").write_text(topics, encoding="utf-8")
    (root / "seeds" / "events" / "2023.yaml").write_text(events, encoding="utf-8")
    place = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.75, 39.81]},
             "properties": {"id": "stepanakert", "kind": "city", "names": {"en": "Stepanakert"}}}  # fmt: skip
    (root / "geodata" / "places.geojson").write_text(
        '{"type": "FeatureCollection", "features": [\n' + json.dumps(place) + "\n]}\n"
    )
    return root


def messages(root: Path) -> list[str]:
    return [str(p).replace(str(root) + "/", "") for p in load_corpus(root).problems]


def line(events: str, needle: str) -> int:
    """The 1-based line of the first ``needle`` in an events file, where a message must point."""
    return next(i for i, text in enumerate(events.splitlines(), 1) if needle in text)


def broken(old: str, new: str, events: str = EVENT) -> str:
    assert events.count(old) == 1, old
    return events.replace(old, new)


def test_the_good_fixture_passes_and_carries_the_new_fields(tmp_path, capsys):
    corpus = load_corpus(write_corpus(tmp_path, EVENT + SECOND))
    assert corpus.problems == []
    event = corpus.timeline.get("offensive")
    assert [[a.id for a in side] for side in event.sides] == [["azerbaijan"], ["armenia"]]
    assert event.reviewed is not None
    assert event.reviewed.date.isoformat() == "2026-11-29"
    assert event.reviewed.checked == ("excerpts", "attribution", "dates")
    assert event.annotations[0].topic_title == "What to call the offensive"
    assert not event.date_from_outside
    assert corpus.sources["a.txt"].voices == ("an-author",)
    assert main(["--corpus", str(tmp_path), "check"]) == 0
    capsys.readouterr()


# -- who may say what ------------------------------------------------------------------------
def test_an_author_may_not_be_shown_doing_what_their_text_tells(tmp_path):
    events = broken("role: assessed", "role: did")
    at = line(events, "role: did")
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{at}: event offensive, annotation 1: an-author is an author or "
        "the outlet of a.txt; in its own text it may only 'assessed' or 'reported', not 'did'",
        f"seeds/events/2023.yaml:{at}: event offensive, annotation 1: topic 'offensive-name' "
        "holds competing claims, so each names who says it (said, claimed, assessed, reported, "
        "…), not 'did'",
    ]


def test_an_unknown_role_names_the_documented_set(tmp_path):
    events = broken("role: claimed", "role: suggested")
    (message,) = messages(write_corpus(tmp_path, events))
    at = line(events, "role: suggested")
    assert message.startswith(f"seeds/events/2023.yaml:{at}: event offensive, annotation 0: ")
    assert "use one of: did, said, claimed, denied, accused, announced, warned, reported" in message


def test_a_competing_claim_is_not_a_deed(tmp_path):
    events = broken("role: claimed", "role: did")
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'role: did')}: event offensive, annotation 0: "
        "topic 'offensive-name' holds competing claims, so each names who says it (said, "
        "claimed, assessed, reported, …), not 'did'"
    ]


def test_words_quoted_as_an_actors_must_be_quoted_in_the_source(tmp_path):
    # The text says that Yerevan says people were forced out, without quotation marks.
    events = (
        EVENT
        + SECOND
        + (
            "    annotations:\n"
            "      - actor: armenia\n"
            "        role: said\n"
            '        text: "Said people \\"were forced out\\"."\n'
            "        excerpt: 0\n"
        )
    )
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'Said people')}: event exodus, annotation 0: "
        '"were forced out" is not quoted as armenia\'s words in a.txt; paraphrase it, or say '
        'whose account it is ("according to a.t")'
    ]
    fixed = events.replace("Said people", "Said, according to a.txt, that people")
    assert messages(write_corpus(tmp_path / "fixed", fixed)) == []
    quoted = events.replace('Said people \\"were forced out\\".', 'Called it \\"anti-terrorist\\".')
    assert messages(write_corpus(tmp_path / "quoted", quoted)) == []  # quoted in the source


def test_a_summary_names_whose_words_it_quotes(tmp_path):
    events = broken(
        'summary: Azerbaijan\'s forces start what Baku calls an "anti-terrorist" operation.',
        'summary: Forces start an "anti-terrorist" operation.',
    )
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'summary:')}: event offensive: the summary quotes "
        '"anti-terrorist" without saying whose words they are (name the speaker, '
        "'according to ...' or the source number in the same sentence)"
    ]


@pytest.mark.parametrize(
    ("summary", "unattributed"),
    [
        ('Azerbaijan calls it "liberation"; Armenia calls it "occupation".', []),
        ('Azerbaijan calls it "liberation"; others call it "occupation".', ["occupation"]),
        ('According to a.txt it was "anti-terrorist".', []),
        ('It was, says a.txt, "anti-terrorist".', ["anti-terrorist"]),  # a.txt is no NNN number
        ('An Author calls it "a seizure".', []),
        ('It was "a seizure" to Author.', []),
        ('It was "a seizure". An Author said so.', ["a seizure"]),  # the next sentence is too late
        ('Some call it "Azerbaijan\'s" war.', ["Azerbaijan's"]),  # a name inside the quote
    ],
)
def test_quotes_are_attributed_clause_by_clause(tmp_path, summary, unattributed):
    event = load_corpus(write_corpus(tmp_path)).timeline.get("offensive")
    assert unattributed_quotes(summary, event) == unattributed


# -- dates from outside the sources ------------------------------------------------------------
def test_a_note_citing_outside_knowledge_needs_the_marker(tmp_path):
    events = broken(
        "date_note: From the text.", 'date_note: "Outside knowledge: it began at 13:00."'
    )
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'date_note:')}: event offensive: the date note "
        "cites outside knowledge: mark the event 'date_basis: outside' so the app shows that the "
        "date is from outside the sources"
    ]
    marked = events.replace("    category:", "    date_basis: outside\n    category:")
    corpus = load_corpus(write_corpus(tmp_path / "marked", marked))
    assert corpus.problems == []
    assert corpus.timeline.get("offensive").date_from_outside


def test_the_marker_needs_a_note_that_says_which_knowledge(tmp_path):
    events = broken("    category:", "    date_basis: outside\n    category:")
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'date_basis')}: event offensive: 'date_basis: "
        'outside\' needs a date note that says which outside knowledge ("Outside knowledge: ...")'
    ]


def test_an_unknown_date_basis(tmp_path):
    events = broken("    category:", "    date_basis: memory\n    category:")
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'date_basis')}: event offensive: 'date_basis' is "
        "'memory'; use one of: sources, outside"
    ]


# -- duplicates --------------------------------------------------------------------------------
DUPLICATE = f"""\
  - id: offensive-again
    title: The operation, told again
    summary: Azerbaijan's forces start an operation.
    start: 2023-09-20
    precision: day
    category: military
    places: [stepanakert]
    actors: [azerbaijan]
    excerpts:
      - source: a.txt
        {span(Q_BAKU)}
"""
LIKELY = (
    f"event offensive-again: likely a duplicate of offensive (both cite a.txt[0:{len(Q_BAKU)}] over "
    "overlapping dates); merge them, or add 'distinct_from: [offensive]' if they are different "
    "events"
)


def test_same_excerpt_and_overlapping_dates_is_a_likely_duplicate(tmp_path):
    events = EVENT + DUPLICATE
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'id: offensive-again')}: {LIKELY}"
    ]


def test_distinct_from_silences_the_duplicate_check_and_must_name_an_event(tmp_path):
    marked = DUPLICATE.replace("    excerpts:", "    distinct_from: [offensive]\n    excerpts:")
    assert messages(write_corpus(tmp_path, EVENT + marked)) == []
    wrong = EVENT + DUPLICATE.replace(
        "    excerpts:", "    distinct_from: [offensiv]\n    excerpts:"
    )
    at = line(wrong, "id: offensive-again")
    assert messages(write_corpus(tmp_path / "wrong", wrong)) == [
        f"seeds/events/2023.yaml:{at}: event offensive-again: 'distinct_from' names unknown "
        "'offensiv'",
        f"seeds/events/2023.yaml:{at}: {LIKELY}",
    ]


def test_the_same_excerpt_on_other_dates_is_not_a_duplicate(tmp_path):
    later = DUPLICATE.replace("start: 2023-09-20", "start: 2023-12-01")
    assert messages(write_corpus(tmp_path, EVENT + later)) == []


# -- topics, sides, reviews ----------------------------------------------------------------------
def test_a_topic_needs_a_human_title(tmp_path):
    at = line(EVENT, "topic: offensive-name")  # the first annotation that names it
    assert messages(write_corpus(tmp_path, topics=None)) == [
        f"seeds/events/2023.yaml:{at}: event offensive, annotation 0: topic 'offensive-name' has "
        "no title in seeds/topics.yaml"
    ]


def test_topics_file_problems_name_their_line(tmp_path):
    topics = TOPICS + "  - id: offensive-name\n    title: Again\n  - id: untitled\n"
    assert messages(write_corpus(tmp_path, topics=topics)) == [
        "seeds/topics.yaml:4: duplicate topic id 'offensive-name'",
        "seeds/topics.yaml:6: topic untitled: 'title' is missing",
    ]


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ("[[azerbaijan]]", "'sides' must list exactly two sides (ACLED's actor1 and actor2)"),
        ("[[azerbaijan], [armenai]]", "unknown actor 'armenai' in 'sides'"),
        (
            "[[azerbaijan], [an-author]]",
            "'an-author' is the author or outlet of a source, not a side of the event",
        ),
        (
            "[azerbaijan, [armenia, an-author]]",
            "'an-author' is the author or outlet of a source, not a side of the event",
        ),
    ],
)
def test_sides_are_two_sides_of_known_actors_and_never_a_publication(tmp_path, sides, expected):
    events = broken("sides: [[azerbaijan], [armenia]]", f"sides: {sides}")
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'sides:')}: event offensive: {expected}"
    ]


def test_a_side_is_made_of_the_events_own_actors(tmp_path):
    events = broken("actors: [azerbaijan, armenia]", "actors: [azerbaijan]")
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, 'sides:')}: event offensive: 'armenia' is on a "
        "side but not in the event's 'actors'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "date: 2026-11-29",
            "date: yesterday",
            "'reviewed.date' must be an ISO date like 2023-09-19, got 'yesterday'",
        ),
        (
            "checked: [excerpts, attribution, dates]",
            "checked: [excerpts, vibes]",
            "'reviewed.checked' has 'vibes'; use: excerpts, attribution, voice, dates, places, "
            "actors, duplicates",
        ),
    ],
)
def test_a_review_record_says_when_and_what(tmp_path, old, new, expected):
    events = broken(old, new)
    assert messages(write_corpus(tmp_path, events)) == [
        f"seeds/events/2023.yaml:{line(events, new)}: event offensive: {expected}"
    ]


# -- the embedded corpus ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds():
    return load_corpus()


def test_every_embedded_event_has_been_reviewed(seeds):
    assert seeds.problems == []
    unreviewed = [e.id for e in seeds.timeline if e.reviewed is None]
    assert unreviewed == []
    for event in seeds.timeline:
        assert event.reviewed.note, event.id
        assert {"excerpts", "attribution", "dates"} <= set(event.reviewed.checked), event.id


def test_embedded_outside_dates_are_marked_and_shown(seeds):
    outside = [e for e in seeds.timeline if e.date_from_outside]
    assert len(outside) >= 30
    assert all("outside knowledge" in e.date_note.lower() for e in outside)


def test_the_reviewed_corpus_fixes_what_the_review_found(seeds):
    timeline = seeds.timeline
    assert [p.id for p in timeline.get("putin-aliyev-meeting-2022").places] == ["ashgabat"]
    assert [p.id for p in timeline.get("aliyev-de-jure-ally-2023").places] == ["moscow"]
    assert timeline.get("army-dissolution-agreement-2023").when.start == dt.date(2023, 9, 20)
    assert "September 23" in timeline.get("army-dissolution-agreement-2023").summary
    assert "armenian-ambassador-summoned-again-2023" not in {e.id for e in timeline}
    protests = timeline.get("yerevan-protests-2023")
    protesters = [a for a in protests.annotations if a.actor.id == "armenian-opposition-protesters"]
    assert all("capitulation" not in a.text for a in protesters)
    assert seeds.actors["european-parliament"].kind.value != "government"


def test_the_web_export_says_which_dates_are_from_outside_the_sources(seeds):
    from explorer.export.web.html import event_html

    outside = event_html(seeds.timeline.get("army-dissolution-agreement-2023"))
    assert "Date from outside the sources." in outside
    assert "Date from outside the sources." not in event_html(
        seeds.timeline.get("azerbaijani-offensive-2023")
    )
    assert "[Why the Armenians left Nagorno-Karabakh]" in event_html(
        seeds.timeline.get("exodus-2023")
    )


def test_an_author_is_known_by_name_when_the_source_lists_no_voices(tmp_path):
    root = write_corpus(tmp_path, broken("role: assessed", "role: said"))
    sources = root / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    voices: [an-author]\n", ""))
    (message,) = messages(root)
    assert "an-author is an author or the outlet of a.txt" in message
