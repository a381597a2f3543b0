"""Suggestions: excerpts with exact offsets, dates, places in every language, actors, saying
verbs, restated events; and the round-trip writer that saves them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from explorer.curation.layout import new_corpus
from explorer.curation.matching import Matcher, actor_entries
from explorer.curation.roundtrip import CorpusWriter
from explorer.curation.suggest import Suggester, suggest
from explorer.data.corpus import load_corpus
from explorer.domain.dates import DateSpan, Precision

TEXT = (
    "Talks in Yevlakh\n\n"
    "On 19 September 2023 Azerbaijani forces shelled Khankendi. Two days later, "
    "representatives met Azerbaijani officials in Yevlakh.\n\n"
    "Peskov denied that the Russian peacekeepers had failed. Residents fled to Goris.\n"
)


@pytest.fixture(scope="module")
def suggester(corpus):
    return Suggester.for_corpus(corpus)


def _source(corpus, text=TEXT, day=dt.date(2023, 9, 25)):
    first = next(iter(corpus.sources.values()))
    return dataclasses.replace(
        first, id="new.txt", text=text, published=DateSpan(day, day, Precision.DAY)
    )


def test_each_suggestion_quotes_its_sentence_with_exact_offsets(corpus, suggester):
    source = _source(corpus)
    found = suggester.suggest(source)
    assert found
    for s in found:
        assert source.text[s.begin : s.stop] == s.quote
        for mention in [*s.dates, *s.names]:
            assert source.text[mention.begin : mention.stop] == mention.phrase


def test_dates_places_and_actors_of_a_sentence(corpus, suggester):
    found = {s.quote[:20]: s for s in suggester.suggest(_source(corpus))}
    shelled = found["On 19 September 2023"]
    assert (shelled.date.start, shelled.date.precision) == (dt.date(2023, 9, 19), "day")
    assert shelled.places == ["stepanakert"]  # named Khankendi
    assert "azerbaijani-armed-forces" in shelled.actors
    assert shelled.category == "military"
    talks = found["Two days later, repr"]
    assert talks.date.start == dt.date(2023, 9, 21)
    assert "'19 September 2023'" in talks.date_note
    assert "yevlakh" in talks.places


def test_an_undated_sentence_takes_the_date_referred_to_before(corpus, suggester):
    found = {s.quote[:14]: s for s in suggester.suggest(_source(corpus))}
    fled = found["Residents fled"]
    assert fled.dated_by == "context"
    # The date referred to before (21 September, "two days later"), give or take three days.
    assert (fled.date.start, fled.date.end) == (dt.date(2023, 9, 18), dt.date(2023, 9, 24))
    assert "goris" in fled.places
    assert "No date in the sentence" in fled.date_note


def test_a_verb_of_saying_gives_an_annotation(corpus, suggester):
    found = {s.quote[:6]: s for s in suggester.suggest(_source(corpus))}
    (annotation,) = found["Peskov"].annotations
    assert annotation["actor"] == "peskov"
    assert annotation["role"] == "denied"
    assert annotation["text"].startswith("Denied")


def test_places_by_any_name_and_fuzzy_transliterations(corpus):
    matcher = Matcher(corpus.places.values(), actor_entries(corpus.seeds_dir))
    found = {
        m.phrase: m.id for m in matcher.find("Xankəndi, Khankendy, Susha, Shushi, Artsakh, Berdzor")
    }
    assert found == {
        "Xankəndi": "stepanakert", "Khankendy": "stepanakert", "Susha": "shusha",
        "Shushi": "shusha", "Artsakh": "nagorno-karabakh", "Berdzor": "lachin",
    }  # fmt: skip


def test_actor_aliases_from_actors_yaml_are_used(tmp_path, corpus):
    root = new_corpus(tmp_path / "mine")
    path = root / "seeds" / "actors.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "    name: Dmitry Peskov\n",
            "    name: Dmitry Peskov\n    aliases: [Kremlin spokesman]\n",
        ),
        "utf-8",
    )
    matcher = Matcher(corpus.places.values(), actor_entries(root / "seeds"))
    assert [m.id for m in matcher.find("A Kremlin spokesman said")] == ["peskov"]


def test_a_restated_event_is_named(corpus):
    found = suggest(corpus, "001_6d9f219ec080981b.txt")
    hit = next(s for s in found if "(19–20 September)" in s.quote)
    assert "azerbaijani-offensive-2023" in [e for e, _ in hit.restates]


def test_a_suggestion_saved_through_the_writer_passes_check(tmp_path, corpus):
    root = new_corpus(tmp_path / "mine", with_events=True)
    user = load_corpus(root)
    found = suggest(user, "000_1b84e2d0042d7f4c.txt")
    pick = next(s for s in found if s.places)
    writer = CorpusWriter(root)
    writer.add_event(pick.to_event())
    reloaded = load_corpus(root)
    assert reloaded.problems == []
    assert pick.id in reloaded.timeline
    writer.undo()
    assert pick.id not in load_corpus(root).timeline
    writer.redo()
    assert pick.id in load_corpus(root).timeline


def test_the_round_trip_writer_keeps_every_other_line(tmp_path):
    root = new_corpus(tmp_path / "mine", with_events=True)
    path = root / "seeds" / "events" / "2022.yaml"
    before = path.read_text("utf-8")
    writer = CorpusWriter(root)
    writer.update_event("eu-azerbaijan-gas-deal-2022", {"title": "A new title"})
    after = path.read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before.splitlines(), after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == '    title: "A new title"'  # the quoting style stays
    writer.undo()
    assert path.read_text("utf-8") == before


def test_the_writer_never_touches_the_embedded_corpus():
    from explorer.curation import CurationError
    from explorer.curation.layout import embedded_root

    with pytest.raises(CurationError, match="read-only"):
        CorpusWriter(embedded_root())


def test_recall_on_the_embedded_corpus_is_measured(corpus):
    from bench.bench_suggest import coverage

    result = coverage(corpus)
    assert 0 <= result["suggest_recall"] <= 1
    assert result["suggestions_per_event"] > 0
    assert len(result["suggest_missed"]) == round(
        len(corpus.timeline) * (1 - result["suggest_recall"])
    )


def test_a_new_place_and_actor_are_written_where_check_finds_them(tmp_path):
    root = new_corpus(tmp_path / "mine")
    writer = CorpusWriter(root)
    writer.add_place("test-village", "village", 46.9269, 39.5203, {"en": "Test Village"})
    writer.add_actor({"id": "jane-doe", "name": "Jane Doe", "kind": "person"})
    corpus = load_corpus(root)
    assert corpus.problems == []
    assert corpus.places["test-village"].lon == pytest.approx(46.9269)
    assert corpus.actors["jane-doe"].name == "Jane Doe"
    lines = (root / "geodata" / "places.geojson").read_text("utf-8").splitlines()
    assert sum('"id": "test-village"' in line for line in lines) == 1  # one feature, one line
    writer.undo()
    writer.undo()
    assert "test-village" not in load_corpus(root).places


def test_he_continues_the_previous_speaker(corpus, suggester):
    text = "Dmitry Peskov said the Kremlin was monitoring the situation. He denied that Russia had failed.\n"
    found = suggester.suggest(_source(corpus, text))
    denied = next(s for s in found if s.quote.startswith("He denied"))
    (annotation,) = denied.annotations
    assert (annotation["actor"], annotation["role"]) == ("peskov", "denied")
    assert "peskov" in denied.actors


def test_a_sentence_in_the_present_tense_is_dated_by_publication(corpus, suggester):
    text = (
        "On 19 September 2023 Azerbaijani forces attacked Stepanakert. "
        "Russian troops are now leaving Nagorno-Karabakh.\n"
    )
    found = {
        s.quote[:13]: s for s in suggester.suggest(_source(corpus, text, dt.date(2023, 11, 20)))
    }
    leaving = found["Russian troop"]
    assert leaving.dated_by == "publication"
    assert (leaving.date.start, leaving.date.end) == (dt.date(2023, 11, 14), dt.date(2023, 11, 20))
    assert "present tense" in leaving.date_note


def test_days_after_a_named_event_is_not_a_date():
    from explorer.curation.datetext import DateContext, find_dates

    ctx = DateContext(
        DateSpan(dt.date(2023, 9, 25), dt.date(2023, 9, 25), Precision.DAY),
        last=DateSpan(dt.date(2020, 1, 1), dt.date(2020, 12, 31), Precision.YEAR),
    )
    assert find_dates("announced just weeks after the ethnic cleansing", ctx) == []
    assert find_dates("two days after Azerbaijan launched its offensive", ctx) == []
    assert [m.phrase for m in find_dates("Two days later, they met.", ctx)] == ["Two days later"]


def test_the_same_town_on_the_same_day_is_a_restatement(corpus, suggester):
    text = (
        "Representatives of the Karabakh Armenians met Azerbaijani officials in Yevlakh "
        "on 21 September 2023.\n"
    )
    (found,) = suggester.suggest(_source(corpus, text), list(corpus.timeline))
    assert "yevlakh-talks-2023" in [e for e, _ in found.restates]
