"""Presenter mode: the map full screen, in type a room can read, stepped with a clicker.

→, PageDown and Space step forward; ←, PageUp and Backspace step back (clickers send PageUp
and PageDown); Home and End go to the ends; P plays and pauses; [ and ] change the autoplay
interval; C pages through the claims when they do not all fit; N shows or hides the
presenter notes (on the second screen if there is one; they never take the keys); Esc leaves.

The map takes at least 60 % of the height, its type scaled to the screen (``MapStyle.for_screen``);
the caption fits its text into the rest (``caption.PresenterCaption.fit``). A thin bar and
"Step k of n" show the progress; past the last step a card says the deck is over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.data.corpus import Corpus
from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Event
from explorer.domain.naming import place_label
from explorer.domain.presentation import PresenterSession, Step
from explorer.domain.view import ExtentRequest
from explorer.qt.plain_text import escape
from explorer.qt.present.caption import CaptionText, PresenterCaption
from explorer.qt.present.notes import PresenterNotes, step_title
from explorer.qt.state_bridge import bind
from explorer.render.palette import INK, PAPER, RULE

FORWARD = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
BACKWARD = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}
CAPTION_SHARE = 0.40  # the caption may take this share of the height; the map keeps the rest


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

        self.caption = PresenterCaption()
        # The caption's labels under their old names (tests and accessibility read them).
        self.date = self.caption.date
        self.title = self.caption.title
        self.excerpt = self.caption.excerpt
        self.source = self.caption.source
        self.claims = self.caption.claims
        self.counter = self.caption.counter
        self.progress = self.caption.progress
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(map_view, 1)
        layout.addWidget(self.caption, 0)

        # Overlays over the map: they never push the map or the caption about.
        self.announcement = QLabel(self)
        self.announcement.setObjectName("presenter_announcement")
        self.announcement.setWordWrap(True)
        self.announcement.setStyleSheet(
            f"color: {INK}; background: #FFF8DC; border: 1px solid {RULE}; padding: 6px;"
        )
        self.announcement.hide()
        self.end_card = QLabel(self)
        self.end_card.setObjectName("presenter_end")
        self.end_card.setAccessibleName("end of the presentation")
        self.end_card.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end_card.setTextFormat(Qt.TextFormat.RichText)
        self.end_card.setStyleSheet(
            f"color: {INK}; background: rgba(255, 255, 255, 235); border: 2px solid {RULE};"
        )
        self.end_card.hide()

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
            self.show_end()

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
            if self.session.next() is None:
                self.show_end()
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
            self.toggle_notes()
        elif key == Qt.Key.Key_C:
            if not self.caption.page_claims():
                self._announce("Every claim of this step is shown.")
            self._fit()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def show_notes(self) -> PresenterNotes:
        """The notes window: on another screen if there is one, else out of the slide's way.

        It is shown without being activated and never takes focus, so the keys stay here.
        """
        if self.notes_window is None:
            self.notes_window = PresenterNotes(
                self.session, self, size_px=max(14, round(self.height() / 40))
            )
        self.notes_window.place(self.screen(), self.map_view.geometry().translated(self.pos()))
        self.notes_window.show()
        return self.notes_window

    def toggle_notes(self) -> None:
        if self.notes_window is not None and self.notes_window.isVisible():
            self.notes_window.hide()
        else:
            self.show_notes()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.autoplay.stop()
        if self.notes_window is not None:
            self.notes_window.close()
        self.closed.emit()
        super().closeEvent(event)

    # -- showing ------------------------------------------------------------------------------
    def _on_session_step_changed(self, position: int, step: Step, skipped: list[Step]) -> None:
        self.end_card.hide()
        if skipped:
            names = ", ".join(step_title(self.session, s) for s in skipped)
            self._announce(f"Skipped {len(skipped)} step(s) hidden by the filters: {names}")
        self._frame(step)
        self._show_current()

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

    def shown_steps(self) -> list[int]:
        """Indexes of the steps the filters let through."""
        steps = self.session.presentation.steps
        return [i for i, s in enumerate(steps) if self.session.is_shown(s)]

    def _show_current(self) -> None:
        step = self.session.current
        shown = self.shown_steps()
        position = self.session.position
        k = shown.index(position) + 1 if position in shown else 0
        counter = self.session.counter()
        if k and k == len(shown):
            counter += " · last step"
        self.caption.set_progress(k, len(shown), counter)
        # Window switchers (and the journey test) read where the presentation is.
        self.setWindowTitle(f"Presenting: {self.session.presentation.title} — {counter}")
        if step is None:
            self._fit()
            return
        self.caption.set_text(self._caption_text(step, self.session.current_event))
        self._fit()

    def _caption_text(self, step: Step, event: Event | None) -> CaptionText:
        if step.date is not None or event is None:
            day = step.date or self.session.state.date
            date = DateSpan(day, day, Precision.DAY).display()
        else:
            date = event.when.display()
        title = step.title or (event.title if event else "Situation on the map")
        if event is None:
            return CaptionText(date=date, title=title)
        policy = self.session.state.naming_policy
        excerpt = event.excerpts[0]
        return CaptionText(
            date=date,
            title=title,
            excerpt=excerpt.text,
            source=excerpt.source.citation(),
            places=", ".join(place_label(p, policy) for p in event.places),
            claims=tuple(event.annotations),
        )

    def _fit(self) -> None:
        """Size the caption to its text, within its share of the height; the map takes the rest."""
        height = max(self.height(), 1)
        needed = self.caption.fit(self.width(), round(height * CAPTION_SHARE), height / 100.0)
        self.caption.setFixedHeight(needed)
        self._place_overlays()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _place_overlays(self) -> None:
        unit = max(self.height(), 1) / 100.0
        width = round(self.width() * 0.6)
        font = self.announcement.font()
        font.setPixelSize(max(12, round(1.8 * unit)))
        self.announcement.setFont(font)
        self.announcement.setFixedWidth(width)
        self.announcement.adjustSize()
        self.announcement.move((self.width() - width) // 2, round(unit))
        self.announcement.raise_()
        end = self.end_card.font()
        end.setPixelSize(max(14, round(3.2 * unit)))
        self.end_card.setFont(end)
        card_w, card_h = round(self.width() * 0.5), round(self.height() * 0.22)
        self.end_card.setGeometry(
            (self.width() - card_w) // 2, round(self.height() * 0.2), card_w, card_h
        )
        self.end_card.raise_()

    def show_end(self) -> None:
        """Say clearly that the deck is over, and how to go on."""
        self.end_card.setText(
            "<b>End of the presentation</b><br><span style='font-size:60%'>"
            "Home: start again · ←: back · Esc: leave</span>"
        )
        self._place_overlays()
        self.end_card.show()

    def _announce(self, message: str) -> None:
        self.announcement.setText(escape(message))
        self._place_overlays()
        self.announcement.show()
        self._announce_timer.start()
