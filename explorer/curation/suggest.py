"""Candidate events from a source: the sentences that report something, grounded and dated.

For each sentence (split with ``syntok``) the suggester finds its dates
(:mod:`explorer.curation.datetext`), places and actors (:mod:`explorer.curation.matching`).
A sentence becomes a suggestion when it has a date and names a place or an actor, or when it
has a verb of action or of saying and names one. Its date is the narrowest date it names; a
bare year after "the" ("the 2020 ceasefire") names another event and does not date it. A
sentence with no date takes the last date the text referred to before it (give or take three
days when that is a day or two), or — with nothing before it, or in the present tense ("are
now leaving") — the week up to the publication date, and its note says so. Sentences with a
verb of saying get an annotation (actor, role). Each suggestion lists the existing events it
may restate, so the user can add an excerpt instead of a duplicate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from explorer.curation.datetext import DateContext, DateMention, find_dates
from explorer.curation.matching import Matcher, NameMatch, actor_entries
from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Event, Source

# Verb of saying → annotation role.
SAYING = {
    "said": "said", "says": "said", "stated": "said", "states": "said", "declared": "said",
    "declares": "said", "expressed": "said", "emphasized": "said", "emphasised": "said",
    "insisted": "said", "called": "said", "told": "said", "argued": "assessed",
    "claimed": "claimed", "claims": "claimed", "denied": "denied", "denies": "denied",
    "accused": "accused", "accuses": "accused", "blamed": "accused", "blames": "accused",
    "warned": "warned", "warns": "warned", "threatened": "warned", "announced": "announced",
    "announces": "announced", "reported": "reported", "reports": "reported",
    "condemned": "said", "criticized": "said", "criticised": "said",
}  # fmt: skip
_ACTION = re.compile(
    r"(?i)\b(attack\w*|launch\w*|kill\w*|shell\w*|bomb\w*|seiz\w*|captur\w*|sign\w*|agree\w*|"
    r"met|meet\w*|talks|visit\w*|fled|flee\w*|evacuat\w*|deploy\w*|withdr\w*|block\w*|"
    r"dissolv\w*|ratif\w*|recogni[sz]\w*|invad\w*|invasion|summon\w*|exercise\w*|ceasefire|"
    r"offensive|war|protest\w*|disarm\w*|surrender\w*|negotiat\w*|elect\w*|resign\w*|arrest\w*|"
    r"sanction\w*|deliver\w*|purchas\w*|bought|transport\w*|held|hold\w*|displac\w*|occup\w*|"
    r"blockade|operation|clash\w*|fight\w*|fought|raged|took control|cleansing|exodus|"
    r"shipment|convoy|famine|fund\w*|import\w*|export\w*|trade|leav\w*|left|arriv\w*|entered)\b"
)
_SAYING = re.compile(r"\b(" + "|".join(SAYING) + r")\b")
CATEGORY_WORDS = {
    "military": r"attack|offensive|troops|shell|artillery|war\b|army|forces|military|soldier|"
    r"killed|landmine|drone|clash|fighting|fought|disarm|peacekeep|operation|exercise",
    "humanitarian": r"fled|flee|refugee|displac|exodus|evacuat|famine|hunger|aid|flour|food|"
    r"red cross|humanitarian|blockade|cleansing",
    "economic": r"gas\b|oil\b|trade|pipeline|sanction|econom|import|export|turnover|lukoil",
    "diplomatic": r"talks|met\b|meeting|agreement|agreed|ceasefire|treaty|ambassador|minister|"
    r"mediat|negotiat|summit|visit|declaration|recogni",
}  # fmt: skip
_CATEGORY = {k: re.compile(v, re.I) for k, v in CATEGORY_WORDS.items()}


@dataclass
class Suggestion:
    """A candidate event: one sentence of a source, its date window, places and actors."""

    id: str
    source_id: str
    begin: int
    stop: int
    quote: str
    date: DateSpan
    date_note: str
    dated_by: str  # "sentence", "context" (date referred to before) or "publication"
    category: str
    places: list[str]
    actors: list[str]
    annotations: list[dict[str, Any]] = field(default_factory=list)
    restates: list[tuple[str, float]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    names: list[NameMatch] = field(default_factory=list)

    @property
    def title(self) -> str:
        words = self.quote.split()
        title = " ".join(words[:14])
        return title + ("…" if len(words) > 14 else "")

    def to_event(self, summary: str | None = None) -> dict[str, Any]:
        """The suggestion as an ``events/*.yaml`` entry (for the writer or for pasting)."""
        event: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "summary": summary or f"According to {self.source_id[:3]}: “{self.quote}”",
            "start": self.date.start,
            "end": self.date.end if self.date.end != self.date.start else None,
            "precision": self.date.precision.value,
            "date_note": self.date_note,
            "category": self.category,
            "places": self.places,
            "actors": self.actors,
            "excerpts": [
                {
                    "source": self.source_id,
                    "start": self.begin,
                    "end": self.stop,
                    "quote": self.quote,
                }
            ],
        }
        if self.annotations:
            event["annotations"] = self.annotations
        return event

    def to_dict(self, *, iso: bool = True) -> dict[str, Any]:
        """Everything, for ``explorer suggest --format json|yaml`` (``iso``: dates as text)."""
        event = self.to_event()
        if iso:
            event["start"] = self.date.start.isoformat()
            event["end"] = self.date.end.isoformat()
        return {
            **event,
            "dated_by": self.dated_by,
            "restates": [{"event": e, "score": round(s, 2)} for e, s in self.restates],
            "mentions": [
                {"kind": "date", "start": d.begin, "end": d.stop, "text": d.phrase,
                 "window": [d.date.start.isoformat(), d.date.end.isoformat()]}
                for d in self.dates
            ] + [
                {"kind": n.kind, "start": n.begin, "end": n.stop, "text": n.phrase, "id": n.id,
                 "how": n.how}
                for n in self.names
            ],
        }  # fmt: skip


def sentences(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, first in its paragraph) of each sentence; a line break ends a sentence."""
    import syntok.segmenter as segmenter

    pos = 0
    for block in re.split(r"(\n+)", text):
        if block and not block.startswith("\n"):
            first = True
            for paragraph in segmenter.analyze(block):
                for sentence in paragraph:
                    if not sentence:
                        continue
                    a = sentence[0].offset
                    b = sentence[-1].offset + len(sentence[-1].value)
                    yield pos + a, pos + b, first
                    first = False
        pos += len(block)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def _category(sentence: str) -> str:
    scores = {k: len(p.findall(sentence)) for k, p in _CATEGORY.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else "political"


# "are circulating", "is now leaving": what the text reports as going on when it was written.
_PRESENT = re.compile(r"\b(?:is|are)\s+(?:now\s+|still\s+)?\w+ing\b|\b(?:now|these days)\b")
_PRONOUN = re.compile(r"^(?:He|She|They|It|The spokesman|The spokeswoman|The minister)\b")


def _annotation(
    sentence: str, start: int, names: list[NameMatch], previous_speaker: str | None = None
) -> dict[str, Any] | None:
    """The speaker is the last actor named before the verb of saying; a sentence that opens
    with "He", "She" or "They" and names nobody before the verb continues the previous
    sentence's speaker."""
    m = _SAYING.search(sentence)
    if not m:
        return None
    actors = [n for n in names if n.kind == "actor"]
    before = [n for n in actors if n.stop - start <= m.start()]
    if before:
        actor = before[-1].id
    elif previous_speaker and _PRONOUN.match(sentence):
        actor = previous_speaker
    elif actors:
        actor = actors[0].id
    else:
        return None
    role = SAYING[m.group(1)]
    # The sentence's own verb, in the attributing voice: "Denied that …", "Called it …".
    rest = sentence[m.end() :].strip(" ,:").rstrip(".")
    text = f"{m.group(1).capitalize()} {rest}"
    return {"actor": actor, "role": role, "text": text[:300], "excerpt": 0}


def _overlap(a: DateSpan, b: DateSpan) -> bool:
    return a.start <= b.end and b.start <= a.end


def _restates(
    suggestion: Suggestion, events: list[Event], limit: int = 3
) -> list[tuple[str, float]]:
    from rapidfuzz import fuzz

    found = []
    names = set(suggestion.places) | set(suggestion.actors)
    for event in events:
        same_excerpt = any(
            x.source.id == suggestion.source_id
            and x.start < suggestion.stop
            and suggestion.begin < x.end
            for x in event.excerpts
        )
        if same_excerpt:  # already an excerpt of that event, whatever its date
            found.append((event.id, 1.0))
            continue
        if not _overlap(suggestion.date, event.when):
            continue
        theirs = {p.id for p in event.places} | {a.id for a in event.actors}
        shared = len(names & theirs) / max(1, len(names | theirs))
        words = fuzz.token_set_ratio(suggestion.quote, f"{event.title} {event.summary}") / 100
        # Naming the same town or site (not just the region or a country) on the same dates
        # is strong evidence on its own.
        specific = any(p.id in suggestion.places and p.kind != "region" for p in event.places)
        score = 0.6 * words + 0.4 * shared + (0.15 if specific else 0.0)
        if score >= 0.5:
            found.append((event.id, score))
    found.sort(key=lambda x: -x[1])
    return found[:limit]


class Suggester:
    """Holds the matcher for one corpus, so many sources can be read without rebuilding it."""

    def __init__(self, places: Iterable[Any], actors: Iterable[dict[str, Any]]) -> None:
        self.matcher = Matcher(places, actors)

    @classmethod
    def for_corpus(cls, corpus: Any) -> Suggester:
        return cls(corpus.places.values(), actor_entries(corpus.seeds_dir))

    def suggest(
        self, source: Source, events: Iterable[Event] = (), taken_ids: Iterable[str] = ()
    ) -> list[Suggestion]:
        text = source.text
        ctx = DateContext(source.published)
        taken = set(taken_ids)
        events = list(events)
        out: list[Suggestion] = []
        narrative: tuple[DateSpan, str] | None = None  # the last date the text referred to
        speaker: str | None = None  # who spoke in the sentence before
        for start, end, first in sentences(text):
            sentence = text[start:end]
            if first:
                ctx.paragraph_year = None
                speaker = None
            dates = find_dates(sentence, ctx, start)
            names = self.matcher.find(sentence, start)
            places = list(dict.fromkeys(n.id for n in names if n.kind == "place"))
            actors = list(dict.fromkeys(n.id for n in names if n.kind == "actor"))
            acts = bool(_ACTION.search(sentence) or _SAYING.search(sentence))
            quoted_on = bool(speaker and _PRONOUN.match(sentence) and _SAYING.search(sentence))
            # "the 2020 ceasefire" names an earlier event; it does not date this sentence.
            dating = [
                d for d in dates
                if not (
                    d.date.precision is Precision.YEAR
                    and text[max(0, d.begin - 4) : d.begin] == "the "
                )
            ]  # fmt: skip
            if dating:
                best = min(dating, key=lambda d: (d.days, d.begin))
                date, note, by = best.date, best.note, "sentence"
                narrative = (best.date, best.phrase)
                absolute = any(d.kind == "absolute" for d in dates)
                if not (names or acts or (absolute and len(sentence.split()) >= 5)):
                    continue
            else:
                if not ((names or quoted_on) and acts):
                    speaker = None
                    continue
                if narrative is not None and not _PRESENT.search(sentence):
                    referred = narrative[0]
                    # A sentence that goes on about a day may be a day or two off: ±3 days.
                    slack = dt.timedelta(days=3 if referred.days <= 3 else 0)
                    date = DateSpan(
                        referred.start - slack, referred.end + slack, Precision.APPROXIMATE
                    )
                    note = (
                        "No date in the sentence; the last date the text referred to before "
                        f"it, {narrative[1]!r} ({referred.display()})"
                        + (", give or take three days." if slack else ".")
                    )
                    by = "context"
                else:
                    pub = source.published
                    date = DateSpan(
                        pub.start - dt.timedelta(days=6), pub.end, Precision.APPROXIMATE
                    )
                    note = (
                        "No date in the sentence"
                        + (", which is in the present tense" if narrative else " or before it")
                        + f": the week up to the publication date ({pub.display()}); the event "
                        "may be earlier."
                    )
                    by = "publication"
            annotation = _annotation(sentence, start, names, speaker)
            speaker = annotation["actor"] if annotation else None
            if annotation and annotation["actor"] not in actors:
                actors.append(annotation["actor"])
            key = actors[0] if actors else places[0] if places else "event"
            base = _slug(f"{key}-{_category(sentence)}-{date.start.isoformat()}")
            ident, n = base, 2
            while ident in taken:
                ident, n = f"{base}-{n}", n + 1
            taken.add(ident)
            suggestion = Suggestion(
                id=ident,
                source_id=source.id,
                begin=start,
                stop=end,
                quote=sentence,
                date=date,
                date_note=note,
                dated_by=by,
                category=_category(sentence),
                places=places,
                actors=actors,
                annotations=[annotation] if annotation else [],
                dates=dates,
                names=names,
            )
            if events:
                suggestion.restates = _restates(suggestion, events)
            out.append(suggestion)
        return out


def suggest(corpus: Any, source_id: str, *, with_restates: bool = True) -> list[Suggestion]:
    """Candidate events from ``corpus.sources[source_id]``; see :class:`Suggestion`."""
    source = corpus.sources[source_id]
    events = list(corpus.timeline) if with_restates else []
    return Suggester.for_corpus(corpus).suggest(
        source, events, taken_ids=[e.id for e in corpus.timeline]
    )
