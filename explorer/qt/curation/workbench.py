"""The curation workbench: a source's text with its suggestions, and the actions that turn
passages into events, excerpts and annotations of the user's corpus.

Every change goes through :class:`~explorer.curation.roundtrip.CorpusWriter` (round-trip
YAML, undo and redo); after each one the corpus is loaded again through the loader that
``explorer check`` uses, its problems are listed with their line, and ``saved`` tells the main
window to show the corpus as it now is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer.curation import CurationError
from explorer.curation.roundtrip import CorpusWriter
from explorer.curation.suggest import Suggester, Suggestion
from explorer.data.corpus import Corpus, load_corpus
from explorer.qt.curation.forms import AnnotationDialog, EventForm, MapPicker, slug
from explorer.qt.panels.source_viewer import qt_offset
from explorer.render import palette

MENTION_COLOURS = {"date": "#D6EAF8", "place": "#D5F5E3", "actor": "#EBDEF0"}


def py_offset(text: str, utf16_pos: int) -> int:
    """A QString (UTF-16) position as a Python ``str`` index into ``text``."""
    return len(text.encode("utf-16-le")[: 2 * utf16_pos].decode("utf-16-le", errors="ignore"))


class CurationWorkbench(QMainWindow):
    """Curate one user corpus: read a source, accept or edit suggestions, write events."""

    saved = Signal(str)  # after each change: the event id it concerns ("" for none)

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAccessibleName("Curation workbench")
        self.resize(1180, 760)
        self.writer = CorpusWriter(root)  # refuses the embedded corpus
        self.root = Path(root)
        self.corpus: Corpus = load_corpus(self.root)
        self.suggestions: list[Suggestion] = []
        self.rejected: set[tuple[str, int, int]] = set()
        self._source_id: str | None = None
        # Set by the main window: lets the event form's "New place…" take a click on its map.
        self.map_picker: MapPicker | None = None
        self._build()
        self._reload(select_source=None)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QToolBar("Curation", self)
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(" Source: "))
        self.source_box = QComboBox()
        self.source_box.setAccessibleName("Source")
        self.source_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_box.setMinimumContentsLength(28)
        self.source_box.currentIndexChanged.connect(self._on_source_box_changed)
        bar.addWidget(self.source_box)
        bar.addSeparator()
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName("Source text")
        self.text.document().setDocumentMargin(14)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._on_text_context_menu)
        self.text.selectionChanged.connect(self._on_text_selection_changed)

        self.list = QListWidget()
        self.list.setAccessibleName("Suggestions")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_suggestion())
        self.accept_button = QPushButton("&Accept")
        self.edit_button = QPushButton("&Edit…")
        self.reject_button = QPushButton("&Reject")
        self.accept_button.clicked.connect(lambda: self.accept_suggestion())
        self.edit_button.clicked.connect(lambda: self.edit_suggestion())
        self.reject_button.clicked.connect(lambda: self.reject_suggestion())
        row = QHBoxLayout()
        for b in (self.accept_button, self.edit_button, self.reject_button):
            row.addWidget(b)
        # A suggestion that restates an existing event is better added to it than duplicated.
        self.add_to_restated_button = QPushButton("Add as excerpt to the event it restates")
        self.add_to_restated_button.clicked.connect(lambda: self.add_to_restated())
        self.add_to_restated_button.setEnabled(False)
        # Scrolls rather than grows: the list above keeps its room on a small screen.
        self.suggestion_detail = QPlainTextEdit()
        self.suggestion_detail.setReadOnly(True)
        self.suggestion_detail.setAccessibleName("The selected suggestion")
        self.suggestion_detail.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        suggestions = QGroupBox("Suggestions")
        sl = QVBoxLayout(suggestions)
        key = QLabel(
            " ".join(
                f'<span style="background:{MENTION_COLOURS[k]}">&nbsp;{k}s&nbsp;</span>'
                for k in ("date", "place", "actor")
            )
            + f' <span style="background:{palette.HIGHLIGHT}">&nbsp;the sentence&nbsp;</span>'
        )
        key.setAccessibleName("Highlight colours")
        sl.addWidget(key)
        sl.addWidget(self.list, 3)
        sl.addWidget(self.suggestion_detail, 1)
        sl.addLayout(row)
        sl.addWidget(self.add_to_restated_button)

        self.new_event_button = QPushButton("&New event…")
        self.add_excerpt_button = QPushButton("Add e&xcerpt…")
        self.annotate_button = QPushButton("A&nnotate…")
        self.new_event_button.setToolTip("A new event, with the selected passage as its excerpt")
        self.add_excerpt_button.setToolTip("Add the selected passage to an event as an excerpt")
        self.annotate_button.setToolTip("Who did or said what in the selected passage")
        self.new_event_button.clicked.connect(lambda: self.new_event_from_selection())
        self.add_excerpt_button.clicked.connect(lambda: self.add_excerpt_to_event())
        self.annotate_button.clicked.connect(lambda: self.annotate_selection())
        # The passage actions sit under the text they act on.
        passage = QHBoxLayout()
        passage.setContentsMargins(0, 4, 0, 0)
        for b in (self.new_event_button, self.add_excerpt_button, self.annotate_button):
            passage.addWidget(b)
        passage.addStretch(1)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.text, 1)
        reading_layout.addLayout(passage)

        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems found by explorer check")
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        checks = QGroupBox("explorer check")
        cl = QVBoxLayout(checks)
        cl.addWidget(self.check_label)
        cl.addWidget(self.problems, 1)

        # Both panes on the right can shrink, so the window fits a small or scaled screen.
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(suggestions)
        side.addWidget(checks)
        side.setChildrenCollapsible(False)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(reading)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 480])
        self.setCentralWidget(split)
        self._on_text_selection_changed()

    # -- reading ----------------------------------------------------------------------------
    @property
    def source_id(self) -> str | None:
        return self._source_id

    def _reload(self, select_source: str | None) -> None:
        """Load the corpus again (as ``explorer check`` does) and show its problems."""
        self.corpus = load_corpus(self.root)
        self.suggester = Suggester.for_corpus(self.corpus)
        self.problems.clear()
        for problem in self.corpus.problems:
            item = QListWidgetItem(str(problem))
            item.setData(Qt.ItemDataRole.UserRole, (str(problem.path), problem.line))
            self.problems.addItem(item)
        if self.corpus.problems:
            self.check_label.setText(f"{len(self.corpus.problems)} problem(s):")
        else:
            self.check_label.setText(f"ok: {self.corpus.summary()}")
        self.undo_action.setEnabled(self.writer.can_undo)
        self.redo_action.setEnabled(self.writer.can_redo)
        self.setWindowTitle(f"Curation — {self.root.name}")
        wanted = select_source or self._source_id
        self.source_box.blockSignals(True)
        self.source_box.clear()
        for sid, source in self.corpus.sources.items():
            self.source_box.addItem(f"{sid} — {source.title}", sid)
        self.source_box.blockSignals(False)
        if self.corpus.sources:
            index = self.source_box.findData(wanted) if wanted else 0
            self.source_box.setCurrentIndex(max(0, index))
            self.show_source(self.source_box.currentData())
        else:
            self.text.setPlainText("No sources yet: File → Add source… in the main window.")
            self.list.clear()

    @Slot(int)
    def _on_source_box_changed(self, _index: int) -> None:
        sid = self.source_box.currentData()
        if sid:
            self.show_source(sid)

    def show_source(self, source_id: str) -> None:
        source = self.corpus.sources[source_id]
        if source_id != self._source_id or self.text.toPlainText() != source.text:
            self._source_id = source_id
            self.text.setPlainText(source.text)
        events = list(self.corpus.timeline)
        found = self.suggester.suggest(source, events, taken_ids=[e.id for e in events])
        # A sentence already an excerpt of an event is done; rejected ones stay away.
        done = {(x.source.id, x.start, x.end) for e in events for x in e.excerpts}
        self.suggestions = [
            s for s in found
            if (s.source_id, s.begin, s.stop) not in self.rejected
            and (s.source_id, s.begin, s.stop) not in done
        ]  # fmt: skip
        self.list.clear()
        for s in self.suggestions:
            restates = f" · may restate {s.restates[0][0]}" if s.restates else ""
            item = QListWidgetItem(f"{s.date.display()} · {s.title}{restates}")
            item.setToolTip(s.quote)
            self.list.addItem(item)
        self._paint_marks(None)

    def _paint_marks(self, current: Suggestion | None) -> None:
        text = self.text.toPlainText()
        marks = []

        def mark(begin: int, end: int, colour: str, underline: bool = False) -> None:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(qt_offset(text, begin))
            cursor.setPosition(qt_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            if underline:
                fmt.setFontUnderline(True)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            marks.append(selection)

        if current is not None:
            mark(current.begin, current.stop, palette.HIGHLIGHT)
        for s in self.suggestions:
            for d in s.dates:
                mark(d.begin, d.stop, MENTION_COLOURS["date"])
            for n in s.names:
                mark(n.begin, n.stop, MENTION_COLOURS[n.kind])
        self.text.setExtraSelections(marks)

    def marked_ranges(self) -> list[tuple[int, int, str]]:
        """The highlighted ranges, as str offsets and their colour (for tests)."""
        text = self.text.toPlainText()
        out = []
        for sel in self.text.extraSelections():
            a, b = sel.cursor.selectionStart(), sel.cursor.selectionEnd()
            out.append(
                (py_offset(text, a), py_offset(text, b), sel.format.background().color().name())
            )
        return out

    @Slot(int)
    def _on_list_row_changed(self, row: int) -> None:
        current = self.suggestions[row] if 0 <= row < len(self.suggestions) else None
        self._paint_marks(current)
        self.add_to_restated_button.setEnabled(bool(current and current.restates))
        if current and current.restates:
            event = self.corpus.timeline.get(current.restates[0][0])
            title = event.title if event is not None else current.restates[0][0]
            self.add_to_restated_button.setText(f"Add as excerpt to “{title[:48]}”")
        else:
            self.add_to_restated_button.setText("Add as excerpt to the event it restates")
        if current is None:
            self.suggestion_detail.clear()
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(qt_offset(self.text.toPlainText(), current.begin))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        lines = [
            f"{current.date.display()} ({current.date.precision.value}). {current.date_note}",
            f"Places: {', '.join(current.places) or '—'} · "
            f"Actors: {', '.join(current.actors) or '—'} · {current.category}",
        ]
        if current.annotations:
            a = current.annotations[0]
            lines.append(f"Annotation: {a['actor']} {a['role']}: {a['text']}")
        if current.restates:
            lines.append("May restate: " + ", ".join(e for e, _ in current.restates))
        self.suggestion_detail.setPlainText("\n".join(lines))

    # -- selection ---------------------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The selected passage as str offsets, without surrounding white space."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection() or self._source_id is None:
            return None
        text = self.corpus.sources[self._source_id].text
        a = py_offset(text, cursor.selectionStart())
        b = py_offset(text, cursor.selectionEnd())
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return (a, b) if a < b else None

    def select_range(self, start: int, end: int) -> None:
        text = self.text.toPlainText()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(qt_offset(text, start))
        cursor.setPosition(qt_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    @Slot()
    def _on_text_selection_changed(self) -> None:
        has = self.text.textCursor().hasSelection()
        for b in (self.new_event_button, self.add_excerpt_button, self.annotate_button):
            b.setEnabled(has)

    def _on_text_context_menu(self, pos) -> None:
        menu = QMenu(self)
        for label, fn in (
            ("New event from selection…", self.new_event_from_selection),
            ("Add excerpt to event…", self.add_excerpt_to_event),
            ("Annotate…", self.annotate_selection),
        ):
            action = menu.addAction(label)
            action.setEnabled(self.selection_range() is not None)
            action.triggered.connect(lambda _=False, f=fn: f())
        menu.exec(self.text.mapToGlobal(pos))

    def _excerpt(self) -> dict[str, Any] | None:
        span = self.selection_range()
        if span is None or self._source_id is None:
            return None
        text = self.corpus.sources[self._source_id].text
        return {
            "source": self._source_id,
            "start": span[0],
            "end": span[1],
            "quote": text[span[0] : span[1]],
        }

    # -- writing -----------------------------------------------------------------------------
    def _options(self) -> tuple[dict[str, str], dict[str, str]]:
        places = {p.id: p.name for p in self.corpus.places.values()}
        actors = {a.id: a.name for a in self.corpus.actors.values()}
        return places, actors

    def _unique_id(self, base: str) -> str:
        taken = set(self.writer.event_ids())
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        return ident

    def _save_event(self, event: dict[str, Any]) -> bool:
        try:
            for place in event.pop("_new_places", []):
                self.writer.add_place(**place)
            for actor in event.pop("_new_actors", []):
                self.writer.add_actor(actor)
            event["id"] = event["id"] or self._unique_id(slug(event["title"]))
            self.writer.add_event(event)
        except CurationError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return False
        self._after_change(event["id"], f"Saved event {event['id']}")
        return True

    def _after_change(self, event_id: str, message: str) -> None:
        self._reload(select_source=self._source_id)
        if self.corpus.problems:
            message += f" — explorer check: {len(self.corpus.problems)} problem(s)"
        self.statusBar().showMessage(message, 8000)
        self.saved.emit(event_id)

    def current_suggestion(self, row: int | None = None) -> Suggestion | None:
        row = self.list.currentRow() if row is None else row
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    def accept_suggestion(self, row: int | None = None) -> bool:
        """Write the suggestion as it is (its default summary quotes the sentence)."""
        s = self.current_suggestion(row)
        if s is None:
            return False
        if not s.places:
            return self.edit_suggestion(row)  # an event needs a place: ask for one
        event = s.to_event()
        event["id"] = self._unique_id(s.id)
        return self._save_event(event)

    def edit_suggestion(self, row: int | None = None) -> bool:
        s = self.current_suggestion(row)
        if s is None:
            return False
        event = s.to_event()
        event["id"] = self._unique_id(s.id)
        places, actors = self._options()
        values = EventForm.ask(self, event, places, actors, self.map_picker)
        return values is not None and self._save_event(values)

    def add_to_restated(self, row: int | None = None) -> bool:
        """Add the suggestion's sentence as an excerpt of the event it most likely restates."""
        s = self.current_suggestion(row)
        if s is None or not s.restates:
            return False
        event_id = s.restates[0][0]
        excerpt = {"source": s.source_id, "start": s.begin, "end": s.stop, "quote": s.quote}
        self.writer.add_excerpt(event_id, excerpt)
        self._after_change(event_id, f"Added an excerpt to {event_id}")
        return True

    def reject_suggestion(self, row: int | None = None) -> None:
        s = self.current_suggestion(row)
        if s is None:
            return
        self.rejected.add((s.source_id, s.begin, s.stop))
        index = self.suggestions.index(s)
        self.suggestions.pop(index)
        self.list.takeItem(index)
        self._paint_marks(None)

    def new_event_from_selection(self) -> bool:
        excerpt = self._excerpt()
        if excerpt is None:
            return False
        # Dates, places and actors of the suggestion the selection falls in, if any.
        near = [
            s for s in self.suggestions if s.begin < excerpt["end"] and excerpt["start"] < s.stop
        ]
        source = self.corpus.sources[excerpt["source"]]
        words = excerpt["quote"].split()
        event: dict[str, Any] = {
            "id": "",
            "title": " ".join(words[:12]) + ("…" if len(words) > 12 else ""),
            "summary": "",
            "start": near[0].date.start if near else source.published.start,
            "end": near[0].date.end if near else source.published.end,
            "precision": (near[0].date.precision if near else source.published.precision).value,
            "date_note": near[0].date_note if near else "The date of publication; check it.",
            "category": near[0].category if near else "political",
            "places": near[0].places if near else [],
            "actors": near[0].actors if near else [],
            "excerpts": [excerpt],
        }
        places, actors = self._options()
        values = EventForm.ask(self, event, places, actors, self.map_picker)
        return values is not None and self._save_event(values)

    @classmethod
    def ask_event(cls, parent: QWidget, events: list[tuple[str, str]]) -> str | None:
        """Which event (id) the passage belongs to; tests replace this."""
        labels = [f"{title} ({ident})" for ident, title in events]
        label, ok = QInputDialog.getItem(parent, "Add to event", "Event:", labels, 0, False)
        return events[labels.index(label)][0] if ok and label in labels else None

    def _pick_event(self) -> str | None:
        events = sorted(((e.id, e.title) for e in self.corpus.timeline), key=lambda x: x[1])
        if not events:
            self.statusBar().showMessage("No events yet: make one from a selection first.", 6000)
            return None
        return self.ask_event(self, events)

    def add_excerpt_to_event(self) -> bool:
        excerpt = self._excerpt()
        event_id = self._pick_event() if excerpt else None
        if excerpt is None or event_id is None:
            return False
        self.writer.add_excerpt(event_id, excerpt)
        self._after_change(event_id, f"Added an excerpt to {event_id}")
        return True

    def annotate_selection(self) -> bool:
        excerpt = self._excerpt()
        event_id = self._pick_event() if excerpt else None
        if excerpt is None or event_id is None:
            return False
        near = [
            s for s in self.suggestions if s.begin < excerpt["end"] and excerpt["start"] < s.stop
        ]
        initial = near[0].annotations[0] if near and near[0].annotations else None
        _, actors = self._options()
        values = AnnotationDialog.ask(self, actors, initial)
        if not values or not values["text"]:
            return False
        _, raw = self.writer.find_event(event_id)
        excerpts = list(raw.get("excerpts") or [])
        key = (excerpt["source"], excerpt["start"], excerpt["end"])
        index = next(
            (
                i
                for i, x in enumerate(excerpts)
                if (x.get("source"), x.get("start"), x.get("end")) == key
            ),
            None,
        )
        if index is None:
            self.writer.add_excerpt(event_id, excerpt)
            index = len(excerpts)
        self.writer.add_annotation(event_id, {**values, "excerpt": index})
        self._after_change(event_id, f"Annotated {event_id}")
        return True

    def undo(self) -> None:
        label = self.writer.undo()
        if label:
            self._after_change("", f"Undid: {label}")

    def redo(self) -> None:
        label = self.writer.redo()
        if label:
            self._after_change("", f"Redid: {label}")
