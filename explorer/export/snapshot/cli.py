"""``explorer snapshot``: arguments here; the rendering is in ``explorer.export.snapshot.writer``.

This module must stay light: the CLI imports it to build its parser.
"""

from __future__ import annotations

import argparse


def add_snapshot_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", help="the map's date, YYYY-MM-DD (default: the last event)")
    parser.add_argument("--event", help="the event to select and title the page with")
    parser.add_argument(
        "--extent",
        default=None,
        help="region, nk, corridor, or W,S,E,N in degrees (default: region, or the event's places)",
    )
    parser.add_argument("--presentation", help="a presentation file: one page per step (PDF)")
    parser.add_argument("--format", "-f", choices=("png", "svg", "pdf"), required=True)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--width-mm", type=float, default=297.0)
    parser.add_argument("--height-mm", type=float, default=210.0)
    parser.add_argument("--title", help="a custom title")
    parser.add_argument(
        "--naming", default="both", choices=("both", "english", "armenian", "azerbaijani")
    )
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run_snapshot(corpus, args: argparse.Namespace) -> int:
    from explorer.export.snapshot.writer import snapshot_command

    return snapshot_command(corpus, args)
