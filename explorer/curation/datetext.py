"""Date expressions in a text, absolute and relative, resolved to a :class:`DateSpan`.

Each mention found carries its exact offsets, the span it resolves to (with its precision) and
a **note** that says how it was resolved, in the words ``date_note`` uses in the corpus. The
rules below are the documented behaviour; ``tests/test_curation_dates.py`` tests each one.

Absolute dates (the year, when missing, is the last year named earlier in the same paragraph,
else the publication year — moved one year back if that would put the date after publication):

========================================  ==========================================  ===========
phrase                                    window                                      precision
========================================  ==========================================  ===========
19 September 2023, September 19, 2023     that day                                    day
19–20 September, September 19–20          those days                                  range
September 2023, in September              the month                                   month
early / mid / late September              1–10 / 11–20 / 21–end of the month          approximate
the end of / the beginning of September   21–end / 1–10 of the month                  approximate
spring / summer / autumn (fall) / winter  Mar–May / Jun–Aug / Sep–Nov / Dec–Feb       season
2018, in 2018                             the year                                    year
early / mid / late 2020                   Jan–Apr / May–Aug / Sep–Dec                 approximate
the 1990s, the 80s and 90s                the decade(s)                               range
========================================  ==========================================  ===========

Relative to the **publication date** (the source's ``published`` window; each rule is applied
to both ends of that window and the results joined, so an uncertain publication date gives a
correspondingly wider window):

- *today* → the publication window; *currently*, *nowadays*, *at present* → the week up to
  it (approximate);
- *yesterday* → the day before;
- *this week* → the seven days ending on the publication date; *last week* → the seven before;
- *this / last / next month* and *this / last / next year* → that calendar month or year;
- *this spring* → the spring of the publication year; *last spring* → the latest spring that
  ended before publication (season);
- *on Thursday*, *last Thursday* → the latest such weekday on or before publication;
- *N days / weeks / months / years ago* (N a number or a word, "a couple of" = 2,
  "a few" / "several" = 3) → publication minus N units, widened by half a unit either side
  (approximate);
- *recently*, *lately* → the 60 days before publication; *in recent days / weeks / months /
  years* → the 7 / 28 / 90 / 730 days before it (approximate).

Relative to the **date of the sentence referred to** (the last date resolved before it in the
text; without one, the publication date):

- *N days / weeks / months / years later / after / afterwards* → that date plus N units,
  widened by half a unit (approximate); *earlier / before* → minus;
- *the next / following day (week, month, year)*, *the previous day* → one unit after/before;
- *N days after / before* followed by the name of an event ("two days after the offensive",
  "weeks after Azerbaijan launched …") is counted from that event, which has no date here, so
  it is not taken as a date at all.

Modifiers in front of any date above:

- *by X* → from the date referred to before (if it is earlier, else one month before X) to
  the end of X (approximate): "by early October" is done by 10 October at the latest;
- *since X*, *starting in X* (with no end named) → from the start of X to publication
  (range).
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from explorer.domain.dates import DateSpan, Precision

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
            ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
            ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_M = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 3, "few": 3,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,3}|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_Y = r"(?P<{}>1[6-9]\d\d|20\d\d)"
_PART = (
    r"(?P<part>early|mid|late|the end of|end of|the beginning of|beginning of|the start of|"
    r"start of|the middle of|middle of)"
)

# (name, pattern); earlier patterns win where matches overlap at the same start.
_PATTERNS: list[tuple[str, str]] = [
    ("range_dmy", r"\b(?P<d1>\d{1,2})\s*[–—-]\s*(?P<d2>\d{1,2})\s+" + _M.format("m")
     + r"(?:,?\s+" + _Y.format("y") + r")?\b"),
    ("range_mdy", r"\b" + _M.format("m") + r"\s+(?P<d1>\d{1,2})\s*[–—-]\s*(?P<d2>\d{1,2})"
     r"(?:,?\s+" + _Y.format("y") + r")?\b"),
    ("dmy", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M.format("m")
     + r"(?:,?\s+" + _Y.format("y") + r")?\b"),
    ("mdy", r"\b" + _M.format("m") + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[–—-]?\s*\d{3})"
     r"(?:,?\s+" + _Y.format("y") + r")?\b"),
    ("part_month", r"(?i:\b" + _PART + r")[\s-]+" + _M.format("m") + r"(?:,?\s+" + _Y.format("y")
     + r")?\b"),
    ("season", r"(?i:\b(?:(?P<part>early|mid|late)[\s-]+)?(?P<season>spring|summer|autumn|fall|"
     r"winter)\s+(?:of\s+)?)" + _Y.format("y") + r"\b"),
    ("month_year", r"\b" + _M.format("m") + r",?\s+(?:of\s+)?" + _Y.format("y") + r"\b"),
    ("month", r"(?i:\b(?:in|since|from|by|until|during|through|of|last|this)\s+)" + _M.format("m")
     + r"(?!\s*\d)\b"),
    ("part_year", r"(?i:\b" + _PART + r")[\s-]+" + _Y.format("y") + r"\b"),
    ("decades", r"(?i:\bthe\s+)(?P<a>\d0|1[6-9]\d0|20\d0)[’']?s\s+and\s+(?:the\s+)?"
     r"(?P<b>\d0|1[6-9]\d0|20\d0)[’']?s\b"),
    ("decade", r"(?i:\bthe\s+)(?P<a>\d0|1[6-9]\d0|20\d0)[’']?s\b"),
    ("year", r"(?<![\d,.\-–/])" + _Y.format("y") + r"(?![\d\-–/]|,\d)"),
    ("ago", r"(?i:\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b)"),
    ("vague_ago", r"(?i:\b(?:just\s+|only\s+)?(?P<unit>day|week|month|year)s\s+ago\b)"),
    ("later", r"(?i:\b" + _NUM + r"\s+" + _UNIT
     + r"\s+(?P<dir>later|after|afterwards|on|earlier|before|prior)\b)"),
    ("vague_later", r"(?i:\b(?:just\s+|only\s+)?(?P<unit>day|week|month|year)s\s+"
     r"(?P<dir>later|after|afterwards|earlier|before)\b)"),
    ("next_unit", r"(?i:\bthe\s+(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|week|month|year)\b)"),
    ("this_unit", r"(?i:\b(?P<which>this|last|past|next|previous)\s+(?P<unit>week|month|year)\b)"),
    ("this_season", r"(?i:\b(?P<which>this|last|next|past)\s+(?P<season>spring|summer|autumn|fall|winter)\b)"),
    ("weekday", r"(?i:\b(?P<which>on|last|this|next)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"),
    ("today", r"(?i:\b(?P<w>today|currently|nowadays|at present|yesterday)\b)"),
    ("recent", r"(?i:\b(?:recently|lately|in recent (?P<unit>day|week|month|year)s)\b)"),
]  # fmt: skip
_COMPILED = [(name, re.compile(pattern)) for name, pattern in _PATTERNS]
_BY = re.compile(
    r"(?i:\b(by|since|ever since|starting (?:in|from|on)|beginning in)\s+(?:the\s+)?)$"
)
_NAMED_EVENT = re.compile(
    r"(?<=after|efore|prior)\s+(?:to\s+)?(?:the|a|an|his|her|their|its|[A-Z])"
)
_RANGE_END = re.compile(r"^\s*(?:to|until|till|through|[–—-])\s")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase at ``text[begin:stop]`` and the window it resolves to."""

    begin: int
    stop: int
    phrase: str
    date: DateSpan
    note: str
    kind: str  # "absolute", "publication" (relative to it) or "context" (to the date before)
    year_given: bool = True

    @property
    def days(self) -> int:
        return self.date.days


@dataclass
class DateContext:
    """What relative dates resolve against, updated as a text is read in order."""

    published: DateSpan
    last: DateSpan | None = None  # the last date resolved earlier in the text
    last_phrase: str = ""
    paragraph_year: int | None = None  # the last year named in the current paragraph

    def remember(self, mention: DateMention) -> None:
        self.last, self.last_phrase = mention.date, mention.phrase
        if mention.year_given and mention.kind == "absolute":
            self.paragraph_year = mention.date.end.year


# -- helpers ---------------------------------------------------------------------------------
def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, monthrange(year, month)[1])


def _season(name: str, year: int) -> tuple[dt.date, dt.date]:
    first = SEASONS[name]
    start = dt.date(year, first, 1)
    end_month = start + relativedelta(months=2)
    return start, _month_end(end_month.year, end_month.month)


def _span(start: dt.date, end: dt.date, precision: Precision) -> DateSpan:
    if end < start:
        start, end = end, start
    if precision is Precision.DAY and start != end:
        precision = Precision.RANGE
    return DateSpan(start, end, precision)


def _pub(ctx: DateContext) -> str:
    return f"the publication date ({ctx.published.display()})"


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    return day + relativedelta(**{f"{unit}s": n})


def _half(unit: str) -> relativedelta:
    return {
        "day": relativedelta(),
        "week": relativedelta(days=3),
        "month": relativedelta(days=15),
        "year": relativedelta(months=6),
    }[unit]


class _Resolver:
    def __init__(self, ctx: DateContext) -> None:
        self.ctx = ctx
        self.year_note = ""

    def year(self, m: re.Match, month: int, day: int = 1, key: str = "y") -> tuple[int, bool]:
        """The year named, else the paragraph's year, else publication's (never after it)."""
        given = m.groupdict().get(key)
        if given:
            return int(given), True
        ctx = self.ctx
        if ctx.paragraph_year:
            self.year_note = f"the year is not given; {ctx.paragraph_year}, named before it"
            return ctx.paragraph_year, False
        year = ctx.published.end.year
        if dt.date(year, month, min(day, 28)) > ctx.published.end:
            year -= 1
        self.year_note = f"the year is not given; {year}, the last such date before {_pub(ctx)}"
        return year, False

    def resolve(self, name: str, m: re.Match) -> tuple[DateSpan, str, str, bool] | None:
        ctx, g = self.ctx, m.groupdict()
        self.year_note = ""
        pub = ctx.published
        phrase = m.group(0)
        if name in ("range_dmy", "range_mdy", "dmy", "mdy"):
            month = MONTHS[g["m"]]
            d1 = int(g.get("d1") or g.get("d") or 0)
            d2 = int(g.get("d2") or d1)
            year, given = self.year(m, month, d1)
            try:
                span = _span(
                    dt.date(year, month, d1),
                    dt.date(year, month, d2),
                    Precision.DAY if d1 == d2 else Precision.RANGE,
                )
            except ValueError:
                return None
            return span, self.year_note, "absolute", given
        if name in ("month_year", "month"):
            month = MONTHS[g["m"]]
            year, given = self.year(m, month)
            span = DateSpan(dt.date(year, month, 1), _month_end(year, month), Precision.MONTH)
            return span, self.year_note, "absolute", given
        if name == "part_month":
            month = MONTHS[g["m"]]
            year, given = self.year(m, month)
            part = g["part"].lower().replace("the ", "")
            last = monthrange(year, month)[1]
            first_day, last_day = {
                "early": (1, 10), "beginning of": (1, 10), "start of": (1, 10),
                "mid": (11, 20), "middle of": (11, 20), "late": (21, last), "end of": (21, last),
            }[part]  # fmt: skip
            span = DateSpan(
                dt.date(year, month, first_day),
                dt.date(year, month, last_day),
                Precision.APPROXIMATE,
            )
            note = f"{phrase!r} read as {first_day}–{last_day} {span.start:%B}"
            return span, "; ".join(x for x in (note, self.year_note) if x), "absolute", given
        if name == "season":
            year = int(g["y"])
            start, end = _season(g["season"].lower(), year)
            if g.get("part"):
                part = g["part"].lower()
                start, end = {
                    "early": (start, _month_end(start.year, start.month)),
                    "mid": (start + relativedelta(months=1), _month_end(*(start + relativedelta(months=1)).timetuple()[:2])),
                    "late": (dt.date(end.year, end.month, 1), end),
                }[part]  # fmt: skip
                note = f"{phrase!r} read as {DateSpan(start, end, Precision.RANGE).display()}"
                return DateSpan(start, end, Precision.APPROXIMATE), note, "absolute", True
            return DateSpan(start, end, Precision.SEASON), "", "absolute", True
        if name == "part_year":
            year = int(g["y"])
            part = g["part"].lower().replace("the ", "")
            a, b = {
                "early": (1, 4), "beginning of": (1, 4), "start of": (1, 4),
                "mid": (5, 8), "middle of": (5, 8), "late": (9, 12), "end of": (9, 12),
            }[part]  # fmt: skip
            span = DateSpan(dt.date(year, a, 1), _month_end(year, b), Precision.APPROXIMATE)
            return (
                span,
                f"{phrase!r} read as {span.start:%B}–{span.end:%B} {year}",
                "absolute",
                True,
            )
        if name in ("decade", "decades"):

            def full(x: str) -> int:
                v = int(x)
                return v + 1900 if v < 100 else v

            a = full(g["a"])
            b = full(g.get("b") or g["a"])
            span = DateSpan(dt.date(a, 1, 1), dt.date(b + 9, 12, 31), Precision.RANGE)
            note = f"{phrase!r}: {a}–{b + 9}" if a < 100 or len(g["a"]) == 2 else ""
            return span, note, "absolute", True
        if name == "year":
            year = int(g["y"])
            if year > pub.end.year + 30:
                return None
            return (
                DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR),
                "",
                "absolute",
                True,
            )
        if name in ("ago", "vague_ago"):
            unit = g["unit"].lower()
            n = _number(g["n"]) if g.get("n") else 3
            half = _half(unit) if name == "ago" else _half(unit) + relativedelta(**{f"{unit}s": 1})
            start = _shift(pub.start, unit, -n) - half
            end = _shift(pub.end, unit, -n) + half
            span = _span(
                start,
                end,
                Precision.DAY if unit == "day" and pub.days == 1 else Precision.APPROXIMATE,
            )
            note = f"{phrase!r} counted back from {_pub(ctx)}"
            return span, note, "publication", True
        if name in ("later", "vague_later", "next_unit"):
            unit = g["unit"].lower()
            n = _number(g["n"]) if g.get("n") else (1 if name == "next_unit" else 3)
            direction = g["dir"].lower()
            sign = -1 if direction in ("earlier", "before", "prior", "previous", "preceding") else 1
            base, what = (
                (ctx.last, f"{ctx.last_phrase!r} ({ctx.last.display()})")
                if ctx.last
                else (pub, _pub(ctx))
            )
            half = (
                _half(unit)
                if name != "vague_later"
                else _half(unit) + relativedelta(**{f"{unit}s": 1})
            )
            if name == "next_unit":
                half = relativedelta()
            start = _shift(base.start, unit, sign * n) - half
            end = _shift(base.end, unit, sign * n) + half
            exact = unit == "day" and base.precision is Precision.DAY and name != "vague_later"
            span = _span(start, end, Precision.DAY if exact else Precision.APPROXIMATE)
            note = f"{phrase!r} counted from {what}, the date referred to before it"
            return span, note, "context", True
        if name == "this_unit":
            which, unit = g["which"].lower(), g["unit"].lower()
            step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[which]
            if unit == "week":
                if which == "past" or which == "this":
                    start, end = pub.start - dt.timedelta(days=6), pub.end
                else:
                    start = pub.start + dt.timedelta(days=7 * step - 6)
                    end = pub.end + dt.timedelta(days=7 * step)
                note = f"{phrase!r}: the seven days {'ending on' if step == 0 else 'around'} {_pub(ctx)}"
                precision = Precision.APPROXIMATE
            elif unit == "month":
                a = pub.start + relativedelta(months=step)
                b = pub.end + relativedelta(months=step)
                start, end = a.replace(day=1), _month_end(b.year, b.month)
                precision = (
                    Precision.MONTH
                    if (a.year, a.month) == (b.year, b.month)
                    else Precision.APPROXIMATE
                )
                note = f"{phrase!r} in a text of {pub.display()}"
            else:
                start = dt.date(pub.start.year + step, 1, 1)
                end = dt.date(pub.end.year + step, 12, 31)
                precision = Precision.YEAR if start.year == end.year else Precision.APPROXIMATE
                note = f"{phrase!r} in a text of {pub.display()}"
            return _span(start, end, precision), note, "publication", True
        if name == "this_season":
            which, season = g["which"].lower(), g["season"].lower()
            if which == "this":
                year = pub.start.year - (1 if season == "winter" and pub.start.month < 3 else 0)
                start, end = _season(season, year)
            elif which == "next":
                year = pub.end.year
                start, end = _season(season, year)
                while start <= pub.end:
                    year += 1
                    start, end = _season(season, year)
            else:
                year = pub.start.year
                start, end = _season(season, year)
                while end >= pub.start:
                    year -= 1
                    start, end = _season(season, year)
            note = f"{phrase!r} in a text of {pub.display()}: {DateSpan(start, end, Precision.SEASON).display()}"
            return DateSpan(start, end, Precision.SEASON), note, "publication", True
        if name == "weekday":
            wd = WEEKDAYS.index(g["wd"].lower())
            start = pub.start - dt.timedelta(days=(pub.start.weekday() - wd) % 7)
            end = pub.end - dt.timedelta(days=(pub.end.weekday() - wd) % 7)
            if g["which"].lower() == "last" and end == pub.end:
                start, end = start - dt.timedelta(days=7), end - dt.timedelta(days=7)
            if end < start:
                start = end
            precision = Precision.DAY if start == end else Precision.APPROXIMATE
            note = f"{phrase!r}: the {g['wd'].capitalize()} on or before {_pub(ctx)}"
            return _span(start, end, precision), note, "publication", True
        if name == "today":
            w = g["w"].lower()
            if w == "yesterday":
                span = DateSpan(
                    pub.start - dt.timedelta(days=1), pub.end - dt.timedelta(days=1), pub.precision
                )
                return span, f"'yesterday': the day before {_pub(ctx)}", "publication", True
            if w == "today":
                span = DateSpan(pub.start, pub.end, Precision.APPROXIMATE)
                return span, f"{phrase!r}: {_pub(ctx)}", "publication", True
            span = DateSpan(pub.start - dt.timedelta(days=6), pub.end, Precision.APPROXIMATE)
            return span, f"{phrase!r}: the week up to {_pub(ctx)}", "publication", True
        if name == "recent":
            days = {"day": 7, "week": 28, "month": 90, "year": 730}.get(
                (g.get("unit") or "").lower(), 60
            )
            span = DateSpan(pub.start - dt.timedelta(days=days), pub.end, Precision.APPROXIMATE)
            return span, f"{phrase!r}: the {days} days before {_pub(ctx)}", "publication", True
        return None  # pragma: no cover - every pattern has a branch


def _candidates(text: str) -> Iterator[tuple[int, int, str, re.Match]]:
    for order, (name, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(text):
            yield m.start(), -(m.end() - m.start()), name, m
        del order


def _non_overlapping(text: str) -> list[tuple[str, re.Match]]:
    """Longest match first at each place; later, shorter overlapping matches are dropped."""
    found = sorted(_candidates(text), key=lambda c: (c[0], c[1]))
    kept: list[tuple[str, re.Match]] = []
    taken_until = -1
    for start, neg_len, name, m in found:
        if start >= taken_until:
            kept.append((name, m))
            taken_until = start - neg_len
    return kept


def find_dates(text: str, ctx: DateContext, offset: int = 0) -> list[DateMention]:
    """The date mentions in ``text`` (one sentence), resolved; ``ctx`` is updated as it reads.

    ``offset`` is added to every position, so the mentions index the whole source text.
    """
    mentions = []
    for name, m in _non_overlapping(text):
        if name in ("later", "vague_later") and _NAMED_EVENT.match(text, m.end()):
            continue  # "two days after the offensive": counted from an event, not a date
        resolved = _Resolver(ctx).resolve(name, m)
        if resolved is None:
            continue
        span, note, kind, given = resolved
        begin, stop = m.start(), m.end()
        modifier = _BY.search(text, 0, begin)
        if modifier and modifier.end() == begin:
            word = modifier.group(1).lower()
            if word == "by":
                base = ctx.last
                earliest = span.start - relativedelta(months=1)
                start = base.start if base and earliest <= base.start < span.start else earliest
                note = "; ".join(
                    x for x in (
                        f"'by {m.group(0)}': done by {span.end.day} {span.end:%B} {span.end.year} "
                        f"at the latest, from {start.isoformat()}"
                        + (f" ({ctx.last_phrase!r}, the date before it)" if start == (base.start if base else None) else ""),
                        note,
                    ) if x
                )  # fmt: skip
                span, begin = DateSpan(start, span.end, Precision.APPROXIMATE), modifier.start()
            elif not _RANGE_END.match(text[stop:]):
                end = max(ctx.published.end, span.end)
                note = "; ".join(
                    x
                    for x in (f"{modifier.group(0) + m.group(0)!r}: from then to {_pub(ctx)}", note)
                    if x
                )
                span, begin = DateSpan(span.start, end, Precision.RANGE), modifier.start()
        mention = DateMention(
            begin + offset, stop + offset, text[begin:stop], span, note, kind, given
        )
        mentions.append(mention)
        ctx.remember(mention)
    return mentions


def find_absolute_dates(text: str) -> list[DateMention]:
    """Absolute dates only, with no publication date to lean on (for reading a file's header)."""
    today = dt.date.today()
    ctx = DateContext(DateSpan(today, today, Precision.DAY))
    return [m for m in find_dates(text, ctx) if m.kind == "absolute"]
