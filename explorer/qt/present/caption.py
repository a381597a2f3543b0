"""The presenter's caption: date, title, quote, source and claims, in type that fits the room.

Sizes follow the window's height (one unit is 1 % of it), so the caption reads the same on a
1080p projector, a 1280×720 beamer or a laptop at 200 % scaling. :meth:`PresenterCaption.fit`
shrinks the type step by step, then shortens the quote, until everything fits in the height
it is given: nothing is ever clipped. Claims beyond what fits are counted ("+2 more claims,
C to page") and paged with C.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from explorer.domain.model import Annotation
from explorer.qt.plain_text import escape
from explorer.render.palette import INK, INK_MUTED, RULE

FONT_FAMILY = "DejaVu Sans"
# Font sizes in units of 1 % of the window height, at full size (fit() may scale them down).
SIZES = {"date": 2.4, "title": 4.0, "excerpt": 2.5, "source": 1.8, "claims": 2.1, "counter": 1.8}
MIN_SCALE = 0.55  # below this the type would be smaller than 1/100 of the screen height
QUOTE_LENGTHS = (320, 220, 150, 100)


@dataclass
class CaptionText:
    """What the caption says for one step (plain text; the caption escapes it)."""

    date: str = ""
    title: str = ""
    excerpt: str = ""
    source: str = ""
    places: str = ""
    claims: tuple[Annotation, ...] = ()


def _label(name: str, colour: str, *, italic: bool = False, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(name.replace("_", " "))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"color: {colour};")
    font = QFont(FONT_FAMILY)
    font.setItalic(italic)
    font.setBold(bold)
    label.setFont(font)
    return label


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word before ``limit`` characters, marked " […]" (never silently)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " […]"


class PresenterCaption(QWidget):
    """The text under the presenter's map, with a progress bar above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenterCaption")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # By object name, so the rule is drawn once above the caption, not above every label.
        self.setStyleSheet("QWidget#presenterCaption { background: white; }")
        self.progress = QProgressBar()
        self.progress.setObjectName("presenter_progress")
        self.progress.setAccessibleName("presentation progress")
        self.progress.setTextVisible(False)
        self.progress.setStyleSheet(
            f"QProgressBar {{ background: {RULE}; border: none; }}"
            f" QProgressBar::chunk {{ background: {INK_MUTED}; }}"
        )
        self.date = _label("presenter_date", INK_MUTED)
        self.title = _label("presenter_title", INK, bold=True)
        self.excerpt = _label("presenter_excerpt", INK, italic=True)
        self.source = _label("presenter_source", INK_MUTED)
        self.claims = _label("presenter_claims", INK)
        self.counter = _label("presenter_counter", INK_MUTED)
        self.counter.setWordWrap(False)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.progress)
        self.body = QVBoxLayout()
        outer.addLayout(self.body)
        top = QHBoxLayout()
        top.addWidget(self.date, 1)
        top.addWidget(self.counter)
        self.body.addLayout(top)
        for label in (self.title, self.excerpt, self.source, self.claims):
            self.body.addWidget(label)
        self.text = CaptionText()
        self.claims_per_page = 3
        self.claims_page = 0
        self.scale = 1.0
        self.quote_limit = QUOTE_LENGTHS[0]

    # -- content -----------------------------------------------------------------------------
    def set_text(self, text: CaptionText) -> None:
        self.text = text
        self.claims_page = 0

    def set_progress(self, position: int, count: int, counter: str) -> None:
        self.progress.setRange(0, max(count, 1))
        self.progress.setValue(position)
        self.counter.setText(escape(counter))

    def more_claims(self) -> int:
        """How many claims the current page leaves out."""
        return max(0, len(self.text.claims) - self.claims_per_page)

    def page_claims(self) -> bool:
        """Show the next page of claims (wrapping round); False if they all fit on one."""
        if not self.more_claims():
            return False
        pages = -(-len(self.text.claims) // self.claims_per_page)
        self.claims_page = (self.claims_page + 1) % pages
        self._render()
        return True

    def _claims_html(self) -> str:
        claims = self.text.claims
        first = self.claims_page * self.claims_per_page
        shown = claims[first : first + self.claims_per_page]
        muted = Markup("<span style='color:{}'>{}</span>")
        rows = [muted.format(INK_MUTED, self.text.places)]
        rows += [
            Markup("<b>{}</b> <i>{}</i>: {}").format(a.actor.name, a.role.value, a.text)
            for a in shown
        ]
        left = len(claims) - len(shown)
        if left:
            pages = -(-len(claims) // self.claims_per_page)
            more = f"+{left} more claim{'s' if left > 1 else ''}"
            page = f" (page {self.claims_page + 1} of {pages}, C for the next)"
            rows.append(muted.format(INK_MUTED, more + page))
        return str(Markup("<br>").join(rows))

    def _render(self) -> None:
        t = self.text
        self.date.setText(escape(t.date))
        self.title.setText(escape(t.title))
        quote = shorten(t.excerpt, self.quote_limit)
        self.excerpt.setText(Markup("“{}”").format(quote) if quote else "")
        self.excerpt.setVisible(bool(quote))
        self.source.setText(Markup("— {}").format(t.source) if t.source else "")
        self.source.setVisible(bool(t.source))
        self.claims.setText(self._claims_html() if (t.places or t.claims) else "")
        self.claims.setVisible(bool(t.places or t.claims))

    # -- fitting -----------------------------------------------------------------------------
    def _apply_scale(self, unit: float, scale: float) -> None:
        self.scale = scale
        for name, size in SIZES.items():
            label: QLabel = getattr(self, name)
            font = label.font()
            font.setPixelSize(max(6, round(size * unit * scale)))
            label.setFont(font)
        pad = round(1.6 * unit * scale)
        self.body.setContentsMargins(round(2.4 * unit), pad, round(2.4 * unit), pad)
        self.body.setSpacing(round(0.5 * unit * scale))
        self.progress.setFixedHeight(max(3, round(0.5 * unit)))

    def needed_height(self, width: int) -> int:
        """The height the caption needs at ``width`` with its current type and text."""
        margins = self.body.contentsMargins()
        inner = width - margins.left() - margins.right()
        top = max(
            self.date.heightForWidth(inner - self.counter.sizeHint().width()),
            self.counter.sizeHint().height(),
        )
        labels = (self.title, self.excerpt, self.source, self.claims)
        shown = [w for w in labels if w.isVisibleTo(self)]
        height = top + sum(w.heightForWidth(inner) for w in shown)
        height += self.body.spacing() * len(shown)
        return height + margins.top() + margins.bottom() + self.progress.height()

    def fit(self, width: int, max_height: int, unit: float) -> int:
        """Choose type size, quote length and claims per page so the caption fits.

        ``unit`` is 1 % of the window height. Returns the height to give the caption.
        """
        for claims_per_page in (3, 2, 1):
            self.claims_per_page = claims_per_page
            last_page = max(0, len(self.text.claims) - 1) // claims_per_page
            self.claims_page = min(self.claims_page, last_page)
            for limit in QUOTE_LENGTHS:
                self.quote_limit = limit
                self._render()
                scale = 1.0
                while scale >= MIN_SCALE:
                    self._apply_scale(unit, scale)
                    needed = self.needed_height(width)
                    if needed <= max_height:
                        return needed
                    scale -= 0.05
        return max_height  # the smallest setting: as close as the text allows
