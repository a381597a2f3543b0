"""Connecting Qt widgets to the Qt-free :class:`~explorer.domain.state.AppState` signals.

The domain signals hold plain callables. A widget deleted by Qt (a closed window, a reloaded
corpus) must stop receiving them, or the next emission would call into a dead C++ object;
:func:`bind` disconnects the handler when its owner is destroyed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from explorer.domain.signals import Signal


def bind(owner: QObject, signal: Signal, handler: Callable[..., Any]) -> None:
    """Connect ``handler`` to a domain ``signal`` for as long as ``owner`` lives."""
    signal.connect(handler)

    def _disconnect(*_: object) -> None:
        with contextlib.suppress(ValueError):  # already disconnected
            signal.disconnect(handler)

    owner.destroyed.connect(_disconnect)
