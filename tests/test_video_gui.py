"""File → Export → Video… from the window: a progress dialog, and Cancel that leaves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QAction

from explorer.qt.present import video_export

D = dt.date


@pytest.fixture
def choose(monkeypatch, tmp_path):
    out = tmp_path / "film.mp4"

    def set_choice(**overrides):
        chosen = {"source": "period", "start": D(2022, 12, 1), "end": D(2023, 1, 31),
                  "step": "1w", "seconds_per_step": 1.0, "fps": 4, "width": 320, "height": 180,
                  "format": "mp4", **overrides}  # fmt: skip
        monkeypatch.setattr(video_export.VideoDialog, "ask", classmethod(lambda cls, *a: chosen))
        monkeypatch.setattr(video_export, "ask_video_path", lambda *a: str(out))
        return out

    return set_choice


def test_export_a_period_from_the_menu(demo_window, choose):
    from builders import read_back

    out = choose()
    demo_window.findChild(QAction, "export_video").trigger()
    w, h, fps, _duration, frames = read_back(out)
    assert (w, h, fps) == (320, 180, 4)
    assert len(frames) == 10  # 1 Dec to 31 Jan by weeks: 9 dates, then the last day
    assert "Wrote" in demo_window.statusBar().currentMessage()


def test_export_the_open_presentation(demo_window, choose, monkeypatch):
    from builders import read_back

    from explorer.domain.presentation import Presentation, Step

    demo_window.presentation = Presentation("Two", (Step(event="blockade"), Step(event="exodus")))
    out = choose(source="presentation", format="gif", seconds_per_step=1.0, fps=3)
    out = out.with_suffix(".gif")
    monkeypatch.setattr(video_export, "ask_video_path", lambda *a: str(out))
    demo_window.findChild(QAction, "export_video").trigger()
    _w, _h, _fps, _d, frames = read_back(out)
    assert len(frames) == 6


def test_cancel_stops_and_leaves_nothing(demo_window, choose, monkeypatch):
    out = choose()
    calls = []

    def was_canceled(self):
        calls.append(1)
        return len(calls) >= 2

    monkeypatch.setattr(video_export.QProgressDialog, "wasCanceled", was_canceled)
    demo_window.findChild(QAction, "export_video").trigger()
    assert len(calls) == 2  # it stopped at once
    assert list(out.parent.iterdir()) == []
    assert "cancelled" in demo_window.statusBar().currentMessage()


def test_the_dialog_offers_a_smaller_gif(qtbot):
    dialog = video_export.VideoDialog(True, D(2020, 1, 1), D(2023, 12, 31))
    qtbot.addWidget(dialog)
    assert (dialog.values()["width"], dialog.values()["height"]) == (1920, 1080)
    dialog.format.setCurrentIndex(dialog.format.findData("gif"))
    assert (dialog.values()["width"], dialog.values()["height"], dialog.values()["format"]) == (
        960, 540, "gif"
    )  # fmt: skip
    assert dialog.values()["source"] == "presentation"
    assert dialog.values()["start"] == D(2020, 1, 1)
