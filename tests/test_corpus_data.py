"""The embedded corpus: the seeds are untouched and every event is grounded in them."""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import ROOT

from explorer.domain.model import Category
from explorer.domain.naming import NamingPolicy, place_label

# The five texts and their README as handed over: byte for byte.
SEED_SHA256 = {
    "000_1b84e2d0042d7f4c.txt": "52d7f7fb57e690fbbfbc6548d0347757c174f4395354ede0e08ca593eb9c300b",
    "001_6d9f219ec080981b.txt": "aac4fe26b33d87aea0b756eefe598cda2e52128d63c7cac721789101197f08a2",
    "002_8b40a77fe9d83989.txt": "182ecfb3a4c95c6c5e1ba1f9f375719ac19bdfec59ed513576e1f672cd8fa3a7",
    "003_4091f9538c0b2832.txt": "3eea8e7af4e4d41f62df4c58ca0f8fca9a3b29fa1e0902f1d1b6923cfcd81b36",
    "004_a9b5ba1b2a089454.txt": "84eb142439b255209f174e41a98cdd783f13aa103b2517d1dd4fd9bbbcebd451",
    "README.md": "81bb49fab234812d7cd3607a4280254fe12a457c6f3b647ef9d9f6bc5c5779c8",
}
RELATIVE = re.compile(
    r"\b(this week|this year|last year|last spring|three years ago|two days later|a year later|"
    r"two months ago|the weeks before|days before|recently)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(("name", "digest"), sorted(SEED_SHA256.items()))
def test_seed_is_byte_for_byte_unchanged(name, digest):
    assert hashlib.sha256((ROOT / "seeds" / name).read_bytes()).hexdigest() == digest


def test_corpus_loads_without_problems(corpus):
    assert [str(p) for p in corpus.problems] == []


def test_every_source_has_metadata(corpus):
    assert set(corpus.sources) == {n for n in SEED_SHA256 if n.endswith(".txt")}
    for source in corpus.sources.values():
        assert source.title, source.id
        assert source.kind, source.id
        assert source.published_note, source.id


def test_every_event_is_grounded_and_placed(corpus):
    assert len(corpus.timeline) >= 40
    for event in corpus.timeline:
        assert event.places, event.id
        assert event.excerpts, event.id
        for excerpt in event.excerpts:
            assert excerpt.source.text[excerpt.start : excerpt.end] == excerpt.text, event.id
        for annotation in event.annotations:
            assert annotation.excerpt in event.excerpts


def test_every_source_is_cited_and_every_category_used(corpus):
    cited = {s.id for e in corpus.timeline for s in e.sources}
    assert cited == set(corpus.sources)
    assert {e.category for e in corpus.timeline} == set(Category)


def test_the_timeline_spans_the_war_to_the_dissolution(corpus):
    assert corpus.timeline.first_date.year <= 1994
    assert corpus.timeline.last_date.isoformat() >= "2024-01-01"


def test_relative_dates_are_resolved_and_say_how(corpus):
    relative = [e for e in corpus.timeline if any(RELATIVE.search(x.text) for x in e.excerpts)]
    assert relative, "the seeds use relative dates; some events must rest on them"
    unexplained = [e.id for e in relative if not e.date_note]
    assert unexplained == []


def test_events_cited_by_several_seeds_exist(corpus):
    assert sum(1 for e in corpus.timeline if len(e.sources) > 1) >= 5


def test_competing_claims_are_side_by_side(corpus):
    contested = [e for e in corpus.timeline if e.competing_claims()]
    assert contested
    for event in contested:
        for claims in event.competing_claims().values():
            assert len({(a.actor.id, a.excerpt.source.id) for a in claims}) > 1


@pytest.mark.parametrize(
    ("place_id", "armenian", "azerbaijani"),
    [
        ("stepanakert", "Stepanakert", "Khankendi"),
        ("shusha", "Shushi", "Shusha"),
        ("lachin", "Berdzor", "Lachin"),
        ("martuni", "Martuni", "Khojavend"),
        ("martakert", "Martakert", "Aghdara"),
    ],
)
def test_contested_names_are_present(corpus, place_id, armenian, azerbaijani):
    place = corpus.places[place_id]
    assert place.contested
    assert place_label(place, NamingPolicy.ARMENIAN) == armenian
    assert place_label(place, NamingPolicy.AZERBAIJANI) == azerbaijani
    assert {"hy", "az", "ru", "en"} <= set(place.names)


# Independent reference coordinates (lat, lon) of each town's centre. For a large city the
# published "centre" differs between gazetteers by a few km, hence the tolerance.
REFERENCE = {
    "stepanakert": (39.8156, 46.7519),
    "shusha": (39.7583, 46.7508),
    "lachin": (39.6397, 46.5469),
    "goris": (39.5111, 46.3381),
    "gyumri": (40.7942, 43.8453),
    "yerevan": (40.1811, 44.5136),
    "baku": (40.3777, 49.8920),
    "martuni": (39.7953, 47.1139),
    "martakert": (40.2133, 46.8108),
    "agdam": (39.9911, 46.9297),
    "yevlakh": (40.6181, 47.1500),
    "moscow": (55.7522, 37.6156),
    "kyiv": (50.4547, 30.5238),
}


@pytest.mark.parametrize("place_id", sorted(REFERENCE))
def test_gazetteer_agrees_with_reference_coordinates(corpus, place_id):
    lat, lon = REFERENCE[place_id]
    place = corpus.places[place_id]
    km_north = (place.lat - lat) * 111.2
    km_east = (place.lon - lon) * 111.2 * 0.77
    assert (km_north**2 + km_east**2) ** 0.5 < 3.5, (place.lat, place.lon)


def test_the_gazetteer_has_the_places_the_brief_names(corpus):
    required = {"stepanakert", "gyumri", "base-102", "yerevan", "baku", "shusha", "lachin",
                "goris", "martuni", "martakert", "agdam", "yevlakh", "stepanakert-airport",
                "moscow", "kyiv"}  # fmt: skip
    assert required <= set(corpus.places)


# Words that take a side when the app uses them in its own voice; in summaries and titles they
# may only appear inside quotation marks, attributed to whoever said them.
LOADED = (
    "ethnic cleansing", "aggression", "terrorist", "occupied", "occupation", "liberated",
    "liberation", "capitulation", "genocide", "regime-friendly", "traitor", "blitzkrieg",
    "separatist", "puppet", "siege", "militant",
)  # fmt: skip
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|‘[^’]*’')


def test_the_apps_own_voice_does_not_adopt_loaded_words(corpus):
    offending = []
    for event in corpus.timeline:
        for field, text in (("title", event.title), ("summary", event.summary)):
            unquoted = QUOTED.sub("", text).casefold()
            offending += [(event.id, field, w) for w in LOADED if w in unquoted]
    assert offending == []
