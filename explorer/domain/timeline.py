"""Events in time order, with the queries the views need on every step of the time cursor."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from explorer.domain.model import Category, Event, Place


@dataclass(frozen=True)
class EventFilter:
    """What the user has narrowed the events to. Empty sets mean "no restriction"."""

    actors: frozenset[str] = frozenset()
    categories: frozenset[Category] = frozenset()
    sources: frozenset[str] = frozenset()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.actors or self.categories or self.sources or self.text.strip())

    def matches(
        self,
        event: Event,
        haystack: str | None = None,
        aliases: Mapping[str, tuple[str, ...]] | None = None,
    ) -> bool:
        """Whether ``event`` passes; ``haystack`` is its :func:`search_text`, if already known.

        ``aliases`` maps a search word to the names it stands for too (Khankendi → Stepanakert,
        …), so either name of a contested place finds the same events.
        """
        if self.categories and event.category not in self.categories:
            return False
        if self.actors and not self.actors.intersection(a.id for a in event.actors):
            return False
        if self.sources and not self.sources.intersection(s.id for s in event.sources):
            return False
        words = self.text.casefold().split()
        if words:
            haystack = search_text(event) if haystack is None else haystack
            aliases = aliases or {}
            return all(
                any(name in haystack for name in aliases.get(word, (word,))) for word in words
            )
        return True


def search_text(event: Event) -> str:
    """Everything a search should find an event by: title, summary, quotes, actors, places."""
    parts = [event.id, event.title, event.summary, event.category.value]
    parts += [e.text for e in event.excerpts]
    parts += [a.name for a in event.actors] + [a.id for a in event.actors]
    parts += [a.text for a in event.annotations]
    for place in event.places:
        parts += [place.id, *place.all_names()]
    return "\n".join(parts).casefold()


def place_aliases(places: Iterable[Place]) -> dict[str, tuple[str, ...]]:
    """Each one-word name of a place (casefolded) → all of that place's names.

    Searching "Khankendi" then also finds events that only say "Stepanakert", and "Shushi"
    those that say "Shusha".
    """
    aliases: dict[str, tuple[str, ...]] = {}
    for place in places:
        names = tuple(sorted({n.casefold() for n in place.all_names()}))
        for name in names:
            if " " not in name:
                aliases[name] = tuple(sorted({*aliases.get(name, ()), *names}))
    return aliases


@dataclass
class Timeline:
    """Events sorted by start date (then end, then id), indexed by time and by place."""

    events: Sequence[Event]
    _starts: list[int] = field(init=False, repr=False)
    _by_id: dict[str, int] = field(init=False, repr=False)
    _place_starts: dict[str, list[int]] = field(init=False, repr=False)
    _place_events: dict[str, list[int]] = field(init=False, repr=False)
    _last_date: dt.date | None = field(init=False, repr=False)
    # Search word → every name of the same place (see place_aliases).
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Shared with the timelines filtered from this one, so each event's text is built once.
    _search: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.events = sorted(self.events, key=lambda e: (e.when.start, e.when.end, e.id))
        self._starts = [e.when.start.toordinal() for e in self.events]
        self._by_id = {e.id: i for i, e in enumerate(self.events)}
        # Every step of the time cursor clamps to this, so it is worked out once, not per step.
        self._last_date = max((e.when.end for e in self.events), default=None)
        self._place_starts = {}
        self._place_events = {}
        for i, event in enumerate(self.events):
            for place in event.places:
                self._place_starts.setdefault(place.id, []).append(self._starts[i])
                self._place_events.setdefault(place.id, []).append(i)

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._by_id

    def get(self, event_id: str) -> Event | None:
        i = self._by_id.get(event_id)
        return None if i is None else self.events[i]

    def index_of(self, event_id: str) -> int | None:
        return self._by_id.get(event_id)

    @property
    def first_date(self) -> dt.date | None:
        return self.events[0].when.start if self.events else None

    @property
    def last_date(self) -> dt.date | None:
        return self._last_date

    def count_started_by(self, day: dt.date) -> int:
        """How many events have started on or before ``day`` (they are ``events[:n]``)."""
        return bisect_right(self._starts, day.toordinal())

    def started_by(self, day: dt.date) -> Sequence[Event]:
        return self.events[: self.count_started_by(day)]

    def overlapping(self, start: dt.date, end: dt.date) -> list[Event]:
        """Events whose span meets the closed window [start, end]."""
        stop = bisect_right(self._starts, end.toordinal())
        return [e for e in self.events[:stop] if e.when.end >= start]

    def next_start_after(self, day: dt.date) -> Event | None:
        i = bisect_right(self._starts, day.toordinal())
        return self.events[i] if i < len(self.events) else None

    def last_start_before(self, day: dt.date) -> Event | None:
        i = bisect_left(self._starts, day.toordinal())
        return self.events[i - 1] if i > 0 else None

    def place_counts(self, day: dt.date, recent_days: int = 0) -> dict[str, tuple[int, int]]:
        """Per place: (events started by ``day``, of which started in the last ``recent_days``).

        One bisect per place, so a step of the time cursor costs O(places · log n) however many
        events there are.
        """
        hi = day.toordinal()
        lo = hi - recent_days
        counts: dict[str, tuple[int, int]] = {}
        for place_id, starts in self._place_starts.items():
            n = bisect_right(starts, hi)
            if n:
                counts[place_id] = (n, n - bisect_right(starts, lo) if recent_days else 0)
        return counts

    def events_at_place(self, place_id: str, day: dt.date | None = None) -> list[Event]:
        indexes = self._place_events.get(place_id, [])
        if day is not None:
            indexes = indexes[: bisect_right(self._place_starts[place_id], day.toordinal())]
        return [self.events[i] for i in indexes]

    def filtered(self, event_filter: EventFilter) -> Timeline:
        if event_filter.is_empty:
            return self
        needs_text = bool(event_filter.text.strip())
        kept = [
            e
            for e in self.events
            if event_filter.matches(e, self._haystack(e) if needs_text else None, self.aliases)
        ]
        return Timeline(kept, aliases=self.aliases, _search=self._search)

    def _haystack(self, event: Event) -> str:
        text = self._search.get(event.id)
        if text is None:
            text = self._search[event.id] = search_text(event)
        return text

    @classmethod
    def of(cls, events: Iterable[Event]) -> Timeline:
        return cls(list(events))
