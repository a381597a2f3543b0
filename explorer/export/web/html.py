"""HTML fragments describing an event, shared by the web map, KML and TimelineJS exports.

Every piece of corpus text goes through :func:`esc` and nothing else reaches the markup, so
a title or quote holding ``<script>`` or ``" onmouseover=`` is shown, never run. ``esc`` also
writes the colon of ``://`` as a character reference: a URL quoted in a source stays
readable but is plain text, and the web map's "no external URL" check stays meaningful.
"""

from __future__ import annotations

import html

from explorer.domain.model import OUTSIDE_DATE_LABEL, Event, Excerpt, Source
from explorer.domain.naming import NamingPolicy, place_label

_PRECISION_WORDS = {
    "day": "exact day",
    "month": "month",
    "season": "season",
    "year": "year",
    "range": "range",
    "approximate": "approximate",
}


def esc(text: object) -> str:
    """HTML-escape ``text`` (quotes too) and defuse ``scheme://`` so no link can form."""
    return html.escape(str(text), quote=True).replace("://", "&#58;//")


def date_line(event: Event) -> str:
    """'19–20 September 2023 (range)': the date as written, then its precision."""
    precision = _PRECISION_WORDS.get(event.when.precision.value, event.when.precision.value)
    return f"{event.when.display()} ({precision})"


def both_names(event_or_places) -> list[str]:
    """Place labels with both sides' names for contested places ("Stepanakert / Khankendi")."""
    places = event_or_places.places if isinstance(event_or_places, Event) else event_or_places
    return [place_label(p, NamingPolicy.BOTH) for p in places]


def excerpt_html(excerpt: Excerpt) -> str:
    """A verbatim quote in a blockquote, then where it is in which source.

    The source is named short here; the event's full citations follow once, at its end.
    """
    return (
        f"<blockquote>{esc(excerpt.text)}</blockquote>"
        f'<p class="ke-src">— {esc(short_source(excerpt.source))}, '
        f"{esc(excerpt.source.id)} characters {excerpt.start}–{excerpt.end}</p>"
    )


def short_source(source: Source) -> str:
    return source.outlet or source.title or source.id


def annotations_html(event: Event) -> str:
    """Who did or said what, each claim attributed to its actor and its source."""
    if not event.annotations:
        return ""
    items = []
    for a in event.annotations:
        title = event.topic_title(a.topic) if a.topic else ""
        topic = f' <span class="ke-topic">[{esc(title)}]</span>' if a.topic else ""
        items.append(
            f"<li><b>{esc(a.actor.name)}</b> <i>{esc(a.role.value)}</i>: {esc(a.text)}"
            f' <span class="ke-src">({esc(short_source(a.excerpt.source))})</span>{topic}</li>'
        )
    return '<p class="ke-h">Who did or said what</p><ul>' + "".join(items) + "</ul>"


def event_html(event: Event, *, heading: bool = True) -> str:
    """The full description of an event: date, summary, quotes, claims, places, sources."""
    parts = []
    if heading:
        parts.append(f'<h3 class="ke-title">{esc(event.title)}</h3>')
    parts.append(
        f'<p class="ke-when"><b>{esc(date_line(event))}</b> · {esc(event.category.value)}</p>'
    )
    if event.date_from_outside:
        parts.append(f'<p class="ke-note"><b>{esc(OUTSIDE_DATE_LABEL.capitalize())}.</b></p>')
    if event.date_note:
        parts.append(f'<p class="ke-note">Date: {esc(event.date_note)}</p>')
    parts.append(f"<p>{esc(event.summary)}</p>")
    parts += [excerpt_html(x) for x in event.excerpts]
    parts.append(annotations_html(event))
    if event.places:
        parts.append(f'<p class="ke-places">Places: {esc("; ".join(both_names(event)))}</p>')
    parts.append(
        f'<p class="ke-src">Sources: {esc("; ".join(s.citation() for s in event.sources))}'
        f" · id: {esc(event.id)}</p>"
    )
    return "".join(p for p in parts if p)
