"""Citations of sources and excerpts: a line to paste, CSL-JSON and BibTeX.

:func:`excerpt_citation` is what "Copy citation" puts on the clipboard: the source (authors,
title, outlet, date, as the app writes it) and where the quote is, ``seeds/FILE[start:end]``
in Python ``str`` offsets, so that anyone with the corpus can find the exact passage.

``explorer export sources --format csl-json|bibtex`` writes every source of the corpus for a
reference manager (Zotero, JabRef, pandoc's citeproc). Dates keep their precision: a source
known to the day has year, month and day; one known only to a month has year and month; an
approximate date is marked ``circa`` in CSL-JSON and in BibTeX's ``note``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Excerpt, Source
from explorer.export.data.text import clean

# The app's source kinds as CSL item types (anything else is an "article").
_CSL_TYPES = {
    "news": "article-newspaper",
    "opinion": "article-newspaper",
    "analysis": "report",
    "explainer": "article",
    "report": "report",
}
_BIBTEX_TYPES = {"report": "techreport", "article-newspaper": "article", "article": "article"}


def excerpt_citation(excerpt: Excerpt) -> str:
    """'Sam Vaknin, “Russia’s Kosovo…”, Brussels Morning, c. 25 September 2023,
    seeds/000_….txt[1053:1147]': the source's citation and where the quote is in it."""
    where = f"seeds/{excerpt.source.id}[{excerpt.start}:{excerpt.end}]"
    return clean(f"{excerpt.source.citation()}, {where}")


def excerpt_citation_with_quote(excerpt: Excerpt) -> str:
    """The quote in curly quotes, then :func:`excerpt_citation`."""
    return clean(f"“{excerpt.text}” — {excerpt_citation(excerpt)}")


def _name(author: str) -> dict[str, str]:
    """CSL name: 'Sam Vaknin' -> family Vaknin, given Sam; one word or an organisation as is."""
    parts = author.split()
    if len(parts) < 2 or any(w in author for w in ("Centre", "Center", "Institute", "Staff")):
        return {"literal": author}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _date_parts(day_span: DateSpan) -> dict[str, Any]:
    start, end, precision = day_span.start, day_span.end, day_span.precision
    if precision is Precision.YEAR:
        parts: list[list[int]] = [[start.year]]
    elif precision in (Precision.MONTH, Precision.SEASON):
        parts = [[start.year, start.month]]
    elif precision is Precision.RANGE and end != start:
        parts = [[start.year, start.month, start.day], [end.year, end.month, end.day]]
    else:
        parts = [[start.year, start.month, start.day]]
    out: dict[str, Any] = {"date-parts": parts}
    if precision is Precision.APPROXIMATE:
        out["circa"] = True
    if precision is Precision.SEASON:
        out["season"] = {3: 1, 6: 2, 9: 3, 12: 4}.get(start.month, 4)
    return out


def csl_item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item."""
    item: dict[str, Any] = {
        "id": source.id,
        "type": _CSL_TYPES.get(source.kind, "article"),
        "title": source.title,
        "issued": _date_parts(source.published),
        "language": source.language,
        "source": f"seeds/{source.id}",
    }
    if source.authors:
        item["author"] = [_name(a) for a in source.authors]
    if source.outlet:
        item["container-title"] = source.outlet
    if source.published_note:
        item["note"] = source.published_note
    return item


def sources_to_csl_json(sources: Iterable[Source]) -> str:
    """Every source as a CSL-JSON array (UTF-8 text)."""
    items = [_clean(csl_item(s)) for s in sorted(sources, key=lambda s: s.id)]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


# -- BibTeX ----------------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bib_escape(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters escaped, Unicode kept (biber)."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in clean(text).replace("\n", " "))


def bib_key(source: Source) -> str:
    """A citation key from the source id: letters, digits, '-' and '_' only."""
    stem = source.id.rsplit(".", 1)[0]
    return "ke-" + re.sub(r"[^A-Za-z0-9_-]", "-", stem)


def _bib_author(author: str) -> str:
    name = _name(author)
    if "literal" in name:
        return "{" + bib_escape(name["literal"]) + "}"
    return f"{bib_escape(name['family'])}, {bib_escape(name['given'])}"


def bibtex_entry(source: Source) -> str:
    """One source as a BibTeX entry (``date`` in biblatex's ISO form, ``year`` for BibTeX)."""
    kind = _BIBTEX_TYPES.get(_CSL_TYPES.get(source.kind, "article"), "misc")
    when = source.published
    parts = _date_parts(when)["date-parts"]
    iso = "/".join("-".join(f"{v:02d}" if i else str(v) for i, v in enumerate(p)) for p in parts)
    fields: list[tuple[str, str]] = [("title", "{" + bib_escape(source.title) + "}")]
    if source.authors:
        fields.append(("author", " and ".join(_bib_author(a) for a in source.authors)))
    if source.outlet:
        venue = "institution" if kind == "techreport" else "journal"
        fields.append((venue, bib_escape(source.outlet)))
    fields.append(("year", str(when.start.year)))
    if len(parts[0]) > 1:
        fields.append(("month", str(when.start.month)))
    fields.append(("date", iso))
    fields.append(("langid", bib_escape(source.language)))
    notes = [f"seeds/{source.id}"]
    if when.precision is Precision.APPROXIMATE:
        notes.append(f"date approximate ({when.display()})")
    if source.published_note:
        notes.append(source.published_note)
    fields.append(("note", bib_escape("; ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{bib_key(source)},\n{body}\n}}\n"


def sources_to_bibtex(sources: Iterable[Source]) -> str:
    """Every source as BibTeX entries (UTF-8 text, for biber/biblatex or BibTeX 8-bit)."""
    entries = [bibtex_entry(s) for s in sorted(sources, key=lambda s: s.id)]
    return "% Sources of the Karabakh Explorer corpus\n\n" + "\n".join(entries)
