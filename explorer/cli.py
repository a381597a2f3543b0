"""The one command-line entry point, ``explorer``; the GUI is one of its commands.

Heavy modules (Qt, folium) are imported inside the commands that need them, so
``explorer check`` and the data exports start fast and run on machines without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from explorer import __version__

EVENT_FORMATS = ("geojson", "csv", "kml", "timelinejs")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Karabakh Explorer: an offline atlas of the Nagorno-Karabakh conflict.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="DIR",
        help="corpus folder holding seeds/ and geodata/ (default: the embedded corpus)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="open the desktop explorer")
    gui.add_argument("--date", help="start at this date (YYYY-MM-DD)")
    gui.add_argument("--event", help="start with this event selected")
    gui.add_argument(
        "--view",
        metavar="LINK",
        help='reopen a view copied with View → Copy link: "date=…&event=…&extent=…&naming=…"',
    )

    commands.add_parser("check", help="verify every excerpt, reference and date in the corpus")

    excerpt = commands.add_parser("excerpt", help="print the offsets of a quote in a source")
    excerpt.add_argument("source", help="the source's file name, e.g. 000_1b84e2d0042d7f4c.txt")
    excerpt.add_argument("quote", help="the exact text to find")

    export = commands.add_parser("export", help="write events, places or a web map to a file")
    export.add_argument("what", choices=("events", "places", "map", "overlays", "sources"))
    export.add_argument(
        "--format",
        "-f",
        required=True,
        choices=(*EVENT_FORMATS, "html", "csl-json", "bibtex"),
        help="output format",
    )
    export.add_argument("-o", "--output", required=True, help="output file, or - for stdout")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument(
        "--excel",
        action="store_true",
        help="csv: start the file with a byte-order mark so Excel reads it as UTF-8",
    )
    export.add_argument(
        "--per-place",
        action="store_true",
        help="events as geojson: one Point feature per place of each event (default: MultiPoint)",
    )

    desktop = commands.add_parser(
        "install-desktop", help="add the explorer to this user's application menu"
    )
    desktop.add_argument("--remove", action="store_true", help="take the menu entry away")

    snapshot = commands.add_parser("snapshot", help="render an annotated map page (PNG/SVG/PDF)")
    from explorer.export.snapshot.cli import add_snapshot_arguments

    add_snapshot_arguments(snapshot)

    video = commands.add_parser("video", help="a presentation or a period as MP4 or GIF")
    from explorer.export.video.cli import add_video_arguments

    add_video_arguments(video)
    from explorer.curation.commands import add_arguments as add_curation_arguments

    add_curation_arguments(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the user never sees a traceback
        from explorer.data.geo import GeodataError
        from explorer.export.files import OutputError

        if isinstance(exc, OutputError | GeodataError):  # messages that name their file
            print(f"explorer: {exc}", file=sys.stderr)
            return 2
        if os.environ.get("EXPLORER_DEBUG"):
            raise
        print(
            f"explorer: internal error: {type(exc).__name__}: {exc}\n"
            "(set EXPLORER_DEBUG=1 to see the details)",
            file=sys.stderr,
        )
        return 70


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        _parser().print_help()
        return 0
    if args.command == "install-desktop":
        from explorer.desktop import run

        return run(remove_entry=args.remove)
    # A missing or incomplete corpus stops every command with one line naming the folder.
    from explorer.data.corpus import (
        CorpusMissing,
        check_corpus_folder,
        check_corpus_loaded,
        default_corpus_root,
    )

    try:
        check_corpus_folder(args.corpus if args.corpus is not None else default_corpus_root())
    except CorpusMissing as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    if args.command == "gui":
        from explorer.qt.window.app import run_gui

        return run_gui(args.corpus, date=args.date, event_id=args.event, view=args.view)

    from explorer.curation.commands import COMMANDS as CURATION_COMMANDS

    if args.command in CURATION_COMMANDS:
        from explorer.curation.commands import run as run_curation

        return run_curation(args)

    from explorer.data.corpus import load_corpus

    corpus = load_corpus(args.corpus)
    if args.command == "check":
        return _check(corpus)
    try:
        check_corpus_loaded(corpus)
    except CorpusMissing as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    if corpus.problems:
        for problem in corpus.problems:
            print(f"warning: {problem}", file=sys.stderr)
    if args.command == "excerpt":
        return _excerpt(corpus, args.source, args.quote)
    if args.command == "export":
        return _export(corpus, args)
    if args.command == "snapshot":
        from explorer.export.snapshot.cli import run_snapshot

        return run_snapshot(corpus, args)
    if args.command == "video":
        from explorer.export.video.cli import run_video

        return run_video(corpus, args)
    raise AssertionError(args.command)


def _check(corpus) -> int:
    for problem in corpus.problems:
        print(problem)
    if corpus.problems:
        print(f"{len(corpus.problems)} problem(s) in {corpus.root}", file=sys.stderr)
        return 1
    from explorer.data.corpus import CorpusMissing, check_corpus_loaded

    try:
        check_corpus_loaded(corpus)
    except CorpusMissing as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 1
    print(f"ok: {corpus.summary()}; every excerpt is verbatim in its source")
    return 0


def _excerpt(corpus, source_id: str, quote: str) -> int:
    source = corpus.sources.get(source_id)
    if source is None:
        print(
            f"explorer: unknown source {source_id!r}; known: {', '.join(corpus.sources)}",
            file=sys.stderr,
        )
        return 2
    text = source.text
    hits = []
    at = text.find(quote)
    while at >= 0:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        print(f"explorer: the quote does not occur in {source_id}", file=sys.stderr)
        return 1
    for at in hits:
        print(f"- source: {source_id}\n  start: {at}\n  end: {at + len(quote)}")
    if len(hits) > 1:
        print(f"explorer: the quote occurs {len(hits)} times; pick one", file=sys.stderr)
    return 0


def _export(corpus, args: argparse.Namespace) -> int:
    from explorer.export.files import OutputError, check_writable, write_output

    fmt, what = args.format, args.what
    if args.output != "-":
        check_writable(Path(args.output), force=args.force)
    events = list(corpus.timeline)
    if what == "events":
        from explorer.export.data.events import events_export

        content = events_export(corpus, events, fmt, per_place=args.per_place, excel=args.excel)
    elif what == "places" and fmt == "geojson":
        from explorer.export.data.geojson import places_to_geojson

        content = places_to_geojson(corpus.places.values())
    elif what == "overlays" and fmt in ("geojson", "kml"):
        from explorer.export.data.geojson import overlays_to_geojson
        from explorer.export.data.kml import overlays_to_kml
        from explorer.export.web.basemap import load_overlays

        overlays = load_overlays(corpus.geodata_dir)
        content = overlays_to_geojson(overlays) if fmt == "geojson" else overlays_to_kml(overlays)
    elif what == "sources" and fmt in ("csl-json", "bibtex"):
        from explorer.export.data.citations import sources_to_bibtex, sources_to_csl_json

        sources = corpus.sources.values()
        content = sources_to_csl_json(sources) if fmt == "csl-json" else sources_to_bibtex(sources)
    elif what == "map" and fmt == "html":
        from explorer.export.web.map import build_web_map

        content = build_web_map(corpus)
    else:
        raise OutputError(
            f"cannot export {what} as {fmt}: "
            "events take geojson, csv, kml or timelinejs; places take geojson; "
            "overlays take geojson or kml; sources take csl-json or bibtex; map takes html"
        )
    write_output(args.output, content, force=args.force)
    if args.output != "-":
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
