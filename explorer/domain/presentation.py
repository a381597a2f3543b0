"""Presentations: an ordered list of steps a presenter walks through in front of a room.

A step fixes time, selection and map extent together. Filters are respected: a step whose
event the current filters hide is skipped, and the skip is announced, never silent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Sequence
from dataclasses import dataclass, field

from explorer.domain.model import Event
from explorer.domain.signals import Signal
from explorer.domain.state import AppState

# A named extent ("region", "nk", "corridor"), a (west, south, east, north) box in degrees,
# or None for "fit the event's places".
Extent = str | tuple[float, float, float, float] | None


@dataclass(frozen=True, slots=True)
class Step:
    """One step: an event (or, for a map-only page, just a date), where to look, and notes."""

    event: str | None = None
    extent: Extent = None
    notes: str = ""
    date: dt.date | None = None  # overrides the event's start date
    title: str | None = None  # overrides the event's title


@dataclass(frozen=True)
class Presentation:
    title: str = ""
    steps: tuple[Step, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", tuple(self.steps))

    @classmethod
    def every_event(cls, events: Sequence[Event], title: str = "") -> Presentation:
        """The default deck: every event in time order."""
        return cls(title or "All events in time order", tuple(Step(e.id) for e in events))

    def unknown_events(self, event_ids: Container[str]) -> list[str]:
        """``steps[i].event: unknown event 'x'`` for each step naming an event not known."""
        return [
            f"steps[{i}].event: unknown event {step.event!r}"
            for i, step in enumerate(self.steps)
            if step.event is not None and step.event not in event_ids
        ]


class PresenterSession:
    """Walks a presentation over an :class:`AppState`.

    Signals
    -------
    step_changed(position: int, step: Step, skipped: list[Step])
        ``position`` is the index into the presentation; ``skipped`` lists the steps passed
        over to get there because the filters hide their events.
    """

    def __init__(self, state: AppState, presentation: Presentation) -> None:
        self.state = state
        self.presentation = presentation
        self.step_changed = Signal()
        self._position: int | None = None

    @property
    def position(self) -> int | None:
        return self._position

    @property
    def current(self) -> Step | None:
        return None if self._position is None else self.presentation.steps[self._position]

    @property
    def current_event(self) -> Event | None:
        step = self.current
        return None if step is None or step.event is None else self.state.timeline.get(step.event)

    def is_shown(self, step: Step) -> bool:
        return step.event is None or step.event in self.state.timeline

    def counter(self) -> str:
        """'Step 3 of 12' — counting only the steps the filters let through."""
        shown = [i for i, s in enumerate(self.presentation.steps) if self.is_shown(s)]
        if self._position is None or self._position not in shown:
            return f"{len(shown)} steps"
        return f"Step {shown.index(self._position) + 1} of {len(shown)}"

    def start(self) -> Step | None:
        return self._walk(-1, +1)

    def next(self) -> Step | None:
        return self._walk(-1 if self._position is None else self._position, +1)

    def previous(self) -> Step | None:
        start = len(self.presentation.steps) if self._position is None else self._position
        return self._walk(start, -1)

    def first(self) -> Step | None:
        return self._walk(-1, +1)

    def last(self) -> Step | None:
        return self._walk(len(self.presentation.steps), -1)

    def _walk(self, origin: int, direction: int) -> Step | None:
        steps = self.presentation.steps
        skipped: list[Step] = []
        i = origin + direction
        while 0 <= i < len(steps):
            if self.is_shown(steps[i]):
                self._apply(i, skipped)
                return steps[i]
            skipped.append(steps[i])
            i += direction
        return None  # at an end: stay where we are

    def _apply(self, position: int, skipped: list[Step]) -> None:
        step = self.presentation.steps[position]
        event = None if step.event is None else self.state.timeline.get(step.event)
        self._position = position
        # Time first, then selection: the map never shows the event before its own date.
        date = step.date or (event.when.start if event else None)
        if date is not None:
            self.state.set_date(date)
        self.state.select(event.id if event else None, move_time=False)
        self.step_changed.emit(position, step, skipped)
