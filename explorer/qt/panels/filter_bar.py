"""Search and filters: one bar whose choices narrow the map, the timeline and the list alike.

It only calls the state's setters; every view follows ``state.timeline`` on its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.data.corpus import Corpus
from explorer.domain.model import Category
from explorer.domain.state import AppState
from explorer.domain.timeline import EventFilter, Timeline
from explorer.qt.state_bridge import bind

SEARCH_DELAY_MS = 150


class CheckListPopup(QFrame):
    """A popup list of checkable choices with a search field; it stays open while choosing.

    A click (or Space / Enter) on a row toggles it; Esc or a click outside closes the popup.
    """

    toggled = Signal()  # the user checked or unchecked a choice
    closed = Signal()

    def __init__(self, title: str, choices: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"{title} to show")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"Type to find {title.lower()}")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Find {title.lower()}")
        self.search.textChanged.connect(self._on_search_text_changed)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items: dict[str, QListWidgetItem] = {}
        for key, label in choices:
            item = QListWidgetItem(label, self.list)
            # Not user-checkable: the whole row toggles (below), not only its small box.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(label)
            self.items[key] = item
        self.list.itemClicked.connect(self.toggle_item)
        self.list.itemActivated.connect(self.toggle_item)
        self.list.installEventFilter(self)
        self.search.installEventFilter(self)
        self.all = QToolButton(self)
        self.all.setText("Show all")
        self.all.setAccessibleName(f"Show all {title.lower()}")
        self.all.clicked.connect(self._on_all_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.all, 0, Qt.AlignmentFlag.AlignRight)
        fm = self.fontMetrics()
        rows = min(len(choices), 14)
        width = max((fm.horizontalAdvance(label) for _, label in choices), default=0)
        self.list.setMinimumSize(min(max(width + 60, 260), 460), rows * (fm.height() + 6) + 6)
        self.search.setVisible(len(choices) > 8)

    def checked(self) -> frozenset[str]:
        checked = Qt.CheckState.Checked
        return frozenset(k for k, i in self.items.items() if i.checkState() == checked)

    def set_checked(self, keys: frozenset[str]) -> None:
        for key, item in self.items.items():
            state = Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)

    @Slot(QListWidgetItem)
    def toggle_item(self, item: QListWidgetItem) -> None:
        on = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.toggled.emit()

    def toggle(self, key: str) -> None:
        """Toggle one choice as a click on its row does."""
        self.toggle_item(self.items[key])

    def visible_keys(self) -> list[str]:
        return [k for k, i in self.items.items() if not i.isHidden()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.list and key == Qt.Key.Key_Space:
                item = self.list.currentItem()
                if item is not None:
                    self.toggle_item(item)
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
                # From the search field down into the list, on its first match.
                shown = [self.items[k] for k in self.visible_keys()]
                if shown:
                    self.list.setCurrentItem(shown[0])
                    self.list.setFocus()
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.closed.emit()

    def popup_below(self, anchor: QWidget) -> None:
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.show()
        (self.search if self.search.isVisible() else self.list).setFocus()

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self.items.values():
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    @Slot()
    def _on_all_clicked(self) -> None:
        if self.checked():
            self.set_checked(frozenset())
            self.toggled.emit()


class FilterMenuButton(QToolButton):
    """A button opening a searchable check list; none checked means "all"."""

    toggled_choice = Signal()  # the user changed the choices

    def __init__(self, title: str, choices: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self._title = title
        self.setAccessibleName(f"{title} filter")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.popup = CheckListPopup(title, choices, self)
        self.popup.toggled.connect(self.toggled_choice)
        # Back on the button when the list closes, as after a menu: Tab goes on from here.
        self.popup.closed.connect(lambda: self.setFocus(Qt.FocusReason.PopupFocusReason))
        self.clicked.connect(self._on_clicked)
        self.set_checked(frozenset())

    def checked(self) -> frozenset[str]:
        return self.popup.checked()

    def set_checked(self, keys: frozenset[str]) -> None:
        self.popup.set_checked(keys)
        n = len(keys)
        self.setText(f"{self._title}: all ▾" if not n else f"{self._title}: {n} chosen ▾")

    def toggle_choice(self, key: str) -> None:
        """Toggle one choice as a click on its row in the list does."""
        self.popup.toggle(key)

    def is_checked(self, key: str) -> bool:
        return key in self.popup.checked()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down:
            self._on_clicked()
            return
        super().keyPressEvent(event)

    @Slot()
    def _on_clicked(self) -> None:
        self.popup.popup_below(self)


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
        self.search.setMinimumWidth(200)
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
            button.toggled_choice.connect(self._on_choice_toggled)
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

    @Slot()
    def _on_choice_toggled(self) -> None:
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
