"""Quotation marks around excerpts, once: some excerpts open with their own."""

from __future__ import annotations

OPENING_QUOTES = '“"‘«„'


def quote_excerpt(text: str) -> str:
    """An excerpt between quotation marks, unless it already opens with its own (no “““).

    For every view that shows an excerpt as a quotation (details, presenter, exports).
    """
    stripped = text.strip()
    if stripped[:1] in OPENING_QUOTES:
        return stripped
    return f"“{stripped}”"
