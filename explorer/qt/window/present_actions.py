"""View → Present (F5), and opening and saving presentation files from the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from explorer.domain.presentation import Presentation, PresenterSession
from explorer.qt.present.presenter import PresenterWindow

if TYPE_CHECKING:
    from explorer.qt.window.main_window import MainWindow

FILE_FILTER = "Presentation (*.json)"
DEFAULT_INTERVAL_S = 8


def interval_s(window: MainWindow) -> int:
    from explorer.qt import settings_io

    return settings_io.read_int(
        window.settings, "presenter/interval_s", DEFAULT_INTERVAL_S, low=2, high=120
    )


def start_presentation(window: MainWindow, presentation: Presentation | None = None
                       ) -> PresenterWindow:  # fmt: skip
    """Open the presenter full screen on the window's own state (so Esc returns to it)."""
    from explorer.qt.map.canvas import MapView
    from explorer.render.style import MapStyle

    deck = (
        presentation
        or window.presentation
        or Presentation.every_event(window.state.timeline.events)
    )
    session = PresenterSession(window.state, deck)
    screen = window.screen()
    # The map's type is scaled for the screen it will fill, before the scene is built.
    height = screen.geometry().height() if screen is not None else 1080
    style = MapStyle.for_screen(height)
    presenter = PresenterWindow(
        session,
        window.corpus,
        MapView(window.state, window.corpus, style=style),
        interval_s=interval_s(window),
    )
    window.presenter = presenter
    # Without a window manager showFullScreen() alone keeps the default size: fill the screen.
    if screen is not None:
        presenter.setGeometry(screen.geometry())
    presenter.showFullScreen()
    presenter.activateWindow()
    presenter.setFocus()
    presenter.start()
    return presenter


def open_presentation(window: MainWindow, path: str | Path) -> Presentation | None:
    """Load a presentation file, keeping its good steps and saying what is wrong with the rest."""
    from explorer.export.presentation import PresentationError, read_presentation

    try:
        loaded = read_presentation(path)
    except PresentationError as exc:
        QMessageBox.warning(window, "Cannot open the presentation", str(exc))
        return None
    deck = loaded.presentation
    unknown = [f"{path}: {line}" for line in deck.unknown_events(window.state.all_events)]
    problems = [*loaded.problems, *unknown]
    if problems:
        QMessageBox.warning(
            window,
            "Some steps of the presentation have problems",
            "\n".join(problems)
            + f"\n\nThe other {len(deck.steps) - len(unknown)} step(s) are kept;"
            " steps naming unknown events are skipped when presenting.",
        )
    window.presentation = deck
    window.statusBar().showMessage(
        f"Presentation “{deck.title}”: {len(deck.steps)} steps. Press F5 to present.", 8000
    )
    return deck


def save_presentation_from_window(window: MainWindow, path: str | Path) -> Path:
    """Save the open presentation, or else every shown event in time order, to edit by hand."""
    from explorer.export.presentation import save_presentation

    deck = window.presentation or Presentation.every_event(
        window.state.timeline.events, "Karabakh Explorer presentation"
    )
    return save_presentation(path, deck)


def add_present_actions(window: MainWindow, menu: QMenu) -> None:
    menu.addSeparator()
    present = menu.addAction("&Present")
    present.setObjectName("present")
    present.setShortcut(QKeySequence("F5"))
    present.triggered.connect(lambda: start_presentation(window))
    opened = menu.addAction("&Open presentation…")
    opened.triggered.connect(lambda: _on_open_triggered(window))
    saved = menu.addAction("Sa&ve presentation…")
    saved.triggered.connect(lambda: _on_save_triggered(window))
    interval = menu.addAction("Autoplay &interval…")
    interval.triggered.connect(lambda: _on_interval_triggered(window))


def _on_open_triggered(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Open presentation", str(Path.home()),
                                          FILE_FILTER)  # fmt: skip
    if path:
        open_presentation(window, path)


def _on_save_triggered(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, "Save presentation", str(Path.home() / "presentation.json"), FILE_FILTER
    )
    if path:
        written = save_presentation_from_window(window, path)
        window.statusBar().showMessage(f"Saved the presentation to {written}", 8000)


def _on_interval_triggered(window: MainWindow) -> None:
    seconds, ok = QInputDialog.getInt(
        window, "Autoplay interval", "Seconds per step:", interval_s(window), 2, 120
    )
    if ok:
        window.settings.setValue("presenter/interval_s", seconds)
