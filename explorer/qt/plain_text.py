"""Corpus text in Qt widgets: escaped in rich text, plain in labels (see render.plain_text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from explorer.render.plain_text import escape, plain_tooltip


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text literally: no markup, no links, nothing opened."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    return label


__all__ = ["escape", "plain_label", "plain_tooltip"]
