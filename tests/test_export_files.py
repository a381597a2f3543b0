"""Atomic export writes, and the tiny in-memory corpus the export tests share.

``tiny_corpus`` builds Source/Excerpt/Place/Event objects directly, so the export tests do
not depend on the real corpus, which is being curated while they run. The other export test
modules import it from here.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

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
from explorer.export import files
from explorer.export.files import OutputError, write_atomic, write_output

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
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_writes_complete_file(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert _leftovers(tmp_path) == ["out.json"]


def test_failure_midway_leaves_no_file_and_no_temp(tmp_path, monkeypatch):
    """The writer dies after some bytes are out: no target, no temporary file."""
    real_fdopen = os.fdopen

    class Dying:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Dying(real_fdopen(fd, mode)))
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(tmp_path / "map.html", "x" * 10_000)
    assert _leftovers(tmp_path) == []


def test_failing_producer_leaves_no_file(tmp_path):
    def produce(path: Path) -> None:
        path.write_bytes(b"half a file")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "snap.png", produce)
    assert _leftovers(tmp_path) == []


def test_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def boom(src, dst):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OutputError, match="Permission denied"):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == ["out.csv"]


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(OutputError, match="--force"):
        write_atomic(target, "new")
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_output(str(tmp_path / "nope" / "out.kml"), "x")


def test_tiny_corpus_is_consistent(tmp_path):
    corpus = tiny_corpus(tmp_path)
    assert len(corpus.timeline) == 6
    assert all(e.excerpts and e.places for e in corpus.timeline)
