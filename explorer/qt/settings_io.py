"""Reading the app's QSettings without ever running code from them.

PySide6 stores a Python object put into QSettings as a pickle (``@Variant(...
PySide::PyObjectWrapper ...)``) and unpickles it as soon as any key of its section is read:
a crafted settings file runs code, a truncated one stops the GUI with ``EOFError``. The app
itself only ever stores text, integers and ``QByteArray`` (window geometry), so before Qt
reads an INI settings file, every ``@Variant(...)`` value in it is removed, with a warning
that names the key. Values are then read with explicit types (:func:`read_text`,
:func:`read_int`, :func:`read_bytes`); a value of the wrong type is ignored, again with a
warning naming the key.

The Windows registry (the native format there) is not a file and is left as it is.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9a-fA-F]+")
_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def warn(key: str, why: str) -> None:
    from explorer.data.problems import printable

    print(printable(f"explorer: settings: ignored '{key}': {why}"), file=sys.stderr)


def _unescape(value: str) -> str:
    """A settings value as Qt reads it: quotes removed, C escapes (``\\x40``, ``\\100``) decoded."""
    out: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == '"':
            i += 1
            continue
        if ch != "\\" or i + 1 >= len(value):
            out.append(ch)
            i += 1
            continue
        nxt = value[i + 1]
        if nxt == "x" and (m := _HEX.match(value, i + 2)):
            out.append(chr(min(int(m.group()[:8], 16), 0x10FFFF)))
            i = m.end()
        elif m := _OCTAL.match(value, i + 1):
            out.append(chr(int(m.group(), 8)))
            i = m.end()
        else:
            out.append(_SIMPLE.get(nxt, nxt))
            i += 2
    return "".join(out)


def _logical_lines(text: str) -> list[list[str]]:
    """The file's lines, a value continued with a trailing backslash kept with its line."""
    groups: list[list[str]] = []
    continued = False
    for line in text.splitlines(keepends=True):
        if continued:
            groups[-1].append(line)
        else:
            groups.append([line])
        body = line.rstrip("\r\n")
        continued = (len(body) - len(body.rstrip("\\"))) % 2 == 1
    return groups


def strip_objects(path: Path) -> list[str]:
    """Remove every ``@Variant(...)`` value from the INI file at ``path``; the keys removed."""
    try:
        raw = path.read_bytes() if path.is_file() else b""
    except OSError:
        return []
    if b"@" not in raw and b"\\" not in raw:
        return []
    text = raw.decode("utf-8", errors="surrogateescape")
    kept: list[str] = []
    removed: list[str] = []
    section = ""
    for group in _logical_lines(text):
        line = "".join(group)
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
        elif "=" in line and "@Variant(" in _unescape(line.split("=", 1)[1]):
            key = line.split("=", 1)[0].strip()
            removed.append(f"{section}/{key}" if section and section != "General" else key)
            continue
        kept.append(line)
    if removed:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes("".join(kept).encode("utf-8", errors="surrogateescape"))
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            return []
        for key in removed:
            warn(key, "it held a stored Python object, which is never loaded")
    return removed


def _is_file_format(settings: QSettings) -> bool:
    if settings.format() == QSettings.Format.IniFormat:
        return True
    return settings.format() == QSettings.Format.NativeFormat and sys.platform not in (
        "win32",
        "darwin",
    )


def make_safe(settings: QSettings) -> QSettings:
    """Strip stored objects from ``settings``' file and have Qt read it afresh."""
    stripped = _is_file_format(settings) and settings.fileName()
    if stripped and strip_objects(Path(settings.fileName())):
        settings.sync()  # the file changed on disk: Qt re-reads it
    return settings


def open_settings(organisation: str, application: str) -> QSettings:
    """The user's settings, stored objects removed before Qt parses anything."""
    probe = QSettings(organisation, application)
    if _is_file_format(probe) and probe.fileName():
        strip_objects(Path(probe.fileName()))
    del probe
    return QSettings(organisation, application)


def read_text(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(key)
    if value is None:
        return default
    if isinstance(value, str):
        return value
    warn(key, f"expected text, found {type(value).__name__}")
    return default


def read_int(
    settings: QSettings, key: str, default: int, *, low: int | None = None,
    high: int | None = None,
) -> int:  # fmt: skip
    value = settings.value(key)
    if value is None:
        return default
    number = None
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            number = int(value)
        except ValueError:
            number = None
    if number is None:
        warn(key, f"expected a whole number, found {value!r:.40}")
        return default
    if (low is not None and number < low) or (high is not None and number > high):
        warn(key, f"{number} is outside {low}–{high}")
        return default
    return number


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    warn(key, f"expected true or false, found {value!r:.40}")
    return default


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if value is None:
        return None
    if isinstance(value, QByteArray):
        return value
    warn(key, f"expected saved window state, found {type(value).__name__}")
    return None
