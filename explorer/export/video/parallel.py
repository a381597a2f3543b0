"""Drawing a long video's frames in several processes.

Qt's graphics scenes are not for worker threads (each registers itself with the
application, which is not thread-safe), so each worker is a process of its own:
``python -m explorer.export.video.parallel``, with its own offscreen ``QApplication``,
corpus and scene. Worker ``k`` of ``n`` reads its job (pickled) on stdin, draws frames
``k, k + n, k + 2n, …`` and writes each to stdout after a small header; the parent reads
them in turn, so a worker draws its next frame while the others' are read, and no more than
one frame per worker waits in a pipe. Plain subprocesses, not ``multiprocessing``: they
never re-run the caller's main module.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import IO

from explorer.export.snapshot.writer import SnapshotOptions
from explorer.export.video.encode import VideoOptions
from explorer.export.video.plan import Frame

# Below this many frames (10 s at 12 frames/s) the workers' start (~2 s each: imports,
# corpus, basemap) is not paid back. On a 2-core machine already busy (load ~8) two workers
# were no faster than one; the gain is for idle multi-core machines and long videos.
MIN_FRAMES = 120
HEADER = struct.Struct("<qq")  # frame index, byte count


def process_count(frames: int) -> int:
    """Processes to draw with: one per core (at most 4) for long videos, else 1.

    ``EXPLORER_VIDEO_PROCESSES`` overrides (1 draws in the exporting process).
    """
    override = os.environ.get("EXPLORER_VIDEO_PROCESSES", "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    if frames < MIN_FRAMES:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def render_frames_in_processes(
    root: Path, pages: list[SnapshotOptions], frames: list[Frame], video: VideoOptions, n: int
) -> Generator[bytes, None, None]:
    """The frames' bytes in order, drawn by ``n`` processes over the corpus at ``root``.

    Closing the generator (a cancel, an encoder failure) ends the processes.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    workers: list[subprocess.Popen[bytes]] = []
    logs = []
    try:
        for k in range(n):
            log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finally
            logs.append(log)
            worker = subprocess.Popen(
                [sys.executable, "-m", "explorer.export.video.parallel"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env,
            )  # fmt: skip
            workers.append(worker)
            assert worker.stdin is not None
            pickle.dump((k, n, str(root), pages, frames, video), worker.stdin)
            worker.stdin.close()
        for i in range(len(frames)):
            k = i % n
            stdout = workers[k].stdout
            assert stdout is not None
            header = _read_exactly(stdout, HEADER.size)
            if len(header) == HEADER.size:
                index, size = HEADER.unpack(header)
                data = _read_exactly(stdout, size)
                if index == i and len(data) == size:
                    yield data
                    continue
            workers[k].wait()
            logs[k].seek(0)
            lines = logs[k].read().decode("utf-8", "replace").strip().splitlines()
            raise OSError(f"a drawing process failed: {lines[-1] if lines else 'no message'}")
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait()
            if worker.stdout is not None:
                worker.stdout.close()
        for log in logs:
            log.close()


def _work() -> None:
    """In a worker: read the job on stdin, write the frames on stdout."""
    k, n, root, pages, frames, video = pickle.load(sys.stdin.buffer)
    # Frames go down the original stdout; anything else printed (by Qt or a library, even
    # from C) goes to stderr, so it cannot break the stream.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    from explorer.data.corpus import load_corpus
    from explorer.export.snapshot.writer import ensure_qt_app
    from explorer.export.video.writer import FramePainter, corpus_layers, page_ends

    ensure_qt_app()
    corpus = load_corpus(Path(root))
    layers = corpus_layers(corpus)
    ends = page_ends(corpus, pages, video, layers)
    painter = FramePainter(corpus, pages, ends, video, layers)
    for i in range(k, len(frames), n):
        data = painter.paint(frames[i])
        out.write(HEADER.pack(i, len(data)))
        out.write(data)
        out.flush()
    painter.close()
    out.close()


if __name__ == "__main__":
    _work()
