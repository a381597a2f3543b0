"""Presenter mode: the map full screen, in type a room can read, stepped with a clicker.

→, PageDown and Space step forward; ←, PageUp and Backspace step back (clickers send PageUp
and PageDown); Home and End go to the ends; P plays and pauses; [ and ] change the autoplay
interval; N opens the presenter notes in a second window; Esc leaves.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from explorer.data.corpus import Corpus
from explorer.domain.model import Event
from explorer.domain.naming import place_label
from explorer.domain.presentation import PresenterSession, Step
from explorer.domain.view import ExtentRequest
from explorer.qt.state_bridge import bind
from explorer.render.palette import INK, INK_MUTED, PAPER, RULE

FORWARD = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
BACKWARD = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}
MAX_CLAIMS = 3
MAX_QUOTE = 320


def _label(name: str, size: int, *, bold: bool = False, italic: bool = False,
           colour: str = INK) -> QLabel:  # fmt: skip
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(name.replace("_", " "))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    weight = "600" if bold else "400"
    style = "italic" if italic else "normal"
    label.setStyleSheet(
        f"color: {colour}; font-size: {size}pt; font-weight: {weight}; font-style: {style};"
    )
    return label


class PresenterNotes(QWidget):
    """The presenter's own screen: this step's notes and what comes next."""

    def __init__(self, session: PresenterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Presenter notes")
        self.session = session
        self.notes = _label("presenter_notes", 20)
        self.upcoming = _label("next_step", 14, colour=INK_MUTED)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.upcoming)
        self.resize(640, 400)
        bind(self, session.step_changed, self._on_session_step_changed)
        self._show(session.current)

    def _on_session_step_changed(self, position: int, step: Step, skipped: list[Step]) -> None:
        self._show(step)

    def _show(self, step: Step | None) -> None:
        notes = step.notes if step and step.notes else "(no notes for this step)"
        self.notes.setText(html.escape(notes).replace("\n", "<br>"))
        steps = self.session.presentation.steps
        position = self.session.position
        following = None
        if position is not None:
            following = next((s for s in steps[position + 1 :] if self.session.is_shown(s)), None)
        event = (
            self.session.state.timeline.get(following.event)
            if following and following.event
            else None
        )
        self.upcoming.setText(
            "Next: " + html.escape(event.title) if event else "Next: (end of presentation)"
        )


class PresenterWindow(QWidget):
    """Full-screen presentation over a map view that shares the app's state."""

    closed = Signal()

    def __init__(self, session: PresenterSession, corpus: Corpus, map_view: QWidget,
                 *, interval_s: int = 8, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Presenting: {session.presentation.title}")
        self.setAccessibleName("Presenter")
        self.setObjectName("presenter")
        self.setStyleSheet(f"QWidget#presenter {{ background: {PAPER}; }}")
        self.session = session
        self.corpus = corpus
        self.map_view = map_view
        self.notes_window: PresenterNotes | None = None
        # The map is driven by the steps; keys belong to the presenter, not to the map.
        map_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.date = _label("presenter_date", 22, colour=INK_MUTED)
        self.title = _label("presenter_title", 28, bold=True)
        self.excerpt = _label("presenter_excerpt", 18, italic=True)
        self.source = _label("presenter_source", 13, colour=INK_MUTED)
        self.claims = _label("presenter_claims", 16)
        self.counter = _label("presenter_counter", 14, colour=INK_MUTED)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.announcement = _label("presenter_announcement", 14, colour=INK)
        self.announcement.setStyleSheet(
            self.announcement.styleSheet() + f"background: #FFF8DC; border: 1px solid {RULE};"
            " padding: 6px;"
        )
        self.announcement.hide()

        caption = QWidget()
        caption.setObjectName("presenterCaption")
        caption.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # By object name, so the rule is drawn once above the caption, not above every label.
        caption.setStyleSheet(
            f"QWidget#presenterCaption {{ background: white; border-top: 1px solid {RULE}; }}"
        )
        text = QVBoxLayout(caption)
        text.setContentsMargins(32, 16, 32, 16)
        top = QHBoxLayout()
        top.addWidget(self.date, 1)
        top.addWidget(self.counter)
        text.addLayout(top)
        text.addWidget(self.title)
        text.addWidget(self.excerpt)
        text.addWidget(self.source)
        text.addWidget(self.claims)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.announcement)
        # The caption takes the room its text needs; the map gets the rest.
        layout.addWidget(map_view, 1)
        layout.addWidget(caption, 0)

        self.autoplay = QTimer(self)
        self.autoplay.setInterval(interval_s * 1000)
        self.autoplay.timeout.connect(self._on_autoplay_timeout)
        self._announce_timer = QTimer(self, singleShot=True, interval=5000)
        self._announce_timer.timeout.connect(self.announcement.hide)
        bind(self, session.step_changed, self._on_session_step_changed)
        bind(self, session.state.naming_changed, lambda _: self._show_current())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- stepping -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.session.current is None and self.session.start() is None:
            self._announce("Nothing to present: the filters hide every step.")
        else:
            self._show_current()

    @Slot()
    def _on_autoplay_timeout(self) -> None:
        if self.session.next() is None:
            self.autoplay.stop()
            self._announce("End of the presentation: autoplay stopped.")

    def toggle_autoplay(self) -> None:
        if self.autoplay.isActive():
            self.autoplay.stop()
            self._announce("Autoplay paused.")
        else:
            self.autoplay.start()
            self._announce(f"Autoplay: a step every {self.autoplay.interval() // 1000} s.")

    def _change_interval(self, delta_s: int) -> None:
        seconds = min(max(self.autoplay.interval() // 1000 + delta_s, 2), 120)
        self.autoplay.setInterval(seconds * 1000)
        self._announce(f"Autoplay interval: {seconds} s.")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in FORWARD:
            self.session.next()
        elif key in BACKWARD:
            self.session.previous()
        elif key == Qt.Key.Key_Home:
            self.session.first()
        elif key == Qt.Key.Key_End:
            self.session.last()
        elif key == Qt.Key.Key_P:
            self.toggle_autoplay()
        elif key == Qt.Key.Key_BracketLeft:
            self._change_interval(-1)
        elif key == Qt.Key.Key_BracketRight:
            self._change_interval(+1)
        elif key == Qt.Key.Key_N:
            self.show_notes()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def show_notes(self) -> PresenterNotes:
        if self.notes_window is None:
            self.notes_window = PresenterNotes(self.session)
        self.notes_window.show()
        return self.notes_window

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.autoplay.stop()
        if self.notes_window is not None:
            self.notes_window.close()
        self.closed.emit()
        super().closeEvent(event)

    # -- showing ------------------------------------------------------------------------------
    def _on_session_step_changed(self, position: int, step: Step, skipped: list[Step]) -> None:
        if skipped:
            names = ", ".join(self._title_of(s) for s in skipped)
            self._announce(f"Skipped {len(skipped)} step(s) hidden by the filters: {names}")
        self._frame(step)
        self._show_current()

    def _title_of(self, step: Step) -> str:
        event = self.session.state.all_events.get(step.event) if step.event else None
        return step.title or (event.title if event else str(step.event or step.date))

    def _frame(self, step: Step) -> None:
        """Zoom to the step's extent, else to the event's places with room around them.

        The map answers the request in the view state; the presenter never moves it itself.
        """
        view = self.session.state.view
        if step.extent is not None:
            view.request_extent(ExtentRequest(extent=step.extent, animate=True))
            return
        event = self.session.current_event
        # A room needs context: at least 150 km around the places. Off the map (Moscow,
        # Brussels…) show the region, where the edge badges point the way.
        places = tuple(p.id for p in event.places) if event is not None else ()
        view.request_extent(
            ExtentRequest(extent="region", place_ids=places, min_span_m=150_000.0, animate=True)
        )

    def _show_current(self) -> None:
        event = self.session.current_event
        self.counter.setText(self.session.counter())
        if event is None:
            return
        self.date.setText(html.escape(event.when.display()))
        self.title.setText(html.escape(event.title))
        excerpt = event.excerpts[0]
        quote = excerpt.text
        if len(quote) > MAX_QUOTE:  # cut visibly, never silently: the panel has it whole
            quote = quote[: quote.rfind(" ", 0, MAX_QUOTE)] + " […]"
        self.excerpt.setText(f"“{html.escape(quote)}”")
        self.source.setText("— " + html.escape(excerpt.source.citation()))
        self.claims.setText(self._claims_html(event))

    def _claims_html(self, event: Event) -> str:
        policy = self.session.state.naming_policy
        places = ", ".join(place_label(p, policy) for p in event.places)
        rows = [
            f"<b>{html.escape(a.actor.name)}</b> <i>{a.role.value}</i>: {html.escape(a.text)}"
            for a in event.annotations[:MAX_CLAIMS]
        ]
        return "<br>".join([f"<span style='color:{INK_MUTED}'>{html.escape(places)}</span>",
                            *rows])  # fmt: skip

    def _announce(self, message: str) -> None:
        self.announcement.setText(html.escape(message))
        self.announcement.show()
        self._announce_timer.start()
