"""Writing export files: atomically, never over an existing file unless asked to."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


class OutputError(Exception):
    """An export could not be written; the message says where and why."""


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early, before any work, if ``path`` cannot or may not be written."""
    if path.exists() and path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to overwrite it)")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: the folder {parent} is not writable")


def write_atomic(
    path: Path | str, produce: Callable[[Path], None] | bytes | str, *, force: bool = False
) -> Path:
    """Write ``path`` so that it either appears complete or not at all.

    ``produce`` is the content, or a function that writes the content into the temporary
    path it is given (for writers such as Qt's that want a file name). The temporary file
    sits beside the target and is renamed over it only once complete; if anything fails,
    it is removed and the target is untouched.
    """
    path = Path(path)
    check_writable(path, force=force)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); an export gets the usual permissions.
        os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            if isinstance(produce, str):
                handle.write(produce.encode("utf-8"))
            elif isinstance(produce, bytes):
                handle.write(produce)
        if callable(produce):
            produce(tmp)
        if not tmp.exists() or (tmp.stat().st_size == 0 and callable(produce)):
            raise OutputError(f"{path}: the exporter wrote nothing")
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, else what ``open()`` would create (0666 & ~umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(target: str, content: str | bytes, *, force: bool = False) -> None:
    """Write to a file atomically, or to standard output when ``target`` is ``-``."""
    if target == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    write_atomic(Path(target), content, force=force)
