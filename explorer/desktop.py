"""``explorer install-desktop [--remove]``: the freedesktop menu entry for the current user.

Writes ``$XDG_DATA_HOME/applications/karabakh-explorer.desktop`` (default
``~/.local/share``) from ``resources/karabakh-explorer.desktop``, with ``Exec`` pointing at
the very ``explorer`` that runs this command (a pipx or venv script, or the bundle's
executable), and the icon into ``$XDG_DATA_HOME/icons/hicolor/<size>/apps/``. ``--remove``
deletes exactly those files. No root, no system folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from explorer.data.embedded import resource_path

APP_ID = "karabakh-explorer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (as the spec asks), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this very explorer, for ``Exec=``."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle
        return [str(Path(sys.executable).absolute())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "explorer" and script.is_file():
        return [str(script.absolute())]
    found = shutil.which("explorer")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "explorer"]


def _quote(arg: str) -> str:
    # Desktop Entry spec, "The Exec key": quote arguments holding reserved characters.
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    escaped = escaped.replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def entry_text(command: list[str] | None = None) -> str:
    """The desktop entry, with ``Exec``/``TryExec`` set to ``command`` (default: launcher)."""
    command = command or launcher()
    lines = []
    template = resource_path(f"{APP_ID}.desktop").read_text(encoding="utf-8")
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(_quote(a) for a in [*command, "gui"])
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0]
        lines.append(line)
    return "\n".join(lines) + "\n"


def targets(home: Path | None = None) -> list[tuple[Path, Path | None]]:
    """``(installed path, icon source or None for the entry)`` of every file installed."""
    home = home or data_home()
    icons = home / "icons" / "hicolor"
    files: list[tuple[Path, Path | None]] = [(home / "applications" / f"{APP_ID}.desktop", None)]
    for size in ICON_SIZES:
        source = resource_path("icons", f"{APP_ID}-{size}.png")
        files.append((icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png", source))
    svg = resource_path("icons", f"{APP_ID}.svg")
    files.append((icons / "scalable" / "apps" / f"{APP_ID}.svg", svg))
    return files


def install(home: Path | None = None) -> list[Path]:
    """Write the entry and the icons; the paths written."""
    written = []
    for path, source in targets(home):
        path.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            path.write_text(entry_text(), encoding="utf-8")
        else:
            shutil.copyfile(source, path)
        written.append(path)
    _refresh(home or data_home())
    return written


def remove(home: Path | None = None) -> list[Path]:
    """Delete what :func:`install` wrote; the paths removed."""
    removed = []
    for path, _ in targets(home):
        if path.is_file():
            path.unlink()
            removed.append(path)
    _refresh(home or data_home())
    return removed


def _refresh(home: Path) -> None:
    # Menus notice new entries by themselves; the MIME cache only makes it quicker. Optional.
    exe = shutil.which("update-desktop-database")
    if exe and (home / "applications").is_dir():
        subprocess.run([exe, "-q", str(home / "applications")], check=False, capture_output=True)


def run(remove_entry: bool) -> int:
    """The command: report what was done, exit code 0."""
    if remove_entry:
        removed = remove()
        if not removed:
            print(f"nothing to remove: no {APP_ID}.desktop under {data_home()}")
        for path in removed:
            print(f"removed {path}")
        return 0
    written = install()
    print(f"installed {written[0]}")
    print(f"  and {len(written) - 1} icon files under {data_home() / 'icons' / 'hicolor'}")
    print(
        "Karabakh Explorer is now in the application menu (Education); "
        "explorer install-desktop --remove takes it away."
    )
    return 0
