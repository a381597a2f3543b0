"""Benchmark of the desktop explorer; prints one JSON object as its last line.

    .venv/bin/python bench/run.py --quick     # under a minute
    .venv/bin/python bench/run.py             # more repeats

Each measurement is one function registered with ``@measurement``; it gets ``quick`` and
returns a dict of keys to add to the result. ``step_*`` times one move of the time cursor
with every view repainted whole (a worst case); ``step_dirty_*`` the same move as the app
paints it, only what changed; ``repaint_p50_ms_*`` each view's full repaint on its own.
Steps, memory and exports are measured in child processes (``--child``), so one corpus's
peak RSS does not leak into another's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPLORER = ROOT / ".venv" / "bin" / "explorer"
PAINT_MARKER = "EXPLORER_FIRST_PAINT"

MEASUREMENTS: dict[str, Callable[[bool], dict]] = {}


def measurement(fn: Callable[[bool], dict]) -> Callable[[bool], dict]:
    """Register a measurement; adding one to the benchmark is writing one function."""
    MEASUREMENTS[fn.__name__] = fn
    return fn


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    env.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="explorer-bench-config-"))
    return env


@measurement
def first_paint(quick: bool) -> dict:
    """Wall time from spawning ``explorer gui`` to its first painted window with the map."""
    runs = 5 if quick else 9
    # An installed app starts from bytecode. Where PYTHONDONTWRITEBYTECODE is set (as in CI
    # sandboxes) every start would compile the project's ~50 modules from source (~60 ms):
    # the dropped warm-up run writes their bytecode to a private folder, outside the repo.
    env = _env(
        EXPLORER_EXIT_AFTER_PAINT="1",
        PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="explorer-bench-pyc-"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    exe = [str(EXPLORER)] if EXPLORER.exists() else [sys.executable, "-m", "explorer"]
    times = []
    for _ in range(runs + 1):  # the first run warms the disk cache and is dropped
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*exe, "gui"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == PAINT_MARKER:
                times.append(time.perf_counter() - start)
                break
        proc.wait(timeout=60)
    kept = times[1:]
    return {
        "first_paint_s": round(statistics.median(kept), 3),
        "first_paint_range_s": [round(min(kept), 3), round(max(kept), 3)],
    }


def _child(kind: str, quick: bool) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *(["--quick"] if quick else [])],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@measurement
def steps_real(quick: bool) -> dict:
    r = _child("real", quick)
    return {
        "step_p50_ms": r["p50_ms"],
        "step_p95_ms": r["p95_ms"],
        "step_dirty_p95_ms": r["dirty_p95_ms"],
        "events_real": r["events"],
        "repaint_p50_ms_real": r["repaint_p50_ms"],
    }


@measurement
def steps_10k(quick: bool) -> dict:
    r = _child("10000", quick)
    return {
        "step_p50_ms_10k": r["p50_ms"],
        "step_p95_ms_10k": r["p95_ms"],
        "step_dirty_p95_ms_10k": r["dirty_p95_ms"],
    }


@measurement
def steps_100k(quick: bool) -> dict:
    r = _child("100000", quick)
    return {
        "step_p50_ms_100k": r["p50_ms"],
        "step_p95_ms_100k": r["p95_ms"],
        "step_dirty_p95_ms_100k": r["dirty_p95_ms"],
        "rss_mb_100k": r["rss_mb"],
        "window_build_s_100k": r["build_s"],
        "repaint_p50_ms_100k": r["repaint_p50_ms"],
    }


@measurement
def exports(quick: bool) -> dict:
    return _child("exports", quick)


@measurement
def suggestions(quick: bool) -> dict:
    """suggest_recall, suggestions_per_event and suggest_10k_words_s (bench_suggest.py)."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_suggest import measure

    result = measure(quick)
    result.pop("suggest_missed", None)
    return result


# -- in the child process ------------------------------------------------------------------
def _run_steps(kind: str, quick: bool) -> dict:
    """Open the real MainWindow offscreen on a corpus and time steps of the time cursor."""
    import resource

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["bench"])
    from explorer.data.corpus import load_corpus
    from explorer.qt.window.main_window import MainWindow

    if kind == "real":
        corpus = load_corpus(ROOT)
    else:
        from bench.synthetic import synthetic_corpus

        corpus = synthetic_corpus(int(kind))
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    t = time.perf_counter()
    window = MainWindow(corpus, settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    # As run_gui does: the loaded corpus is long-lived, keep the cyclic GC off it.
    gc.collect()
    gc.freeze()
    build_s = time.perf_counter() - t
    state = window.state
    first, last = state.date_range
    n = 120 if quick else 600
    span = (last - first).days
    # Walk the cursor across the whole range and back: what a drag or a play does.
    days = [first + dt.timedelta(days=round(span * i / n)) for i in range(n)]
    days += list(reversed(days))
    names = ["map", "timeline", "list", "details"]
    views = [window.map_view, window.timeline, window.event_list, window.details]
    targets = [v.viewport() if hasattr(v, "viewport") else v for v in views]
    for day in days[:10]:  # warm-up: first paints fill caches and import lazily
        state.set_date(day)
        targets[0].repaint()
        app.processEvents()
    state.set_date(first)
    app.processEvents()
    times: list[float] = []
    dirty_times: list[float] = []
    per_view: dict[str, list[float]] = {name: [] for name in names}
    for i, day in enumerate(days):
        # A step, worst case: every view repainted whole, as if all of it had changed. The
        # views are marked dirty and one synchronous repaint paints each of them once (a
        # repaint() per view would paint the ones already dirty a second time). The map's
        # scene queues its own update, so processEvents() may paint the map once more.
        start = time.perf_counter()
        state.set_date(day)
        for target in targets:
            target.update()
        targets[0].repaint()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        # The same step as the app runs it: only what the views marked dirty is painted.
        back = days[i - 1] if i else days[1]
        start = time.perf_counter()
        state.set_date(back)
        app.processEvents()
        dirty_times.append((time.perf_counter() - start) * 1000)
        state.set_date(day)
        app.processEvents()
        # Each view's own full repaint, nothing else pending (not part of the step's time).
        if i % 2 == 0:
            for name, target in zip(names, targets, strict=True):
                t = time.perf_counter()
                target.repaint()
                per_view[name].append((time.perf_counter() - t) * 1000)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    window.close()
    return {
        "events": len(corpus.timeline),
        "p50_ms": _percentile(times, 50),
        "p95_ms": _percentile(times, 95),
        "dirty_p95_ms": _percentile(dirty_times, 95),
        "rss_mb": round(rss_kb / 1024, 1),
        "build_s": round(build_s, 2),
        "repaint_p50_ms": {k: round(statistics.median(v), 2) for k, v in per_view.items()},
    }


def _percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return round(ordered[min(int(len(ordered) * pct / 100), len(ordered) - 1)], 2)


def _run_exports(quick: bool) -> dict:
    """Snapshot (PNG, A4 landscape, 300 dpi) and HTML export of the real corpus, in-process."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_exports import measure_export_html
    from explorer.data.corpus import load_corpus
    from explorer.export.snapshot.writer import SnapshotOptions, export_snapshot

    corpus = load_corpus(ROOT)
    options = SnapshotOptions(format="png", dpi=300, width_mm=297.0, height_mm=210.0, force=True)
    out = Path(tempfile.mkdtemp(prefix="explorer-bench-")) / "snapshot.png"
    export_snapshot(corpus, options, out)  # warm-up: Qt, fonts, geodata cache
    times = []
    for _ in range(3 if quick else 7):
        t = time.perf_counter()
        export_snapshot(corpus, options, out)
        times.append(time.perf_counter() - t)
    return {
        "snapshot_png_a4_300dpi_s": round(statistics.median(times), 3),
        "export_html_s": round(measure_export_html(3 if quick else 7), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (under a minute)")
    parser.add_argument("--only", nargs="*", help="run only these measurements")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.child == "exports":
            print(json.dumps(_run_exports(args.quick)))
        else:
            print(json.dumps(_run_steps(args.child, args.quick)))
        return 0
    result: dict = {"mode": "quick" if args.quick else "full"}
    for name, fn in MEASUREMENTS.items():
        if args.only and name not in args.only:
            continue
        t = time.perf_counter()
        result.update(fn(args.quick))
        print(f"{name}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
