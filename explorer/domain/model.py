"""The things the atlas is made of: sources, excerpts, places, actors, events and annotations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from explorer.domain.dates import DateSpan


class Category(StrEnum):
    MILITARY = "military"
    DIPLOMATIC = "diplomatic"
    POLITICAL = "political"
    HUMANITARIAN = "humanitarian"
    ECONOMIC = "economic"


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    ARMED_FORCE = "armed_force"
    PERSON = "person"
    ORGANISATION = "organisation"


class Role(StrEnum):
    DID = "did"
    SAID = "said"
    CLAIMED = "claimed"
    DENIED = "denied"
    ACCUSED = "accused"
    ANNOUNCED = "announced"
    WARNED = "warned"
    REPORTED = "reported"
    ASSESSED = "assessed"


# What the views say of an event whose date rests on knowledge from outside the sources.
OUTSIDE_DATE_LABEL = "date from outside the sources"

# The only roles an author or outlet may have in its own text: it reports or it judges; what
# happened is told through the actors who did it, "according to" the text.
VOICE_ROLES = frozenset({Role.ASSESSED, Role.REPORTED})


@dataclass(frozen=True, slots=True)
class Source:
    """One source text from ``seeds/`` and what is known about its publication."""

    id: str
    title: str
    authors: tuple[str, ...]
    outlet: str
    language: str
    kind: str
    published: DateSpan
    published_note: str
    text: str = field(repr=False, compare=False)
    # Actor ids of the text's own voice: its authors and its outlet (``voices:`` in sources.yaml).
    voices: tuple[str, ...] = ()

    def citation(self) -> str:
        """'Sam Vaknin, “Russia’s Kosovo…”, Brussels Morning, c. 25 September 2023'."""
        parts = [", ".join(self.authors)] if self.authors else []
        parts += [f"“{self.title}”", self.outlet, self.published.display()]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A verbatim passage: ``text == source.text[start:end]`` (Python ``str`` offsets)."""

    source: Source
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.source.text[self.start : self.end] != self.text:
            raise ValueError(
                f"excerpt [{self.start}:{self.end}] is not verbatim in {self.source.id}"
            )


@dataclass(frozen=True, slots=True)
class Place:
    """A point of the gazetteer, with its names by language and, if contested, both sides' forms.

    ``names`` maps a language code (en, hy, az, ru, …) to the name in that language's script;
    ``romanized`` maps ``hy``/``az`` to the Latin-script form each side uses.
    """

    id: str
    kind: str
    lon: float
    lat: float
    names: dict[str, str]
    romanized: dict[str, str]
    contested: bool
    within: str | None = None
    note: str = ""

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def name(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()), self.id)

    def all_names(self) -> set[str]:
        return {*self.names.values(), *self.romanized.values()}


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    affiliation: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    """Who did or said what, in the app's attributing voice, backed by one of the excerpts."""

    actor: Actor
    role: Role
    text: str
    excerpt: Excerpt
    topic: str | None = None
    # The topic's human title from ``seeds/topics.yaml`` ("" when the topic has none).
    topic_title: str = ""


@dataclass(frozen=True, slots=True)
class Review:
    """A recorded reading of an event against its excerpts and their whole sources."""

    date: dt.date
    checked: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    summary: str
    when: DateSpan
    category: Category
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    excerpts: tuple[Excerpt, ...]
    annotations: tuple[Annotation, ...] = ()
    date_note: str = ""
    # True when the date (or its precision) rests on knowledge from outside the sources; the
    # note says which (``date_basis: outside`` in the YAML).
    date_from_outside: bool = False
    # The two sides (ACLED's actor1 / actor2), each its main actor first, then associated ones.
    sides: tuple[tuple[Actor, ...], ...] = ()
    reviewed: Review | None = None

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def sources(self) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for excerpt in self.excerpts:
            seen.setdefault(excerpt.source.id, excerpt.source)
        return tuple(seen.values())

    def annotations_by_actor(self) -> dict[Actor, list[Annotation]]:
        grouped: dict[Actor, list[Annotation]] = {}
        for annotation in self.annotations:
            grouped.setdefault(annotation.actor, []).append(annotation)
        return grouped

    def topic_title(self, topic: str) -> str:
        """The human title of one of this event's topics, or the id made readable."""
        for annotation in self.annotations:
            if annotation.topic == topic and annotation.topic_title:
                return annotation.topic_title
        return topic.replace("-", " ").capitalize()

    def competing_claims(self) -> dict[str, list[Annotation]]:
        """Annotations sharing a topic, where more than one actor or source speaks to it."""
        topics: dict[str, list[Annotation]] = {}
        for annotation in self.annotations:
            if annotation.topic:
                topics.setdefault(annotation.topic, []).append(annotation)
        return {t: a for t, a in topics.items() if len(a) > 1}
