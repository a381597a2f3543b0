"""Video export: size, frame count and duration read back by independent readers; frames are
the snapshots of the same steps; a cancelled or failed export leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import numpy as np
import pytest
from builders import read_back

from explorer import cli
from explorer.domain.presentation import Presentation, Step
from explorer.export.files import OutputError
from explorer.export.snapshot.writer import SnapshotOptions, export_snapshot
from explorer.export.video import (
    VideoCancelled,
    VideoOptions,
    export_video,
    parse_step,
    period_frames,
    presentation_frames,
)
from explorer.export.video import encode as video_encode
from explorer.export.video.plan import add_step
from explorer.export.video.writer import page_options

D = dt.date


def ffprobe(path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,width,height,nb_read_frames:format=duration", "-of", "json",
         str(path)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    data = json.loads(out)
    return {**data["streams"][0], "duration": float(data["format"]["duration"])}


def test_parse_step_and_calendar_steps():
    assert parse_step("1d") == (1, "days")
    assert parse_step("2w") == (2, "weeks")
    assert parse_step("1m") == (1, "months")
    with pytest.raises(ValueError, match="--step"):
        parse_step("fortnight")
    assert add_step(D(2023, 1, 31), 1, "months") == D(2023, 2, 28)
    assert add_step(D(2020, 2, 29), 1, "years") == D(2021, 2, 28)


def test_period_frames_one_per_step_and_the_last_day(corpus):
    pages, frames = period_frames(D(2020, 9, 27), D(2020, 11, 10), (1, "weeks"), SnapshotOptions())
    assert len(pages) == 1
    assert [f.date for f in frames][:2] == [D(2020, 9, 27), D(2020, 10, 4)]
    assert frames[-1].date == D(2020, 11, 10)


def test_transitions_move_date_and_extent_smoothly(corpus):
    deck = Presentation("t", (Step(event="first-karabakh-war"), Step(event="ceasefire-2020")))
    pages, frames = presentation_frames(corpus, deck, SnapshotOptions(), seconds_per_step=2, fps=10)
    assert len(frames) == 40
    moving = [f for f in frames if f.page == 1 and f.towards < 1]
    assert len(moving) == 10
    towards = [f.towards for f in moving]
    assert towards == sorted(towards)
    assert 0 < towards[0] < towards[-1] < 1
    dates = [f.date for f in frames[20:]]
    assert dates == sorted(dates)
    assert dates[-1] == corpus.timeline.get("ceasefire-2020").when.start


def test_period_cli_mp4_has_the_requested_size_frames_and_duration(tmp_path):
    out = tmp_path / "war.mp4"
    code = cli.main(["video", "--from", "2020-09-27", "--to", "2020-10-06", "--step", "1d",
                     "--extent", "nk", "--fps", "5", "--width", "320", "--height", "180",
                     "-o", str(out)])  # fmt: skip
    assert code == 0
    w, h, fps, duration, frames = read_back(out)
    assert (w, h, fps, len(frames)) == (320, 180, 5, 10)
    assert duration == pytest.approx(2.0, abs=0.05)
    assert [p.name for p in tmp_path.iterdir()] == ["war.mp4"]
    if shutil.which("ffprobe"):
        probe = ffprobe(out)
        assert probe["codec_name"] == "h264"
        assert (probe["width"], probe["height"], int(probe["nb_read_frames"])) == (320, 180, 10)
        assert probe["duration"] == pytest.approx(2.0, abs=0.05)


def test_presentation_cli_gif(tmp_path):
    deck = tmp_path / "deck.json"
    deck.write_text(json.dumps({"title": "Two steps", "steps": [
        {"event": "ceasefire-2020", "title": "The ceasefire"},
        {"date": "2023-09-20", "extent": "nk"},
    ]}))  # fmt: skip
    out = tmp_path / "deck.gif"
    code = cli.main(["video", "--presentation", str(deck), "--seconds-per-step", "1", "--fps",
                     "4", "--width", "240", "--height", "136", "-o", str(out)])  # fmt: skip
    assert code == 0
    assert out.read_bytes()[:6] == b"GIF89a"
    w, h, _fps, _duration, frames = read_back(out)
    assert (w, h, len(frames)) == (240, 136, 8)
    if shutil.which("ffprobe"):
        probe = ffprobe(out)
        assert (probe["codec_name"], int(probe["nb_read_frames"])) == ("gif", 8)


def snapshot_pixels(corpus, options: SnapshotOptions, tmp_path, name: str) -> np.ndarray:
    from PySide6.QtGui import QImage

    path = export_snapshot(corpus, options, tmp_path / name)
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    data = bytes(image.constBits())
    rows = [data[y * image.bytesPerLine() : y * image.bytesPerLine() + w * 3] for y in range(h)]
    return np.frombuffer(b"".join(rows), np.uint8).reshape(h, w, 3)


def test_a_frame_is_the_snapshot_of_its_step(corpus, layers, tmp_path):
    video = VideoOptions(width=480, height=270, fps=2)
    deck = Presentation("", (Step(event="ceasefire-2020", extent="nk"),))
    pages, frames = presentation_frames(corpus, deck, SnapshotOptions(), seconds_per_step=1, fps=2)
    out = export_video(corpus, pages, frames, video, tmp_path / "one.mp4", layers=layers)
    *_, read = read_back(out)
    frame = read[0].astype(float)
    same = snapshot_pixels(corpus, page_options(pages[0], video), tmp_path, "same.png")
    other_step = replace_event(pages[0], "first-karabakh-war", extent="region")
    other = snapshot_pixels(corpus, page_options(other_step, video), tmp_path, "other.png")
    assert same.shape == frame.shape
    close = np.abs(frame - same).mean()
    far = np.abs(frame - other).mean()
    assert close < 4.0  # H.264 at crf 20: a few levels of 255 on average
    assert far > 3 * close


def replace_event(options, event_id, extent):
    from dataclasses import replace

    return replace(options, event_id=event_id, extent=extent, title=None, subtitle="")


def test_a_cancelled_export_leaves_nothing(corpus, layers, tmp_path):
    pages, frames = period_frames(D(2020, 9, 27), D(2020, 10, 20), (1, "days"), SnapshotOptions())
    seen = []

    def progress(done, total):
        seen.append(done)
        return done < 3

    with pytest.raises(VideoCancelled):
        export_video(corpus, pages, frames, VideoOptions(320, 180, 6), tmp_path / "x.mp4",
                     layers=layers, progress=progress)  # fmt: skip
    assert seen == [1, 2, 3]
    assert list(tmp_path.iterdir()) == []


def test_a_failed_encoder_leaves_nothing(corpus, layers, tmp_path, monkeypatch):
    real = video_encode.ffmpeg_command
    monkeypatch.setattr(
        video_encode, "ffmpeg_command",
        lambda options, out: [c if c != "libx264" else "no-such-codec" for c in real(options, out)],
    )  # fmt: skip
    pages, frames = period_frames(D(2020, 9, 27), D(2020, 9, 29), (1, "days"), SnapshotOptions())
    with pytest.raises(OutputError, match="ffmpeg"):
        export_video(corpus, pages, frames, VideoOptions(320, 180, 6), tmp_path / "x.mp4",
                     layers=layers)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2020-09-27", "--width", "321", "--height", "180"], "even width"),
        (["--from", "2020-09-27", "--to", "2020-09-01"], "before --from"),
        (["--from", "27.9.2020"], "is not a date"),
        (["--from", "2020-09-27", "--step", "soon"], "--step"),
        (["--from", "2020-09-27", "--extent", "moon"], "--extent"),
    ],
)
def test_bad_arguments_say_what_is_wrong(tmp_path, capsys, args, message):
    out = tmp_path / "v.mp4"
    assert cli.main(["video", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_without_the_encoder_package_the_message_says_what_to_install(
    corpus, layers, tmp_path, monkeypatch
):
    import sys

    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # as if not installed
    pages, frames = period_frames(D(2020, 9, 27), D(2020, 9, 28), (1, "days"), SnapshotOptions())
    with pytest.raises(OutputError, match="pip install imageio-ffmpeg"):
        export_video(corpus, pages, frames, VideoOptions(320, 180, 6), tmp_path / "x.mp4",
                     layers=layers)  # fmt: skip
    assert list(tmp_path.iterdir()) == []
