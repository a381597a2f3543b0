"""``explorer video``: arguments here, kept light (the CLI builds its parser from them).

explorer video --presentation deck.json --seconds-per-step 4 -o deck.mp4
explorer video --from 2020-09-27 --to 2020-11-10 --step 1d --extent nk --fps 12 -o war.mp4
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_video_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--presentation", help="a presentation file: its steps, in order")
    what.add_argument("--from", dest="start", help="a period's first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", help="the period's last day (default: the last event)")
    parser.add_argument("--step", default="1d", help="time between frames: 1d, 2w, 1m, 1y")
    parser.add_argument(
        "--seconds-per-step", type=float, default=4.0, help="how long each step is shown"
    )
    parser.add_argument("--extent", default=None, help="region, nk, corridor, or W,S,E,N")
    parser.add_argument("--fps", type=float, default=12.0, help="frames per second (default 12)")
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument(
        "--format", "-f", choices=("mp4", "gif"), help="default: from the output's suffix"
    )
    parser.add_argument("--title", help="a title for every frame")
    parser.add_argument(
        "--naming", default="both", choices=("both", "english", "armenian", "azerbaijani")
    )
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def _date(flag: str, text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{flag} {text!r} is not a date; write it like 2020-09-27") from None


def run_video(corpus, args: argparse.Namespace) -> int:
    """0 on success, 2 on bad arguments or an unwritable output."""
    from explorer.export.files import OutputError
    from explorer.export.presentation import PresentationError, load_presentation
    from explorer.export.snapshot.writer import SnapshotOptions
    from explorer.export.video import (
        VideoOptions,
        export_video,
        parse_step,
        period_frames,
        presentation_frames,
    )

    try:
        fmt = args.format or ("gif" if Path(args.output).suffix.lower() == ".gif" else "mp4")
        video = VideoOptions(args.width, args.height, args.fps, fmt, args.force)
        video.check()
        base = SnapshotOptions(extent=args.extent, title=args.title, naming=args.naming)
        if args.presentation:
            deck = load_presentation(args.presentation)
            pages, frames = presentation_frames(
                corpus, deck, base, seconds_per_step=args.seconds_per_step, fps=args.fps
            )
        else:
            start = _date("--from", args.start)
            end = _date("--to", args.end) if args.end else corpus.timeline.last_date
            pages, frames = period_frames(start, end, parse_step(args.step), base)
        if args.extent is not None:
            from explorer.data.geo import parse_extent

            try:
                parse_extent(str(args.extent))
            except ValueError as exc:
                raise ValueError(f"--extent: {exc}") from exc
        export_video(corpus, pages, frames, video, args.output)
    except (ValueError, PresentationError, OutputError) as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    seconds = len(frames) / args.fps
    print(f"wrote {args.output} ({len(frames)} frames, {seconds:.1f} s)", file=sys.stderr)
    return 0
