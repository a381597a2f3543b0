"""Where the embedded corpus is: ``seeds/``, ``geodata/`` and ``resources/`` of the atlas.

The repository keeps them at its top, as the one source of truth. A built wheel (or sdist,
or the PyInstaller bundle) carries copies mapped into the package as ``explorer/_embedded/``
by the build hook in ``setup.py``. Both are found through :mod:`importlib.resources`:

* an installed wheel or the bundle: ``files("explorer") / "_embedded"``;
* an editable install or a plain checkout: the folder that holds the ``explorer`` package,
  when it is the project's checkout (it has ``pyproject.toml`` and ``seeds/``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

EMBEDDED_DIR = "_embedded"
# What the build hook copies into EMBEDDED_DIR, relative to the repository top.
EMBEDDED_FOLDERS = ("seeds", "geodata", "resources")


@lru_cache(maxsize=1)
def embedded_root() -> Path:
    """The folder holding the embedded ``seeds/`` and ``geodata/``.

    Raises
    ------
    FileNotFoundError
        If neither an installed copy nor the checkout has them (a broken install).
    """
    package = Path(str(files("explorer")))
    installed = package / EMBEDDED_DIR
    if (installed / "seeds").is_dir():
        return installed
    checkout = package.parent
    if (checkout / "seeds").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    raise FileNotFoundError(
        f"the embedded corpus is missing: neither {installed} nor {checkout} holds seeds/ "
        "(reinstall karabakh-explorer, or pass --corpus DIR)"
    )


def resource_path(*parts: str) -> Path:
    """A file of the embedded ``resources/`` folder (the icon, the desktop entry)."""
    return embedded_root().joinpath("resources", *parts)


def is_embedded(root: Path) -> bool:
    """Whether ``root`` is the embedded corpus (the window then names no folder)."""
    try:
        return Path(root).resolve() == embedded_root().resolve()
    except (FileNotFoundError, OSError):
        return False
