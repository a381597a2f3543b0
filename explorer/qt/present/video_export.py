"""File → Export → Video…: the open presentation or a period as MP4 or GIF, with a progress bar.

Frames are drawn and encoded on the GUI thread one at a time; after each, the progress
dialog takes the events, so the window stays live and Cancel stops the export at once
(nothing is left behind). The dialog's ``ask()`` is a classmethod so tests can replace it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from explorer.qt.window.main_window import MainWindow

FILTERS = {"mp4": "MP4 video (*.mp4)", "gif": "Animated GIF (*.gif)"}


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class VideoDialog(QDialog):
    """What to film (the presentation or a period), and the size, rate and format."""

    def __init__(self, has_deck: bool, first: dt.date, last: dt.date, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export video")
        self.source = QComboBox()
        if has_deck:
            self.source.addItem("The open presentation", "presentation")
        self.source.addItem("A period, at the map's current extent", "period")
        self.source.setAccessibleName("What to film")
        self.start = QDateEdit(_qdate(first))
        self.end = QDateEdit(_qdate(last))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.step = QLineEdit("1m")
        self.step.setAccessibleName("Time between frames (1d, 2w, 1m, 1y)")
        self.seconds = QDoubleSpinBox(minimum=0.5, maximum=60, value=4, suffix=" s")
        self.fps = QSpinBox(minimum=1, maximum=60, value=12, suffix=" frames/s")
        self.width_px = QSpinBox(minimum=64, maximum=7680, value=1920, suffix=" px")
        self.height_px = QSpinBox(minimum=64, maximum=4320, value=1080, suffix=" px")
        self.format = QComboBox()
        self.format.addItem("MP4 (H.264)", "mp4")
        self.format.addItem("Animated GIF", "gif")
        self.format.currentIndexChanged.connect(self._on_format_changed)
        form = QFormLayout(self)
        form.addRow("&Film", self.source)
        form.addRow("&From", self.start)
        form.addRow("&To", self.end)
        form.addRow("&Step", self.step)
        form.addRow("Seconds per &presentation step", self.seconds)
        form.addRow("&Rate", self.fps)
        form.addRow("&Width", self.width_px)
        form.addRow("&Height", self.height_px)
        form.addRow("F&ormat", self.format)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_format_changed(self, _index: int) -> None:
        # A 1080p GIF is tens of megabytes: offer half the size, unless the user chose one.
        size = (self.width_px.value(), self.height_px.value())
        if self.format.currentData() == "gif" and size == (1920, 1080):
            self.width_px.setValue(960)
            self.height_px.setValue(540)
        elif self.format.currentData() == "mp4" and size == (960, 540):
            self.width_px.setValue(1920)
            self.height_px.setValue(1080)

    def values(self) -> dict[str, Any]:
        return {
            "source": self.source.currentData(),
            "start": self.start.date().toPython(),
            "end": self.end.date().toPython(),
            "step": self.step.text(),
            "seconds_per_step": self.seconds.value(),
            "fps": self.fps.value(),
            "width": self.width_px.value(),
            "height": self.height_px.value(),
            "format": self.format.currentData(),
        }

    @classmethod
    def ask(
        cls, parent: QWidget, has_deck: bool, first: dt.date, last: dt.date
    ) -> dict[str, Any] | None:
        dialog = cls(has_deck, first, last, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_video_path(window: QWidget, fmt: str) -> str:
    """The path chosen (Qt's dialog confirms overwriting), or "" if cancelled."""
    start = str(Path.home() / f"karabakh.{fmt}")
    path, _ = QFileDialog.getSaveFileName(window, "Export video", start, FILTERS[fmt])
    if path and not Path(path).suffix:
        path += f".{fmt}"
    return path


def _current_extent(window: MainWindow) -> tuple[float, float, float, float] | None:
    from explorer.data.geo import extent_from_map

    bounds = window.state.view.shown_bounds
    if bounds is None:
        return None
    west, south, east, north = extent_from_map(*bounds).lonlat_bounds
    return (west, south, east, north)


def export_video_from_window(window: MainWindow) -> Path | None:
    """Ask, plan, then draw and encode with a progress dialog; None if cancelled or failed."""
    from explorer.domain.presentation import Presentation
    from explorer.export.files import OutputError
    from explorer.export.snapshot.writer import SnapshotOptions
    from explorer.export.video import (
        VideoCancelled,
        VideoOptions,
        export_video,
        parse_step,
        period_frames,
        presentation_frames,
    )

    state = window.state
    deck: Presentation | None = window.presentation
    first = state.timeline.first_date or state.date
    last = state.timeline.last_date or state.date
    chosen = VideoDialog.ask(window, deck is not None, first, last)
    if chosen is None:
        return None
    path = ask_video_path(window, chosen["format"])
    if not path:
        return None
    base = SnapshotOptions(
        naming=state.naming_policy.value,
        event_filter=state.event_filter,
        hidden_layers=state.view.hidden_layers,
    )
    video = VideoOptions(
        chosen["width"], chosen["height"], chosen["fps"], chosen["format"], force=True
    )
    progress = QProgressDialog("Drawing and encoding the video…", "Cancel", 0, 1, window)
    progress.setWindowTitle("Export video")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    try:
        video.check()
        if chosen["source"] == "presentation" and deck is not None:
            pages, frames = presentation_frames(
                window.corpus, deck, base, seconds_per_step=chosen["seconds_per_step"],
                fps=chosen["fps"],
            )  # fmt: skip
        else:
            base.extent = _current_extent(window)
            pages, frames = period_frames(
                chosen["start"], chosen["end"], parse_step(chosen["step"]), base
            )
        progress.setMaximum(len(frames))

        def on_frame(done: int, total: int) -> bool:
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        written = export_video(window.corpus, pages, frames, video, path, progress=on_frame)
    except VideoCancelled:
        window.statusBar().showMessage("Video export cancelled; nothing was written.", 8000)
        return None
    except (ValueError, OutputError) as exc:
        QMessageBox.warning(window, "Cannot export the video", str(exc))
        return None
    finally:
        progress.close()
    seconds = len(frames) / video.fps
    window.statusBar().showMessage(f"Wrote {written} ({len(frames)} frames, {seconds:.1f} s)", 8000)
    return written


def add_video_export_action(window: MainWindow, menu: QMenu) -> QAction:
    """File → Export → Video…"""
    action = menu.addAction("&Video (MP4 or GIF)…")
    action.setObjectName("export_video")
    action.triggered.connect(lambda: export_video_from_window(window))
    return action
