"""The evidence rules of ``explorer check``, beyond "every excerpt is verbatim".

What an excerpt is made to mean has to be right too (see ``seeds/REVIEW.md``). The rules a
program can check are here:

- an author or the outlet of a source (its ``voices:`` in ``sources.yaml``) may only *assess*
  or *report* in that source, never be shown as doing what the text tells;
- annotations that share a topic are competing claims: each is something said, claimed,
  assessed…, never ``did``, and the topic has a human title in ``seeds/topics.yaml``;
- wording quoted in a summary is attributed in the same sentence (a source number such as
  "004", "according to", or the name of one of the event's actors);
- a date note that uses outside knowledge says so, and the event carries
  ``date_basis: outside`` so that the app can show "date from outside the sources";
- two events that cite the same excerpt span over overlapping dates are likely duplicates,
  unless one names the other in ``distinct_from:``;
- ``sides:`` (ACLED's actor1/actor2) name two sides of known actors, never a publication or an
  author; ``reviewed:`` records when an event was re-read and what was checked.

Every problem names the file and line, like the loader's own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.data import schema
from explorer.data.problems import Problem
from explorer.data.yaml_lines import LineDict, load_yaml
from explorer.domain.dates import parse_date
from explorer.domain.model import VOICE_ROLES, Actor, Annotation, Event, Review, Role, Source

if TYPE_CHECKING:  # the loader imports this module; only its types are needed here
    from explorer.data.corpus import Corpus, _Record

# What a review can say it checked; REVIEW.md explains each.
REVIEW_CHECKS = ("excerpts", "attribution", "voice", "dates", "places", "actors", "duplicates")
DATE_BASES = ("sources", "outside")

_OUTSIDE = re.compile(r"outside knowledge|outside the sources", re.IGNORECASE)
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
# Sentences, and the clauses of a list of views ("A says …; B calls it …").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|;\s+")
_SOURCE_NUMBER = re.compile(r"\b(\d{3})\b")


def _report(rec: _Record, key: str, message: str) -> None:
    """File an evidence problem: ``check`` fails, but the event stays in the atlas."""
    line = rec.data.line_of(key)
    rec.problems.append(Problem(rec.path, line, f"{rec.label}: {message}"))


# -- topics ----------------------------------------------------------------------------------
def load_topics(path: Path, problems: list[Problem], inside: Path | None = None) -> dict[str, str]:
    """``seeds/topics.yaml``: topic id → human title. A missing file means no titles."""
    if not path.exists():
        return {}
    data = load_yaml(path, problems, inside=inside)
    if data is None:
        return {}
    items = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(items, list):
        problems.append(Problem(path, 1, "expected a top-level 'topics:' list"))
        return {}
    topics: dict[str, str] = {}
    for item in items:
        line = item.line if isinstance(item, LineDict) else data.line_of("topics")
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "each 'topics' entry must be a mapping"))
            continue
        label = f"topic {schema.label_id(item)}"
        if not schema.check_record(item, schema.TOPIC, path=path, label=label, problems=problems):
            continue
        ident, title = item.get("id"), item.get("title")
        if not isinstance(ident, str) or not ident:
            problems.append(Problem(path, line, "a topic has no 'id'"))
        elif ident in topics:
            problems.append(Problem(path, line, f"duplicate topic id {ident!r}"))
        elif not isinstance(title, str) or not title.strip():
            problems.append(Problem(path, line, f"topic {ident}: 'title' is missing"))
        else:
            topics[ident] = " ".join(title.split())
    return topics


# -- per event: fields read from the YAML ------------------------------------------------------
def date_from_outside(rec: _Record) -> bool:
    """Read ``date_basis`` and check it against what the date note says."""
    basis = rec.data.get("date_basis", "sources")
    if basis not in DATE_BASES:
        rec.fail("date_basis", f"'date_basis' is {basis!r}; use one of: {', '.join(DATE_BASES)}")
        return False
    note = rec.data.get("date_note") or ""
    cites_outside = isinstance(note, str) and bool(_OUTSIDE.search(note))
    if cites_outside and basis != "outside":
        _report(
            rec,
            "date_note",
            "the date note cites outside knowledge: mark the event 'date_basis: outside' so the "
            "app shows that the date is from outside the sources",
        )
    elif basis == "outside" and not cites_outside:
        _report(
            rec,
            "date_basis",
            "'date_basis: outside' needs a date note that says which outside knowledge "
            '("Outside knowledge: ...")',
        )
    return basis == "outside"


def sides(rec: _Record, corpus: Corpus) -> tuple[tuple[Actor, ...], ...]:
    """Read ``sides:``: two sides, each an actor id or a list of ids (main actor first)."""
    raw = rec.data.get("sides")
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) != 2:
        rec.fail("sides", "'sides' must list exactly two sides (ACLED's actor1 and actor2)")
        return ()
    voices = {v for s in corpus.sources.values() for v in s.voices}
    raw_actors = rec.data.get("actors")
    listed: list[object] = raw_actors if isinstance(raw_actors, list) else []
    found: list[tuple[Actor, ...]] = []
    for side in raw:
        ids = side if isinstance(side, list) else [side]
        actors = []
        for ident in ids:
            actor = corpus.actors.get(ident) if isinstance(ident, str) else None
            if actor is None:
                rec.fail("sides", f"unknown actor {ident!r} in 'sides'")
            elif ident in voices:
                _report(
                    rec,
                    "sides",
                    f"{ident!r} is the author or outlet of a source, not a side of the event",
                )
            else:
                actors.append(actor)
                if ident not in listed:
                    _report(rec, "sides", f"{ident!r} is on a side but not in the event's 'actors'")
        if not ids:
            rec.fail("sides", "a side in 'sides' is empty")
        found.append(tuple(actors))
    return tuple(found)


def review(rec: _Record) -> Review | None:
    """Read ``reviewed: {date: DATE, checked: [...], note: ...}``."""
    raw = rec.data.get("reviewed")
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        rec.fail("reviewed", "'reviewed' must be a mapping with date, checked and an optional note")
        return None
    try:
        on = parse_date(raw.get("date"))
    except (ValueError, TypeError):
        rec.problems.append(Problem(rec.path, raw.line_of("date"), (
            f"{rec.label}: 'reviewed.date' must be an ISO date like 2023-09-19, "
            f"got {raw.get('date')!r}"
        )))  # fmt: skip
        rec.ok = False
        return None
    checked = raw.get("checked")
    if not isinstance(checked, list) or not checked:
        checked = []
        rec.problems.append(Problem(rec.path, raw.line_of("checked"), (
            f"{rec.label}: 'reviewed.checked' must list what was checked "
            f"({', '.join(REVIEW_CHECKS)})"
        )))  # fmt: skip
        rec.ok = False
    unknown = [c for c in checked if c not in REVIEW_CHECKS]
    if unknown:
        rec.problems.append(Problem(rec.path, raw.line_of("checked"), (
            f"{rec.label}: 'reviewed.checked' has {', '.join(map(repr, unknown))}; "
            f"use: {', '.join(REVIEW_CHECKS)}"
        )))  # fmt: skip
        rec.ok = False
    note = raw.get("note") or ""
    return Review(on, tuple(str(c) for c in checked), " ".join(str(note).split()))


def distinct_from(rec: _Record) -> tuple[str, ...]:
    raw = rec.data.get("distinct_from") or []
    if not isinstance(raw, list) or not all(isinstance(i, str) for i in raw):
        rec.fail("distinct_from", "'distinct_from' must be a list of event ids")
        return ()
    return tuple(raw)


# -- per event: rules on what was read ---------------------------------------------------------
def check_annotations(
    rec: _Record, annotations: list[tuple[int, Annotation]], topics: dict[str, str]
) -> None:
    """Voices only assess or report; competing claims are claims; topics have titles.

    ``annotations`` pairs each good annotation with its position in the YAML list.
    """
    raw = rec.data.get("annotations") or []
    shared = _shared_topics([a for _, a in annotations])
    untitled: set[str] = set()
    for i, annotation in annotations:
        item: LineDict = raw[i]
        label = f"{rec.label}, annotation {i}"
        source = annotation.excerpt.source
        if is_voice(annotation.actor, source) and annotation.role not in VOICE_ROLES:
            rec.problems.append(Problem(rec.path, item.line_of("role"), (
                f"{label}: {annotation.actor.id} is an author or the outlet of {source.id}; in "
                f"its own text it may only 'assessed' or 'reported', not {annotation.role.value!r}"
            )))  # fmt: skip
        if annotation.topic in shared and annotation.role is Role.DID:
            rec.problems.append(Problem(rec.path, item.line_of("role"), (
                f"{label}: topic {annotation.topic!r} holds competing claims, so each names who "
                "says it (said, claimed, assessed, reported, …), not 'did'"
            )))  # fmt: skip
        for quote in unattributed_annotation_quotes(annotation):
            rec.problems.append(Problem(rec.path, item.line_of("text"), (
                f"{label}: \"{quote}\" is not quoted as {annotation.actor.id}'s words in "
                f"{source.id}; paraphrase it, or say whose account it is (\"according to "
                f"{source.id[:3]}\")"
            )))  # fmt: skip
        if annotation.topic and annotation.topic not in topics and annotation.topic not in untitled:
            untitled.add(annotation.topic)  # said once per event, where the topic first appears
            rec.problems.append(Problem(rec.path, item.line_of("topic"), (
                f"{label}: topic {annotation.topic!r} has no title in seeds/topics.yaml"
            )))  # fmt: skip


def is_voice(actor: Actor, source: Source) -> bool:
    """Whether ``actor`` speaks as ``source`` itself: listed in its ``voices``, or named as its
    author or outlet (so a new source without ``voices`` is still covered)."""
    return actor.id in source.voices or actor.name in (*source.authors, source.outlet)


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def unattributed_annotation_quotes(annotation: Annotation) -> list[str]:
    """Words an annotation quotes as its actor's that its source does not quote as anyone's.

    An author or outlet speaks in its own text, so anything it wrote is its own words. Anyone
    else's quoted words must stand in quotation marks in the source too, unless the annotation
    says whose account it is ("according to 004", "(004)", "004 calls it …").
    """
    source = annotation.excerpt.source
    if is_voice(annotation.actor, source):
        return []
    text = _plain(annotation.text)
    if "according to" in text.lower() or source.id[:3] in _SOURCE_NUMBER.findall(text):
        return []
    quoted_in_source = [a or b for a, b in _QUOTED.findall(_plain(source.text))]
    quotes = [a or b for a, b in _QUOTED.findall(text)]
    return [q for q in quotes if not any(q.strip(" .,'") in span for span in quoted_in_source)]


def _shared_topics(annotations: list[Annotation]) -> set[str]:
    count: dict[str, int] = {}
    for a in annotations:
        if a.topic:
            count[a.topic] = count.get(a.topic, 0) + 1
    return {t for t, n in count.items() if n > 1}


def unattributed_quotes(summary: str, event: Event) -> list[str]:
    """Quoted phrases of ``summary`` whose sentence names no speaker.

    A speaker is a source number of one of the event's excerpts ("004"), "according to", or an
    actor of the event or of its annotations (full name, a person's surname, an abbreviation in
    brackets, or the state or body it belongs to).
    """
    numbers = {x.source.id[:3] for x in event.excerpts}
    names = _speaker_names([*event.actors, *(a.actor for a in event.annotations)])
    missing = []
    for sentence in _SENTENCE_END.split(" ".join(summary.split())):
        quotes = [a or b for a, b in _QUOTED.findall(sentence)]
        if not quotes:
            continue
        bare = _QUOTED.sub(" ", sentence)  # a name inside the quote is not its speaker
        spoken = (
            "according to" in bare.lower()
            or any(n in numbers for n in _SOURCE_NUMBER.findall(bare))
            or any(re.search(rf"\b{re.escape(n)}\b", bare) for n in names)
        )
        if not spoken:
            missing += quotes
    return missing


def _speaker_names(actors: list[Actor]) -> set[str]:
    names: set[str] = set()
    for actor in actors:
        name = actor.name.removeprefix("The ")
        names.add(name)
        names.update(re.findall(r"\(([^)]+)\)", name))
        if actor.kind.value == "person":
            names.add(name.split()[-1])
        if actor.kind.value in ("state", "government"):
            names.add(name.split(" of ")[-1])
    return {n for n in names if len(n) > 2}


def check_summary(rec: _Record, event: Event) -> None:
    for quote in unattributed_quotes(event.summary, event):
        _report(
            rec,
            "summary",
            f'the summary quotes "{quote}" without saying whose words they are (name the '
            "speaker, 'according to ...' or the source number in the same sentence)",
        )


# -- across events ---------------------------------------------------------------------------
def check_duplicates(corpus: Corpus) -> None:
    """Events citing the same excerpt span over overlapping dates are likely one event."""
    seen: dict[tuple[str, int, int], list[Event]] = {}
    for event in corpus.timeline:
        for x in event.excerpts:
            seen.setdefault((x.source.id, x.start, x.end), []).append(event)
    reported: set[tuple[str, str]] = set()
    for (source_id, start, end), events in seen.items():
        for i, first in enumerate(events):
            for second in events[i + 1 :]:
                pair = (first.id, second.id)
                if pair in reported or first is second or _distinct(corpus, first, second):
                    continue
                if not _overlap(first, second):
                    continue
                reported.add(pair)
                path, line = corpus.event_origin.get(second.id, (corpus.seeds_dir, None))
                corpus.problems.append(Problem(path, line, (
                    f"event {second.id}: likely a duplicate of {first.id} (both cite "
                    f"{source_id}[{start}:{end}] over overlapping dates); merge them, or add "
                    f"'distinct_from: [{first.id}]' if they are different events"
                )))  # fmt: skip


def _distinct(corpus: Corpus, a: Event, b: Event) -> bool:
    return b.id in corpus.distinct_from.get(a.id, ()) or a.id in corpus.distinct_from.get(b.id, ())


def _overlap(a: Event, b: Event) -> bool:
    return a.when.start <= b.when.end and b.when.start <= a.when.end


def check_distinct_ids(corpus: Corpus) -> None:
    for ident, others in corpus.distinct_from.items():
        for other in others:
            if other not in corpus.event_origin:
                path, line = corpus.event_origin[ident]
                corpus.problems.append(
                    Problem(path, line, f"event {ident}: 'distinct_from' names unknown {other!r}")
                )
