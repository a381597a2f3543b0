"""Writing export files: atomically, never over an existing file unless asked to."""

from __future__ import annotations

import os
import sys
import tempfile
import time
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


_TEMP_SUFFIX = ".tmp"
# Left-over temporary files whose writer cannot be asked whether it is alive (Windows) are
# removed once they are this old.
_STALE_AFTER_S = 24 * 3600


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def clean_leftovers(path: Path) -> list[Path]:
    """Remove temporary files that an earlier, killed export of ``path`` left beside it.

    Temporary names carry the writer's process id (``.out.png.<pid>.<random>.tmp``); one
    whose process is gone (or, where that cannot be asked, that is a day old) is removed.
    Returns what was removed.
    """
    removed = []
    prefix = _temp_prefix(path)
    try:
        candidates = [
            p for p in path.parent.iterdir()
            if p.name.startswith(prefix) and p.name.endswith(_TEMP_SUFFIX)
        ]  # fmt: skip
    except OSError:
        return []
    for candidate in candidates:
        middle = candidate.name[len(prefix) : -len(_TEMP_SUFFIX)]
        pid_text = middle.split(".", 1)[0]
        pid = int(pid_text) if pid_text.isdigit() else None
        if pid == os.getpid():
            continue  # this process is writing it right now
        if not _writer_gone(pid, candidate):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            pass
    return removed


def _writer_gone(pid: int | None, temp: Path) -> bool:
    if pid is not None and os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # alive, someone else's
        return False
    try:  # Windows (os.kill would send a real signal) or an old-style name: by age
        return time.time() - temp.stat().st_mtime > _STALE_AFTER_S
    except OSError:
        return False


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(tmp: Path, path: Path, *, force: bool) -> None:
    """Move the finished ``tmp`` to ``path``: over it with ``force``, else only if absent.

    Without ``force`` the target is created exclusively (a hard link fails if anything is
    there), so a file that appeared at the target during a long render is never replaced.
    """
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise OutputError(
            f"{path}: already exists (it appeared while the export was being made; "
            "use --force to overwrite it)"
        ) from None
    except OSError:
        # No hard links on this file system (FAT, some network shares): claim the name
        # exclusively, then move the content over the placeholder.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputError(f"{path}: already exists (use --force to overwrite it)") from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def write_atomic(
    path: Path | str, produce: Callable[[Path], None] | bytes | str, *, force: bool = False
) -> Path:
    """Write ``path`` so that it either appears complete or not at all.

    ``produce`` is the content, or a function that writes the content into the temporary
    path it is given (for writers such as Qt's that want a file name). The temporary file
    sits beside the target, is flushed to disk and only then moved to the target; if
    anything fails, it is removed and the target is untouched. Without ``force`` the target
    is created exclusively, even if it appears while the content is being made. Temporary
    files left by an earlier export that was killed are removed first.
    """
    path = Path(path)
    check_writable(path, force=force)
    clean_leftovers(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        try:
            if hasattr(os, "fchmod"):  # mkstemp makes it private (0600); exports are not
                os.fchmod(fd, _file_mode(path))
            with os.fdopen(fd, "wb") as handle:
                if isinstance(produce, str):
                    handle.write(produce.encode("utf-8"))
                elif isinstance(produce, bytes):
                    handle.write(produce)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        if callable(produce):
            try:
                produce(tmp)
            except OSError as exc:
                # An error while *reading* something the export needs is not the target's.
                culprit = exc.filename
                if culprit is not None and Path(culprit) != tmp:
                    raise OutputError(
                        f"{culprit}: cannot read: {exc.strerror or exc} "
                        f"(nothing was written to {path})"
                    ) from exc
                raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        try:
            if not tmp.exists() or (tmp.stat().st_size == 0 and callable(produce)):
                raise OutputError(f"{path}: the exporter wrote nothing")
            if callable(produce):
                _fsync(tmp)
            _publish(tmp, path, force=force)
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
