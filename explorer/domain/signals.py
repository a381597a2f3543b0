"""A minimal observer, so the domain can announce changes without knowing about Qt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Signal:
    """Call every connected handler with the emitted arguments, in connection order."""

    __slots__ = ("_handlers",)

    def __init__(self) -> None:
        self._handlers: list[Callable[..., Any]] = []

    def connect(self, handler: Callable[..., Any]) -> None:
        self._handlers.append(handler)

    def disconnect(self, handler: Callable[..., Any]) -> None:
        self._handlers.remove(handler)

    def emit(self, *args: Any) -> None:
        for handler in list(self._handlers):
            handler(*args)
