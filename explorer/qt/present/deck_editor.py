"""View → Edit presentation (Ctrl+Shift+D): build a deck in the app, step by step.

"Add this view" takes the window's date, selected event and map extent as a new step;
steps are reordered, retitled, annotated and removed here; Open and Save read and write the
same JSON a presenter can edit by hand (``explorer.export.presentation``). Every change is
the window's presentation at once, so F5 presents what the editor shows.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.presentation import Presentation, Step

if TYPE_CHECKING:
    from explorer.qt.window.main_window import MainWindow

FILE_FILTER = "Presentation (*.json)"


def _extent_text(extent: object) -> str:
    if isinstance(extent, tuple):
        return "[" + ", ".join(f"{v:.2f}" for v in extent) + "]"
    return str(extent) if extent else "the event's places"


class DeckEditor(QDockWidget):
    """A dock listing the deck's steps, with the selected step's title and notes below."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Presentation", window)
        self.setObjectName("deck_editor")
        self.window_ = window
        deck = window.presentation
        self.deck_title = QLineEdit(deck.title if deck else "My presentation")
        self.deck_title.setAccessibleName("Presentation title")
        self.steps: list[Step] = list(deck.steps) if deck else []
        self.list = QListWidget()
        self.list.setAccessibleName("Steps")
        self.step_title = QLineEdit()
        self.step_title.setPlaceholderText("(the event's title)")
        self.step_title.setAccessibleName("Step title")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes for the presenter's screen")
        self.notes.setAccessibleName("Step notes")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, text, slot) in enumerate([
            ("add", "&Add this view", self.add_current_view),
            ("up", "Move &up", lambda: self.move_step(-1)),
            ("down", "Move &down", lambda: self.move_step(+1)),
            ("remove", "&Remove", self.remove),
            ("open", "&Open…", self._on_open_clicked),
            ("save", "&Save…", self._on_save_clicked),
        ]):  # fmt: skip
            button = QPushButton(text)
            button.setObjectName(f"deck_{key}")
            button.clicked.connect(slot)
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[key] = button
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.deck_title)
        layout.addLayout(grid)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.where)
        layout.addWidget(self.step_title)
        layout.addWidget(self.notes, 1)
        # Narrow, so the map keeps a wide shape: a step records the extent the map shows.
        body.setMaximumWidth(300)
        self.setWidget(body)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.step_title.textEdited.connect(self._on_step_title_edited)
        self.notes.textChanged.connect(self._on_notes_changed)
        self.deck_title.textEdited.connect(lambda _: self._publish())
        self._refresh()

    # -- the deck ----------------------------------------------------------------------------
    def deck(self) -> Presentation:
        return Presentation(self.deck_title.text(), tuple(self.steps))

    def _publish(self) -> None:
        self.window_.presentation = self.deck() if self.steps else None

    def _label(self, step: Step) -> str:
        event = self.window_.state.all_events.get(step.event) if step.event else None
        title = step.title or (event.title if event else "(map only)")
        day = step.date or (event.when.start if event else None)
        return f"{day} · {title}" if day else title

    def _refresh(self, row: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([self._label(s) for s in self.steps])
        self.list.blockSignals(False)
        if self.steps:
            self.list.setCurrentRow(min(row if row is not None else 0, len(self.steps) - 1))
        self._on_list_row_changed(self.list.currentRow())
        self._publish()

    # -- editing -----------------------------------------------------------------------------
    def current_view_step(self) -> Step:
        """The window's view as a step: date, selected event and the map's extent."""
        from explorer.data.geo import extent_from_map

        state = self.window_.state
        extent = None
        bounds = state.view.shown_bounds
        if bounds is not None:
            west, south, east, north = extent_from_map(*bounds).lonlat_bounds
            extent = (round(west, 3), round(south, 3), round(east, 3), round(north, 3))
        return Step(event=state.selected_id, date=state.date, extent=extent)

    @Slot()
    def add_current_view(self) -> None:
        row = self.list.currentRow() + 1 if self.steps else 0
        self.steps.insert(row, self.current_view_step())
        self._refresh(row)

    def move_step(self, delta: int) -> None:
        row = self.list.currentRow()
        to = row + delta
        if row < 0 or not 0 <= to < len(self.steps):
            return
        self.steps[row], self.steps[to] = self.steps[to], self.steps[row]
        self._refresh(to)

    @Slot()
    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            del self.steps[row]
            self._refresh(row)

    def _on_list_row_changed(self, row: int) -> None:
        step = self.steps[row] if 0 <= row < len(self.steps) else None
        for widget in (self.step_title, self.notes):
            widget.blockSignals(True)
        self.step_title.setText(step.title or "" if step else "")
        self.notes.setPlainText(step.notes if step else "")
        for widget in (self.step_title, self.notes):
            widget.blockSignals(False)
            widget.setEnabled(step is not None)
        self.where.setText(
            f"Date {step.date or 'of the event'}; extent {_extent_text(step.extent)}"
            if step
            else "No steps yet: choose a date, an event and a view, then Add this view."
        )

    def _replace_current(self, **changes: object) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.steps[row] = dataclasses.replace(self.steps[row], **changes)  # type: ignore[arg-type]
        item = self.list.item(row)
        if item is not None:
            item.setText(self._label(self.steps[row]))
        self._publish()

    def _on_step_title_edited(self, text: str) -> None:
        self._replace_current(title=text or None)

    def _on_notes_changed(self) -> None:
        self._replace_current(notes=self.notes.toPlainText())

    # -- files -------------------------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """Load a deck, keeping its good steps; each bad one is reported."""
        from explorer.export.presentation import PresentationError, read_presentation

        try:
            loaded = read_presentation(path)
        except PresentationError as exc:
            QMessageBox.warning(self, "Cannot open the presentation", str(exc))
            return False
        if loaded.problems:
            QMessageBox.warning(self, "Some steps were left out", "\n".join(loaded.problems))
        self.deck_title.setText(loaded.presentation.title)
        self.steps = list(loaded.presentation.steps)
        self._refresh(0)
        return True

    def save_file(self, path: str | Path) -> Path:
        from explorer.export.presentation import save_presentation

        return save_presentation(path, self.deck())

    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open presentation", str(Path.home()),
                                              FILE_FILTER)  # fmt: skip
        if path:
            self.open_file(path)

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save presentation", str(Path.home() / "presentation.json"), FILE_FILTER
        )
        if path:
            written = self.save_file(path)
            self.window_.statusBar().showMessage(f"Saved the presentation to {written}", 8000)


def show_deck_editor(window: MainWindow) -> DeckEditor:
    editor = window.findChild(DeckEditor, "deck_editor")
    if editor is None:
        editor = DeckEditor(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, editor)
    elif window.presentation is not None and window.presentation != editor.deck():
        editor.deck_title.setText(window.presentation.title)  # opened from the menu since
        editor.steps = list(window.presentation.steps)
        editor._refresh(0)
    editor.show()
    editor.raise_()
    return editor


def add_deck_editor_action(window: MainWindow, menu: QMenu) -> QAction:
    action = menu.addAction("&Edit presentation…")
    action.setObjectName("edit_presentation")
    action.setShortcut(QKeySequence("Ctrl+Shift+D"))
    action.triggered.connect(lambda: show_deck_editor(window))
    return action
