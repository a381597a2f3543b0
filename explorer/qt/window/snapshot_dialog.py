"""File → Export → Map snapshot and Web map: the exports of ``explorer.export``, from the window.

The snapshot shows the map as the user sees it: the current date, selection, naming policy,
filters, the layers switched on and the visible extent, all read from the app state. The
dialog's ``ask()`` is a classmethod so tests can replace it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from explorer.qt.window.export_actions import ask_save_path

if TYPE_CHECKING:
    from explorer.export.snapshot.writer import SnapshotOptions
    from explorer.qt.window.main_window import MainWindow

FORMATS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF page (*.pdf)"}


class SnapshotDialog(QDialog):
    """Format, resolution, page size and title of a snapshot (A4 landscape at 300 dpi)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export map snapshot")
        self.format = QComboBox()
        for key in FORMATS:
            self.format.addItem(key.upper(), key)
        self.format.setAccessibleName("Snapshot format")
        self.dpi = QSpinBox(minimum=72, maximum=1200, value=300, suffix=" dpi")
        self.dpi.setAccessibleName("Resolution")
        self.width_mm = QDoubleSpinBox(minimum=50, maximum=2000, value=297, suffix=" mm")
        self.width_mm.setAccessibleName("Page width")
        self.height_mm = QDoubleSpinBox(minimum=50, maximum=2000, value=210, suffix=" mm")
        self.height_mm.setAccessibleName("Page height")
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Title")
        form = QFormLayout(self)
        form.addRow("&Format", self.format)
        form.addRow("&Resolution", self.dpi)
        form.addRow("Page &width", self.width_mm)
        form.addRow("Page &height", self.height_mm)
        form.addRow("&Title", self.title)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget, title: str) -> dict | None:
        """Show the dialog; the chosen settings, or ``None`` if cancelled."""
        dialog = cls(title, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return {
            "format": dialog.format.currentData(),
            "dpi": dialog.dpi.value(),
            "width_mm": dialog.width_mm.value(),
            "height_mm": dialog.height_mm.value(),
            "title": dialog.title.text().strip() or None,
        }


def current_view_options(window: MainWindow, **chosen) -> SnapshotOptions:
    """Snapshot options that reproduce what the window shows now."""
    from explorer.data.geo import extent_from_map
    from explorer.export.snapshot.writer import SnapshotOptions

    state = window.state
    extent = None
    if state.view.shown_bounds is not None:
        box = extent_from_map(*state.view.shown_bounds)
        extent = tuple(box.lonlat_bounds)
    return SnapshotOptions(
        date=state.date,
        event_id=state.selected_id,
        extent=extent,
        naming=state.naming_policy.value,
        event_filter=state.event_filter,
        hidden_layers=state.view.hidden_layers,
        force=True,  # the file dialog has asked before overwriting
        **chosen,
    )


def export_snapshot_from_window(window: MainWindow) -> Path | None:
    event = window.state.selected_event
    chosen = SnapshotDialog.ask(window, event.title if event else "")
    if chosen is None:
        return None
    fmt = chosen["format"]
    path = ask_save_path(window, "Export map snapshot", FORMATS[fmt], f".{fmt}")
    if not path:
        return None
    from explorer.export.files import OutputError
    from explorer.export.snapshot.writer import export_snapshot

    try:
        written = export_snapshot(window.corpus, current_view_options(window, **chosen), path)
    except (OutputError, ValueError) as exc:
        QMessageBox.warning(window, "Snapshot failed", str(exc))
        return None
    window.statusBar().showMessage(f"Wrote the snapshot to {written}", 8000)
    return written


def export_web_map_from_window(window: MainWindow) -> Path | None:
    path = ask_save_path(window, "Export web map", "Web page (*.html)", ".html")
    if not path:
        return None
    from explorer.export.files import OutputError, write_atomic
    from explorer.export.web.map import build_web_map

    try:
        written = write_atomic(Path(path), build_web_map(window.corpus), force=True)
    except OutputError as exc:
        QMessageBox.warning(window, "Export failed", str(exc))
        return None
    window.statusBar().showMessage(f"Wrote the web map to {written}", 8000)
    return written


def add_map_export_actions(window: MainWindow, menu: QMenu) -> None:
    snapshot = menu.addAction("Map &snapshot (PNG, SVG, PDF)…")
    snapshot.setObjectName("export_snapshot")
    snapshot.setShortcut("Ctrl+Shift+S")
    snapshot.triggered.connect(lambda: export_snapshot_from_window(window))
    web = menu.addAction("Interactive &web map (HTML, works offline)…")
    web.setObjectName("export_html")
    web.triggered.connect(lambda: export_web_map_from_window(window))
    menu.addSeparator()
