"""A tiny, stable corpus built in memory, for the Qt views' tests and demos.

The real corpus is being curated and may change under the tests; this one never does. It has
every date precision, a contested place, two sources and a pair of competing claims.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from explorer.data.corpus import Corpus
from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import (
    Actor,
    ActorKind,
    Annotation,
    Category,
    Event,
    Excerpt,
    Place,
    Role,
    Source,
)
from explorer.domain.timeline import Timeline

SOURCE_A_TEXT = (
    "Opening line of the first source.\n"
    "Azerbaijan’s military operation in Nagorno-Karabakh (19–20 September) ended the war.\n"
    "Baku called it an anti-terrorist operation; Yerevan called it ethnic cleansing.\n"
    "In September 2023 more than 100,000 people left for Armenia.\n"
    "Peacekeepers had arrived around 1994, a ceasefire year.\n"
)
SOURCE_B_TEXT = (
    "Second source, a news report.\n"
    "Talks in Brussels in the spring of 2023 produced no treaty.\n"
    "The Lachin corridor was blocked from December 2022.\n"
)


def _excerpt(source: Source, quote: str) -> Excerpt:
    start = source.text.index(quote)
    return Excerpt(source, start, start + len(quote), quote)


def _span(start: str, end: str | None, precision: Precision) -> DateSpan:
    s = dt.date.fromisoformat(start)
    return DateSpan(s, dt.date.fromisoformat(end) if end else s, precision)


def make_corpus(root: Path | None = None) -> Corpus:
    """Seven events from 1994 to 2023 over two sources, three places and four actors."""
    src_a = Source(
        "a.txt",
        "The first source",
        ("A. Author",),
        "Outlet One",
        "en",
        "analysis",
        _span("2023-10-01", None, Precision.DAY),
        "",
        SOURCE_A_TEXT,
    )
    src_b = Source(
        "b.txt",
        "The second source",
        (),
        "Outlet Two",
        "en",
        "news",
        _span("2023-05-01", "2023-05-31", Precision.MONTH),
        "",
        SOURCE_B_TEXT,
    )
    stepanakert = Place(
        "stepanakert",
        "city",
        46.75,
        39.82,
        {"en": "Stepanakert", "hy": "Ստեփանակերտ", "az": "Xankəndi"},
        {"hy": "Stepanakert", "az": "Khankendi"},
        True,
    )
    lachin = Place(
        "lachin",
        "town",
        46.55,
        39.64,
        {"en": "Lachin", "hy": "Բերձոր", "az": "Laçın"},
        {"hy": "Berdzor", "az": "Lachin"},
        True,
    )
    brussels = Place("brussels", "city", 4.35, 50.85, {"en": "Brussels"}, {}, False)
    azerbaijan = Actor("azerbaijan", "Azerbaijani government", ActorKind.GOVERNMENT)
    armenia = Actor("armenia", "Armenian government", ActorKind.GOVERNMENT)
    russia = Actor("russia", "Russia", ActorKind.STATE)
    eu = Actor("eu", "European Union", ActorKind.ORGANISATION)

    op = _excerpt(src_a, "Azerbaijan’s military operation in Nagorno-Karabakh (19–20 September)")
    claims = _excerpt(
        src_a, "Baku called it an anti-terrorist operation; Yerevan called it ethnic cleansing."
    )
    events = [
        Event(
            "ceasefire-1994",
            "Ceasefire and peacekeepers",
            "A ceasefire ends large-scale fighting.",
            _span("1994-01-01", "1994-12-31", Precision.APPROXIMATE),
            Category.MILITARY,
            (stepanakert,),
            (russia,),
            (_excerpt(src_a, "Peacekeepers had arrived around 1994"),),
            date_note="'around 1994' in the source.",
        ),
        Event(
            "blockade",
            "Blockade of the Lachin corridor",
            "The only road between Armenia and Nagorno-Karabakh is blocked.",
            _span("2022-12-12", "2023-09-19", Precision.RANGE),
            Category.HUMANITARIAN,
            (lachin,),
            (azerbaijan,),
            (_excerpt(src_b, "The Lachin corridor was blocked from December 2022."),),
        ),
        Event(
            "brussels-talks",
            "Talks in Brussels",
            "Leaders meet in Brussels under EU mediation.",
            _span("2023-03-01", "2023-05-31", Precision.SEASON),
            Category.DIPLOMATIC,
            (brussels,),
            (eu, armenia, azerbaijan),
            (_excerpt(src_b, "Talks in Brussels in the spring of 2023 produced no treaty."),),
        ),
        Event(
            "offensive-2023",
            "Military operation in Nagorno-Karabakh",
            "Azerbaijan's armed forces launch an operation; the local forces capitulate.",
            _span("2023-09-19", "2023-09-20", Precision.RANGE),
            Category.MILITARY,
            (stepanakert,),
            (azerbaijan, armenia),
            (op, claims),
            (
                Annotation(azerbaijan, Role.DID, "Launched the operation.", op),
                Annotation(
                    azerbaijan,
                    Role.CLAIMED,
                    'Called it an "anti-terrorist operation".',
                    claims,
                    "nature",
                ),
                Annotation(
                    armenia, Role.ACCUSED, 'Called it "ethnic cleansing".', claims, "nature"
                ),
            ),
        ),
        Event(
            "exodus",
            "Exodus of the Armenian population",
            "More than 100,000 people leave for Armenia.",
            _span("2023-09-01", "2023-09-30", Precision.MONTH),
            Category.HUMANITARIAN,
            (stepanakert, lachin),
            (armenia,),
            (_excerpt(src_a, "In September 2023 more than 100,000 people left for Armenia."),),
            date_note="The source says 'in September 2023'.",
        ),
        Event(
            "first-line",
            "A first-day event",
            "Something on a single day.",
            _span("2023-09-25", None, Precision.DAY),
            Category.POLITICAL,
            (stepanakert,),
            (russia,),
            (_excerpt(src_a, "Opening line of the first source."),),
        ),
        Event(
            "report",
            "A news report",
            "A report about the economy.",
            _span("2023-10-05", None, Precision.DAY),
            Category.ECONOMIC,
            (brussels,),
            (eu,),
            (_excerpt(src_b, "Second source, a news report."),),
        ),
    ]
    return Corpus(
        root=root or Path("."),
        sources={s.id: s for s in (src_a, src_b)},
        actors={a.id: a for a in (azerbaijan, armenia, russia, eu)},
        places={p.id: p for p in (stepanakert, lachin, brussels)},
        timeline=Timeline(events),
    )


def synthetic_events(corpus: Corpus, n: int, seed: int = 0) -> list[Event]:
    """``n`` deterministic fake events over the corpus's places, actors and sources.

    For benchmarks and density tests: dates spread over 1988–2024 with every precision, and
    excerpts reused from the corpus (or cut from its sources), so each one is still verbatim.
    """
    import random

    rng = random.Random(seed)
    places = list(corpus.places.values())
    actors = list(corpus.actors.values())
    excerpts = [x for e in corpus.timeline for x in e.excerpts]
    if not excerpts:
        excerpts = [
            Excerpt(s, 0, min(40, len(s.text)), s.text[: min(40, len(s.text))])
            for s in corpus.sources.values()
        ]
    first, last = dt.date(1988, 1, 1).toordinal(), dt.date(2024, 1, 1).toordinal()
    categories = list(Category)
    precisions = (
        [Precision.DAY] * 6
        + [Precision.RANGE] * 2
        + [
            Precision.MONTH,
            Precision.SEASON,
            Precision.YEAR,
            Precision.APPROXIMATE,
        ]
    )
    events = []
    for i in range(n):
        start = dt.date.fromordinal(rng.randint(first, last))
        precision = rng.choice(precisions)
        length = {
            Precision.DAY: 0,
            Precision.RANGE: rng.randint(1, 20),
            Precision.MONTH: 29,
            Precision.SEASON: 91,
            Precision.YEAR: 364,
            Precision.APPROXIMATE: rng.randint(2, 60),
        }[precision]
        when = DateSpan(start, start + dt.timedelta(days=length), precision)
        events.append(
            Event(
                f"synthetic-{i:06d}",
                f"Synthetic event {i}",
                "A generated event for benchmarks.",
                when,
                rng.choice(categories),
                tuple(rng.sample(places, k=min(len(places), rng.randint(1, 2)))),
                tuple(rng.sample(actors, k=min(len(actors), rng.randint(1, 3)))),
                (rng.choice(excerpts),),
            )
        )
    return events
