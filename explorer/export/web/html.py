"""HTML fragments describing an event, shared by the web map, KML and TimelineJS exports.

The escaping is structural: every fragment is a :class:`markupsafe.Markup` template whose
``format`` escapes each argument that is not itself ``Markup``, so a title or quote holding
``<script>`` or ``" onmouseover=`` is shown, never run, even where a caller forgets
:func:`esc`. ``esc`` also writes the colon of ``://`` as a character reference: a URL quoted
in a source stays readable but is plain text, and the web map's "no external URL" check stays
meaningful. Control characters and lone surrogates are dropped on the way.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from explorer.domain.model import OUTSIDE_DATE_LABEL, Event, Excerpt, Source
from explorer.domain.naming import NamingPolicy, place_label
from explorer.export.data.text import clean

_PRECISION_WORDS = {
    "day": "exact day",
    "month": "month",
    "season": "season",
    "year": "year",
    "range": "range",
    "approximate": "approximate",
}


def esc(text: object) -> Markup:
    """HTML-escape ``text`` (quotes too) and defuse ``scheme://`` so no link can form.

    ``Markup`` is passed through as it is (it is already markup, made here).
    """
    if isinstance(text, Markup):
        return text
    return Markup(str(escape(clean(str(text)))).replace("://", "&#58;//"))


def date_line(event: Event) -> str:
    """'19–20 September 2023 (range)': the date as written, then its precision."""
    precision = _PRECISION_WORDS.get(event.when.precision.value, event.when.precision.value)
    return f"{event.when.display()} ({precision})"


def both_names(event_or_places) -> list[str]:
    """Place labels with both sides' names for contested places ("Stepanakert / Khankendi")."""
    places = event_or_places.places if isinstance(event_or_places, Event) else event_or_places
    return [place_label(p, NamingPolicy.BOTH) for p in places]


def excerpt_html(excerpt: Excerpt) -> Markup:
    """A verbatim quote in a blockquote, then where it is in which source.

    The source is named short here; the event's full citations follow once, at its end.
    """
    return Markup(
        '<blockquote>{}</blockquote><p class="ke-src">— {}, {} characters {}–{}</p>'
    ).format(
        esc(excerpt.text),
        esc(short_source(excerpt.source)),
        esc(excerpt.source.id),
        excerpt.start,
        excerpt.end,
    )


def short_source(source: Source) -> str:
    return source.outlet or source.title or source.id


def annotations_html(event: Event) -> Markup:
    """Who did or said what, each claim attributed to its actor and its source."""
    if not event.annotations:
        return Markup("")
    items = []
    for a in event.annotations:
        topic = (
            Markup(' <span class="ke-topic">[{}]</span>').format(esc(event.topic_title(a.topic)))
            if a.topic
            else Markup("")
        )
        items.append(
            Markup('<li><b>{}</b> <i>{}</i>: {} <span class="ke-src">({})</span>{}</li>').format(
                esc(a.actor.name),
                esc(a.role.value),
                esc(a.text),
                esc(short_source(a.excerpt.source)),
                topic,
            )
        )
    return Markup('<p class="ke-h">Who did or said what</p><ul>{}</ul>').format(
        Markup("").join(items)
    )


def event_html(event: Event, *, heading: bool = True) -> Markup:
    """The full description of an event: date, summary, quotes, claims, places, sources."""
    parts: list[Markup] = []
    if heading:
        parts.append(Markup('<h3 class="ke-title">{}</h3>').format(esc(event.title)))
    parts.append(
        Markup('<p class="ke-when"><b>{}</b> · {}</p>').format(
            esc(date_line(event)), esc(event.category.value)
        )
    )
    if event.date_from_outside:
        parts.append(
            Markup('<p class="ke-note"><b>{}.</b></p>').format(OUTSIDE_DATE_LABEL.capitalize())
        )
    if event.date_note:
        parts.append(Markup('<p class="ke-note">Date: {}</p>').format(esc(event.date_note)))
    parts.append(Markup("<p>{}</p>").format(esc(event.summary)))
    parts += [excerpt_html(x) for x in event.excerpts]
    parts.append(annotations_html(event))
    if event.places:
        parts.append(
            Markup('<p class="ke-places">Places: {}</p>').format(esc("; ".join(both_names(event))))
        )
    parts.append(
        Markup('<p class="ke-src">Sources: {} · id: {}</p>').format(
            esc("; ".join(s.citation() for s in event.sources)), esc(event.id)
        )
    )
    return Markup("").join(p for p in parts if p)
