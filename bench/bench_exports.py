"""Benchmarks of the exports: ``measure_export_html()`` and ``measure_snapshot_pdf_a0()``
(median seconds each).

The bench owner calls it from ``bench/run.py``; run alone it prints one JSON line::

    python bench/bench_exports.py
    {"export_html_s": 0.19, "export_html_cold_s": 0.45, "export_html_bytes": 473635, ...}
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _build_times(runs: int) -> tuple[list[float], int]:
    from explorer.data.corpus import load_corpus
    from explorer.export.web.map import build_web_map

    corpus = load_corpus(ROOT)
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        page = build_web_map(corpus)
        times.append(time.perf_counter() - started)
        size = len(page.encode("utf-8"))
    return times, size


def measure_export_html(runs: int = 5) -> float:
    """Median seconds to build the real corpus' HTML map (imports excluded, first run included)."""
    times, _ = _build_times(runs)
    return statistics.median(times)


def web_map_bytes() -> int:
    """Size in bytes of the real corpus' web map (the budget is 600 KB)."""
    return _build_times(1)[1]


def measure_snapshot_pdf_a0(runs: int = 3) -> float:
    """Median seconds to write the real corpus' A0 PDF snapshot at 300 dpi (after a warm-up).

    A0 (1189 × 841 mm) is the largest page the snapshot lays out: type and symbols grow
    with the page, context towns show, and every label is real text in the PDF.
    """
    import tempfile

    from explorer.data.corpus import load_corpus
    from explorer.export.snapshot.writer import SnapshotOptions, export_snapshot

    corpus = load_corpus(ROOT)
    options = SnapshotOptions(format="pdf", dpi=300, width_mm=1189.0, height_mm=841.0, force=True)
    out = Path(tempfile.mkdtemp(prefix="explorer-bench-")) / "a0.pdf"
    export_snapshot(corpus, options, out, warn=lambda _text: None)  # Qt, fonts, geodata cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        export_snapshot(corpus, options, out, warn=lambda _text: None)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    started = time.perf_counter()
    import folium  # noqa: F401  (import cost reported separately)

    imports = time.perf_counter() - started
    times, size = _build_times(5)
    print(
        json.dumps(
            {
                "export_html_s": round(statistics.median(times), 4),
                "export_html_cold_s": round(times[0], 4),
                "export_html_import_s": round(imports, 4),
                "export_html_bytes": size,
                "snapshot_pdf_a0_s": round(measure_snapshot_pdf_a0(), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
