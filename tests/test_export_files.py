"""Atomic export writes, and the tiny in-memory corpus the export tests share.

``tiny_corpus`` builds Source/Excerpt/Place/Event objects directly, so the export tests do
not depend on the real corpus, which is being curated while they run. The other export test
modules import it from here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builders import tiny_corpus

from explorer.export import files
from explorer.export.files import OutputError, write_atomic, write_output


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_writes_complete_file(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert _leftovers(tmp_path) == ["out.json"]


def test_failure_midway_leaves_no_file_and_no_temp(tmp_path, monkeypatch):
    """The writer dies after some bytes are out: no target, no temporary file."""
    real_fdopen = os.fdopen

    class Dying:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Dying(real_fdopen(fd, mode)))
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(tmp_path / "map.html", "x" * 10_000)
    assert _leftovers(tmp_path) == []


def test_failing_producer_leaves_no_file(tmp_path):
    def produce(path: Path) -> None:
        path.write_bytes(b"half a file")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "snap.png", produce)
    assert _leftovers(tmp_path) == []


def test_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def boom(src, dst):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OutputError, match="Permission denied"):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == ["out.csv"]


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(OutputError, match="--force"):
        write_atomic(target, "new")
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_output(str(tmp_path / "nope" / "out.kml"), "x")


def test_tiny_corpus_is_consistent(tmp_path):
    corpus = tiny_corpus(tmp_path)
    assert len(corpus.timeline) == 6
    assert all(e.excerpts and e.places for e in corpus.timeline)
