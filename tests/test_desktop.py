"""Desktop integration: the icon, the freedesktop entry and ``explorer install-desktop``."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from explorer import desktop
from explorer.cli import main
from explorer.data.embedded import resource_path


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("size", desktop.ICON_SIZES)
def test_the_icon_exists_at_every_size(size):
    image = QImage(str(resource_path("icons", f"karabakh-explorer-{size}.png")))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_install_and_remove_respect_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "bin" / "explorer")])
    assert main(["install-desktop"]) == 0
    entry_path = tmp_path / "share" / "applications" / "karabakh-explorer.desktop"
    entry = _entry(entry_path)
    assert entry["Name"] == "Karabakh Explorer"
    assert entry["Icon"] == "karabakh-explorer"
    assert entry["Type"] == "Application"
    # The explorer that ran the command (here: no such script, so the one on PATH or -m).
    assert entry["Exec"].endswith(" gui")
    assert Path(entry["Exec"].split()[0].strip('"')).is_absolute()
    icons = tmp_path / "share" / "icons" / "hicolor"
    assert (icons / "48x48" / "apps" / "karabakh-explorer.png").is_file()
    assert (icons / "scalable" / "apps" / "karabakh-explorer.svg").is_file()
    assert "installed" in capsys.readouterr().out

    assert main(["install-desktop", "--remove"]) == 0
    assert not entry_path.exists()
    assert not list(icons.rglob("karabakh-explorer.*"))
    assert main(["install-desktop", "--remove"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_a_relative_xdg_data_home_is_ignored(tmp_path, monkeypatch):
    # The spec: a relative path is invalid and must be ignored.
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home() == tmp_path / ".local" / "share"


def test_exec_points_at_the_running_script(tmp_path, monkeypatch):
    script = tmp_path / "my venv" / "bin" / "explorer"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", [str(script)])
    text = desktop.entry_text()
    assert f'Exec="{script}" gui' in text
    assert f"TryExec={script}" in text


def test_the_entry_is_valid_for_desktop_file_validate(tmp_path):
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-utils is not installed")
    path = tmp_path / "karabakh-explorer.desktop"
    path.write_text(desktop.entry_text(["/opt/karabakh explorer/explorer"]), encoding="utf-8")
    out = subprocess.run([validator, str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert not out.stdout.strip(), out.stdout


def test_the_window_has_the_app_icon(qtbot):
    from explorer.qt.window.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
