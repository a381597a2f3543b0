"""Builders shared by several test modules: tiny corpora, events and sources made in code,
hostile strings, and a reader for exported videos. Test modules import these from here, never
from each other."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import numpy as np

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

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_SUMMARY = '" onmouseover="alert(2)" x=`${alert(3)}` \\u0041'
HOSTILE_QUOTE = "<img src=x onerror=alert(4)> see https://evil.example/x.js"

QUOTES = (
    "Azerbaijan’s military operation in Nagorno-Karabakh (19–20 September)",
    "the blockade of the Lachin corridor began in December 2022",
    "a ceasefire was agreed in 1994",
    "talks in Washington and Brussels in the spring",
    HOSTILE_QUOTE,
)


def _source() -> Source:
    text = "Intro. " + " … ".join(QUOTES) + " The end."
    return Source(
        id="000_test.txt",
        title="A “test” source",
        authors=("Ann Author",),
        outlet="Test Outlet",
        language="en",
        kind="news",
        published=DateSpan(dt.date(2023, 9, 25), dt.date(2023, 9, 25), Precision.DAY),
        published_note="",
        text=text,
    )


def _excerpt(source: Source, quote: str) -> Excerpt:
    start = source.text.index(quote)
    return Excerpt(source, start, start + len(quote), quote)


def _place(ident: str, lon: float, lat: float, en: str, hy: str = "", az: str = "") -> Place:
    romanized = {k: v for k, v in (("hy", hy), ("az", az)) if v}
    return Place(
        id=ident,
        kind="city",
        lon=lon,
        lat=lat,
        names={"en": en},
        romanized=romanized,
        contested=bool(hy and az and hy != az),
    )


def tiny_events() -> list[Event]:
    """Six events covering every precision, several places, and one hostile event."""
    src = _source()
    x = [_excerpt(src, q) for q in QUOTES]
    stepanakert = _place("stepanakert", 46.7519, 39.8153, "Stepanakert", "Stepanakert", "Khankendi")
    lachin = _place("lachin", 46.5469, 39.6394, "Lachin", "Berdzor", "Lachin")
    baku = _place("baku", 49.8671, 40.4093, "Baku")
    aze = Actor("azerbaijan", "Azerbaijan", ActorKind.STATE)
    arm = Actor("armenia", "Armenia", ActorKind.STATE)

    def span(a: str, b: str, p: Precision) -> DateSpan:
        return DateSpan(dt.date.fromisoformat(a), dt.date.fromisoformat(b), p)

    return [
        Event(
            "ceasefire-1994",
            "Ceasefire",
            "A ceasefire is agreed.",
            span("1994-01-01", "1994-12-31", Precision.YEAR),
            Category.POLITICAL,
            (stepanakert,),
            (arm, aze),
            (x[2],),
        ),
        Event(
            "talks-2023",
            "Talks",
            "Talks are held.",
            span("2023-03-01", "2023-05-31", Precision.SEASON),
            Category.DIPLOMATIC,
            (baku, stepanakert),
            (aze,),
            (x[3],),
        ),
        Event(
            "blockade",
            "Blockade of the Lachin corridor",
            "The road is blocked.",
            span("2022-12-01", "2022-12-31", Precision.MONTH),
            Category.HUMANITARIAN,
            (lachin,),
            (aze, arm),
            (x[1],),
            (Annotation(arm, Role.ACCUSED, "Accused Azerbaijan of a “blockade”.", x[1], "road"),),
            date_note="month stated in the source",
        ),
        Event(
            "offensive-2023",
            "Military operation",
            "Azerbaijan's armed forces launch an operation.",
            span("2023-09-19", "2023-09-20", Precision.RANGE),
            Category.MILITARY,
            (stepanakert,),
            (aze,),
            (x[0],),
            (Annotation(aze, Role.DID, "Launched what it called an operation.", x[0]),),
        ),
        Event(
            "about-2023",
            "Something around October",
            "Approximately dated.",
            span("2023-10-01", "2023-10-10", Precision.APPROXIMATE),
            Category.ECONOMIC,
            (baku,),
            (),
            (x[3],),
        ),
        Event(
            "hostile",
            HOSTILE_TITLE,
            HOSTILE_SUMMARY,
            span("2023-09-19", "2023-09-19", Precision.DAY),
            Category.MILITARY,
            (stepanakert,),
            (aze,),
            (x[4],),
            (Annotation(aze, Role.SAID, HOSTILE_TITLE, x[4], HOSTILE_SUMMARY),),
        ),
    ]


def tiny_corpus(root: Path) -> Corpus:
    """A Corpus over ``tiny_events`` rooted at ``root`` (its geodata/ may hold overlays)."""
    events = tiny_events()
    corpus = Corpus(root=root)
    for event in events:
        for source in event.sources:
            corpus.sources[source.id] = source
        for actor in event.actors:
            corpus.actors[actor.id] = actor
        for place in event.places:
            corpus.places[place.id] = place
    corpus.timeline = Timeline(events)
    return corpus


# -- atomic writes --------------------------------------------------------------------------

D = dt.date
TEXT = "On 19 September the offensive began. Baku said people left voluntarily. Yerevan disagreed."


def make_source(sid: str = "a.txt", text: str = TEXT) -> Source:
    span = DateSpan(D(2023, 10, 1), D(2023, 10, 1), Precision.APPROXIMATE)
    return Source(sid, "A title", ("An Author",), "An Outlet", "en", "analysis", span, "", text)


STEPANAKERT = Place(
    "stepanakert", "city", 46.75, 39.81,
    {"en": "Stepanakert", "az": "Xankəndi", "hy": "Ստեփանակերտ"},
    {"hy": "Stepanakert", "az": "Khankendi"}, contested=True,
)  # fmt: skip
SHUSHA = Place("shusha", "town", 46.75, 39.76, {"en": "Shusha"},
               {"hy": "Shushi", "az": "Shusha"}, contested=True)  # fmt: skip
BAKU = Place("baku", "capital", 49.87, 40.41, {"en": "Baku"}, {}, contested=False)
AZ = Actor("azerbaijan", "Azerbaijan", ActorKind.STATE)
AM = Actor("armenia", "Armenia", ActorKind.STATE)


def make_event(eid, start, end=None, *, category=Category.MILITARY, places=(STEPANAKERT,),
               actors=(AZ,), title=None, precision=Precision.DAY, source=None):  # fmt: skip
    source = source or make_source()
    excerpt = Excerpt(source, 0, 36, source.text[0:36])
    return Event(eid, title or f"Event {eid}", "A summary.", DateSpan(start, end or start,
                 precision), category, tuple(places), tuple(actors), (excerpt,))  # fmt: skip


def read_back(path):
    """(width, height, fps, duration, frames as arrays) read by imageio-ffmpeg's reader."""
    import imageio_ffmpeg

    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    w, h = meta["size"]
    frames = [np.frombuffer(f, np.uint8).reshape(h, w, 3) for f in reader]
    return w, h, meta["fps"], meta["duration"], frames


# -- deck steps: every combination of title, date, extent and notes ---------------------
OPTIONAL = ("title", "date", "extent", "notes")
VALUES = {"title": "A title of my own", "date": "2020-11-10", "extent": "nk", "notes": "Say this."}


def combinations() -> list[tuple[str, ...]]:
    return [c for n in range(5) for c in itertools.combinations(OPTIONAL, n)]


def deck_steps(event_id: str) -> list[dict]:
    """One step per combination, each with an event, and one date-only step per combination
    that has a date (a step needs an event or a date)."""
    steps = []
    for combo in combinations():
        steps.append({"event": event_id, **{k: VALUES[k] for k in combo}})
        if "date" in combo:
            steps.append({"event": None, **{k: VALUES[k] for k in combo}})
    return steps
