"""Shared fixtures. Qt must be told to draw offscreen before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus():
    """The embedded corpus, loaded once through the app's own loader."""
    from explorer.data.corpus import load_corpus

    return load_corpus(ROOT)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """The atlas is offline: any test that opens a network connection fails.

    Local (AF_UNIX) sockets stay allowed; Qt and D-Bus use them on the same machine.
    """
    import socket

    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if sock.family == socket.AF_UNIX:
            return real_connect(sock, address)
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(
        socket, "create_connection",
        lambda address, *a, **k: (_ for _ in ()).throw(
            AssertionError(f"network access attempted: {address!r}")
        ),
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep the basemap cache and QSettings of tests away from the user's own."""
    cache = tmp_path_factory.getbasetemp() / "explorer-cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(cache))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "config"))


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the embedded corpus, for tests that break it on purpose."""
    for name in ("seeds", "geodata"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def layers(tmp_path_factory):
    """The map layers of the embedded corpus, read once for the whole run."""
    from explorer.data.geo import load_map_layers

    return load_map_layers()


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """The real main window, shown offscreen, on the small fixed corpus of explorer.data.demo_corpus.

    Its settings live in a temporary ini file, never in the user's own.
    """
    from PySide6.QtCore import QSettings

    from explorer.data.demo_corpus import make_corpus
    from explorer.qt.window.main_window import MainWindow

    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    window = MainWindow(make_corpus(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
