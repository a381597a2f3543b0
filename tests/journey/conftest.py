"""Journey tests: the real app on a real X server (Xvfb) with a window manager (openbox).

Each journey runs ``driver.py`` in its own process (this pytest process draws offscreen), which
opens the app exactly as ``explorer gui`` does, drives it with real X input from ``xdotool``
and prints what the app's state became. The tests skip, saying why, only when Xvfb, openbox or
xdotool are not installed (Debian: ``xvfb xauth openbox xdotool``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TOOLS = ("Xvfb", "openbox", "xdotool")


def _missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Display:
    """An Xvfb screen with openbox running on it."""

    def __init__(self, size: str) -> None:
        self.size = size
        read, write = os.pipe()
        self._xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # Xvfb writes it once it accepts clients
        if not number:
            self._xvfb.kill()
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number}"
        self._wm = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # openbox is ready once it answers for the desktop (without a WM xdotool fails).
        deadline = time.monotonic() + 60  # generous: CI machines may be busy
        while time.monotonic() < deadline and self._wm.poll() is None:
            probe = subprocess.run(
                ["xdotool", "get_desktop"], env=self.env(), capture_output=True, check=False
            )
            if probe.returncode == 0:
                break
            time.sleep(0.05)  # polling an external process, not waiting on the app
        else:
            code = self._wm.poll()
            self.close()
            raise RuntimeError(f"openbox did not start on {self.name} (exit code {code})")

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        env.update(DISPLAY=self.name, QT_QPA_PLATFORM="xcb", **extra)
        return env

    def close(self) -> None:
        for proc in (self._wm, self._xvfb):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


def _display(size: str) -> Iterator[Display]:
    missing = _missing()
    if missing:
        pytest.skip(
            f"journey tests need {', '.join(missing)} (apt-get install xvfb openbox xdotool)"
        )
    display = Display(size)
    try:
        yield display
    finally:
        display.close()


@pytest.fixture(scope="module")
def laptop() -> Iterator[Display]:
    """A 1280×720 screen, a small laptop's."""
    yield from _display("1280x720")


@pytest.fixture(scope="module")
def full_hd() -> Iterator[Display]:
    """A 1920×1080 screen (used at 200 % scaling)."""
    yield from _display("1920x1080")


@pytest.fixture
def journey(tmp_path):
    """Run one scenario of driver.py on a display; returns what it printed as JSON."""

    def run(display: Display, scenario: str, *args: str, scale: str = "1") -> dict:
        env = display.env(XDG_CONFIG_HOME=str(tmp_path / "config"), QT_SCALE_FACTOR=scale)
        env["EXPLORER_CACHE_DIR"] = os.environ.get("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
        proc = subprocess.run(
            [sys.executable, str(HERE / "driver.py"), scenario, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert lines, proc.stdout + proc.stderr
        return json.loads(lines[-1])

    return run
