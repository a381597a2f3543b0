"""The one app state: current date, selection, filters and naming policy.

Views change it only through its methods and redraw only from its signals. Every setter emits
only when the value really changed; that equality check is what stops a slider → state →
slider loop.
"""

from __future__ import annotations

import datetime as dt

from explorer.domain.model import Category, Event
from explorer.domain.naming import NamingPolicy
from explorer.domain.signals import Signal
from explorer.domain.timeline import EventFilter, Timeline
from explorer.domain.view import ViewState

# How far back an event still counts as "recent" on the map, in days.
RECENT_DAYS = 120


class AppState:
    """Time, selection, filters and naming for one corpus; knows nothing of Qt.

    Signals
    -------
    time_changed(date), selection_changed(event_id | None), filter_changed(EventFilter),
    naming_changed(NamingPolicy), timeline_changed(Timeline) — the last when the filtered set
    of events changes, before ``filter_changed``. What the map shows besides (layers, legend,
    extent requests) is :attr:`view`, a :class:`~explorer.domain.view.ViewState`.
    """

    def __init__(self, timeline: Timeline, date: dt.date | None = None) -> None:
        self.time_changed = Signal()
        self.selection_changed = Signal()
        self.filter_changed = Signal()
        self.naming_changed = Signal()
        self.timeline_changed = Signal()
        self._all = timeline
        self._visible = timeline
        self._filter = EventFilter()
        self._naming = NamingPolicy.BOTH
        self._selected: str | None = None
        self._date = date or timeline.last_date or dt.date.today()
        self.view = ViewState()

    # -- reading ---------------------------------------------------------------------------
    @property
    def all_events(self) -> Timeline:
        return self._all

    @property
    def timeline(self) -> Timeline:
        """The events that pass the current filter, in time order."""
        return self._visible

    @property
    def date(self) -> dt.date:
        return self._date

    @property
    def selected_id(self) -> str | None:
        return self._selected

    @property
    def selected_event(self) -> Event | None:
        return None if self._selected is None else self._visible.get(self._selected)

    @property
    def event_filter(self) -> EventFilter:
        return self._filter

    @property
    def naming_policy(self) -> NamingPolicy:
        return self._naming

    @property
    def date_range(self) -> tuple[dt.date, dt.date]:
        first, last = self._all.first_date, self._all.last_date
        if first is None or last is None:
            return self._date, self._date
        return first, last

    def is_shown_on_map(self, event: Event) -> bool:
        """On the map at the current date: passes the filter and has started by then."""
        return event.id in self._visible and event.when.start <= self._date

    # -- changing --------------------------------------------------------------------------
    def set_date(self, date: dt.date) -> None:
        first, last = self.date_range
        date = min(max(date, first), last)
        if date != self._date:
            self._date = date
            self.time_changed.emit(date)

    def select(self, event_id: str | None, *, move_time: bool = True) -> None:
        """Select an event (or none). Moving time to it keeps it on the map when chosen."""
        if event_id is not None and event_id not in self._visible:
            event_id = None
        if event_id == self._selected:
            return  # choosing it again (a view re-syncing after a filter) must not move time
        if move_time and event_id is not None:
            event = self._visible.get(event_id)
            assert event is not None
            if not event.when.start <= self._date <= event.when.end:
                self.set_date(event.when.start)
        if event_id != self._selected:
            self._selected = event_id
            self.selection_changed.emit(event_id)

    def step(self, direction: int) -> Event | None:
        """Select the next (+1) or previous (−1) visible event in time order, and go to it."""
        events = self._visible.events
        if not events:
            return None
        i = self._visible.index_of(self._selected) if self._selected else None
        selected = self.selected_event
        if selected is not None and not selected.when.contains(self._date):
            i = None  # the cursor has moved away from the selection: step from the cursor
        if i is None:
            target = (
                self._visible.next_start_after(self._date)
                if direction > 0
                else self._visible.last_start_before(self._date)
            )
            if target is None and direction < 0:
                target = self._visible.events[0]
            if target is None:
                return None
        else:
            j = min(max(i + direction, 0), len(events) - 1)
            target = events[j]
        self.select(target.id)
        self.set_date(target.when.start)
        return target

    def go_to_end(self, last: bool) -> Event | None:
        events = self._visible.events
        if not events:
            return None
        target = events[-1] if last else events[0]
        self.select(target.id)
        self.set_date(target.when.start)
        return target

    def set_filter(self, event_filter: EventFilter) -> None:
        if event_filter == self._filter:
            return
        self._filter = event_filter
        self._visible = self._all.filtered(event_filter)
        self.timeline_changed.emit(self._visible)
        self.filter_changed.emit(event_filter)
        if self._selected is not None and self._selected not in self._visible:
            self._selected = None
            self.selection_changed.emit(None)

    def set_search_text(self, text: str) -> None:
        f = self._filter
        self.set_filter(EventFilter(f.actors, f.categories, f.sources, text))

    def set_actor_filter(self, actor_ids: frozenset[str]) -> None:
        f = self._filter
        self.set_filter(EventFilter(frozenset(actor_ids), f.categories, f.sources, f.text))

    def set_category_filter(self, categories: frozenset[Category]) -> None:
        f = self._filter
        self.set_filter(EventFilter(f.actors, frozenset(categories), f.sources, f.text))

    def set_source_filter(self, source_ids: frozenset[str]) -> None:
        f = self._filter
        self.set_filter(EventFilter(f.actors, f.categories, frozenset(source_ids), f.text))

    def set_naming_policy(self, policy: NamingPolicy) -> None:
        if policy != self._naming:
            self._naming = policy
            self.naming_changed.emit(policy)
