"""Load a corpus folder (``seeds/`` + ``geodata/``) into domain objects, checking everything.

Data problems never raise: each is recorded as a :class:`Problem` with its file and line and
the bad record is left out, so one typo does not hide the rest of the atlas.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from explorer.data import evidence, schema
from explorer.data.embedded import EMBEDDED_DIR, embedded_root
from explorer.data.gazetteer import load_places
from explorer.data.geojson_checks import check_overlays
from explorer.data.problems import Problem
from explorer.data.towns import load_towns
from explorer.data.yaml_lines import LineDict, load_yaml, read_text
from explorer.domain.dates import DateSpan, Precision, parse_date
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
from explorer.domain.timeline import Timeline, place_aliases

SOURCE_KINDS = ("opinion", "analysis", "explainer", "news")


@dataclass
class Corpus:
    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    timeline: Timeline = field(default_factory=lambda: Timeline([]))
    problems: list[Problem] = field(default_factory=list)
    # Where each event is written, for messages and "open in editor".
    event_origin: dict[str, tuple[Path, int]] = field(default_factory=dict)
    # Sources declared in sources.yaml whose text could not be read, with where they are
    # declared and how many excerpts had to be left out because of them.
    unreadable: dict[str, list] = field(default_factory=dict)
    # Topic id → human title, from seeds/topics.yaml.
    topics: dict[str, str] = field(default_factory=dict)
    # Event id → ids of events it is known to be distinct from (not a duplicate).
    distinct_from: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def geodata_dir(self) -> Path:
        return self.root / "geodata"

    def summary(self) -> str:
        excerpts = sum(len(e.excerpts) for e in self.timeline)
        annotations = sum(len(e.annotations) for e in self.timeline)
        return (
            f"{len(self.sources)} sources, {len(self.timeline)} events, {excerpts} excerpts, "
            f"{annotations} annotations, {len(self.actors)} actors, {len(self.places)} places"
        )


def default_corpus_root() -> Path:
    """``$EXPLORER_CORPUS``, else the embedded corpus (installed with the package).

    Never the current folder: run from anywhere, the explorer shows its own corpus.
    """
    env = os.environ.get("EXPLORER_CORPUS")
    if env:
        return Path(env)
    try:
        return embedded_root()
    except FileNotFoundError:
        return Path(str(files("explorer"))) / EMBEDDED_DIR  # missing: check_corpus_folder says so


def check_corpus_folder(root: Path) -> None:
    """Raise :class:`CorpusMissing` unless ``root`` looks like a corpus (cheap, loads nothing).

    A corpus is ``seeds/sources.yaml``, ``seeds/actors.yaml`` and at least one
    ``seeds/events/*.yaml``; the message names the folder and what is missing.
    """
    if not root.is_dir():
        raise CorpusMissing(f"corpus folder {root} does not exist")
    seeds = root / "seeds"
    if not seeds.is_dir():
        raise CorpusMissing(
            f"{root} is not a corpus: it has no seeds/ folder "
            "(expected seeds/sources.yaml, seeds/actors.yaml and seeds/events/*.yaml)"
        )
    missing = [f"seeds/{name}" for name in ("sources.yaml", "actors.yaml")]
    missing = [name for name in missing if not (root / name).is_file()]
    if not any((seeds / "events").glob("*.yaml")):
        missing.append("seeds/events/*.yaml")
    if missing:
        raise CorpusMissing(f"corpus {root} is incomplete: missing {', '.join(missing)}")


def check_corpus_loaded(corpus: Corpus) -> None:
    """Raise :class:`CorpusMissing` if a corpus loaded no events (so nothing to show or export)."""
    if not len(corpus.timeline):
        raise CorpusMissing(
            f"corpus {corpus.root} has no usable events in {corpus.seeds_dir / 'events'} "
            f"({len(corpus.problems)} problem(s); run explorer check)"
        )


class CorpusMissing(ValueError):
    """The corpus folder is missing, incomplete or empty; the message names it."""


def load_corpus(root: Path | str | None = None) -> Corpus:
    """Load and validate the corpus under ``root``; see ``Corpus.problems`` for what was wrong."""
    corpus = Corpus(Path(root) if root is not None else default_corpus_root())
    seeds = corpus.seeds_dir
    if not seeds.is_dir():
        corpus.problems.append(Problem(seeds, None, "no seeds/ folder here: not a corpus"))
        return corpus
    root = corpus.root
    corpus.places = load_places(corpus.geodata_dir / "places.geojson", corpus.problems, inside=root)
    overlays = corpus.geodata_dir / "overlays.geojson"
    if overlays.exists() or overlays.is_symlink():  # optional: a corpus may have no overlays
        check_overlays(overlays, corpus.problems, inside=root)
    load_towns(root, corpus.problems)  # optional too; checked here, drawn by the map
    corpus.sources = _load_sources(seeds / "sources.yaml", corpus)
    corpus.actors = _load_actors(seeds / "actors.yaml", corpus.problems, root)
    corpus.topics = evidence.load_topics(seeds / "topics.yaml", corpus.problems, root)
    events: list[Event] = []
    event_files = sorted((seeds / "events").glob("*.yaml"))
    if not event_files:
        corpus.problems.append(Problem(seeds / "events", None, "no event files (*.yaml)"))
    for path in event_files:
        events += _load_events(path, corpus)
    corpus.timeline = Timeline(events, aliases=place_aliases(corpus.places.values()))
    evidence.check_distinct_ids(corpus)
    evidence.check_duplicates(corpus)
    for source_id, (path, line, skipped, events_hit) in corpus.unreadable.items():
        if skipped:
            corpus.problems.append(Problem(path, line, (
                f"source {source_id}: {skipped} excerpt(s) in {len(events_hit)} event(s) cite "
                "this unreadable text and were left out; events with no other excerpt are "
                f"missing: {', '.join(sorted(events_hit))}"
            )))  # fmt: skip
    return corpus


# -- helpers ---------------------------------------------------------------------------------
class _Record:
    """One YAML mapping being read, that files a Problem for each bad field."""

    def __init__(self, path: Path, data: LineDict, label: str, problems: list[Problem]):
        self.path, self.data, self.label, self.problems = path, data, label, problems
        self.ok = True

    def fail(self, key: str | None, message: str) -> None:
        line = self.data.line_of(key) if key else self.data.line
        self.problems.append(Problem(self.path, line, f"{self.label}: {message}"))
        self.ok = False

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(None, f"'{key}' is missing")
            return ""
        if not isinstance(value, str):
            if isinstance(value, int | float):
                return str(value)
            self.fail(key, f"'{key}' must be text, not {type(value).__name__}")
            return ""
        return value.strip()

    def choice(self, key: str, allowed: Any) -> Any:
        value = self.data.get(key)
        try:
            return allowed(value)
        except ValueError:
            names = ", ".join(m.value for m in allowed)
            self.fail(
                key if key in self.data else None, f"'{key}' is {value!r}; use one of: {names}"
            )
            return None

    def span(self, data: LineDict | None = None) -> DateSpan | None:
        data = self.data if data is None else data
        try:
            start = parse_date(data.get("start"))
        except (ValueError, TypeError) as exc:
            self._date_fail(data, "start", exc)
            return None
        try:
            end = parse_date(data["end"]) if data.get("end") is not None else start
        except (ValueError, TypeError) as exc:
            self._date_fail(data, "end", exc)
            return None
        try:
            precision = Precision(data.get("precision", "day"))
        except ValueError:
            names = ", ".join(p.value for p in Precision)
            self._date_fail(
                data, "precision", f"unknown precision {data.get('precision')!r} ({names})"
            )
            return None
        if end < start:
            self._date_fail(data, "end", f"end {end} is before start {start}")
            return None
        return DateSpan(start, end, precision)

    def _date_fail(self, data: LineDict, key: str, why: object) -> None:
        message = str(why)
        if "month must be" in message or "day is out of range" in message:
            message = f"{data.get(key)!r} is not a real calendar date ({message})"
        elif isinstance(why, ValueError | TypeError) and key in ("start", "end"):
            message = f"'{key}' must be an ISO date like 2023-09-19, got {data.get(key)!r}"
        line = data.line_of(key) if isinstance(data, LineDict) else self.data.line
        self.problems.append(Problem(self.path, line, f"{self.label}: {message}"))
        self.ok = False


def _line_of(data: object, key: str) -> int:
    return data.line_of(key) if isinstance(data, LineDict) else 1


def _records(path: Path, key: str, problems: list[Problem], root: Path) -> list[LineDict]:
    data = load_yaml(path, problems, inside=root)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(Problem(path, 1, f"expected a top-level '{key}:' list"))
        return []
    items = []
    for item in data[key]:
        if isinstance(item, LineDict):
            items.append(item)
        else:
            problems.append(
                Problem(
                    path,
                    _line_of(data, key),
                    f"each '{key}' entry must be a mapping, not {schema.kind_of(item)}",
                )
            )
    return items


def _unique(rec: _Record, seen: dict[str, Any], kind: str) -> str | None:
    ident = rec.text("id")
    if ident and ident in seen:
        rec.fail("id", f"duplicate {kind} id {ident!r}")
        return None
    return ident or None


def _load_sources(path: Path, corpus: Corpus) -> dict[str, Source]:
    problems = corpus.problems
    sources: dict[str, Source] = {}
    for data in _records(path, "sources", problems, corpus.root):
        label = f"source {schema.label_id(data)}"
        if not schema.check_record(data, schema.SOURCE, path=path, label=label, problems=problems):
            continue
        rec = _Record(path, data, label, problems)
        ident = _unique(rec, sources, "source")
        title, outlet = rec.text("title"), rec.text("outlet", required=False)
        kind = rec.text("kind")
        if kind and kind not in SOURCE_KINDS:
            rec.fail("kind", f"'kind' is {kind!r}; use one of: {', '.join(SOURCE_KINDS)}")
        published = data.get("published")
        span = None
        if isinstance(published, LineDict):
            span = rec.span(published)
        else:
            rec.fail("published", "'published' must be a mapping with start, precision and note")
        voices = data.get("voices") or []
        if not isinstance(voices, list) or not all(isinstance(v, str) for v in voices):
            rec.fail("voices", "'voices' must be a list of actor ids (the authors and outlet)")
            voices = []
        authors = data.get("authors") or []
        if not isinstance(authors, list):
            rec.fail("authors", "'authors' must be a list")
            authors = []
        if not ident:
            continue
        text = read_text(path.parent / ident, problems, inside=corpus.seeds_dir)
        if text is None:
            problems.append(
                Problem(
                    path,
                    data.line_of("id"),
                    f"source {ident}: its text file {ident} is missing or unreadable",
                )
            )
            corpus.unreadable[ident] = [path, data.line_of("id"), 0, set()]
            continue
        if not rec.ok or span is None:
            continue
        sources[ident] = Source(
            id=ident,
            title=title,
            authors=tuple(str(a) for a in authors),
            outlet=outlet,
            language=rec.text("language", required=False) or "en",
            kind=kind,
            published=span,
            published_note=str((published or {}).get("note") or "").strip(),
            text=text,
            voices=tuple(voices),
        )
    return sources


def _load_actors(path: Path, problems: list[Problem], root: Path) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    pending: list[tuple[_Record, Actor]] = []
    for data in _records(path, "actors", problems, root):
        label = f"actor {schema.label_id(data)}"
        if not schema.check_record(data, schema.ACTOR, path=path, label=label, problems=problems):
            continue
        rec = _Record(path, data, label, problems)
        ident = _unique(rec, actors, "actor")
        name = rec.text("name")
        kind = rec.choice("kind", ActorKind)
        affiliation = data.get("affiliation")
        if not ident or not rec.ok:
            continue
        actor = Actor(
            ident, name, kind, affiliation or None, rec.text("description", required=False)
        )
        actors[ident] = actor
        pending.append((rec, actor))
    for rec, actor in pending:
        if actor.affiliation and actor.affiliation not in actors:
            rec.fail("affiliation", f"'affiliation' names unknown actor {actor.affiliation!r}")
    return actors


def _load_events(path: Path, corpus: Corpus) -> list[Event]:
    events: list[Event] = []
    for data in _records(path, "events", corpus.problems, corpus.root):
        label = f"event {schema.label_id(data)}"
        if not schema.check_record(
            data, schema.EVENT, path=path, label=label, problems=corpus.problems
        ):
            continue
        rec = _Record(path, data, label, corpus.problems)
        ident = _unique(rec, corpus.event_origin, "event")
        if ident:
            corpus.event_origin[ident] = (path, data.line)
        event = _event(rec, ident, corpus)
        if event is not None:
            events.append(event)
    return events


def _id_list(rec: _Record, key: str, known: dict[str, Any], kind: str) -> list[Any]:
    raw = rec.data.get(key) or []
    if not isinstance(raw, list):
        rec.fail(key, f"'{key}' must be a list of {kind} ids")
        return []
    found = []
    for ident in raw:
        if ident in known:
            found.append(known[ident])
        else:
            rec.fail(key, f"unknown {kind} {ident!r} in '{key}'")
    return found


def _event(rec: _Record, ident: str | None, corpus: Corpus) -> Event | None:
    title, summary = rec.text("title"), rec.text("summary")
    span = rec.span()
    category = rec.choice("category", Category)
    places = _id_list(rec, "places", corpus.places, "place")
    actors = _id_list(rec, "actors", corpus.actors, "actor")
    if not rec.data.get("places"):
        rec.fail(None, "an event needs at least one place")
    by_position = _excerpts(rec, corpus)
    numbered = _annotations(rec, by_position, corpus)
    annotations = [a for _, a in numbered]
    evidence.check_annotations(rec, numbered, corpus.topics)
    outside = evidence.date_from_outside(rec)
    sides = evidence.sides(rec, corpus)
    reviewed = evidence.review(rec)
    if ident:
        corpus.distinct_from[ident] = evidence.distinct_from(rec)
    excerpts = [x for x in by_position if x is not None]
    if not excerpts:  # every excerpt was bad, and each was reported: not grounded, left out
        rec.ok = False
    if not rec.ok or not ident or span is None or category is None:
        return None
    event = Event(
        id=ident,
        title=title,
        summary=" ".join(summary.split()),
        when=span,
        category=category,
        places=tuple(places),
        actors=tuple(actors),
        excerpts=tuple(excerpts),
        annotations=tuple(annotations),
        date_note=" ".join(rec.text("date_note", required=False).split()),
        date_from_outside=outside,
        sides=sides,
        reviewed=reviewed,
    )
    evidence.check_summary(rec, event)
    return event


def _excerpts(rec: _Record, corpus: Corpus) -> list[Excerpt | None]:
    """The event's excerpts by position; ``None`` where one is bad (and reported).

    A bad excerpt does not sink the event: it keeps its good ones, so nothing else is lost.
    """
    raw = rec.data.get("excerpts")
    if not isinstance(raw, list) or not raw:
        rec.fail(
            "excerpts" if "excerpts" in rec.data else None, "an event needs at least one excerpt"
        )
        return []
    excerpts: list[Excerpt | None] = []
    for i, item in enumerate(raw):
        excerpts.append(None)
        if not isinstance(item, LineDict):
            rec.fail("excerpts", f"excerpt {i} must be a mapping")
            continue
        label = f"{rec.label}, excerpt {i}"
        if not schema.check_record(
            item, schema.EXCERPT, path=rec.path, label=label, problems=rec.problems
        ):
            continue
        sub = _Record(rec.path, item, label, rec.problems)
        source_id, quote = sub.text("source"), item.get("quote")
        start, end = item.get("start"), item.get("end")
        if source_id in corpus.unreadable:  # reported once, at the source
            corpus.unreadable[source_id][2] += 1
            corpus.unreadable[source_id][3].add(rec.data.get("id", "?"))
            continue
        source = corpus.sources.get(source_id)
        if source_id and source is None:
            sub.fail("source", f"unknown source {source_id!r}")
        if not isinstance(quote, str) or not quote:
            sub.fail(None, "'quote' is missing")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            sub.fail("start", f"'start'/'end' must be offsets with start < end, got {start}/{end}")
        if not sub.ok or source is None:
            continue
        assert isinstance(quote, str)
        assert isinstance(start, int)
        assert isinstance(end, int)
        actual = source.text[start:end]
        if actual != quote:
            found = source.text.find(quote)
            hint = (
                f"; the quote is at start: {found}, end: {found + len(quote)}"
                if found >= 0
                else "; the quote does not occur in the source at all"
            )
            sub.fail("start", f"quote is not verbatim at [{start}:{end}] of {source_id}{hint}")
            continue
        excerpts[i] = Excerpt(source, start, end, quote)
    return excerpts


def _annotations(
    rec: _Record, excerpts: list[Excerpt | None], corpus: Corpus
) -> list[tuple[int, Annotation]]:
    """The good annotations, each with its position in the YAML list."""
    raw = rec.data.get("annotations") or []
    if not isinstance(raw, list):
        rec.fail("annotations", "'annotations' must be a list")
        return []
    annotations = []
    for i, item in enumerate(raw):
        if not isinstance(item, LineDict):
            rec.fail("annotations", f"annotation {i} must be a mapping")
            continue
        label = f"{rec.label}, annotation {i}"
        if not schema.check_record(
            item, schema.ANNOTATION, path=rec.path, label=label, problems=rec.problems
        ):
            rec.ok = False
            continue
        sub = _Record(rec.path, item, label, rec.problems)
        actor = corpus.actors.get(sub.text("actor"))
        if actor is None and item.get("actor"):
            sub.fail("actor", f"unknown actor {item.get('actor')!r}")
        role = sub.choice("role", Role)
        text = sub.text("text")
        index = item.get("excerpt", 0)
        if not isinstance(index, int) or not 0 <= index < len(rec.data.get("excerpts") or []):
            sub.fail("excerpt", f"'excerpt' must index this event's excerpts, got {index!r}")
        if not sub.ok:
            rec.ok = False
            continue
        if excerpts[index] is None:  # that excerpt was bad and is reported already
            continue
        assert actor is not None  # sub.ok
        topic = item.get("topic") or None
        title = corpus.topics.get(topic, "") if isinstance(topic, str) else ""
        annotations.append((i, Annotation(actor, role, text, excerpts[index], topic, title)))
    return annotations
