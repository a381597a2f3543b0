"""Video export speed: frames drawn and encoded per second at 1920×1080.

    .venv/bin/python bench/bench_video.py [--quick]

Prints one JSON object as its last line (``bench/run.py`` adds it to its own):
``video_frames_per_s_1080p`` times a period export where every frame differs (a day per
frame over the 2020 war, at the NK extent: every frame is drawn and encoded);
``video_frames_per_s_1080p_presentation`` a presentation export, where a step's held
frames are drawn once and encoded each time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def measure(quick: bool) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.data.corpus import load_corpus
    from explorer.data.geo import load_map_layers
    from explorer.domain.presentation import Presentation, Step
    from explorer.export.snapshot.writer import SnapshotOptions, ensure_qt_app
    from explorer.export.video import (
        VideoOptions,
        export_video,
        period_frames,
        presentation_frames,
    )

    ensure_qt_app()
    corpus = load_corpus()
    layers = load_map_layers()
    video = VideoOptions(1920, 1080, 12, "mp4", force=True)
    days = 48  # long enough for the drawing processes to pay back their start
    start = dt.date(2020, 9, 27)
    pages, frames = period_frames(
        start, start + dt.timedelta(days=days - 1), (1, "days"), SnapshotOptions(extent="nk")
    )
    deck = Presentation("bench", tuple(Step(event=e.id) for e in corpus.timeline.events[:4]))
    deck_pages, deck_frames = presentation_frames(
        corpus, deck, SnapshotOptions(), seconds_per_step=2 if quick else 4, fps=12
    )
    with tempfile.TemporaryDirectory(prefix="explorer-bench-video-") as folder:
        t = time.perf_counter()
        export_video(corpus, pages, frames, video, Path(folder) / "period.mp4", layers=layers)
        period_s = time.perf_counter() - t
        t = time.perf_counter()
        export_video(
            corpus, deck_pages, deck_frames, video, Path(folder) / "deck.mp4", layers=layers
        )
        deck_s = time.perf_counter() - t
    return {
        "video_frames_per_s_1080p": round(len(frames) / period_s, 2),
        "video_frames_per_s_1080p_presentation": round(len(deck_frames) / deck_s, 2),
        "video_frames_1080p": len(frames),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(measure(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
