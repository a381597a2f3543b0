"""``explorer new-corpus``, ``add-source`` and ``suggest``: the command-line side of curation."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from explorer.curation import CurationError


def add_arguments(commands) -> None:
    """Add the three curation commands to ``explorer``'s subparsers."""
    new = commands.add_parser("new-corpus", help="create your own corpus folder")
    new.add_argument("folder", type=Path, help="the folder to create (must not exist)")
    new.add_argument(
        "--with-events",
        action="store_true",
        help="start from the embedded corpus's sources and events (default: only its "
        "gazetteer, actors and overlays)",
    )
    add = commands.add_parser(
        "add-source", help="add a text, Markdown, HTML or PDF file as a source of your corpus"
    )
    add.add_argument("file", type=Path)
    _corpus_option(add)
    add.add_argument("--title")
    add.add_argument("--authors", help="comma-separated")
    add.add_argument("--outlet")
    add.add_argument("--date", help="publication date, YYYY-MM-DD")
    add.add_argument("--precision", choices=("day", "month", "season", "year", "range",
                                              "approximate"))  # fmt: skip
    add.add_argument("--date-note", help="how the date was found")
    add.add_argument("--language")
    add.add_argument("--kind", choices=("news", "analysis", "opinion", "explainer"))
    sug = commands.add_parser("suggest", help="propose events from a source (id or file)")
    sug.add_argument("source", help="a source id of the corpus, or a file not yet added")
    _corpus_option(sug)
    sug.add_argument("--format", "-f", choices=("yaml", "json"), default="yaml")


def _corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", default=argparse.SUPPRESS,
        help="your corpus folder (also accepted before the command)",
    )  # fmt: skip


COMMANDS = ("new-corpus", "add-source", "suggest")


def run(args: argparse.Namespace) -> int:
    """Run one curation command; user errors print one line and return 2 (1 for a duplicate)."""
    from explorer.curation.importing import DuplicateSourceError

    try:
        if args.command == "new-corpus":
            return _new_corpus(args)
        if args.command == "add-source":
            return _add_source(args)
        return _suggest(args)
    except BrokenPipeError:  # `explorer suggest … | head`: the reader has had enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except DuplicateSourceError as exc:
        print(f"explorer: {args.file.name}: {exc}; nothing was added", file=sys.stderr)
        return 1
    except CurationError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2


def _new_corpus(args: argparse.Namespace) -> int:
    from explorer.curation.layout import new_corpus

    folder = new_corpus(args.folder, with_events=args.with_events)
    what = "the embedded sources and events" if args.with_events else "no sources or events yet"
    print(
        f"created {folder} ({what}; the embedded gazetteer and actors)\n"
        f"next: explorer add-source FILE --corpus {folder}"
    )
    return 0


def _corpus_root(args: argparse.Namespace) -> Path:
    root = getattr(args, "corpus", None) or os.environ.get("EXPLORER_CORPUS")
    if not root:
        raise CurationError(
            "which corpus? give --corpus DIR (make one with `explorer new-corpus DIR`; "
            "the embedded corpus is read-only)"
        )
    return Path(root)


def _add_source(args: argparse.Namespace) -> int:
    from explorer.curation.importing import add_source, read_source_file
    from explorer.curation.layout import check_writable_corpus

    root = check_writable_corpus(_corpus_root(args))
    imported = read_source_file(args.file)
    meta = imported.meta
    if args.title:
        meta.title = args.title
    if args.authors is not None:
        meta.authors = [a.strip() for a in args.authors.split(",") if a.strip()]
    if args.outlet:
        meta.outlet = args.outlet
    if args.language:
        meta.language = args.language
    if args.kind:
        meta.kind = args.kind
    if args.date:
        try:
            meta.published = dt.date.fromisoformat(args.date)
        except ValueError:
            raise CurationError(f"--date {args.date!r} must be written YYYY-MM-DD") from None
        meta.precision = args.precision or "day"
        meta.note = args.date_note or "Date given when the source was added."
    elif args.precision:
        meta.precision = args.precision
    if args.date_note:
        meta.note = args.date_note
    added = add_source(root, args.file, meta, imported=imported)
    print(f"added {added.id}: “{meta.title}” ({added.format}, {added.encoding})")
    for key, where in meta.found.items():
        print(f"  {key} from {where}")
    print(f"  published {meta.published} ({meta.precision}): {meta.note}")
    print(f"next: explorer suggest {added.id} --corpus {root}")
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from explorer.curation.suggest import Suggester
    from explorer.data.corpus import load_corpus

    corpus = load_corpus(getattr(args, "corpus", None))
    source = corpus.sources.get(args.source)
    if source is None:
        path = Path(args.source)
        if not path.is_file():
            known = ", ".join(corpus.sources) or "none"
            raise CurationError(
                f"{args.source!r} is neither a source of {corpus.root} nor a file "
                f"(sources: {known})"
            )
        source = _source_from_file(path)
    suggestions = Suggester.for_corpus(corpus).suggest(
        source, list(corpus.timeline), taken_ids=[e.id for e in corpus.timeline]
    )
    items = [s.to_dict(iso=args.format == "json") for s in suggestions]
    if args.format == "json":
        print(json.dumps({"source": source.id, "suggestions": items}, ensure_ascii=False, indent=1))
    else:
        from explorer.curation.roundtrip import dump_rt, event_map

        print(f"# {len(items)} suggested event(s) from {source.id}; edit, then paste into")
        print("# seeds/events/*.yaml (or accept them in the workbench).")
        events = [event_map(item) for item in items]
        print(dump_rt({"source": source.id, "suggestions": events}), end="")
    return 0


def _source_from_file(path: Path):
    from explorer.curation.importing import read_source_file
    from explorer.domain.dates import DateSpan, Precision
    from explorer.domain.model import Source

    imported = read_source_file(path)
    meta = imported.meta
    day = meta.published or dt.date.today()
    return Source(
        id=path.name, title=meta.title, authors=tuple(meta.authors), outlet=meta.outlet,
        language=meta.language, kind=meta.kind,
        published=DateSpan(day, meta.published_end or day, Precision(meta.precision)),
        published_note=meta.note, text=imported.text,
    )  # fmt: skip
