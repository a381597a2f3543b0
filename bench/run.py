"""Benchmark of the desktop explorer; prints one JSON object as its last line.

    .venv/bin/python bench/run.py --quick     # under a minute
    .venv/bin/python bench/run.py             # more repeats
    BENCH_VENV=/tmp/venv .venv/bin/python bench/run.py --only first_paint installed_size
                                              # time a wheel install instead of .venv

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


# A bare PySide6 window, timed in the same run as the explorer: a QMainWindow with a label,
# shown and painted once. The explorer's first paint over this one is the figure that
# survives a noisy machine (first_paint_ratio_bare).
BARE_WINDOW = f"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("Karabakh Explorer")
window.setCentralWidget(label)
window.resize(1280, 800)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print({PAINT_MARKER!r}, flush=True), app.exit(0)))
            watched.removeEventFilter(self)
        return False
label.installEventFilter(Painted(app))
window.show()
sys.exit(app.exec())
"""


def _venv() -> Path:
    """The venv whose ``explorer`` is timed: ``$BENCH_VENV`` (e.g. a wheel install) or .venv."""
    return Path(os.environ.get("BENCH_VENV") or ROOT / ".venv")


def _time_to_marker(
    argv: list[str], env: dict[str, str], cwd: str, cpu: list[float] | None = None
) -> float:
    """Wall time to the paint marker; the child's CPU time (user + system) goes to ``cpu``.

    CPU time barely depends on what else the machine runs, so its ratio is the steadier one.
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    elapsed = float("nan")
    for line in proc.stdout:
        if line.strip() == PAINT_MARKER:
            elapsed = time.perf_counter() - start
            break
    proc.wait(timeout=60)
    if elapsed != elapsed:
        raise RuntimeError(f"{argv[0]} never painted (exit {proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


@measurement
def first_paint(quick: bool) -> dict:
    """Wall time from spawning ``explorer gui`` to its first painted window with the map.

    Three kinds of start, interleaved so that they share the machine's noise: a fresh user
    (new, empty cache and config folders every run), a warm start (the same folders again),
    and a bare PySide6 window. Run from a temporary folder, not the checkout.
    """
    runs = 5 if quick else 9
    venv = _venv()
    exe = venv / "bin" / "explorer"
    python = venv / "bin" / "python"
    # An installed app starts from bytecode. Where PYTHONDONTWRITEBYTECODE is set (as in CI
    # sandboxes) every start would compile the project's modules from source (~60 ms): the
    # dropped warm-up run writes their bytecode to a private folder, outside the repo.
    base = _env(
        EXPLORER_EXIT_AFTER_PAINT="1",
        PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="explorer-bench-pyc-"),
    )
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    base.pop("EXPLORER_CACHE_DIR", None)
    warm_home = tempfile.mkdtemp(prefix="explorer-bench-warm-")
    warm = dict(base, XDG_CACHE_HOME=f"{warm_home}/cache", XDG_CONFIG_HOME=f"{warm_home}/config")
    cwd = tempfile.mkdtemp(prefix="explorer-bench-cwd-")
    fresh_s: list[float] = []
    warm_s: list[float] = []
    bare_s: list[float] = []
    warm_cpu: list[float] = []
    bare_cpu: list[float] = []
    for round_ in range(runs + 1):  # the first round warms the disk cache and is dropped
        home = tempfile.mkdtemp(prefix="explorer-bench-fresh-")
        fresh = dict(base, XDG_CACHE_HOME=f"{home}/cache", XDG_CONFIG_HOME=f"{home}/config")
        bare_s.append(_time_to_marker([str(python), "-c", BARE_WINDOW], base, cwd, bare_cpu))
        # Alternate which explorer start follows the bare window, so order biases neither.
        starts = [(fresh, fresh_s, None), (warm, warm_s, warm_cpu)]
        for env, times, cpu in starts if round_ % 2 else starts[::-1]:
            times.append(_time_to_marker([str(exe), "gui"], env, cwd, cpu))
    fresh_s, warm_s, bare_s = fresh_s[1:], warm_s[1:], bare_s[1:]
    warm_cpu, bare_cpu = warm_cpu[1:], bare_cpu[1:]
    return {
        "first_paint_s": _median(warm_s),
        "first_paint_range_s": [round(min(warm_s), 3), round(max(warm_s), 3)],
        "first_paint_fresh_s": _median(fresh_s),
        "first_paint_bare_s": _median(bare_s),
        "first_paint_ratio_bare": round(statistics.median(warm_s) / statistics.median(bare_s), 2),
        "first_paint_fresh_ratio_bare": round(
            statistics.median(fresh_s) / statistics.median(bare_s), 2
        ),
        # Best of each: on a machine shared with other work, the least disturbed runs.
        "first_paint_ratio_bare_min": round(min(warm_s) / min(bare_s), 2),
        # CPU seconds to the first paint (user + system), and their ratio: work, not waiting.
        "first_paint_cpu_s": _median(warm_cpu),
        "first_paint_bare_cpu_s": _median(bare_cpu),
        "first_paint_cpu_ratio_bare": round(
            statistics.median(warm_cpu) / statistics.median(bare_cpu), 2
        ),
        "first_paint_venv": str(venv),
    }


@measurement
def installed_size(quick: bool) -> dict:
    """Disk size of the timed venv, and of its largest packages (what an install costs)."""
    venv = _venv()

    def size(path: Path) -> int:
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())

    site = next((venv / "lib").glob("python3*/site-packages"))
    biggest = sorted(
        ((size(p), p.name) for p in site.iterdir() if p.is_dir() and not p.name.endswith("-info")),
        reverse=True,
    )[:6]
    return {
        "installed_venv_mb": round(size(venv) / 1e6, 1),
        "installed_largest_mb": {name: round(n / 1e6, 1) for n, name in biggest},
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
def corpus_load(quick: bool) -> dict:
    """``load_corpus`` of the embedded corpus (CPU ms, best run), and what its checks cost.

    ``corpus_load_checks_ms`` is the schema and GeoJSON checking of issue 15 alone: the same
    load with them switched off, subtracted. CPU time, so other processes do not skew it.
    """
    from explorer.data import corpus as corpus_module
    from explorer.data import schema

    def best_ms(runs: int) -> float:
        corpus_module.load_corpus(ROOT)
        best = float("inf")
        for _ in range(runs):
            start = time.process_time()
            corpus_module.load_corpus(ROOT)
            best = min(best, time.process_time() - start)
        return best * 1000

    runs = 15 if quick else 40
    full = best_ms(runs)
    check_record, check_overlays = schema.check_record, corpus_module.check_overlays
    try:
        schema.check_record = lambda *args, **kwargs: True  # type: ignore[assignment]
        corpus_module.check_overlays = lambda *args, **kwargs: []  # type: ignore[assignment]
        unchecked = best_ms(runs)
    finally:
        schema.check_record, corpus_module.check_overlays = check_record, check_overlays
    return {
        "corpus_load_cpu_ms": round(full, 1),
        "corpus_load_checks_ms": round(max(full - unchecked, 0.0), 1),
    }


@measurement
def video(quick: bool) -> dict:
    """Frames drawn and encoded per second at 1080p (``bench/bench_video.py``)."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bench_video.py")),
         *(["--quick"] if quick else [])],
        env=_env(), capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    from bench.bench_exports import (
        measure_export_html,
        measure_snapshot_pdf_a0,
        web_map_bytes,
    )
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
        "export_html_kb": round(web_map_bytes() / 1024, 1),
        "snapshot_pdf_a0_s": round(measure_snapshot_pdf_a0(2 if quick else 3), 3),
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
