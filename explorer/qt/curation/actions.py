"""File → New corpus…, Add source…, Curation workbench…: hooked into the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from explorer.curation import CurationError
from explorer.curation.importing import DuplicateSourceError, add_source, read_source_file
from explorer.curation.layout import is_embedded, new_corpus
from explorer.qt.curation.forms import SourceMetaDialog

SOURCE_FILTER = "Sources (*.txt *.md *.markdown *.html *.htm *.pdf);;All files (*)"


class _MapClick(QObject):
    """Takes the next left click on the map and reports it as (lon, lat); Esc cancels."""

    def __init__(self, view: Any, callback: Any) -> None:
        super().__init__(view)
        self.view, self.callback = view, callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            from explorer.data.geo_utm import map_to_lonlat

            point = self.view.mapToScene(event.position().toPoint())  # type: ignore[attr-defined]
            lon, lat = map_to_lonlat(point.x(), -point.y())  # scene y is the northing flipped
            self._done()
            self.callback(float(lon), float(lat))
            return True
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            self._done()
            return True
        return False

    def _done(self) -> None:
        self.view.viewport().removeEventFilter(self)
        self.view.removeEventFilter(self)
        self.deleteLater()


class CurationActions:
    """The curation menu items of one main window, and the workbench they open."""

    def __init__(self, window: Any, menu: QMenu) -> None:
        self.window = window
        self.workbench: Any = None
        menu.addSeparator()
        self.new_corpus_action = menu.addAction("&New corpus…")
        self.new_corpus_action.triggered.connect(lambda: self.new_corpus())
        self.add_source_action = menu.addAction("&Add source…")
        self.add_source_action.triggered.connect(lambda: self.add_source())
        self.workbench_action = menu.addAction("&Curation workbench…")
        self.workbench_action.triggered.connect(lambda: self.open_workbench())
        # The source viewer of a user's corpus offers "Curate…", which opens the workbench.
        window.corpus_loaded.connect(self._on_window_corpus_loaded)
        self._on_window_corpus_loaded(None)

    def _on_window_corpus_loaded(self, _corpus: object) -> None:
        details = getattr(self.window, "details", None)
        if details is not None:
            details.excerpt_opened.connect(self._on_details_excerpt_opened)

    def _on_details_excerpt_opened(self, _excerpt: object) -> None:
        viewer = self.window.details.viewer
        if viewer is None:
            return
        viewer.curate_button.setVisible(not is_embedded(self.window.corpus.root))
        if not getattr(viewer, "_curation_hooked", False):
            viewer.curate_requested.connect(lambda sid: self.open_workbench(sid))
            viewer._curation_hooked = True

    # -- what tests replace --------------------------------------------------------------------
    def ask_new_folder(self) -> tuple[str, bool] | None:
        folder = QFileDialog.getSaveFileName(
            self.window, "New corpus folder", str(Path.home() / "my-karabakh-corpus")
        )[0]
        if not folder:
            return None
        answer = QMessageBox.question(
            self.window, "New corpus",
            "Start from the embedded corpus's sources and events?\n\n"
            "Yes: add to the atlas as it is. No: only its places and actors.",
        )  # fmt: skip
        return folder, answer == QMessageBox.StandardButton.Yes

    def ask_source_file(self) -> str:
        return QFileDialog.getOpenFileName(self.window, "Add a source", "", SOURCE_FILTER)[0]

    def tell(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, message)

    # -- actions ------------------------------------------------------------------------------
    def _writable_root(self) -> Path | None:
        root = Path(self.window.corpus.root)
        if is_embedded(root):
            self.tell(
                "The embedded corpus is read-only",
                "Make your own corpus first (File → New corpus…): it can start from the "
                "embedded one, and the sources and events you add go there.",
            )
            return None
        return root

    def new_corpus(self) -> Path | None:
        answer = self.ask_new_folder()
        if answer is None:
            return None
        folder, with_events = answer
        try:
            root = new_corpus(folder, with_events=with_events)
        except (CurationError, OSError) as exc:
            self.tell("New corpus", str(exc))
            return None
        self.window.open_corpus(root)
        return root

    def add_source(self, file: str | None = None) -> str | None:
        root = self._writable_root()
        if root is None:
            return None
        file = file or self.ask_source_file()
        if not file:
            return None
        try:
            imported = read_source_file(file)
            meta = SourceMetaDialog.ask(self.window, imported.meta, Path(file).name)
            if meta is None:
                return None
            writer = self.workbench.writer if self.workbench is not None else None
            added = add_source(root, file, meta, imported=imported, writer=writer)
        except DuplicateSourceError as exc:
            self.tell("Add source", f"{Path(file).name}: {exc}. Nothing was added.")
            return None
        except CurationError as exc:
            self.tell("Add source", str(exc))
            return None
        self.window.open_corpus(root)
        self.open_workbench(added.id)
        return added.id

    def pick_on_map(self, callback: Any) -> bool:
        """Let the user click the main window's map; ``callback(lon, lat)`` gets the point."""
        view = self.window.map_view
        if not hasattr(view, "mapToScene"):
            return False  # no map in this build
        picker = _MapClick(view, callback)
        view.viewport().installEventFilter(picker)
        view.installEventFilter(picker)
        self.window.statusBar().showMessage("Click the map where the new place is (Esc cancels).")
        self.window.raise_()
        return True

    def open_workbench(self, source_id: str | None = None) -> Any:
        from explorer.qt.curation.workbench import CurationWorkbench

        root = self._writable_root()
        if root is None:
            return None
        if self.workbench is None or self.workbench.root != root:
            if self.workbench is not None:
                self.workbench.close()
            parent: QWidget = self.window
            self.workbench = CurationWorkbench(root, parent)
            self.workbench.saved.connect(self._on_workbench_saved)
            self.workbench.map_picker = self.pick_on_map
        else:
            self.workbench._reload(select_source=source_id)
        if source_id:
            index = self.workbench.source_box.findData(source_id)
            self.workbench.source_box.setCurrentIndex(max(0, index))
        self.workbench.show()
        self.workbench.raise_()
        return self.workbench

    def _on_workbench_saved(self, event_id: str) -> None:
        """Show the corpus as written: the new event on the map, the timeline and the list."""
        self.window.open_corpus(self.workbench.root)
        if event_id and event_id in self.window.state.all_events:
            self.window.state.select(event_id)


def add_curation_actions(window: Any, menu: QMenu) -> CurationActions:
    return CurationActions(window, menu)
