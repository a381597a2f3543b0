"""Reading a corpus file safely: a regular file, inside the corpus folder, of a sane size.

Kept apart from :mod:`explorer.data.yaml_lines` so that the map's light start-up path can
use it without importing YAML.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from explorer.data.problems import Problem

# No corpus file comes near this; a bigger one is a mistake or an attack (a sparse file, a
# runaway export saved into seeds/), and reading it would only exhaust memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(_resolved(folder))
    except (OSError, RuntimeError):  # a symlink loop
        return False


_RESOLVED: dict[Path, Path] = {}


def _resolved(folder: Path) -> Path:
    # The corpus folder is resolved once per load, not once per file (each resolve is a
    # system call per path component).
    found = _RESOLVED.get(folder)
    if found is None or len(_RESOLVED) > 64:
        _RESOLVED.clear()
        found = _RESOLVED[folder] = folder.resolve()
    return found


def read_bytes(
    path: Path, problems: list[Problem], *, inside: Path | None = None,
    limit: int | None = None,
) -> bytes | None:  # fmt: skip
    """The bytes of ``path`` if it is a regular file (inside ``inside``, within ``limit``).

    Anything else is recorded in ``problems`` and gives ``None``: a file that resolves
    outside the corpus folder (``../../etc/passwd``, a symlink to ``/dev/zero``), a FIFO (it
    is opened non-blocking and rejected by ``fstat``, so nothing waits for a writer), a
    device, a folder, or a file larger than ``limit``.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    if inside is not None and not _inside(path, inside):
        try:
            target = f" (to {path.resolve()})"
        except (OSError, RuntimeError):
            target = ""
        problems.append(Problem(path, None, f"leads outside the corpus folder{target}; not read"))
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        problems.append(Problem(path, None, "file not found"))
        return None
    except OSError as exc:
        problems.append(Problem(path, None, f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or a device"
            problems.append(Problem(path, None, f"is {what}, not a regular file; not read"))
            return None
        if info.st_size > limit:
            problems.append(Problem(path, None, (
                f"is too large ({info.st_size:,} bytes; the limit is {limit:,}); not read"
            )))  # fmt: skip
            return None
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                problems.append(Problem(path, None, f"is too large (over {limit:,} bytes)"))
                return None
        return b"".join(chunks)
    except OSError as exc:
        problems.append(Problem(path, None, f"cannot read: {exc.strerror or exc}"))
        return None
    finally:
        os.close(fd)
