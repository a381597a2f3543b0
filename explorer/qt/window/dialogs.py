"""Small dialogs of the main window: corpus problems and About (sources and attributions)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from explorer import __version__
from explorer.data.corpus import Corpus
from explorer.data.problems import Problem


class ProblemsDialog(QDialog):
    """A non-modal list of corpus problems, one ``path:line: message`` per line."""

    def __init__(
        self, problems: Sequence[Problem], intro: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Problems in the corpus")
        self.setAccessibleName("Problems in the corpus")
        self.resize(760, 380)
        n = len(problems)
        label = QLabel(
            intro
            or (
                f"{n} problem{'s' if n != 1 else ''} found while loading. The records they "
                "name were left out; everything else is shown."
            ),
            self,
        )
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Problem list")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText("\n".join(str(p) for p in problems))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()


def about_html(corpus: Corpus) -> str:
    """The About text: what the atlas is, its data sources and their licences."""
    sources = Markup("").join(
        Markup("<li>{}</li>").format(s.citation()) for s in corpus.sources.values()
    )
    return Markup(
        "<h3>Karabakh Explorer {version}</h3>"
        "<p>An offline atlas of the Nagorno-Karabakh conflict: every event is backed by verbatim "
        "excerpts, and claims are attributed to those who made them.</p>"
        "<p><b>Source texts</b> ({count}):</p><ul>{sources}</ul>"
        "<p><b>Basemap:</b> Natural Earth (naturalearthdata.com), public domain.</p>"
        "<p><b>Web map export:</b> Leaflet, © Vladimir Agafonkin and contributors, "
        "BSD 2-Clause licence.</p>"
        "<p><b>Colours:</b> Okabe–Ito palette, chosen to stay distinguishable with colour-vision "
        "deficiencies; colours stand for categories of events, never for sides.</p>"
        "<p style='color:gray'>Corpus: {root}<br>{summary}</p>"
    ).format(
        version=__version__,
        count=len(corpus.sources),
        sources=sources,
        root=str(corpus.root),
        summary=corpus.summary(),
    )


def about_label(corpus: Corpus, parent: QWidget | None = None) -> QLabel:
    label = QLabel(about_html(corpus), parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label
