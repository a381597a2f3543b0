"""Finding one's way: Go to date (Ctrl+G), Copy link to this view, keyboard shortcuts (F1).

The first-run tour is in :mod:`explorer.qt.window.tour`. These only read and set the app
state, as any view does.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from markupsafe import Markup
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.model import Category
from explorer.domain.naming import NamingPolicy
from explorer.domain.timeline import EventFilter
from explorer.domain.view import ExtentRequest
from explorer.domain.view_link import ViewLink, parse_day

if TYPE_CHECKING:
    from explorer.qt.window.main_window import MainWindow

# Keys the views handle themselves (menu shortcuts are listed from the menus).
VIEW_KEYS = (
    ("Timeline", "← / →", "previous / next event"),
    ("Timeline", "Home / End", "first / last event"),
    ("Timeline", "+ / − / 0", "zoom in / out / everything"),
    ("Timeline", "drag the cursor", "move time (over event bars too)"),
    ("Timeline", "Shift+drag / double-click", "zoom to a period / show everything"),
    ("Event list", "↑ / ↓, Enter", "choose an event"),
    ("Map", "N / Shift+N or ] / [", "move the focus ring between markers"),
    ("Map", "Enter / Space", "open the marker in the focus ring"),
    ("Map", "+ / −, drag, wheel", "zoom and pan"),
    ("Presenter", "→ PageDown Space / ← PageUp", "next / previous step"),
    ("Presenter", "P, N, Esc", "autoplay, notes, back to the explorer"),
    ("Everywhere", "Tab / Shift+Tab", "move between search, filters, list, map, details, timeline"),
)


class GoToDateDialog(QDialog):
    """Asks for a day written YYYY-MM-DD (as ``explorer gui --date``); says what is wrong."""

    def __init__(self, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date")
        self.setAccessibleName("Go to date")
        self.field = QLineEdit(initial.isoformat(), self)
        self.field.setAccessibleName("Date, written YYYY-MM-DD")
        self.field.selectAll()
        self.error = QLabel("", self)
        self.error.setObjectName("muted")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Date (YYYY-MM-DD, e.g. 2023-09-19):", self))
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.date: dt.date | None = None

    def accept(self) -> None:
        try:
            self.date = parse_day(self.field.text())
        except ValueError as exc:
            self.error.setText(str(exc))
            self.field.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, initial: dt.date) -> dt.date | None:
        """The day chosen, or None if cancelled (tests replace this)."""
        dialog = cls(initial, parent)
        return dialog.date if dialog.exec() == QDialog.DialogCode.Accepted else None


def go_to_date(window: MainWindow, day: dt.date) -> None:
    """Move time to ``day`` (kept within the corpus' dates); the selection stays."""
    window.state.set_date(day)
    if window.state.date != day:
        window.statusBar().showMessage(
            f"{day.isoformat()} is outside the events' dates; "
            f"went to {window.state.date.isoformat()}.",
            8000,
        )


def current_view(window: MainWindow) -> ViewLink:
    """What the window shows now, as a link."""
    state = window.state
    f = state.event_filter
    extent = None
    bounds = state.view.shown_bounds
    if bounds is not None:
        from explorer.data.geo import extent_from_map

        box = extent_from_map(*bounds).lonlat_bounds
        extent = ",".join(f"{v:.3f}".rstrip("0").rstrip(".") for v in box)
    return ViewLink(
        date=state.date,
        event=state.selected_id,
        extent=extent,
        naming=state.naming_policy.value,
        actors=frozenset(f.actors),
        categories=frozenset(c.value for c in f.categories),
        sources=frozenset(f.sources),
        text=f.text,
    )


def apply_view(window: MainWindow, link: ViewLink) -> list[str]:
    """Open ``link`` in the window; what could not be applied, as messages."""
    state = window.state
    problems: list[str] = []
    categories = set()
    for value in link.categories:
        try:
            categories.add(Category(value))
        except ValueError:
            problems.append(f"unknown category {value!r}")
    state.set_filter(
        EventFilter(
            frozenset(link.actors), frozenset(categories), frozenset(link.sources), link.text
        )
    )
    if link.naming:
        state.set_naming_policy(NamingPolicy(link.naming))
    if link.event:
        if link.event in state.timeline:
            state.select(link.event, move_time=link.date is None)
        else:
            problems.append(f"event {link.event!r} is not shown (unknown, or filtered out)")
    if link.date is not None:
        state.set_date(link.date)
    if link.extent:
        # The map keeps a requested extent framed through the window's first resizes.
        state.view.request_extent(ExtentRequest(extent=link.extent))
    return problems


def copy_link(window: MainWindow) -> str:
    """Put the command that reopens this view on the clipboard; returns it."""
    command = current_view(window).command()
    QGuiApplication.clipboard().setText(command)
    window.statusBar().showMessage(f"Copied: {command}", 15000)
    return command


def shortcuts_html(window: MainWindow) -> str:
    """Every menu shortcut (read from the menus) and the keys the views handle."""
    rows: list[tuple[str, str, str]] = []
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                where = menu.title().replace("&", "")
                rows.append((where, keys, action.text().replace("&", "").rstrip("…")))
    rows.extend(VIEW_KEYS)
    seen = set()
    body = []
    for where, keys, what in rows:
        if (keys, what) in seen:
            continue
        seen.add((keys, what))
        body.append(
            Markup("<tr><td>{}</td><td><b>{}</b></td><td>{}</td></tr>").format(where, keys, what)
        )
    return str(
        Markup(
            "<table cellspacing='0' cellpadding='4'>"
            "<tr><th align='left'>Where</th><th align='left'>Keys</th>"
            "<th align='left'>What</th></tr>{}</table>"
        ).format(Markup("").join(body))
    )


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts (F1): a list that can stay open beside the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Keyboard shortcuts list")
        self.text.setHtml(shortcuts_html(window))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)


def add_navigation_actions(window: MainWindow, view_menu: QMenu, help_menu: QMenu) -> None:
    """View → Go to date…, Copy link to this view; Help → Keyboard shortcuts, Take the tour."""
    go = view_menu.addAction("&Go to date…")
    go.setShortcut(QKeySequence("Ctrl+G"))
    go.triggered.connect(lambda: _on_go_triggered(window))
    link = view_menu.addAction("Copy &link to this view")
    link.setShortcut(QKeySequence("Ctrl+Shift+C"))
    link.triggered.connect(lambda: copy_link(window))
    keys = help_menu.addAction("&Keyboard shortcuts")
    keys.setShortcut(QKeySequence(Qt.Key.Key_F1))
    keys.triggered.connect(lambda: show_shortcuts(window))
    tour = help_menu.addAction("Take the &tour")
    tour.triggered.connect(lambda: _show_tour(window))


def show_shortcuts(window: MainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def _on_go_triggered(window: MainWindow) -> None:
    day = GoToDateDialog.ask(window, window.state.date)
    if day is not None:
        go_to_date(window, day)


def _show_tour(window: MainWindow) -> None:
    from explorer.qt.window.tour import show_tour

    show_tour(window)
