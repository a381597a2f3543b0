"""Problems found while loading: each names a file and a line and says what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that must never reach a terminal raw: C0 controls (ESC starts the sequences that
# retitle windows, move the cursor or rewrite the screen), DEL, C1 controls (0x9b is a
# one-byte CSI), line and paragraph separators, bidi overrides, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), for terminals."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        path = self.path
        # Relative to where the user stands, so the message is short and clickable in editors.
        if path.is_absolute() and path.is_relative_to(Path.cwd()):
            path = path.relative_to(Path.cwd())
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return printable(f"{where}: {self.message}")


class CorpusError(Exception):
    """The corpus could not be loaded at all; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
