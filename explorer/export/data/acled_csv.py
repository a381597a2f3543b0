"""Events as CSV in ACLED's columns, filled the way ACLED fills them where the corpus allows.

What is ACLED-compatible (README, "For researchers", says the same):

- one row per place of an event (ACLED codes one location per row); ``event_id_cnty`` is the
  country's ISO alpha-3 code plus a number that depends only on the event and place ids, so
  it is stable from one export to the next;
- ``country``, ``iso`` (ISO 3166 numeric) and ``region`` (ACLED's regions) from the country
  the place lies in, by point in polygon on Natural Earth (:mod:`.countries`); ``admin1``
  where the gazetteer gives one (an ``admin1`` property in ``places.geojson``), else empty;
- ``time_precision`` 1 for a single day, 2 for a span of up to seven days, 3 for anything
  longer (a month, a season, a year, a war); ``event_date`` is the first day of the span;
- ``actor1``/``actor2`` and ``assoc_actor_1``/``assoc_actor_2`` from the event's two
  ``sides`` only (the first actor of each side, then the others); empty where the corpus does
  not say who stood against whom. Publications and authors are never actors: they are in
  ``source``;
- ``event_type``/``sub_event_type``/``disorder_type`` from :data:`TYPE_RULES`, a table of
  keyword rules over the title, where one of ACLED's types fits; empty where none does
  (statements, trade, displacement, sanctions: ACLED does not code these as events);
- ``fatalities`` where an excerpt states a number (the lowest it allows: "well over 6,000"
  is 6000), on the event's first row, with that excerpt quoted in ``notes``; empty, not 0,
  where no excerpt gives a number.

Not compatible: ``inter1``/``inter2``/``interaction``, ``civilian_targeting``,
``admin2``/``admin3``, ``source_scale`` and ``timestamp`` are empty; ACLED splits a
several-day battle into one row per day, this export does not. The extra ``quotes`` column
holds every excerpt verbatim with its ``source[start:end]``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from explorer.domain.model import Actor, Category, Event, Excerpt, Place
from explorer.export.data.countries import Country, place_country
from explorer.export.data.text import clean, spreadsheet_safe

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
COLUMNS = (*ACLED_COLUMNS, "quotes")

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
PROTESTS = "Protests"
STRATEGIC = "Strategic developments"
DISORDER = {
    BATTLES: "Political violence",
    REMOTE: "Political violence",
    "Violence against civilians": "Political violence",
    PROTESTS: "Demonstrations",
    "Riots": "Demonstrations",
    STRATEGIC: "Strategic developments",
}


@dataclass(frozen=True, slots=True)
class TypeRule:
    """Events whose title matches ``pattern`` (and whose category is one of ``categories``,
    if given) take ACLED's ``event_type``/``sub_event_type``; an empty type means "no ACLED
    type", which stops the search too."""

    pattern: str
    event_type: str
    sub_event_type: str
    categories: frozenset[Category] = frozenset()


_MILITARY = frozenset({Category.MILITARY})
# Agreements between the parties, not trade deals.
_POLITICAL = frozenset({Category.MILITARY, Category.DIPLOMATIC, Category.POLITICAL})
# First match wins. Statements, claims and reactions come first: ACLED does not code what
# someone said about an event as an event.
TYPE_RULES: tuple[TypeRule, ...] = (
    TypeRule(
        r"\bsays?\b|\bwarns?\b|\bblames?\b|criticis|\bcalls?\b|summons|monitoring|"
        r"\bsupport\b|theory|survey|reports? that",
        "",
        "",
    ),
    TypeRule(r"protest|demonstrat|\brall(y|ies)\b", PROTESTS, "Peaceful protest"),
    TypeRule(r"landmine|\bmines?\b|\bied\b", REMOTE, "Remote explosive/landmine/IED"),
    TypeRule(r"shell(s|ed|ing)?\b|artillery", REMOTE, "Shelling/artillery/missile attack"),
    TypeRule(r"air ?strike|drone strike", REMOTE, "Air/drone strike"),
    TypeRule(
        r"disband|dissolution|disarm|end of the .* republic", STRATEGIC, "Change to group/activity"
    ),  # fmt: skip
    TypeRule(
        r"ceasefire|agreement|\bagrees?\b|\bsigns?\b|accord|treaty",
        STRATEGIC,
        "Agreement",
        _POLITICAL,
    ),  # fmt: skip
    TypeRule(
        r"\bregains?\b|\bretakes?\b|recaptur", BATTLES, "Government regains territory", _MILITARY
    ),  # fmt: skip
    TypeRule(r"\bdeploy|withdrawal of", STRATEGIC, "Change to group/activity", _MILITARY),
    TypeRule(
        r"\bwar\b|offensive|military operation|invasion|clash|fighting|battle|\bkilled\b|"
        r"\bgains\b",
        BATTLES,
        "Armed clash",
        _MILITARY,
    ),
)


def acled_type(event: Event) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) by :data:`TYPE_RULES`, or empty strings."""
    title = event.title.lower()
    for rule in TYPE_RULES:
        if rule.categories and event.category not in rule.categories:
            continue
        if re.search(rule.pattern, title):
            return DISORDER.get(rule.event_type, ""), rule.event_type, rule.sub_event_type
    return "", "", ""


def time_precision(event: Event) -> int:
    """ACLED's code: 1 a single day, 2 a span of up to a week, 3 anything longer."""
    days = event.when.days
    return 1 if days == 1 else 2 if days <= 7 else 3


# -- fatalities ------------------------------------------------------------------------------

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
_WORDS = {w: n for n, w in enumerate(_NUMBER_WORDS)}
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_WORDS) + r")"
_VICTIM = r"(?:soldiers?|civilians?|people|persons|servicemen|peacekeepers|troops)"
_VICTIMS = rf"(?:\w+\s+)?{_VICTIM}"
_DEATH = r"(?:killed|dead|died|blasted|perished|lost their lives)"
_FATALITY_PATTERNS = (
    # "6,000 fatalities", "120 deaths", "30 dead"
    re.compile(rf"\b{_NUM}\s+(?:fatalities|deaths|dead)\b", re.IGNORECASE),
    # "4 soldiers and 2 civilians were blasted", "six people were killed"
    re.compile(
        rf"\b{_NUM}\s+{_VICTIMS}(?:\s*(?:,|and)\s*{_NUM}\s+{_VICTIMS})*\s+"
        rf"(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?{_DEATH}",
        re.IGNORECASE,
    ),
    # "killed 12", "killing at least 40 people"
    re.compile(rf"\bkill(?:ed|ing|s)?\s+(?:at\s+least\s+|more\s+than\s+)?{_NUM}\b", re.IGNORECASE),
)
_NUMBER_IN = re.compile(rf"\b{_NUM}\s+{_VICTIMS}", re.IGNORECASE)


def _number(token: str) -> int:
    token = token.lower()
    return _WORDS[token] if token in _WORDS else int(token.replace(",", ""))


def excerpt_fatalities(text: str) -> int | None:
    """The number of dead an excerpt states, or ``None`` if it states none."""
    for pattern in _FATALITY_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if pattern is _FATALITY_PATTERNS[1]:
            # every "N soldiers", "M civilians" in the matched clause, added up
            return sum(_number(m.group(1)) for m in _NUMBER_IN.finditer(match.group(0)))
        return _number(match.group(1))
    return None


def event_fatalities(event: Event) -> tuple[int, Excerpt] | None:
    """The largest number of dead any of the event's excerpts gives, with that excerpt.

    The largest, not the sum: several excerpts usually report the same dead.
    """
    found = [(n, x) for x in event.excerpts if (n := excerpt_fatalities(x.text)) is not None]
    return max(found, key=lambda f: f[0]) if found else None


# -- rows ------------------------------------------------------------------------------------


def event_number(event_id: str, place_id: str) -> int:
    """A number for an event at a place that depends only on their ids (CRC-32, 7 digits)."""
    return zlib.crc32(f"{event_id}@{place_id}".encode()) % 10_000_000


def _sides(event: Event, actors: Mapping[str, Actor]) -> tuple[list[str], list[str]]:
    """The names of the actors on each side of the event (empty if the data does not say).

    ``Event.sides`` holds the two sides' actors (an id is looked up in ``actors``).
    """
    sides = tuple(getattr(event, "sides", ()) or ())
    known = {a.id: a for a in event.actors} | dict(actors)

    def name(actor: Actor | str) -> str:
        if isinstance(actor, Actor):
            return actor.name
        return known[actor].name if actor in known else str(actor)

    a = [name(x) for x in sides[0]] if len(sides) > 0 else []
    b = [name(x) for x in sides[1]] if len(sides) > 1 else []
    return a, b


def _geo_precision(place: Place) -> int:
    """ACLED: 1 the town itself, 2 near it or a part of a region, 3 a larger region."""
    return 3 if place.kind == "region" else 1


def event_rows(
    event: Event,
    *,
    actors: Mapping[str, Actor] | None = None,
    admin1: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
) -> list[dict[str, object]]:
    """The event's rows: one per place (one row without a location if it has no place).

    ``admin1`` and ``countries`` map place ids to the gazetteer's ``admin1`` and ``country``
    (alpha-3) properties, where it has them (see :func:`gazetteer_properties`).
    """
    side_a, side_b = _sides(event, actors or {})
    disorder, event_type, sub_type = acled_type(event)
    dead = event_fatalities(event)
    quotes = " | ".join(f"{x.source.id}[{x.start}:{x.end}]: “{x.text}”" for x in event.excerpts)
    notes = event.summary
    if dead is not None:
        n, x = dead
        notes += f" Fatalities ({n}) from {x.source.id}[{x.start}:{x.end}]: “{x.text}”"
    common: dict[str, object] = {
        "event_date": event.when.start.isoformat(),
        "year": event.when.start.year,
        "time_precision": time_precision(event),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": side_a[0] if side_a else "",
        "assoc_actor_1": "; ".join(side_a[1:]),
        "actor2": side_b[0] if side_b else "",
        "assoc_actor_2": "; ".join(side_b[1:]),
        "source": "; ".join(s.outlet or s.title for s in event.sources),
        "notes": notes,
        "tags": f"precision: {event.when.precision.value}; explorer id: {event.id}",
        "quotes": quotes,
    }
    places: list[Place | None] = list(event.places) or [None]
    rows = []
    for i, place in enumerate(places):
        country: Country | None = place_country(place, countries) if place else None
        code = country.iso3 if country else "XXX"
        row = dict(common)
        row.update(
            {
                "event_id_cnty": f"{code}{event_number(event.id, place.id if place else '')}",
                "iso": country.iso_n3 if country else "",
                "region": country.region if country else "",
                "country": country.name if country else "",
                "admin1": (admin1 or {}).get(place.id, "") if place else "",
                "location": place.name if place else "",
                "latitude": f"{place.lat:.4f}" if place else "",
                "longitude": f"{place.lon:.4f}" if place else "",
                "geo_precision": _geo_precision(place) if place else "",
                "fatalities": dead[0] if dead is not None and i == 0 else "",
            }
        )
        if dead is not None and i > 0:
            row["notes"] = f"{notes} (Fatalities counted once, in the event's first row.)"
        rows.append(row)
    return rows


def events_to_csv(
    events: Iterable[Event],
    *,
    actors: Mapping[str, Actor] | None = None,
    admin1: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
    excel: bool = False,
) -> str:
    """The CSV text; ``excel`` starts it with a BOM so Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for event in events:
        for row in event_rows(event, actors=actors, admin1=admin1, countries=countries):
            writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    text = out.getvalue()
    return ("\ufeff" + text) if excel else text


def gazetteer_properties(geodata_dir: Path, name: str) -> dict[str, str]:
    """``{place id: value}`` of an optional text property (``admin1``, ``country``) of the
    gazetteer entries that have it.

    Read from ``places.geojson`` itself: these are properties the loader does not need. A
    missing or unreadable file gives nothing (the loader reports it).
    """
    try:
        data = json.loads((geodata_dir / "places.geojson").read_text(encoding="utf-8"))
        features = data["features"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    out = {}
    for feature in features if isinstance(features, list) else []:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        place_id, value = props.get("id"), props.get(name)
        if isinstance(place_id, str) and isinstance(value, str) and value.strip():
            out[place_id] = clean(value.strip())
    return out


def gazetteer_admin1(geodata_dir: Path) -> dict[str, str]:
    """``{place id: admin1}`` for the gazetteer entries with an ``admin1`` property."""
    return gazetteer_properties(geodata_dir, "admin1")
