"""The details of the selected event: its date with precision, excerpts, and who said what.

Rendered as HTML in a QTextBrowser; every corpus string enters through a ``markupsafe.Markup``
template. Links (``excerpt:N``, ``place:ID``) are handled here, never followed as URLs.
"""

from __future__ import annotations

from markupsafe import Markup
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
        self.browser.installEventFilter(self)  # re-lays claims when the pane resizes
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
        # From the pane's width less a scroll bar whether one shows or not: a scroll bar
        # appearing after a re-layout must not change the count (that looped forever).
        browser = self.browser
        width = (
            browser.width()
            - 2 * browser.frameWidth()
            - browser.verticalScrollBar().sizeHint().width()
            - 2 * browser.document().documentMargin()
        )
        return claim_columns(width, widest)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.browser:
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
    # Built from markupsafe templates: every value put into one is escaped by ``format``,
    # so corpus text can never become markup, whichever line forgets to think about it.
    def _html(self, event: Event) -> str:
        policy = self._state.naming_policy
        precision = "" if not event.when.is_fuzzy else f" ({event.when.precision.value})"
        parts = [
            Markup("<h2>{}</h2>").format(event.title),
            Markup(
                "<p class='meta'><b>{}</b>{}{} &nbsp;·&nbsp; <span style='color:{}'>■</span> {}</p>"
            ).format(
                event.when.display(),
                precision,
                _outside_date(event),
                palette.category_colour(event.category),
                event.category.value.capitalize(),
            ),
            Markup("<p>{}</p>").format(event.summary),
        ]
        places = Markup(", ").join(
            Markup("<a href='place:{}'>{}</a>").format(p.id, place_label(p, policy))
            for p in event.places
        )
        parts.append(Markup("<p class='meta'>Places: {}</p>").format(places))
        if event.date_note:
            parts.append(Markup("<h3>How this date was found</h3>"))
            parts.append(Markup("<p class='note'>{}</p>").format(event.date_note))
        parts.append(Markup("<h3>Excerpts ({})</h3>").format(len(event.excerpts)))
        for i, excerpt in enumerate(event.excerpts):
            parts.append(
                Markup(
                    "<table width='100%' cellspacing='0' cellpadding='8' "
                    "style='margin: 4px 0 8px 0; background-color:{paper}'>"
                    "<tr><td width='3' style='background-color:{rule}'></td><td>"
                    "<a class='quote' href='excerpt:{i}'>{quote}</a>"
                    "<br><span class='cite'>{cite}"
                    " — <a href='excerpt:{i}'><u>open source</u></a></span></td></tr></table>"
                ).format(
                    paper=palette.PAPER,
                    rule=palette.RULE,
                    i=i,
                    quote=quote_excerpt(excerpt.text),
                    cite=excerpt.source.citation(),
                )
            )
        claims = event.competing_claims()
        if claims:
            parts.append(Markup("<h3>Competing claims</h3>"))
            columns = self.claim_columns(event)
            for topic, annotations in claims.items():
                parts.append(self._claims_html(event, topic, annotations, columns))
        grouped = event.annotations_by_actor()
        if grouped:
            parts.append(Markup("<h3>Who did or said what</h3>"))
            for actor, annotations in grouped.items():
                items = Markup("").join(
                    Markup("<li>{}</li>").format(self._annotation_html(event, a))
                    for a in annotations
                )
                parts.append(
                    Markup("<p><b>{}</b></p><ul style='margin-top:0'>{}</ul>").format(
                        actor.name, items
                    )
                )
        return str(Markup("").join(parts))

    def _annotation_html(self, event: Event, a: Annotation) -> Markup:
        return Markup(
            "<span class='role'>{}:</span> {} "
            "<span class='cite'>(<a href='excerpt:{}'>{}</a>)</span>"
        ).format(a.role.value, a.text, event.excerpts.index(a.excerpt), _outlet(a))

    def _claims_html(
        self, event: Event, topic: str, annotations: list[Annotation], columns: int
    ) -> Markup:
        """The claims on one topic as cards under the topic's title: actor and role on top,
        the claim and its source below; ``columns`` cards a row (1: stacked, full width)."""
        width = 100 // columns
        cards = [
            Markup(
                "<td valign='top' width='{width}%' style='background-color:{paper}'>"
                "<p class='claim'><b>{actor}</b> <span class='role'>· {role}</span></p>"
                "<p class='claim'>{text}</p>"
                "<p class='claim'><span class='cite'>source: "
                "<a href='excerpt:{i}'><u>{outlet}</u></a></span></p></td>"
            ).format(
                width=width,
                paper=palette.PAPER,
                actor=a.actor.name,
                role=a.role.value,
                text=a.text,
                i=event.excerpts.index(a.excerpt),
                outlet=_outlet(a),
            )
            for a in annotations
        ]
        empty = Markup("<td width='{}%'></td>").format(width)
        rows = []
        for at in range(0, len(cards), columns):
            row = cards[at : at + columns]
            row += [empty] * (columns - len(row))
            rows.append(Markup("<tr>{}</tr>").format(Markup("").join(row)))
        return Markup(
            "<p class='topic'>{}</p>"
            "<table width='100%' cellspacing='6' cellpadding='8' style='margin: 0 -6px'>"
            "{}</table>"
        ).format(event.topic_title(topic), Markup("").join(rows))


def _outside_date(event: Event) -> Markup:
    # Said next to the date itself, so a reader can tell before reading the note.
    if not event.date_from_outside:
        return Markup("")
    return Markup(" &nbsp;<i>({})</i>").format(OUTSIDE_DATE_LABEL)


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
    return str(
        Markup(
            "<p class='muted' style='margin-top:24px'>No event selected.</p><p class='muted'>{}</p>"
        ).format(hint)
    )
