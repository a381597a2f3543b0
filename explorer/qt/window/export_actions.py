"""File → Export actions for the data exports (GeoJSON, ACLED-style CSV) of the shown events.

The exports engineer adds more formats through ``MainWindow._build_export_menu``; each export
asks for a file (Qt's dialog confirms overwriting), builds the content without Qt and writes
it atomically with :func:`explorer.export.files.write_atomic`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

if TYPE_CHECKING:
    from explorer.qt.window.main_window import MainWindow


# (menu label, file dialog filter, default suffix, format of ``events_export``)
DATA_EXPORTS: list[tuple[str, str, str, str]] = [
    ("Events as &GeoJSON…", "GeoJSON (*.geojson *.json)", ".geojson", "geojson"),
    ("Events as &CSV (ACLED columns)…", "CSV (*.csv)", ".csv", "csv"),
    ("Events as &KML (Google Earth)…", "KML (*.kml)", ".kml", "kml"),
    ("Events as &TimelineJS JSON…", "TimelineJS JSON (*.json)", ".json", "timelinejs"),
]


def ask_save_path(window: MainWindow, title: str, file_filter: str, suffix: str) -> str:
    """The path the user chose, or "" if cancelled. Qt's dialog confirms overwriting."""
    start = str(Path.home() / f"karabakh-events{suffix}")
    path, _ = QFileDialog.getSaveFileName(window, title, start, file_filter)
    if path and not Path(path).suffix:
        path += suffix
    return path


def export_events(window: MainWindow, path: str, fmt: str) -> bool:
    """Write the events that pass the current filter to ``path``; report the outcome.

    The same content as ``explorer export events --format FMT`` for those events.
    """
    from explorer.export.data.events import events_export
    from explorer.export.files import OutputError, write_atomic

    events = list(window.state.timeline)
    try:
        # The file dialog has already asked before overwriting, hence force=True.
        write_atomic(Path(path), events_export(window.corpus, events, fmt), force=True)
    except OutputError as exc:
        QMessageBox.warning(window, "Export failed", str(exc))
        return False
    window.statusBar().showMessage(f"Wrote {len(events)} events to {path}", 8000)
    return True


def add_data_export_actions(window: MainWindow, menu: QMenu) -> None:
    """Add one action per data export to ``menu``."""
    for label, file_filter, suffix, fmt in DATA_EXPORTS:
        action = menu.addAction(label)
        action.setObjectName("export" + suffix.replace(".", "_"))

        def run(_checked=False, label=label, file_filter=file_filter, suffix=suffix, fmt=fmt):
            title = "Export " + label.replace("&", "").rstrip("…").lower()
            path = ask_save_path(window, title, file_filter, suffix)
            if path:
                export_events(window, path, fmt)

        action.triggered.connect(run)
