"""Corpus text is never markup: the one way to put it into Qt's (rich) text.

Qt guesses whether a string is rich text (``Qt::mightBeRichText``) for tooltips and for
labels left in ``AutoText``: a title such as ``<img src="file:///…">`` would draw, load a
local file, or show a clickable ``file://`` link. So every string from a corpus goes
through :func:`escape` before it is put into a rich-text template, and a tooltip that is
plain text throughout is made with :func:`plain_tooltip`. Labels showing corpus text are set
to ``Qt.PlainText`` with :func:`explorer.qt.plain_text.plain_label`.

Pure Python (no Qt), so the window-free render layer can use it too.
"""

from __future__ import annotations

from markupsafe import escape as _markup_escape


def escape(text: object) -> str:
    """``text`` as rich-text markup that shows exactly its characters.

    For a whole label or tooltip that is one value. Where values go into a template, build it
    with ``markupsafe.Markup("…{}…").format(value)``, which escapes every value it is given.
    """
    return str(_markup_escape(str(text)))


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally (its line breaks kept), whatever it contains.

    A tooltip cannot be told to be plain text, so the text is escaped and wrapped in
    ``<qt>``, which makes Qt take it as (harmless) rich text, never as markup of its own.
    """
    return "<qt>" + "<br>".join(escape(line) for line in text.split("\n")) + "</qt>"
