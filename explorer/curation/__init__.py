"""Curation without a window: new corpora, source import, round-trip YAML and suggestions.

Pure Python and data (no Qt). The workbench in ``explorer.qt.curation`` and the commands
``explorer new-corpus``, ``add-source`` and ``suggest`` are thin layers over this package.
"""

from __future__ import annotations


class CurationError(Exception):
    """Something the user asked cannot be done; the message says why, in plain words."""
