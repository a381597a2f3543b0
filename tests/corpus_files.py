"""A small broken-or-good corpus written to disk, for the loader's and the CLI's tests.

Test modules import it from here, never from each other.
"""

from __future__ import annotations

import json
from pathlib import Path

from explorer.data.corpus import load_corpus

TEXT = "Azerbaijan’s military operation began on 19 September. Baku said people left voluntarily.\n"
QUOTE = "Azerbaijan’s military operation began on 19 September."

SOURCES = """\
sources:
  - id: a.txt
    title: A source
    authors: [An Author]
    outlet: An Outlet
    language: en
    kind: analysis
    published:
      start: 2023-10-01
      precision: approximate
      note: From the text.
"""
ACTORS = """\
actors:
  - id: azerbaijan
    name: Azerbaijan
    kind: state
    affiliation: null
"""
EVENT = f"""\
events:
  - id: offensive
    title: Military operation
    summary: Azerbaijan's armed forces start an operation.
    start: 2023-09-19
    end: 2023-09-20
    precision: range
    category: military
    places: [stepanakert]
    actors: [azerbaijan]
    excerpts:
      - source: a.txt
        start: 0
        end: {len(QUOTE)}
        quote: "{QUOTE}"
    annotations:
      - actor: azerbaijan
        role: did
        text: Began a military operation.
        excerpt: 0
"""
SECOND = """\
  - id: second
    title: A second event
    summary: Another.
    start: 2023-09-21
    precision: day
    category: political
    places: [stepanakert]
    actors: []
    excerpts:
      - source: a.txt
        start: 0
        end: 12
        quote: "Azerbaijan’s"
"""


def write_corpus(root: Path, events: str = EVENT, *, text: bytes | None = None) -> Path:
    (root / "seeds" / "events").mkdir(parents=True)
    (root / "geodata").mkdir()
    (root / "seeds" / "a.txt").write_bytes(text if text is not None else TEXT.encode())
    (root / "seeds" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "seeds" / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    (root / "seeds" / "events" / "2023.yaml").write_text(events, encoding="utf-8")
    place = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.75, 39.81]},
             "properties": {"id": "stepanakert", "kind": "city",
                            "names": {"en": "Stepanakert", "az": "Xankəndi"},
                            "romanized": {"hy": "Stepanakert", "az": "Khankendi"},
                            "contested": True}}  # fmt: skip
    (root / "geodata" / "places.geojson").write_text(
        '{"type": "FeatureCollection", "features": [\n' + json.dumps(place) + "\n]}\n"
    )
    return root


def messages(root: Path) -> list[str]:
    return [str(p).replace(str(root) + "/", "") for p in load_corpus(root).problems]
