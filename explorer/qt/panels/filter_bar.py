"""Search and filters: one bar whose choices narrow the map, the timeline and the list alike.

It only calls the state's setters; every view follows ``state.timeline`` on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from explorer.data.corpus import Corpus
from explorer.domain.model import Category
from explorer.domain.state import AppState
from explorer.domain.timeline import EventFilter, Timeline
from explorer.qt.state_bridge import bind

SEARCH_DELAY_MS = 150


class FilterMenuButton(QToolButton):
    """A button with a menu of checkable choices; none checked means "all"."""

    def __init__(self, title: str, choices: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self._title = title
        self.setAccessibleName(f"{title} filter")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self)
        self.actions_by_key: dict[str, QAction] = {}
        for key, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setData(key)
            self.actions_by_key[key] = action
        self.setMenu(menu)
        self.set_checked(frozenset())

    def checked(self) -> frozenset[str]:
        return frozenset(k for k, a in self.actions_by_key.items() if a.isChecked())

    def set_checked(self, keys: frozenset[str]) -> None:
        for key, action in self.actions_by_key.items():
            action.blockSignals(True)
            action.setChecked(key in keys)
            action.blockSignals(False)
        n = len(keys)
        self.setText(f"{self._title}: all" if not n else f"{self._title}: {n} chosen")


class FilterBar(QWidget):
    """Search box (debounced), actor / category / source filters, a clear button and a count."""

    def __init__(self, state: AppState, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setAccessibleName("Search and filters")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles, quotes, actors, places (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search events")
        self.search.setMinimumWidth(260)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_debounce_timeout)

        used_actors = {a.id for e in state.all_events for a in e.actors}
        actors = sorted(
            ((a.id, a.name) for a in corpus.actors.values() if a.id in used_actors),
            key=lambda kv: kv[1].casefold(),
        )
        self.actors = FilterMenuButton("Actors", actors, self)
        self.categories = FilterMenuButton(
            "Categories", [(c.value, c.value.capitalize()) for c in Category], self
        )
        sources = [(s.id, f"{s.outlet} — {s.title}") for s in corpus.sources.values()]
        self.sources = FilterMenuButton("Sources", sources, self)
        for button in (self.actors, self.categories, self.sources):
            button.menu().triggered.connect(self._on_menu_triggered)
        self.clear = QToolButton(self)
        self.clear.setText("Clear filters")
        self.clear.setAccessibleName("Clear search and filters")
        self.clear.clicked.connect(self._on_clear_clicked)
        self.count = QLabel(self)
        self.count.setAccessibleName("Number of events shown")
        self.count.setObjectName("muted")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search, 3)
        for widget in (self.actors, self.categories, self.sources, self.clear):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.count)
        bind(self, state.filter_changed, self._on_state_filter_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        self._on_state_filter_changed(state.event_filter)
        self._on_state_timeline_changed(state.timeline)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._debounce.start()  # restarts: only the last keystroke of a burst searches

    @Slot()
    def _on_debounce_timeout(self) -> None:
        self._debounce.stop()
        self._state.set_search_text(self.search.text())

    @Slot(QAction)
    def _on_menu_triggered(self, _action: QAction) -> None:
        self._state.set_filter(
            EventFilter(
                self.actors.checked(),
                frozenset(Category(c) for c in self.categories.checked()),
                self.sources.checked(),
                self._state.event_filter.text,
            )
        )

    @Slot()
    def _on_clear_clicked(self) -> None:
        self._debounce.stop()
        self._state.set_filter(EventFilter())

    @Slot(object)
    def _on_state_filter_changed(self, event_filter: EventFilter) -> None:
        self.actors.set_checked(event_filter.actors)
        self.categories.set_checked(frozenset(c.value for c in event_filter.categories))
        self.sources.set_checked(event_filter.sources)
        if self.search.text() != event_filter.text and not self._debounce.isActive():
            self.search.blockSignals(True)
            self.search.setText(event_filter.text)
            self.search.blockSignals(False)
        self.clear.setEnabled(not event_filter.is_empty)

    @Slot(object)
    def _on_state_timeline_changed(self, timeline: Timeline) -> None:
        total = len(self._state.all_events)
        shown = len(timeline)
        self.count.setText(f"{shown} events" if shown == total else f"{shown} of {total} events")
