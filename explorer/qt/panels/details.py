"""The details of the selected event: its date with precision, excerpts, and who said what.

Rendered as HTML in a QTextBrowser; every corpus string goes through ``html.escape``. Links
(``excerpt:N``, ``place:ID``) are handled here, never followed as URLs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QUrl, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from explorer.domain.model import OUTSIDE_DATE_LABEL, Annotation, Event
from explorer.domain.naming import NamingPolicy, place_label
from explorer.domain.quoting import quote_excerpt
from explorer.domain.state import AppState
from explorer.domain.timeline import Timeline
from explorer.domain.view import ExtentRequest
from explorer.qt.panels.source_viewer import SourceViewer
from explorer.qt.plain_text import escape
from explorer.qt.state_bridge import bind
from explorer.render import palette

# Qt's rich text ignores point sizes on headings (an h2 stays 1.5× the body whatever the
# sheet says) but honours the size keywords: "large" is 1.2× the body, "medium" the body.
_CSS = f"""
body {{ color: {palette.INK}; }}
h2 {{ font-size: large; font-weight: 600; margin: 0 0 4px 0; }}
h3 {{ font-size: medium; font-weight: 600; color: {palette.INK_MUTED};
      margin: 16px 0 4px 0; }}
p {{ margin: 4px 0; }}
.meta {{ color: {palette.INK_MUTED}; }}
.muted {{ color: {palette.INK_MUTED}; }}
.note {{ color: {palette.INK_MUTED}; font-style: italic; }}
a {{ color: {palette.INK}; text-decoration: none; }}
.quote {{ font-family: serif; font-size: 10.5pt; }}
.cite {{ color: {palette.INK_MUTED}; font-size: 9pt; }}
.role {{ color: {palette.INK_MUTED}; }}
.topic {{ font-weight: 600; margin: 10px 0 2px 0; }}
.claim {{ margin: 0; }}
"""

# A claim card is never narrower than this; wider panes put claims side by side, up to
# MAX_CLAIM_COLUMNS of them, and narrower ones stack them, each one full width.
CARD_MIN_W = 250
MAX_CLAIM_COLUMNS = 3


def claim_columns(width: float, claims: int) -> int:
    """How many claim cards sit side by side in a text area ``width`` pixels wide."""
    fit = int(width // CARD_MIN_W)
    return max(1, min(fit, MAX_CLAIM_COLUMNS, claims))


class DetailPanel(QWidget):
    """Shows ``state.selected_event``; a click on an excerpt opens its source, highlighted."""

    excerpt_opened = Signal(object)  # the Excerpt just shown in the source viewer

    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self.setAccessibleName("Event details")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Event details text")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(_CSS)
        self.browser.document().setDocumentMargin(16)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.viewport().installEventFilter(self)  # re-lays claims when it resizes
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.viewer: SourceViewer | None = None
        self._rendered: tuple | None = None  # what the browser shows, to skip equal rebuilds
        self._rendered_id: str | None = None
        bind(self, state.selection_changed, self._on_state_selection_changed)
        bind(self, state.naming_changed, self._on_state_naming_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        self.show_selection()

    @property
    def shown_event(self) -> Event | None:
        return self._state.selected_event

    def show_selection(self) -> None:
        """Rebuild the HTML for the current selection and naming policy."""
        state = self._state
        event = state.selected_event
        if event is None:
            # The empty page counts the events shown, so it changes with the filter.
            key: tuple = (None, len(state.timeline), len(state.all_events))
        else:
            key = (event.id, state.naming_policy, self.claim_columns(event))
        if key == self._rendered:
            return  # a filter change that left the page as it was: keep scroll position
        self._rendered = key
        html = _empty_html(*key[1:]) if event is None else self._html(event)
        bar = self.browser.verticalScrollBar()
        keep = bar.value() if event is not None and self._rendered_id == event.id else 0
        self._rendered_id = None if event is None else event.id
        self.browser.setHtml(html)
        bar.setValue(keep)  # a re-layout of the same event keeps the reader's place

    def claim_columns(self, event: Event) -> int:
        """How many claim cards of ``event`` sit side by side at the browser's width."""
        widest = max((len(a) for a in event.competing_claims().values()), default=1)
        margin = 2 * self.browser.document().documentMargin()
        return claim_columns(self.browser.viewport().width() - margin, widest)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.browser.viewport():
            self.show_selection()  # only rebuilt when the number of claim columns changes
        return super().eventFilter(watched, event)

    def open_excerpt(self, index: int) -> SourceViewer | None:
        """Open the source of the selected event's excerpt ``index``, passage highlighted."""
        event = self._state.selected_event
        if event is None or not 0 <= index < len(event.excerpts):
            return None
        if self.viewer is None:
            self.viewer = SourceViewer(self.window())
        excerpt = event.excerpts[index]
        self.viewer.show_excerpt(excerpt)
        self.excerpt_opened.emit(excerpt)
        return self.viewer

    def anchor_rect(self, href: str) -> QRect | None:
        """Where the link ``href`` is drawn, in viewport coordinates (for tests and a11y)."""
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().anchorHref() == href:
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(fragment.position() + min(2, fragment.length() - 1))
                    return self.browser.cursorRect(cursor)
                it += 1
            block = block.next()
        return None

    # -- handlers -------------------------------------------------------------------------
    @Slot(QUrl)
    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        scheme, _, value = url.toString().partition(":")
        event = self._state.selected_event
        if event is None:
            return
        if scheme == "excerpt" and value.isdigit():
            self.open_excerpt(int(value))
        elif scheme == "place":
            # The map answers the request; the panel never calls the map itself.
            self._state.view.request_extent(ExtentRequest(place_ids=(value,)))

    @Slot(object)
    def _on_state_selection_changed(self, _event_id: str | None) -> None:
        self.show_selection()

    @Slot(object)
    def _on_state_naming_changed(self, _policy: NamingPolicy) -> None:
        self.show_selection()

    @Slot(object)
    def _on_state_timeline_changed(self, _timeline: Timeline) -> None:
        self.show_selection()

    # -- HTML -----------------------------------------------------------------------------
    def _html(self, event: Event) -> str:
        policy = self._state.naming_policy
        colour = palette.category_colour(event.category)
        precision = "" if not event.when.is_fuzzy else f" ({event.when.precision.value})"
        parts = [
            f"<h2>{escape(event.title)}</h2>",
            f"<p class='meta'><b>{escape(event.when.display())}</b>{escape(precision)}"
            f"{_outside_date(event)}"
            f" &nbsp;·&nbsp; <span style='color:{colour}'>■</span> "
            f"{escape(event.category.value.capitalize())}</p>",
            f"<p>{escape(event.summary)}</p>",
        ]
        places = ", ".join(
            f"<a href='place:{escape(p.id)}'>{escape(place_label(p, policy))}</a>"
            for p in event.places
        )
        parts.append(f"<p class='meta'>Places: {places}</p>")
        if event.date_note:
            parts.append("<h3>How this date was found</h3>")
            parts.append(f"<p class='note'>{escape(event.date_note)}</p>")
        parts.append(f"<h3>Excerpts ({len(event.excerpts)})</h3>")
        for i, excerpt in enumerate(event.excerpts):
            parts.append(
                "<table width='100%' cellspacing='0' cellpadding='8' "
                f"style='margin: 4px 0 8px 0; background-color:{palette.PAPER}'>"
                f"<tr><td width='3' style='background-color:{palette.RULE}'></td><td>"
                f"<a class='quote' href='excerpt:{i}'>{escape(quote_excerpt(excerpt.text))}</a>"
                f"<br><span class='cite'>{escape(excerpt.source.citation())}"
                f" — <a href='excerpt:{i}'><u>open source</u></a></span></td></tr></table>"
            )
        claims = event.competing_claims()
        if claims:
            parts.append("<h3>Competing claims</h3>")
            columns = self.claim_columns(event)
            for topic, annotations in claims.items():
                parts.append(self._claims_html(event, topic, annotations, columns))
        grouped = event.annotations_by_actor()
        if grouped:
            parts.append("<h3>Who did or said what</h3>")
            for actor, annotations in grouped.items():
                parts.append(f"<p><b>{escape(actor.name)}</b></p><ul style='margin-top:0'>")
                for a in annotations:
                    parts.append(f"<li>{self._annotation_html(event, a)}</li>")
                parts.append("</ul>")
        return "".join(parts)

    def _annotation_html(self, event: Event, a: Annotation) -> str:
        i = event.excerpts.index(a.excerpt)
        return (
            f"<span class='role'>{escape(a.role.value)}:</span> {escape(a.text)} "
            f"<span class='cite'>(<a href='excerpt:{i}'>{escape(_outlet(a))}</a>)</span>"
        )

    def _claims_html(
        self, event: Event, topic: str, annotations: list[Annotation], columns: int
    ) -> str:
        """The claims on one topic as cards under the topic's title: actor and role on top,
        the claim and its source below; ``columns`` cards a row (1: stacked, full width)."""
        cards = []
        for a in annotations:
            i = event.excerpts.index(a.excerpt)
            cards.append(
                f"<td valign='top' width='{100 // columns}%' "
                f"style='background-color:{palette.PAPER}'>"
                f"<p class='claim'><b>{escape(a.actor.name)}</b>"
                f" <span class='role'>· {escape(a.role.value)}</span></p>"
                f"<p class='claim'>{escape(a.text)}</p>"
                f"<p class='claim'><span class='cite'>source: "
                f"<a href='excerpt:{i}'><u>{escape(_outlet(a))}</u></a></span></p></td>"
            )
        rows = []
        for at in range(0, len(cards), columns):
            row = cards[at : at + columns]
            row += [f"<td width='{100 // columns}%'></td>"] * (columns - len(row))
            rows.append(f"<tr>{''.join(row)}</tr>")
        return (
            f"<p class='topic'>{escape(event.topic_title(topic))}</p>"
            "<table width='100%' cellspacing='6' cellpadding='8' style='margin: 0 -6px'>"
            f"{''.join(rows)}</table>"
        )


def _outside_date(event: Event) -> str:
    # Said next to the date itself, so a reader can tell before reading the note.
    return f" &nbsp;<i>({OUTSIDE_DATE_LABEL})</i>" if event.date_from_outside else ""


def _outlet(annotation: Annotation) -> str:
    source = annotation.excerpt.source
    return source.outlet or source.title


def _empty_html(shown: int, total: int) -> str:
    if shown == 0:
        hint = (
            f"None of the {total} events matches the search and filters. "
            "Clear filters to see them all again."
        )
    else:
        which = "the one event" if shown == 1 else f"one of the {shown} events"
        if shown != total:
            which += f" shown (of {total})"
        hint = (
            f"Choose {which} on the map, the timeline or the list — or press → on the "
            "timeline to step through them in time."
        )
    return (
        "<p class='muted' style='margin-top:24px'>No event selected.</p>"
        f"<p class='muted'>{escape(hint)}</p>"
    )
