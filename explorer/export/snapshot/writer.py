"""Annotated map snapshots (PNG, SVG, PDF), from the command line or the GUI, no window needed.

``export_snapshot(corpus, options, path)`` renders the same :class:`MapScene` the desktop map
shows, on a page with title, date stamp, legend, scale bar, north arrow, attribution and the
sources of what is shown. Files are written atomically and never over an existing file
unless ``force`` is set.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from explorer.domain.presentation import Presentation
from explorer.export.files import OutputError, check_writable, write_atomic
from explorer.export.presentation import PresentationError, load_presentation

MM_PER_INCH = 25.4
SCREEN_DPI = 96.0
FORMATS = ("png", "svg", "pdf")


@dataclass
class SnapshotOptions:
    """What to draw and how. Defaults: A4 landscape at 300 dpi (3508 × 2480 px)."""

    format: str = "png"
    date: dt.date | None = None  # default: the event's start, else the last event's date
    event_id: str | None = None
    extent: Any = None  # "region" | "nk" | "corridor" | "W,S,E,N" | (W, S, E, N) | None
    dpi: int = 300
    width_mm: float = 297.0
    height_mm: float = 210.0
    title: str | None = None
    naming: str = "both"
    notes: str = ""
    subtitle: str = ""
    force: bool = False
    categories: frozenset = field(default_factory=frozenset)
    # The window's whole filter (actors, sources, search), when exporting what it shows.
    event_filter: Any = None
    # Map layers switched off (keys of explorer.domain.view.LAYERS), as in the window.
    hidden_layers: frozenset[str] = field(default_factory=frozenset)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """Page size in pixels at ``dpi``."""
        return (
            round(self.width_mm / MM_PER_INCH * self.dpi),
            round(self.height_mm / MM_PER_INCH * self.dpi),
        )


def ensure_qt_app():
    """A QApplication to render with, offscreen when there is no display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["explorer-snapshot"])


def _validate(corpus, options: SnapshotOptions) -> None:
    if options.format not in FORMATS:
        raise ValueError(f"unknown format {options.format!r}; use png, svg or pdf")
    if options.event_id is not None and options.event_id not in corpus.timeline:
        raise ValueError(f"unknown event {options.event_id!r} (see 'explorer export events')")
    if not 30 <= options.dpi <= 1200:
        raise ValueError(f"--dpi {options.dpi} is out of range (30–1200)")
    if not (20 <= options.width_mm <= 2000 and 20 <= options.height_mm <= 2000):
        raise ValueError("page size must be between 20 and 2000 mm on each side")
    if options.extent is not None and not isinstance(options.extent, tuple):
        from explorer.data.geo import parse_extent

        try:
            parse_extent(str(options.extent))
        except ValueError as exc:
            raise ValueError(f"--extent: {exc}") from exc


def _page(corpus, options: SnapshotOptions, layers):
    """The scene, state, extent and text of one page."""
    from explorer.domain.naming import NamingPolicy
    from explorer.domain.state import AppState
    from explorer.export.snapshot.page import PageContent, page_factor
    from explorer.render.extent import extent_rect
    from explorer.render.scene import build_map_scene
    from explorer.render.style import MapStyle

    event = corpus.timeline.get(options.event_id) if options.event_id else None
    date = options.date or (event.when.start if event else corpus.timeline.last_date)
    state = AppState(corpus.timeline, date or dt.date.today())
    if options.event_filter is not None:
        state.set_filter(options.event_filter)
    if options.categories:
        state.set_category_filter(options.categories)
    state.set_naming_policy(NamingPolicy(options.naming))
    for layer in options.hidden_layers:
        state.view.set_layer_visible(layer, False)
    if event is not None:
        state.select(event.id, move_time=False)
    # Type and symbols scale with the resolution and with the page (80 mm wide to A0).
    scale = options.dpi / SCREEN_DPI * page_factor(options.width_mm, options.height_mm)
    scene = build_map_scene(state, corpus, layers, MapStyle(scale=scale))
    if options.extent is not None:
        extent = extent_rect(options.extent)
    elif event is not None and any(p.id in scene.place_points for p in event.places):
        points = [scene.place_points[p.id] for p in event.places if p.id in scene.place_points]
        extent = _around(points, minimum=140_000.0)
    else:
        extent = extent_rect("region")
    title = options.title or (event.title if event else "Nagorno-Karabakh and the South Caucasus")
    subtitle = options.subtitle or (f"Event: {event.when.display()}" if event else "")
    content = PageContent(title, state.date, subtitle, options.notes, filter_line(corpus, state))
    return scene, state, extent, content


def filter_line(corpus, state) -> str:
    """The line under a page's date stamp: the active filters and the naming policy."""
    f = state.event_filter
    parts = []
    if f.categories:
        parts.append("categories " + ", ".join(sorted(str(c) for c in f.categories)))
    if f.actors:
        names = sorted(corpus.actors[a].name if a in corpus.actors else a for a in f.actors)
        parts.append("actors " + ", ".join(names))
    if f.sources:
        titles = sorted(corpus.sources[s].title if s in corpus.sources else s for s in f.sources)
        parts.append("sources " + "; ".join(titles))
    if f.text.strip():
        parts.append(f"search “{f.text.strip()}”")
    shown = len(state.timeline.events)
    total = len(state.all_events.events)
    filters = "; ".join(parts) + f" ({shown} of {total} events)" if parts else "none"
    return f"Filters: {filters}  ·  Place names: {state.naming_policy.label}"


def _around(points, minimum: float):
    from PySide6.QtCore import QRectF

    rect = QRectF(points[0], points[0])
    for point in points[1:]:
        rect = rect.united(QRectF(point, point))
    span = max(rect.width(), rect.height(), minimum) * 1.3
    c = rect.center()
    return QRectF(c.x() - span / 2, c.y() - span / 2, span, span)


def _render_pages(
    corpus, pages: list[SnapshotOptions], fmt: str, tmp: Path, layers, reports: list
) -> None:
    """Paint ``pages`` into ``tmp``; each page's :class:`PageReport` goes to ``reports``."""
    from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF
    from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter

    from explorer.export.snapshot.page import paint_page

    first = pages[0]
    w, h = first.pixel_size
    page_rect = QRectF(0, 0, w, h)
    if fmt == "png":
        image = QImage(w, h, QImage.Format.Format_RGB32)
        dots_per_metre = round(first.dpi / MM_PER_INCH * 1000)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        painter = QPainter(image)
        try:
            reports.append(paint_page(painter, page_rect, *_page(corpus, first, layers)))
        finally:
            painter.end()
        if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # stubs say bytes
            raise OutputError(f"{tmp}: the PNG encoder failed")
        return
    if fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(QSize(w, h))
        generator.setViewBox(QRect(0, 0, w, h))
        generator.setResolution(first.dpi)
        generator.setTitle(pages[0].title or "Karabakh Explorer snapshot")
        generator.setDescription("Map snapshot made with Karabakh Explorer")
        painter = QPainter(generator)
        try:
            reports.append(paint_page(painter, page_rect, *_page(corpus, first, layers)))
        finally:
            painter.end()
        return
    writer = QPdfWriter(str(tmp))
    writer.setResolution(first.dpi)
    writer.setPageSize(
        QPageSize(QSizeF(first.width_mm, first.height_mm), QPageSize.Unit.Millimeter)
    )
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(first.title or "Karabakh Explorer snapshot")
    writer.setCreator("Karabakh Explorer")
    painter = QPainter(writer)
    try:
        for i, options in enumerate(pages):
            if i:
                writer.newPage()
            device = QRectF(0, 0, writer.width(), writer.height())
            reports.append(paint_page(painter, device, *_page(corpus, options, layers)))
    finally:
        painter.end()


def warn_omissions(reports, pages: list[SnapshotOptions], warn=None) -> None:
    """Tell on stderr (or ``warn``) what each page shortened or left out to fit."""
    say = warn or (lambda text: print(text, file=sys.stderr))
    for i, (report, options) in enumerate(zip(reports, pages, strict=False), 1):
        if report is None:
            continue
        where = f"{options.width_mm:g}×{options.height_mm:g} mm"
        if len(pages) > 1:
            where += f", page {i}"
        for message in report.omitted:
            say(f"explorer: warning: snapshot {where}: {message}")


def export_snapshot(
    corpus, options: SnapshotOptions, path: Path | str, layers=None, warn=None
) -> Path:
    """Render one annotated map page to ``path`` (PNG, SVG or PDF, per ``options.format``).

    Raises ``ValueError`` for bad options (unknown event, …) and ``OutputError`` when the
    file cannot or may not be written; nothing is left behind on failure. What the page
    had to shorten or leave out to fit is told on stderr (or to ``warn(text)``).
    """
    return _write_pages(corpus, [options], options.format, Path(path), layers, warn)


def export_presentation(
    corpus, pres: Presentation, options: SnapshotOptions, path: Path | str, layers=None
) -> Path:
    """A PDF with one page per step of ``pres`` (title, extent and notes of each step)."""
    problems = pres.unknown_events(corpus.timeline)
    if problems:
        raise ValueError("; ".join(problems))
    if not pres.steps:
        raise ValueError("the presentation has no steps")
    pages = []
    for i, step in enumerate(pres.steps, 1):
        pages.append(
            replace(
                options,
                format="pdf",
                event_id=step.event,
                date=step.date,
                extent=step.extent if step.extent is not None else options.extent,
                title=step.title or options.title,
                notes=step.notes,
                subtitle=f"{pres.title} — step {i} of {len(pres.steps)}" if pres.title else "",
            )
        )
    return _write_pages(corpus, pages, "pdf", Path(path), layers)


def _write_pages(
    corpus, pages: list[SnapshotOptions], fmt: str, path: Path, layers=None, warn=None
) -> Path:
    """Validate every page, render them into one file atomically, then tell what was cut."""
    for page in pages:
        _validate(corpus, page)
    force = pages[0].force
    check_writable(path, force=force)  # before a long render, not after it
    ensure_qt_app()
    reports: list = []
    written = write_atomic(
        path, lambda tmp: _render_pages(corpus, pages, fmt, tmp, layers, reports), force=force
    )
    warn_omissions(reports, pages, warn)
    return written


def options_from_args(args) -> SnapshotOptions:
    """``SnapshotOptions`` from the parsed ``explorer snapshot`` arguments (ValueError if bad)."""
    date = None
    if args.date:
        from explorer.domain.dates import parse_user_date

        date = parse_user_date(args.date, "--date")
    extent = args.extent
    return SnapshotOptions(
        format=args.format,
        date=date,
        event_id=args.event,
        extent=extent,
        dpi=args.dpi,
        width_mm=args.width_mm,
        height_mm=args.height_mm,
        title=args.title,
        naming=args.naming,
        force=args.force,
    )


def snapshot_command(corpus, args) -> int:
    """``explorer snapshot``: 0 on success, 2 on bad arguments or an unwritable output."""
    try:
        options = options_from_args(args)
        first = corpus.timeline.first_date
        if options.date and first and options.date < first:
            print(f"explorer: warning: --date {options.date} is before the first event "
                  f"({first}); the map shows no events", file=sys.stderr)  # fmt: skip
        if args.presentation:
            if args.format != "pdf":
                raise ValueError("--presentation needs --format pdf (one page per step)")
            pres = load_presentation(args.presentation)
            export_presentation(corpus, pres, options, args.output)
        else:
            export_snapshot(corpus, options, args.output)
    except (ValueError, PresentationError, OutputError) as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
