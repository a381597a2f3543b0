"""The full text of a source, with one excerpt highlighted and scrolled into view."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.model import Excerpt, Source
from explorer.export.data.citations import excerpt_citation
from explorer.qt.plain_text import plain_label
from explorer.render import palette


def qt_offset(text: str, index: int) -> int:
    """A Python ``str`` index as a QString (UTF-16) position: astral characters count twice."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


class SourceViewer(QDialog):
    """A non-modal window showing one source byte for byte, with a passage highlighted."""

    curate_requested = Signal(str)  # a source id, to open in the curation workbench

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Source text")
        self.resize(720, 640)
        self._heading = QLabel(self)
        self._heading.setWordWrap(True)
        plain_label(self._heading)
        heading_font = QFont(self._heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() + 1.5)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._citation = plain_label(QLabel(self))  # corpus text: never markup or links
        self._citation.setWordWrap(True)
        self._citation.setObjectName("muted")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Full source text")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.document().setDocumentMargin(14)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        # Source, outlet, date and seeds/FILE[start:end] of the highlighted excerpt.
        self.copy_citation = buttons.addButton(
            "Copy citation", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_citation.setObjectName("copy_citation")
        self.copy_citation.setToolTip("Copy the source and where this excerpt is in it")
        self.copy_citation.clicked.connect(self._copy_citation)
        # Shown only for a user's own corpus (the window turns it on): curation happens there.
        self.curate_button = buttons.addButton("Curate…", QDialogButtonBox.ButtonRole.ActionRole)
        self.curate_button.setVisible(False)
        self.curate_button.clicked.connect(self._on_curate_button_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self._heading)
        layout.addWidget(self._citation)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self._source: Source | None = None
        self._range: tuple[int, int] | None = None
        self._excerpt: Excerpt | None = None

    def _copy_citation(self) -> None:
        if self._excerpt is not None:
            QGuiApplication.clipboard().setText(excerpt_citation(self._excerpt))

    def _on_curate_button_clicked(self) -> None:
        if self._source is not None:
            self.curate_requested.emit(self._source.id)

    def show_excerpt(self, excerpt: Excerpt) -> None:
        """Show ``excerpt.source`` with ``[excerpt.start, excerpt.end)`` highlighted and in view."""
        source = excerpt.source
        if source is not self._source:
            self._source = source
            self.setWindowTitle(f"Source — {source.title}")
            self._heading.setText(source.title)
            note = f"\n{source.published_note}" if source.published_note else ""
            self._citation.setText(source.citation() + note)
            self.text.setPlainText(source.text)
        self._range = (excerpt.start, excerpt.end)
        self._excerpt = excerpt
        start, end = qt_offset(source.text, excerpt.start), qt_offset(source.text, excerpt.end)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(palette.HIGHLIGHT))
        mark.format = fmt
        mark.cursor = cursor
        self.text.setExtraSelections([mark])
        # Put the caret at the passage so it scrolls into view and screen readers land there.
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self.show()
        self.raise_()
        self.activateWindow()

    def highlighted_range(self) -> tuple[int, int] | None:
        """The highlighted passage as Python ``str`` offsets into the source, from the widget."""
        marks = self.text.extraSelections()
        if not marks or self._source is None:
            return None
        cursor = marks[0].cursor
        doc_text = self.text.toPlainText()
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        # Back from UTF-16 positions to str offsets.
        utf16 = doc_text.encode("utf-16-le")
        return len(utf16[: 2 * a].decode("utf-16-le")), len(utf16[: 2 * b].decode("utf-16-le"))

    def highlighted_text(self) -> str:
        marks = self.text.extraSelections()
        return marks[0].cursor.selectedText() if marks else ""
