"""The domain layer stays pure Python: no Qt, no GeoPandas, so it is testable and reusable."""

from __future__ import annotations

import subprocess
import sys


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_domain_imports_neither_qt_nor_geopandas():
    loaded = _modules_loaded_by(
        "import explorer.domain.state, explorer.domain.timeline, explorer.domain.naming"
    )
    assert "explorer.domain.state" in loaded
    assert not {m for m in loaded if m.startswith(("PySide6", "geopandas", "shapely", "pyproj"))}


def test_check_and_data_exports_stay_light():
    loaded = _modules_loaded_by(
        "import explorer.cli, explorer.data.corpus, explorer.export.data.geojson, "
        "explorer.export.data.acled_csv"
    )
    assert not {m for m in loaded if m.startswith(("PySide6", "geopandas", "folium"))}


def test_the_suite_refuses_network_connections():
    import socket

    import pytest

    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(AssertionError, match="network access attempted"),
    ):
        sock.connect(("127.0.0.1", 9))
