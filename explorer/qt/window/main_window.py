"""The main window: wires the views to one AppState, and owns menus and settings.

Views never talk to each other: each gets the state in its constructor, changes it through
its methods and redraws from its signals. This module only builds and arranges them.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from explorer.data.corpus import Corpus, load_corpus
from explorer.domain.naming import NamingPolicy
from explorer.domain.presentation import Presentation
from explorer.domain.state import AppState
from explorer.domain.view import LAYERS, ExtentRequest
from explorer.domain.view_link import ViewLink
from explorer.qt import settings_io
from explorer.qt.map.canvas import MapView
from explorer.qt.panels.details import DetailPanel
from explorer.qt.panels.event_list import EventListView
from explorer.qt.panels.filter_bar import FilterBar
from explorer.qt.plain_text import plain_label
from explorer.qt.state_bridge import bind
from explorer.qt.timeline.view import TimelineView
from explorer.qt.window.dialogs import ProblemsDialog, about_html
from explorer.qt.window.sizing import FRAME_ALLOWANCE, fit_rect, window_title
from explorer.qt.window.style import STYLE_SHEET

if TYPE_CHECKING:
    from explorer.qt.present.presenter import PresenterWindow

ORGANISATION, APPLICATION = "KarabakhExplorer", "Karabakh Explorer"
DEFAULT_SIZE = (1280, 800)
# List | map | details across; panes above the timeline. Sizes suit 1280×800.
DEFAULT_PANES = [440, 490, 350]  # the list holds every date in full beside its title
DEFAULT_ROWS = [590, 160]
TIMELINE_SHARE = 0.27  # of the rows' height, on a screen too short for DEFAULT_ROWS


def default_settings() -> QSettings:
    return settings_io.open_settings(ORGANISATION, APPLICATION)


class MainWindow(QMainWindow):
    """Map, timeline, event list and details over one :class:`AppState`."""

    corpus_loaded = Signal(object)  # the Corpus now shown

    def __init__(
        self,
        corpus: Corpus,
        settings: QSettings | None = None,
        *,
        date: dt.date | None = None,
        event_id: str | None = None,
        view: ViewLink | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tour: QDialog | None = None  # the first-run tour while it is open
        self._share_rows = False  # set by fit_to_screen on a short screen
        self._settings = (
            settings_io.make_safe(settings) if settings is not None else default_settings()
        )
        # A loaded presentation file, else every event is presented.
        self.presentation: Presentation | None = None
        self.presenter: PresenterWindow | None = None  # the presenter window while presenting
        self.setStyleSheet(STYLE_SHEET)
        self.setAccessibleName("Karabakh Explorer")
        self.resize(*DEFAULT_SIZE)
        self.problems_dialog: ProblemsDialog | None = None
        self._problems_button = QPushButton("Details…")
        self._problems_button.setAccessibleName("Show corpus problems")
        self._problems_button.clicked.connect(self._on_problems_button_clicked)
        # A permanent widget, not a status message: messages are transient (any menu item
        # hovered replaces them), while what the corpus holds and how much of it the filters
        # show must stay in view.
        self.summary_label = plain_label(QLabel())
        self.summary_label.setObjectName("muted")
        self.summary_label.setAccessibleName("Corpus summary")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.statusBar().addPermanentWidget(self._problems_button)
        self._build_menus()
        self._install_corpus(corpus)
        if view is not None:  # a view link, like --date and --event, wins over the last session
            date, event_id = view.date or date, view.event or event_id
        self._restore_settings(date=date, event_id=event_id)
        if view is not None:
            from explorer.qt.window.navigation import apply_view

            for problem in apply_view(self, view):
                self.statusBar().showMessage(f"View link: {problem}", 10000)

    # -- building -------------------------------------------------------------------------
    def _install_corpus(self, corpus: Corpus) -> None:
        """Build a fresh state and fresh views for ``corpus``, replacing any previous ones."""
        self.corpus = corpus
        self.state = state = AppState(corpus.timeline)
        old = self.centralWidget()
        self.filter_bar = FilterBar(state, corpus)
        self.filter_bar.setObjectName("filterBar")
        self.filter_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.event_list = EventListView(state)
        self.map_view = self._make_map(state, corpus)
        self.details = DetailPanel(state)
        self.timeline = TimelineView(state)
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.setObjectName("panes")
        for widget in (self.event_list, self.map_view, self.details):
            self.panes.addWidget(widget)
        self.panes.setStretchFactor(1, 1)
        self.panes.setChildrenCollapsible(False)
        self.rows = QSplitter(Qt.Orientation.Vertical)
        self.rows.setObjectName("rows")
        self.rows.addWidget(self.panes)
        self.rows.addWidget(self.timeline)
        self.rows.setStretchFactor(0, 1)
        self.rows.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.rows, 1)
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        self.panes.setSizes(DEFAULT_PANES)
        self.rows.setSizes(DEFAULT_ROWS)
        # Tab order follows reading order: search, filters, list, map, details, timeline.
        chain = [
            self.filter_bar.search,
            self.filter_bar.actors,
            self.filter_bar.categories,
            self.filter_bar.sources,
            self.filter_bar.clear,
            self.event_list,
            self.map_view,
            self.details.browser,
            self.timeline,
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        bind(self, state.naming_changed, self._on_state_naming_changed)
        bind(self, state.timeline_changed, self._on_state_timeline_changed)
        self._on_state_naming_changed(state.naming_policy)
        self._corpus_counts = _corpus_counts(corpus)
        self._on_state_timeline_changed(state.timeline)
        self._fill_layers_menu()
        self.setWindowTitle(window_title(corpus))
        self._show_problems_in_status(corpus)
        self.corpus_loaded.emit(corpus)

    def _make_map(self, state: AppState, corpus: Corpus) -> QWidget:
        try:
            view = MapView(state, corpus)
            if not view.accessibleName():
                view.setAccessibleName("Map")
            return view
        except Exception as exc:  # a broken basemap must not keep the window closed
            print(f"explorer: the map could not be drawn: {exc}", file=sys.stderr)
        label = QLabel("The map is not available in this build.")
        label.setObjectName("placeholder")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName("Map")
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return label

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = file_menu.addAction("&Open corpus folder…")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._on_open_action_triggered)
        self.export_menu = file_menu.addMenu("&Export")
        self._build_export_menu(self.export_menu)
        self.curation = self._build_curation_actions(file_menu)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        view = bar.addMenu("&View")
        naming = view.addMenu("Place &names")
        self.naming_group = QActionGroup(self)
        self.naming_group.setExclusive(True)
        self.naming_actions: dict[NamingPolicy, QAction] = {}
        for policy in NamingPolicy:
            action = naming.addAction(policy.label)
            action.setCheckable(True)
            action.setData(policy.value)
            self.naming_group.addAction(action)
            self.naming_actions[policy] = action
        self.naming_group.triggered.connect(self._on_naming_group_triggered)
        self.layers_menu = view.addMenu("&Layers")
        reset = view.addAction("&Reset view")
        reset.setObjectName("reset_view")
        reset.setShortcut(QKeySequence("Ctrl+0"))
        reset.triggered.connect(self._on_reset_action_triggered)
        view.addSeparator()
        search = view.addAction("&Search events")
        search.setShortcut(QKeySequence.StandardKey.Find)
        search.triggered.connect(lambda: self.filter_bar.focus_search())
        for key, label, name in (
            ("Ctrl+1", "Focus the &map", "map_view"),
            ("Ctrl+2", "Focus the &timeline", "timeline"),
            ("Ctrl+3", "Focus the event &list", "event_list"),
            ("Ctrl+4", "Focus the &details", "details"),
        ):
            action = view.addAction(label)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, n=name: getattr(self, n).setFocus())
        self._build_present_action(view)

        help_menu = bar.addMenu("&Help")
        self._build_navigation_actions(view, help_menu)
        about = help_menu.addAction("&About Karabakh Explorer")
        about.triggered.connect(self._on_about_action_triggered)

    @property
    def settings(self) -> QSettings:
        return self._settings

    def _build_navigation_actions(self, view_menu: QMenu, help_menu: QMenu) -> None:
        from explorer.qt.window.navigation import add_navigation_actions

        add_navigation_actions(self, view_menu, help_menu)

    def _build_export_menu(self, menu: QMenu) -> None:
        from explorer.qt.window.export_actions import add_data_export_actions
        from explorer.qt.window.snapshot_dialog import add_map_export_actions

        add_map_export_actions(self, menu)
        add_data_export_actions(self, menu)
        from explorer.qt.present.video_export import add_video_export_action

        add_video_export_action(self, menu)

    def _build_curation_actions(self, menu: QMenu):
        from explorer.qt.curation.actions import add_curation_actions

        return add_curation_actions(self, menu)

    def _build_present_action(self, menu: QMenu) -> None:
        from explorer.qt.window.present_actions import add_present_actions

        add_present_actions(self, menu)
        from explorer.qt.present.deck_editor import add_deck_editor_action

        add_deck_editor_action(self, menu)

    def _fill_layers_menu(self) -> None:
        """View → Layers: one checkable action per map layer and the legend, on ``state.view``.

        The actions change the view state only; the map (and any snapshot taken from the
        window) follows the state, and the actions follow it back.
        """
        self.layers_menu.clear()
        view = self.state.view
        self.layer_actions: dict[str, QAction] = {}
        for key, text in [*LAYERS.items(), ("legend", "Legend")]:
            action = self.layers_menu.addAction(text)
            action.setCheckable(True)
            action.setData(key)
            if key == "legend":
                action.setChecked(view.legend_expanded)
                action.toggled.connect(view.set_legend_expanded)
            else:
                action.setChecked(view.layer_visible(key))
                action.toggled.connect(lambda on, k=key: self.state.view.set_layer_visible(k, on))
            self.layer_actions[key] = action
        bind(self, view.layer_changed, self._on_view_layer_changed)
        bind(self, view.legend_changed, self._on_view_legend_changed)

    @Slot(str, bool)
    def _on_view_layer_changed(self, layer: str, on: bool) -> None:
        self.layer_actions[layer].setChecked(on)

    @Slot(bool)
    def _on_view_legend_changed(self, expanded: bool) -> None:
        self.layer_actions["legend"].setChecked(expanded)

    # -- problems -------------------------------------------------------------------------
    def _show_problems_in_status(self, corpus: Corpus) -> None:
        n = len(corpus.problems)
        self._problems_button.setVisible(bool(n))
        if n:
            self.statusBar().showMessage(
                f"{n} problem{'s' if n != 1 else ''} in the corpus: those records were left out."
            )
        else:
            self.statusBar().clearMessage()

    def summary_text(self) -> str:
        """'12 of 69 events shown · 5 sources, …': the permanent status-bar summary."""
        shown, total = len(self.state.timeline), len(self.state.all_events)
        events = f"{total} events" if shown == total else f"{shown} of {total} events shown"
        return f"{events} · {self._corpus_counts}"

    def show_problems(self, intro: str = "", problems=None) -> ProblemsDialog:
        """Open (non-modal) the list of problems of the current corpus."""
        if self.problems_dialog is not None:
            self.problems_dialog.close()
            self.problems_dialog.deleteLater()
        problems = self.corpus.problems if problems is None else problems
        self.problems_dialog = ProblemsDialog(problems, intro, self)
        self.problems_dialog.show()
        return self.problems_dialog

    @Slot()
    def _on_problems_button_clicked(self) -> None:
        self.show_problems()

    # -- menu handlers --------------------------------------------------------------------
    def ask_corpus_folder(self) -> str:
        """The folder the user picks (empty if cancelled); tests replace this."""
        return QFileDialog.getExistingDirectory(
            self, "Open a corpus folder (holding seeds/ and geodata/)", str(self.corpus.root)
        )

    @Slot()
    def _on_open_action_triggered(self) -> None:
        folder = self.ask_corpus_folder()
        if folder:
            self.open_corpus(Path(folder))

    def open_corpus(self, folder: Path) -> bool:
        """Load ``folder`` and show it; keep the current corpus if it is not a corpus at all."""
        corpus = load_corpus(folder)
        if not (folder / "seeds").is_dir():
            self.show_problems(f"{folder} is not a corpus folder.", corpus.problems)
            return False
        self._install_corpus(corpus)
        if corpus.problems:
            self.show_problems()
        return True

    @Slot(QAction)
    def _on_naming_group_triggered(self, action: QAction) -> None:
        self.state.set_naming_policy(NamingPolicy(action.data()))

    @Slot(object)
    def _on_state_naming_changed(self, policy: NamingPolicy) -> None:
        self.naming_actions[policy].setChecked(True)

    @Slot(object)
    def _on_state_timeline_changed(self, _timeline: object) -> None:
        self.summary_label.setText(self.summary_text())

    @Slot()
    def _on_reset_action_triggered(self) -> None:
        self.state.view.request_extent(ExtentRequest(extent="region"))
        self.timeline.fit_all()

    @Slot()
    def _on_about_action_triggered(self) -> None:
        QMessageBox.about(self, "About Karabakh Explorer", about_html(self.corpus))

    # -- settings -------------------------------------------------------------------------
    def _restore_settings(self, *, date: dt.date | None, event_id: str | None) -> None:
        s = self._settings
        # Every value is read with its type; a bad one is ignored with a warning naming it.
        geometry = settings_io.read_bytes(s, "window/geometry")
        if geometry is not None and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        for key, splitter in (("window/panes", self.panes), ("window/rows", self.rows)):
            value = settings_io.read_bytes(s, key)
            if value is not None and not value.isEmpty():
                splitter.restoreState(value)
        policy = settings_io.read_text(s, "state/naming")
        if policy in {p.value for p in NamingPolicy}:
            self.state.set_naming_policy(NamingPolicy(policy))
        elif policy:
            settings_io.warn("state/naming", f"unknown naming policy {policy!r:.40}")
        saved_date: dt.date | None = None
        if text := settings_io.read_text(s, "state/date"):
            try:
                saved_date = dt.date.fromisoformat(text)
            except ValueError:
                settings_io.warn("state/date", f"not a date: {text!r:.40}")
        saved_selection = settings_io.read_text(s, "state/selection") or None
        # The command line wins over the last session; with neither, the last session resumes.
        move_time = date is None
        if date is None and event_id is None:
            date, event_id, move_time = saved_date, saved_selection, False
        if date is not None:
            self.state.set_date(date)
        if event_id:
            self.state.select(event_id, move_time=move_time)

    def fit_to_screen(self) -> None:
        """Shrink and move the window (default or restored size) into the screen it opens on.

        A 1280×800 default does not fit a 1280×720 laptop, nor a geometry saved on a large
        monitor a small one; the available geometry leaves out panels and docks.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        fitted = fit_rect(self.geometry(), screen.availableGeometry())
        if fitted.size() != self.size():
            # A short screen: the timeline gives up its share too, once the rows are laid out.
            self._share_rows = fitted.height() < self.height()
            self.resize(fitted.size())
        if fitted.topLeft() != self.geometry().topLeft():
            # move() places the frame, whose top-left is outside the client area.
            self.move(fitted.x() - FRAME_ALLOWANCE.left(), fitted.y() - FRAME_ALLOWANCE.top())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._share_rows:
            self._share_rows = False
            QTimer.singleShot(0, self, self.share_rows)

    def share_rows(self) -> None:
        """Give the timeline a share of the height, not a fixed height a short screen lacks."""
        height = self.rows.height() - self.rows.handleWidth()
        least = self.timeline.minimumSizeHint().height()
        timeline = min(DEFAULT_ROWS[1], max(least, round(height * TIMELINE_SHARE)))
        self.rows.setSizes([max(height - timeline, 1), timeline])

    def save_settings(self) -> None:
        s = self._settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/panes", self.panes.saveState())
        s.setValue("window/rows", self.rows.saveState())
        s.setValue("state/date", self.state.date.isoformat())
        s.setValue("state/selection", self.state.selected_id or "")
        s.setValue("state/naming", self.state.naming_policy.value)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        for child in (self.problems_dialog, self.details.viewer):
            if child is not None:
                child.close()
        super().closeEvent(event)


def _corpus_counts(corpus: Corpus) -> str:
    """What the whole corpus holds besides its events (counted once per corpus)."""
    excerpts = sum(len(e.excerpts) for e in corpus.timeline)
    annotations = sum(len(e.annotations) for e in corpus.timeline)
    return (
        f"{len(corpus.sources)} sources, {excerpts} excerpts, {annotations} annotations, "
        f"{len(corpus.actors)} actors, {len(corpus.places)} places"
    )
