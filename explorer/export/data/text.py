"""Text as every export writes it: no control characters, no lone surrogates, no formulas.

A title holding a NUL or a vertical tab makes KML that no XML reader accepts, and a lone
surrogate (``"\\ud800"``) cannot be encoded as UTF-8 at all; the writers strip both, keeping
tabs and line breaks. Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, in some, a tab or carriage return) as a formula: :func:`spreadsheet_safe` puts an
apostrophe in front of such text, which Excel and LibreOffice show as a plain-text marker
(the OWASP recommendation for CSV injection). Numbers are never touched, so a longitude of
``-77.0369`` stays a number.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 block; lone surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def clean(text: str) -> str:
    """``text`` without control characters (tab and line breaks kept) and lone surrogates."""
    return _UNWANTED.sub("", text)


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: cleaned, and quoted with ``'`` if formula-like.

    Numbers (``int``/``float``) pass unchanged; so does text that is a plain number
    (``"-77.0369"``), which a spreadsheet reads as a number and cannot run.
    """
    if not isinstance(value, str):
        return value
    text = clean(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None
