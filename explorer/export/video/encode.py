"""Encoding raw frames to MP4 (H.264) or GIF with the ffmpeg that ships in imageio-ffmpeg.

The binary comes inside the ``imageio-ffmpeg`` wheel; nothing is downloaded at run time and
no system ffmpeg is needed.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

FORMATS = ("mp4", "gif")
# Frames arrive as Qt's 32-bit RGB images: bytes B, G, R, 255 on little-endian machines.
PIXEL_FORMAT = "bgra" if sys.byteorder == "little" else "argb"
BYTES_PER_PIXEL = 4


class VideoCancelled(Exception):
    """The export was cancelled; nothing was written."""


@dataclass(frozen=True)
class VideoOptions:
    """Size, rate and container of a video. Defaults: 1920×1080 MP4 at 12 frames/s."""

    width: int = 1920
    height: int = 1080
    fps: float = 12.0
    format: str = "mp4"
    force: bool = False

    def check(self) -> None:
        """ValueError naming the bad option."""
        if self.format not in FORMATS:
            raise ValueError(f"unknown video format {self.format!r}; use mp4 or gif")
        if not (64 <= self.width <= 7680 and 64 <= self.height <= 4320):
            raise ValueError("video size must be between 64×64 and 7680×4320 pixels")
        if self.format == "mp4" and (self.width % 2 or self.height % 2):
            raise ValueError("H.264 needs an even width and height (e.g. 1920×1080)")
        if not 1 <= self.fps <= 60:
            raise ValueError(f"--fps {self.fps:g} is out of range (1–60)")


def ffmpeg_exe() -> str:
    """The ffmpeg binary of the imageio-ffmpeg wheel (OSError, with what to do, if absent)."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        raise OSError(
            f"video export needs the imageio-ffmpeg package and its ffmpeg binary ({exc}); "
            "install it with: pip install imageio-ffmpeg"
        ) from exc


def ffmpeg_command(options: VideoOptions, out: Path) -> list[str]:
    """The ffmpeg command reading raw 32-bit frames on stdin and writing ``out``."""
    command = [
        ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error", "-nostdin",
        "-f", "rawvideo", "-pix_fmt", PIXEL_FORMAT, "-s", f"{options.width}x{options.height}",
        "-r", f"{options.fps:g}", "-i", "-", "-an",
    ]  # fmt: skip
    if options.format == "mp4":
        command += [
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", "-f", "mp4",
        ]  # fmt: skip
    else:
        # One palette for the whole animation, built from its own frames.
        command += [
            "-filter_complex", "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse",
            "-loop", "0", "-f", "gif",
        ]  # fmt: skip
    return [*command, str(out)]


class Encoder:
    """An ffmpeg process fed one frame at a time; ``close()`` waits, ``kill()`` abandons it."""

    def __init__(self, options: VideoOptions, out: Path) -> None:
        self.options = options
        self.frame_bytes = options.width * options.height * BYTES_PER_PIXEL
        # ffmpeg's messages, kept to say why it failed (a file: a pipe could fill and block).
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()/kill()
        self._process = subprocess.Popen(
            ffmpeg_command(options, out), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=self._log,
        )  # fmt: skip
        self.frames = 0

    def write(self, rgb: bytes) -> None:
        if len(rgb) != self.frame_bytes:
            raise ValueError(f"a frame has {len(rgb)} bytes, expected {self.frame_bytes}")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(rgb)
        except BrokenPipeError:
            self._process.wait()
            raise OSError(f"ffmpeg stopped: {self._errors()}") from None
        self.frames += 1

    def close(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._process.stdin.close()
        code = self._process.wait()
        if code != 0:
            raise OSError(f"ffmpeg failed ({code}): {self._errors()}")
        self._log.close()

    def kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._log.close()

    def _errors(self) -> str:
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace").strip()
        return text.splitlines()[-1] if text else "no message"
