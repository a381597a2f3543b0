"""Which pages a video shows, and for how many frames: pure planning, no drawing.

A video is a list of *pages* (the :class:`SnapshotOptions` of a snapshot: event, date,
extent, title, notes) and a list of :class:`Frame`: each frame shows one page at a date,
part-way (``towards`` < 1) on the way from the previous page's extent to its own. Between
the steps of a presentation the extent and the date move smoothly for ``transition_s``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from explorer.domain.presentation import Presentation
from explorer.export.snapshot.writer import SnapshotOptions

STEP_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


@dataclass(frozen=True)
class Frame:
    """One frame: page ``page`` at ``date``, ``towards`` of the way from the previous page."""

    page: int
    date: dt.date
    towards: float = 1.0


def parse_step(text: str) -> tuple[int, str]:
    """``"1d"``, ``"2w"``, ``"1m"``, ``"1y"`` → ``(count, unit)``; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", text.lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"--step {text!r}: write a count and a unit, like 1d, 2w, 1m or 1y")
    return int(match.group(1)), STEP_UNITS[match.group(2)]


def add_step(day: dt.date, count: int, unit: str) -> dt.date:
    """``day`` plus ``count`` days, weeks, months or years (31 Jan + 1m = 28 Feb)."""
    if unit == "days":
        return day + dt.timedelta(days=count)
    if unit == "weeks":
        return day + dt.timedelta(weeks=count)
    months = count if unit == "months" else 12 * count
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def period_frames(
    start: dt.date, end: dt.date, step: tuple[int, str], base: SnapshotOptions
) -> tuple[list[SnapshotOptions], list[Frame]]:
    """One page, one frame per date from ``start`` to ``end`` (inclusive) by ``step``."""
    if end < start:
        raise ValueError(f"--to {end} is before --from {start}")
    count, unit = step
    frames = []
    day = start
    while day <= end:
        frames.append(Frame(0, day))
        day = add_step(day, count, unit)
    if frames[-1].date != end:
        frames.append(Frame(0, end))  # the period's last day is always shown
    return [replace(base, date=start, event_id=None)], frames


def ease(t: float) -> float:
    """Smoothstep: starts and ends gently, so a zoom does not jolt."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)


def step_date(corpus, page: SnapshotOptions) -> dt.date:
    """The date a page shows: its own, else its event's start, else the last event's."""
    if page.date is not None:
        return page.date
    event = corpus.timeline.get(page.event_id) if page.event_id else None
    if event is not None:
        return event.when.start
    return corpus.timeline.last_date or dt.date.today()


def presentation_pages(pres: Presentation, base: SnapshotOptions) -> list[SnapshotOptions]:
    """One snapshot page per step, as ``explorer snapshot --presentation`` draws them."""
    n = len(pres.steps)
    return [
        replace(
            base,
            event_id=step.event,
            date=step.date,
            extent=step.extent if step.extent is not None else base.extent,
            title=step.title or base.title,
            notes=step.notes,
            subtitle=f"{pres.title} — step {i} of {n}" if pres.title else "",
        )
        for i, step in enumerate(pres.steps, 1)
    ]


def presentation_frames(
    corpus,
    pres: Presentation,
    base: SnapshotOptions,
    *,
    seconds_per_step: float,
    fps: float,
    transition_s: float = 1.0,
) -> tuple[list[SnapshotOptions], list[Frame]]:
    """Pages for the steps, each held ``seconds_per_step``; the first ``transition_s`` of each
    step after the first moves the extent and the date from the step before."""
    if not pres.steps:
        raise ValueError("the presentation has no steps")
    problems = pres.unknown_events(corpus.timeline)
    if problems:
        raise ValueError("; ".join(problems))
    pages = presentation_pages(pres, base)
    hold = max(1, round(seconds_per_step * fps))
    frames: list[Frame] = []
    previous: dt.date | None = None
    for i, page in enumerate(pages):
        date = step_date(corpus, page)
        moving = 0 if previous is None else min(round(transition_s * fps), hold // 2)
        for j in range(hold):
            if j < moving:
                t = ease((j + 1) / (moving + 1))
                assert previous is not None
                day = previous + dt.timedelta(days=round((date - previous).days * t))
                frames.append(Frame(i, day, t))
            else:
                frames.append(Frame(i, date))
        previous = date
    return pages, frames
