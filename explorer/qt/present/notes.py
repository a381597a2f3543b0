"""The presenter's notes: this step, the next one, the notes and a clock, never in the way.

The window never takes keyboard focus (``WindowDoesNotAcceptFocus``, shown without being
activated), so a clicker's →, PageDown and Space keep stepping the presentation. With a
second screen it fills the screen the presentation is not on; on one screen it is a small
window in the map's top-left corner, away from the caption, the legend and the north arrow.
"""

from __future__ import annotations

from markupsafe import Markup
from PySide6.QtCore import QElapsedTimer, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.domain.presentation import PresenterSession, Step
from explorer.qt.plain_text import escape
from explorer.qt.state_bridge import bind
from explorer.render.palette import INK, INK_MUTED

# On one screen: at most this share of the screen's width and height.
CORNER_SHARE = (0.28, 0.34)


def _label(name: str, size_px: int, colour: str, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(name.replace("_", " "))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"color: {colour};")
    font = QFont("DejaVu Sans")
    font.setPixelSize(size_px)
    font.setBold(bold)
    label.setFont(font)
    return label


def step_title(session: PresenterSession, step: Step | None) -> str:
    """What a step is called: its own title, else its event's, else its date."""
    if step is None:
        return "(end of the presentation)"
    event = session.state.all_events.get(step.event) if step.event else None
    if step.title:
        return step.title
    if event is not None:
        return event.title
    return f"The map on {step.date}" if step.date else "(a step without a title)"


class PresenterNotes(QWidget):
    """The presenter's own screen: current and next step, the notes, and the elapsed time."""

    def __init__(
        self, session: PresenterSession, presenter: QWidget | None = None, *, size_px: int = 20
    ) -> None:
        # A tool window of the presenter: window managers keep it above the full-screen
        # presentation (a transient), and it never takes the keyboard.
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.WindowDoesNotAcceptFocus
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.FramelessWindowHint
        )
        super().__init__(presenter, flags)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle("Presenter notes")
        self.setObjectName("presenter_notes_window")
        self.setStyleSheet("QWidget#presenter_notes_window { background: #fbfaf7; }")
        self.session = session
        self.presenter = presenter
        self.clock = _label("presenter_clock", round(size_px * 1.6), INK, bold=True)
        self.current = _label("current_step", size_px, INK, bold=True)
        self.notes = _label("presenter_notes", size_px, INK)
        self.upcoming = _label("next_step", round(size_px * 0.8), INK_MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addWidget(self.clock)
        layout.addWidget(self.current)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.upcoming)
        for label in (self.clock, self.current, self.notes, self.upcoming):
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()
        self._on_tick_timeout()
        bind(self, session.step_changed, self._on_session_step_changed)
        self._show(session.current)

    # -- placing -----------------------------------------------------------------------------
    def place(self, presenter_screen: QScreen | None, slide: QRect | None = None) -> bool:
        """Put the notes on another screen if there is one (True), else in a corner of ``slide``."""
        others = [s for s in QGuiApplication.screens() if s is not presenter_screen]
        if others:
            area = others[0].availableGeometry()
            self.set_type_size(max(14, round(area.height() / 30)))
            self.setGeometry(area)
            return True
        if slide is None:
            slide = presenter_screen.geometry() if presenter_screen else QRect(0, 0, 1280, 720)
        area = slide
        width = round(area.width() * CORNER_SHARE[0])
        height = round(area.height() * CORNER_SHARE[1])
        self.set_type_size(max(7, round(area.height() / 45)))
        self.setGeometry(QRect(area.left(), area.top(), width, height))
        self.setWindowOpacity(0.92)
        return False

    def set_type_size(self, size_px: int) -> None:
        """Notes at ``size_px``; the clock larger, the next step smaller."""
        for label, factor in ((self.clock, 1.5), (self.current, 1.0), (self.notes, 1.0),
                              (self.upcoming, 0.85)):  # fmt: skip
            font = label.font()
            font.setPixelSize(max(8, round(size_px * factor)))
            label.setFont(font)

    # -- showing -----------------------------------------------------------------------------
    @Slot()
    def _on_tick_timeout(self) -> None:
        seconds = self.elapsed.elapsed() // 1000
        hours, rest = divmod(seconds, 3600)
        clock = f"{rest // 60:02d}:{rest % 60:02d}"
        if hours:
            clock = f"{hours}:{clock}"
        muted = f"<span style='color:{INK_MUTED}; font-weight:400'>elapsed</span>"
        self.clock.setText(f"{clock} {muted}")

    def restart_clock(self) -> None:
        self.elapsed.restart()
        self._on_tick_timeout()

    def _on_session_step_changed(self, position: int, step: Step, skipped: list[Step]) -> None:
        self._show(step)

    def _show(self, step: Step | None) -> None:
        counter = self.session.counter()
        self.current.setText(escape(f"{counter}: {step_title(self.session, step)}"))
        notes = step.notes if step and step.notes else "(no notes for this step)"
        self.notes.setText(Markup("<br>").join(notes.split("\n")))
        steps = self.session.presentation.steps
        position = self.session.position
        following = None
        if position is not None:
            following = next((s for s in steps[position + 1 :] if self.session.is_shown(s)), None)
        self.upcoming.setText(
            Markup("Next: {}").format(step_title(self.session, following))
            if following
            else "Next: (end of the presentation)"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Should a window manager hand us the keys anyway, they belong to the presentation.
        if self.presenter is not None:
            self.presenter.keyPressEvent(event)
        else:
            super().keyPressEvent(event)
