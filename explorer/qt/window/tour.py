"""A short first-run tour: five steps, skippable at any time, reopened from Help.

It only points at the window's parts and says what they do; it never changes time, the
selection or the filters, so skipping it leaves the window exactly as it opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from explorer.qt.window.main_window import MainWindow

SEEN_KEY = "tour/seen"

# (title, text, the window's attribute it points at)
STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "Move through time",
        "The timeline at the bottom holds every event. Drag the red cursor (anywhere along "
        "its line) to move time; the map shows what had happened by then. Click the timeline "
        "and press ← / → to go from event to event.",
        "timeline",
    ),
    (
        "Choose an event",
        "Click an event on the timeline, in the list on the left or on the map. Only a click "
        "or a key chooses: moving between parts of the window never does.",
        "event_list",
    ),
    (
        "Read the sources",
        "The panel on the right shows the chosen event: its date and how it is known, the "
        "verbatim excerpts (click one to open the whole source) and who claimed what.",
        "details",
    ),
    (
        "Search and filter",
        "Ctrl+F searches titles, quotes, actors and places in all their names. The Actors, "
        "Categories and Sources lists narrow the map, the timeline and the list together.",
        "filter_bar",
    ),
    (
        "Find your way",
        "Ctrl+G goes to a date; View → Copy link to this view gives a command that reopens "
        "exactly this view. F1 lists every key. Help → Take the tour shows this again.",
        "map_view",
    ),
)


class TourDialog(QDialog):
    """One step at a time; Back, Next (Done at the end) and Skip tour; Esc (a dialog's
    reject) skips too."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setWindowTitle("Welcome to Karabakh Explorer")
        self.setAccessibleName("Tour")
        self.setModal(False)
        # It never takes the keyboard: keys typed at start (F5, Ctrl+F, Tab) still reach the
        # window. A click on the tour gives it the keys (Enter: next, Esc: skip).
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.step = 0
        self.title = QLabel(self)
        self.title.setObjectName("tourTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(340)
        self.counter = QLabel(self)
        self.counter.setObjectName("muted")
        self.back = QPushButton("Back", self)
        self.next = QPushButton("Next", self)
        self.skip = QPushButton("Skip tour", self)
        self.back.clicked.connect(self._on_back_clicked)
        self.next.clicked.connect(self._on_next_clicked)
        self.skip.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        for button in (self.skip, self.back, self.next):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.show_step(0)

    def show_step(self, step: int) -> None:
        self.step = max(0, min(step, len(STEPS) - 1))
        title, text, target = STEPS[self.step]
        self.title.setText(title)
        self.text.setText(text)
        self.counter.setText(f"{self.step + 1} of {len(STEPS)}")
        self.back.setEnabled(self.step > 0)
        self.next.setText("Done" if self.step == len(STEPS) - 1 else "Next")
        self.next.setDefault(True)
        self.adjustSize()
        self._place_beside(getattr(self._window, target, None))

    def _place_beside(self, widget: QWidget | None) -> None:
        """Next to the part of the window the step is about, inside the window."""
        if widget is None or not widget.isVisible():
            return
        window = self._window.frameGeometry()
        area = widget.rect().translated(widget.mapToGlobal(widget.rect().topLeft()))
        x = area.center().x() - self.width() // 2
        x = min(max(x, window.left()), window.right() - self.width())
        y = area.top() - self.height() - 12  # above the part, else below it, else over it
        if y < window.top():
            y = area.bottom() + 12
        if y + self.height() > window.bottom():
            y = area.center().y() - self.height() // 2
        self.move(x, max(y, window.top()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """The window's shortcuts work here too (F5, Ctrl+F, F1…): the tour closes and the
        window does what was asked. Enter and Esc stay the tour's own."""
        pressed = QKeySequence(event.keyCombination())
        for action in self._window.findChildren(QAction):
            if action.isEnabled() and any(
                s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                for s in action.shortcuts()
            ):
                self.close()
                action.trigger()
                event.accept()
                return
        super().keyPressEvent(event)

    @Slot()
    def _on_back_clicked(self) -> None:
        self.show_step(self.step - 1)

    @Slot()
    def _on_next_clicked(self) -> None:
        if self.step == len(STEPS) - 1:
            self.close()
        else:
            self.show_step(self.step + 1)


def show_tour(window: MainWindow) -> TourDialog:
    """Open the tour (again) and remember that it has been seen."""
    existing = getattr(window, "tour", None)
    if isinstance(existing, TourDialog):
        existing.close()
    tour = TourDialog(window)
    window.tour = tour
    tour.show()
    tour.raise_()
    window.settings.setValue(SEEN_KEY, True)
    return tour


def maybe_show_tour(window: MainWindow) -> TourDialog | None:
    """The tour on a first run only."""
    from explorer.qt import settings_io

    if settings_io.read_bool(window.settings, SEEN_KEY, False):
        return None
    return show_tour(window)
