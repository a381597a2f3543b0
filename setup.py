"""Build hook: the wheel carries the embedded corpus as ``explorer/_embedded/``.

``seeds/``, ``geodata/`` and ``resources/`` stay at the top of the repository, the one
source of truth, and are copied into the package only when a wheel is built (from the
checkout or from the sdist, which carries them through ``MANIFEST.in``). An editable install
copies nothing: ``explorer.data.embedded`` finds them in the checkout. Everything else is
declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# Keep in step with explorer.data.embedded (EMBEDDED_DIR, EMBEDDED_FOLDERS).
EMBEDDED_DIR = "_embedded"
EMBEDDED_FOLDERS = ("seeds", "geodata", "resources")
# Build scripts, screenshots and caches stay in the repository.
LEFT_OUT = shutil.ignore_patterns("*.py", "*.pyc", "__pycache__", "screenshots", ".*")


class BuildPyWithCorpus(build_py):
    """``build_py`` that also copies the corpus folders into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "explorer" / EMBEDDED_DIR
        for name in EMBEDDED_FOLDERS:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: {source} is missing; cannot build the package")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name, ignore=LEFT_OUT)


setup(cmdclass={"build_py": BuildPyWithCorpus})
