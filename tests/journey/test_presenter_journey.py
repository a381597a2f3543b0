"""The presenter in a room: a real X server with a window manager, driven by clicker keys."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def test_the_clicker_keeps_working_with_the_notes_open(laptop, tmp_path):
    """F5, N opens the notes window, then PageDown, → and Space still step the presentation."""
    # A returning user: no first-run tour in front of the window to take F5.
    settings = tmp_path / "config" / "KarabakhExplorer" / "Karabakh Explorer.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[tour]\nseen=true\n")
    env = laptop.env(XDG_CONFIG_HOME=str(tmp_path / "config"))

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=30)

    def wait_for(name: str, timeout: float = 60) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if run("xdotool", "search", "--name", name).stdout.strip():
                return True
            time.sleep(0.2)  # polling another process's window; no event loop here to wait on
        return False

    explorer = Path(sys.executable).with_name("explorer")
    app = subprocess.Popen(
        [str(explorer), "gui"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        assert wait_for("Karabakh Explorer")
        # Until the window manager has given the window focus a key can be lost: activate
        # and press F5 again until the presentation opens.
        for _attempt in range(12):
            run("xdotool", "search", "--name", "Karabakh Explorer", "windowactivate", "--sync")
            run("xdotool", "key", "F5")
            if wait_for("Step 1 of", timeout=10):
                break
        assert wait_for("Step 1 of", timeout=1)
        run("xdotool", "key", "n")
        assert wait_for("Presenter notes")
        for key in ("Next", "Right", "space"):  # PageDown, →, Space: what clickers send
            run("xdotool", "key", key)
        assert wait_for("Step 4 of")
        active = run("xdotool", "getactivewindow", "getwindowname").stdout
        assert active.startswith("Presenting:")
    finally:
        app.terminate()
        app.wait(timeout=10)
