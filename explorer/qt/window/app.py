"""``explorer gui``: start Qt, load the corpus and open the main window.

With ``EXPLORER_EXIT_AFTER_PAINT=1`` the app prints ``EXPLORER_FIRST_PAINT`` as soon as the
window (with its map) has painted once, then quits: the benchmark times process start to that
line.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from explorer.domain.dates import parse_user_date

PAINT_MARKER = "EXPLORER_FIRST_PAINT"


class _FirstPaint(QObject):
    """Run ``then`` right after the watched widget's first paint has finished."""

    def __init__(self, app: QApplication, then) -> None:
        super().__init__(app)
        self._then = then
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            watched.removeEventFilter(self)
            # After this paint has finished, not during it.
            QTimer.singleShot(0, self._then)
        return False


def _freeze_heap() -> None:
    # The corpus lives as long as the window: freezing it keeps the cyclic GC from walking
    # 100,000 events in the middle of a drag. Done after the first frame (it takes ~25 ms).
    gc.collect()
    gc.freeze()


def _report_first_paint(app: QApplication) -> None:
    """Benchmarks only: say that the map has painted, and quit."""
    print(PAINT_MARKER, flush=True)
    app.exit(0)


def app_icon() -> QIcon:
    """The application icon from ``resources/icons`` (every PNG size, then the SVG)."""
    from explorer.data.embedded import resource_path

    icon = QIcon()
    folder = resource_path("icons")
    for path in sorted(folder.glob("karabakh-explorer-*.png")):
        icon.addFile(str(path))
    return icon


def _application() -> QApplication:
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setOrganizationName("KarabakhExplorer")
    app.setApplicationName("Karabakh Explorer")
    app.setApplicationDisplayName("Karabakh Explorer")
    # The icon of every window, and the desktop entry it belongs to (Wayland, taskbars).
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("karabakh-explorer")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    return app


def parse_start_date(text: str) -> dt.date:
    """``--date`` as a date; ``ValueError`` with a message that says what is wrong with it."""
    return parse_user_date(text, "--date")


def check_start_event(corpus, event_id: str) -> None:
    """Raise ``ValueError`` unless ``event_id`` names an event of ``corpus``."""
    if event_id in corpus.timeline:
        return
    import difflib

    close = difflib.get_close_matches(event_id, [e.id for e in corpus.timeline], n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise ValueError(
        f"--event {event_id!r} is not an event of this corpus "
        f"({hint}see explorer export events -f csv -o -)"
    )


def run_gui(
    corpus_root: Path | None,
    date: str | None = None,
    event_id: str | None = None,
    view: str | None = None,
) -> int:
    """Open the explorer on ``corpus_root`` (default: the embedded corpus); the exit code.

    Bad ``--date`` and ``--event`` values end here with one line on stderr and exit code 2,
    before Qt is started: a window that opens somewhere else than asked is easy to miss.
    """
    from explorer.data.corpus import check_corpus_loaded, load_corpus
    from explorer.domain.view_link import parse_view

    try:
        start_date = parse_start_date(date) if date else None
        try:
            link = parse_view(view) if view is not None else None
        except ValueError as exc:
            raise ValueError(f"--view: {exc}") from None
        corpus = load_corpus(corpus_root)
        if corpus.problems or corpus_root is None:
            # Events that failed to load, or an embedded corpus without events, are an error,
            # not an empty window. A user's new corpus with no events yet (explorer
            # new-corpus) opens: File → Add source… is where its events come from.
            check_corpus_loaded(corpus)
        if event_id:
            check_start_event(corpus, event_id)
        if link is not None and link.event:
            check_start_event(corpus, link.event)
    except ValueError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    app = _application()
    from explorer.qt.window.main_window import MainWindow

    window = MainWindow(corpus, date=start_date, event_id=event_id, view=link)
    exit_after_paint = os.environ.get("EXPLORER_EXIT_AFTER_PAINT") == "1"
    target = window.map_view
    target = getattr(target, "viewport", lambda: target)()
    target.installEventFilter(
        _FirstPaint(app, (lambda: _report_first_paint(app)) if exit_after_paint else _freeze_heap)
    )
    window.fit_to_screen()
    window.show()
    if not exit_after_paint:
        from explorer.qt.window.tour import maybe_show_tour

        # With the window as context: no call once the window is gone.
        QTimer.singleShot(400, window, lambda: maybe_show_tour(window))
    if corpus.problems and QGuiApplication.platformName() != "offscreen":
        # Non-modal, after the window is up: the atlas opens with what loaded.
        QTimer.singleShot(300, window.show_problems)
    return app.exec()
