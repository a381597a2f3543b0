"""The on-disk cache of the prepared map layers.

One pickle file in the user's cache folder (``platformdirs.user_cache_dir``, or
``$EXPLORER_CACHE_DIR`` when set, which tests point at ``tmp_path``). It holds the payload
of :func:`explorer.data.geo_build.build_payload` plus the key it was built for. The key
hashes the format version, the Natural Earth zip's name, size and modification time, and
the bytes of ``overlays.geojson`` and ``places.geojson``: any change rebuilds. An
unreadable or mismatching file is treated as absent, never as an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

# Bump when the payload layout or the way it is built changes.
FORMAT_VERSION = 1
CACHE_ENV = "EXPLORER_CACHE_DIR"
APP_NAME = "karabakh-explorer"
CACHE_FILE = f"map-layers-v{FORMAT_VERSION}.pickle"


def cache_dir() -> Path:
    """The folder for cached files: ``$EXPLORER_CACHE_DIR`` or the platform's cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def input_key(inputs: list[Path], stat_only: list[Path]) -> str:
    """Hash of everything the cached layers are built from.

    Parameters
    ----------
    inputs : list of Path
        Small files hashed by content (the GeoJSON files of ``geodata/``).
    stat_only : list of Path
        Large files keyed by name, size and mtime (the 5 MB Natural Earth zip: hashing it
        would cost the start-up what the cache saves; a package upgrade rewrites it).
    """
    digest = hashlib.sha256(f"format={FORMAT_VERSION}".encode())
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    for path in stat_only:
        st = path.stat()
        digest.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()


def read(path: Path, key: str) -> dict[str, Any] | None:
    """The cached payload if ``path`` holds one built for ``key``, else ``None``."""
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # any corrupt or foreign file means "rebuild"
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    payload = stored.get("payload")
    return payload if isinstance(payload, dict) else None


def write(path: Path, key: str, payload: dict[str, Any]) -> None:
    """Store ``payload`` atomically (temp file + rename), so readers never see half a file.

    A cache that cannot be written (read-only home, full disk) is not fatal: the app
    simply rebuilds next time.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump({"key": key, "payload": payload}, handle, pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return
