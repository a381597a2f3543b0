"""Issue 15: the loader never raises, whatever is done to the corpus files (Hypothesis).

The embedded corpus's YAML and GeoJSON files are read as data, one value somewhere in them
is replaced (by another type, an odd value, a nested structure), a key is dropped or a value
is wrapped in a list, and the file is written back. The loader must either accept the result
or report ``path:line`` problems; it must never raise. The corpus it returns must then go
through the data exports without an exception either.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from explorer.data.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
FUZZ_EXAMPLES = int(os.environ.get("EXPLORER_FUZZ_EXAMPLES", "30"))
FILES = [
    "seeds/sources.yaml",
    "seeds/actors.yaml",
    "seeds/topics.yaml",
    "seeds/events/2023-offensive-exodus.yaml",
    "seeds/events/1988-1994.yaml",  # sides, reviewed, date_basis
    "geodata/places.geojson",
    "geodata/overlays.geojson",
]

ODD_TEXT = st.sampled_from([
    "", "   ", "\x00", "\x1b]0;pwned\x07", "\ud800", "\u202e", "../../etc/passwd", "/etc/passwd",
    "9999-12-31", "0001-01-01", "2023-02-30", "<b>x</b>", "NaN", "true", "-1", "é", "a" * 300,
])  # fmt: skip
SCALARS = (
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12) | ODD_TEXT
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6) | ODD_TEXT, inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("seeds", "geodata"):
        shutil.copytree(ROOT / name, root / name)
    return root


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".geojson" else yaml.safe_load(text)


def _write(path: Path, data: Any) -> None:
    if path.suffix == ".geojson":
        # One feature per line, as the corpus writes them, so lines stay meaningful.
        features = data.get("features") if isinstance(data, dict) else None
        if isinstance(features, list):
            head = {k: v for k, v in data.items() if k != "features"}
            text = json.dumps(head)[:-1] + (", " if head else "") + '"features": [\n'
            text += ",\n".join(json.dumps(f) for f in features) + "\n]}\n"
        else:
            text = json.dumps(data)
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))


def _mutate(data: Any, draw) -> Any:
    """Replace, drop or wrap one value somewhere in ``data`` (returns the new root)."""
    if not isinstance(data, dict | list) or not data or draw(st.integers(0, 5)) == 0:
        operation = draw(st.sampled_from(["replace", "wrap"]))
        return draw(VALUES) if operation == "replace" else [data]
    keys = list(data.keys()) if isinstance(data, dict) else list(range(len(data)))
    key = draw(st.sampled_from(keys))
    if isinstance(data, dict) and draw(st.integers(0, 9)) == 0:
        del data[key]
        return data
    data[key] = _mutate(data[key], draw)
    return data


@settings(
    # Bounded and reproducible for `make test`; no shrinking (it can take minutes on a whole
    # corpus), the failing draws are printed as they were.
    # EXPLORER_FUZZ_EXAMPLES=2000 hunts further, with fresh random examples.
    max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=FUZZ_EXAMPLES <= 30, database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(data=st.data())
def test_the_loader_accepts_or_reports_path_and_line(corpus_dir, data):
    from explorer.export.data.acled_csv import events_to_csv
    from explorer.export.data.geojson import events_to_geojson, places_to_geojson
    from explorer.export.data.kml import events_to_kml

    name = data.draw(st.sampled_from(FILES), label="file")
    path = corpus_dir / name
    original = path.read_bytes()
    try:
        mutated = _mutate(_read(path), data.draw)
        _write(path, mutated)
        corpus = load_corpus(corpus_dir)  # must not raise
        for problem in corpus.problems:
            assert problem.path.is_relative_to(corpus_dir), problem
            assert str(problem).startswith(str(problem.path)), problem
            assert "\x1b" not in str(problem)
        if corpus.problems:
            assert any(p.line for p in corpus.problems), corpus.problems
        events = list(corpus.timeline)
        events_to_csv(events)
        events_to_kml(events)
        events_to_geojson(events)
        places_to_geojson(corpus.places.values())
    finally:
        path.write_bytes(original)
