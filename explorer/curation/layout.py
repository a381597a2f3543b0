"""A user's own corpus folder: the documented layout, built on the embedded corpus.

::

    DIR/
      seeds/
        README.md           what this folder is
        SCHEMA.md           the format (a copy of the embedded one)
        sources.yaml        sources: []      (or the embedded sources, with --with-events)
        actors.yaml         the embedded actors (and topics.yaml, the claims' topics)
        events/my-events.yaml   events: []   (plus the embedded event files, with --with-events)
      geodata/
        places.geojson      the embedded gazetteer
        overlays.geojson    the embedded overlays
        basemap.geojson     the embedded prepared basemap

The embedded corpus is read, never written: every writer in this package refuses a root
that :func:`is_embedded` recognises.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer.curation import CurationError
from explorer.data.embedded import embedded_root

__all__ = ["embedded_root", "is_embedded", "check_writable_corpus", "new_corpus", "MY_EVENTS"]

MY_EVENTS = "my-events.yaml"

_README = """\
# {name}

A corpus of the Karabakh Explorer, made with `explorer new-corpus`. Open it with
`explorer --corpus {name} gui` (or File → Open corpus…), add texts with
`explorer --corpus {name} add-source FILE` (or File → Add source…), and check it with
`explorer --corpus {name} check`. The format is described in `SCHEMA.md`.
"""

_SOURCES = """\
# Metadata for each source text in this folder (see SCHEMA.md). Added by
# `explorer add-source` or File → Add source…; the .txt files are never edited.
sources: []
"""

_EVENTS = """\
# Your events (see SCHEMA.md). The workbench appends new events here.
events: []
"""

_ACTORS = """\
# The actors the events name. kind: state | government | armed_force | person | organisation.
actors: []
"""


def is_embedded(root: Path | str) -> bool:
    """True when ``root`` is (or lies inside) the embedded corpus, which is never written to."""
    here = Path(root).resolve()
    base = embedded_root().resolve()
    return here == base or (base / "seeds") in (here, *here.parents)


def check_writable_corpus(root: Path | str) -> Path:
    """``root`` as a Path, or :class:`CurationError` if it is the embedded corpus or no corpus."""
    root = Path(root)
    if is_embedded(root):
        raise CurationError(
            "the embedded corpus is read-only: make your own with "
            "`explorer new-corpus DIR` (it can start from the embedded one) and use --corpus DIR"
        )
    if not (root / "seeds").is_dir():
        raise CurationError(f"{root} is not a corpus folder (no seeds/ in it)")
    return root


def new_corpus(
    folder: Path | str, base: Path | str | None = None, *, with_events: bool = False
) -> Path:
    """Create a corpus in ``folder`` that builds on ``base`` (default: the embedded corpus).

    The new corpus gets the base's gazetteer, overlays and actors; with ``with_events`` also
    its sources (texts and metadata) and event files, so a user adds to the atlas. ``folder``
    must not exist or be empty. Returns ``folder``.
    """
    folder = Path(folder)
    base = Path(base) if base is not None else embedded_root()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CurationError(f"{folder} already exists and is not empty; choose a new folder")
    if is_embedded(folder):
        raise CurationError("a new corpus cannot be made inside the embedded one")
    seeds, geodata = folder / "seeds", folder / "geodata"
    (seeds / "events").mkdir(parents=True)
    geodata.mkdir()
    base_seeds, base_geo = base / "seeds", base / "geodata"
    for name in ("places.geojson", "overlays.geojson", "basemap.geojson"):
        if (base_geo / name).is_file():
            shutil.copy2(base_geo / name, geodata / name)
    if not (geodata / "places.geojson").exists():
        (geodata / "places.geojson").write_text(
            '{"type": "FeatureCollection", "name": "places", "features": [\n]}\n', "utf-8"
        )
    if (base_seeds / "SCHEMA.md").is_file():
        shutil.copy2(base_seeds / "SCHEMA.md", seeds / "SCHEMA.md")
    # actors.yaml, topics.yaml and any other shared table: everything but the sources.
    for table in sorted(base_seeds.glob("*.yaml")):
        if table.name != "sources.yaml":
            shutil.copy2(table, seeds / table.name)
    if not (seeds / "actors.yaml").exists():
        (seeds / "actors.yaml").write_text(_ACTORS, "utf-8")
    (seeds / "README.md").write_text(_README.format(name=folder.name), "utf-8")
    if with_events and (base_seeds / "sources.yaml").is_file():
        shutil.copy2(base_seeds / "sources.yaml", seeds / "sources.yaml")
        for text in sorted(base_seeds.glob("*.txt")):
            shutil.copy2(text, seeds / text.name)
        for events in sorted((base_seeds / "events").glob("*.yaml")):
            shutil.copy2(events, seeds / "events" / events.name)
    else:
        (seeds / "sources.yaml").write_text(_SOURCES, "utf-8")
    if not (seeds / "events" / MY_EVENTS).exists():
        (seeds / "events" / MY_EVENTS).write_text(_EVENTS, "utf-8")
    return folder
