"""Issue 9: the wheel and the sdist carry the corpus, and an installed copy finds it.

The wheel is built from a copy of the checkout (so no ``build/`` folder of an earlier run
can leak files into it), without build isolation (no network), and looked inside.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "explorer/_embedded/"
LEFT_IN_REPO = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "out", "exports"
)


def _hook(tmp: Path, hook: str) -> Path:
    """Run a PEP 517 hook of setuptools on a fresh copy of the checkout; the file made."""
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=LEFT_IN_REPO)
    out = tmp / "dist"
    code = f"from setuptools import build_meta as b; print(b.{hook}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=src, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return _hook(tmp_path_factory.mktemp("wheel"), "build_wheel")


def _repo_files(folder: str) -> set[str]:
    skipped = {"screenshots", "__pycache__"}
    return {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and not skipped & set(p.parts)
    }


def test_the_wheel_carries_seeds_geodata_and_resources(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        embedded = {n.removeprefix(PREFIX) for n in names if n.startswith(PREFIX)}
        expected = _repo_files("seeds") | _repo_files("geodata") | _repo_files("resources")
        assert expected <= embedded
        assert "seeds/sources.yaml" in embedded
        assert "geodata/basemap.geojson" in embedded
        assert "resources/icons/karabakh-explorer-48.png" in embedded
        # Copies of the repository's files, byte for byte.
        for name in sorted(expected):
            assert archive.read(PREFIX + name) == (ROOT / name).read_bytes(), name
    # Build scripts and screenshots stay in the repository; no stale modules.
    assert not any(n.endswith(".py") for n in embedded)
    assert not any("screenshots" in n for n in names)
    assert "explorer/data/geo_cache.py" not in names


def test_the_wheel_needs_no_geopandas_at_run_time(wheel):
    with zipfile.ZipFile(wheel) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(archive.read(meta_name).decode())
    requires = meta.get_all("Requires-Dist")
    always = [r for r in requires if "extra ==" not in r]
    heavy = ("geopandas", "pyproj", "pyogrio", "pandas", "geocoder", "platformdirs")
    assert not [r for r in always if r.lower().startswith(heavy)]
    geodata = [r for r in requires if 'extra == "geodata"' in r]
    assert any(r.startswith("pyogrio") for r in geodata)


def test_an_installed_wheel_finds_its_corpus_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         "--disable-pip-version-check", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import explorer, explorer.data.embedded as e, explorer.data.corpus as c, "
        "explorer.data.geo as g; "
        "print(explorer.__file__); print(e.embedded_root()); "
        "k = c.load_corpus(); print(len(k.timeline), len(k.problems)); "
        "print(len(g.load_map_layers().countries))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    env.pop("EXPLORER_CORPUS", None)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    module, root, counts, countries = out.stdout.splitlines()
    assert Path(module).is_relative_to(target)
    assert Path(root) == target / "explorer" / "_embedded"
    events, problems = map(int, counts.split())
    assert events > 50
    assert problems == 0
    assert int(countries) >= 6


def test_the_sdist_carries_the_corpus_folders(tmp_path):
    sdist = _hook(tmp_path, "build_sdist")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for name in ("setup.py", "MANIFEST.in", "seeds/sources.yaml", "geodata/basemap.geojson",
                 "geodata/build_basemap.py", "resources/karabakh-explorer.desktop"):  # fmt: skip
        assert name in names, name
    assert _repo_files("seeds") <= names
    # And a wheel built from the unpacked sdist (what `pip install *.tar.gz` does) carries
    # the corpus too.
    with tarfile.open(sdist) as archive:
        # Our own tarball; the "data" filter where this Python has it (3.11.4+).
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp_path / "unpacked", **safe)
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    code = f"from setuptools import build_meta as b; print(b.build_wheel({str(tmp_path)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=unpacked, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    with zipfile.ZipFile(tmp_path / done.stdout.strip().splitlines()[-1]) as wheel:
        assert PREFIX + "seeds/sources.yaml" in wheel.namelist()
        assert PREFIX + "geodata/basemap.geojson" in wheel.namelist()


def test_the_build_hook_and_the_finder_agree():
    from explorer.data import embedded

    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    constants = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.startswith("EMBEDDED_")
    }  # fmt: skip
    assert constants == {
        "EMBEDDED_DIR": embedded.EMBEDDED_DIR,
        "EMBEDDED_FOLDERS": embedded.EMBEDDED_FOLDERS,
    }
