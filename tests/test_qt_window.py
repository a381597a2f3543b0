"""The main window: views wired to one state, menus, settings, problems and exports."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from explorer.data.corpus import load_corpus
from explorer.data.demo_corpus import make_corpus
from explorer.domain.model import Category
from explorer.domain.naming import NamingPolicy
from explorer.qt.window import export_actions
from explorer.qt.window.main_window import MainWindow, MapView


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    win = MainWindow(make_corpus(), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_window_has_map_list_details_and_timeline(window):
    if MapView is None:
        assert isinstance(window.map_view, QLabel)
    else:
        assert isinstance(window.map_view, MapView)
    assert window.panes.widget(0) is window.event_list
    assert window.panes.widget(1) is window.map_view
    assert window.panes.widget(2) is window.details
    assert window.rows.widget(1) is window.timeline
    sizes = window.panes.sizes()
    assert sizes[1] == max(sizes)  # the map gets the most room
    for widget in (window.event_list, window.map_view, window.details, window.timeline):
        assert widget.accessibleName()


def test_opens_on_the_real_corpus(qtbot, corpus, settings):
    win = MainWindow(corpus, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.event_list.model().rowCount() == len(corpus.timeline)
    if len(corpus.timeline):
        win.state.go_to_end(last=True)
        assert win.details.browser.toPlainText().startswith(corpus.timeline.events[-1].title[:20])


def test_a_programmatic_change_does_not_loop_back_through_the_views(window):
    state = window.state
    times, selections = [], []
    state.time_changed.connect(times.append)
    state.selection_changed.connect(selections.append)
    state.set_date(dt.date(2023, 3, 3))
    assert times == [dt.date(2023, 3, 3)]
    state.select("exodus")  # moves time to 1 September too
    assert selections == ["exodus"]
    assert times == [dt.date(2023, 3, 3), dt.date(2023, 9, 1)]
    assert window.event_list.currentIndex().row() == 3


def test_selecting_in_the_list_updates_details_and_timeline(qtbot, window):
    view = window.event_list
    rect = view.visualRect(view.model().index(4, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.state.selected_id == "offensive-2023"
    assert "Military operation in Nagorno-Karabakh" in window.details.browser.toPlainText()
    assert window.timeline.event_rect("offensive-2023") is not None
    assert window.timeline.cursor_x() == pytest.approx(
        window.timeline.scale.x_of_date(dt.date(2023, 9, 19))
    )


def test_filters_act_on_map_list_and_timeline(window):
    window.state.set_date(dt.date(2023, 12, 31))
    window.state.set_category_filter(frozenset({Category.ECONOMIC}))
    assert window.event_list.model().rowCount() == 1
    window.timeline.fit_all()
    assert window.timeline.event_rect("report") is not None
    assert window.timeline.event_rect("exodus") is None
    assert window.map_view.inspect.visible_marker_event_ids() == {"report"}


def test_naming_menu_changes_details_and_map_labels(window):
    window.state.select("offensive-2023")
    assert "Stepanakert / Khankendi" in window.details.browser.toPlainText()
    window.naming_actions[NamingPolicy.AZERBAIJANI].trigger()
    assert window.state.naming_policy is NamingPolicy.AZERBAIJANI
    assert "Places: Khankendi" in window.details.browser.toPlainText()
    assert window.map_view.inspect.label_texts()["stepanakert"] == "Khankendi"
    window.state.set_naming_policy(NamingPolicy.ENGLISH)
    assert window.naming_actions[NamingPolicy.ENGLISH].isChecked()


def test_ctrl_f_focuses_the_search(qtbot, window):
    window.timeline.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filter_bar.search.hasFocus(), timeout=2000)


def test_settings_persist_across_two_windows(qtbot, settings):
    first = MainWindow(make_corpus(), settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 580)  # within the offscreen screen, which restoreGeometry clamps to
    first.panes.setSizes([150, 400, 210])
    first.state.select("brussels-talks")
    first.state.set_date(dt.date(2023, 4, 2))
    first.state.set_naming_policy(NamingPolicy.ARMENIAN)
    panes = first.panes.sizes()
    first.close()

    second = MainWindow(make_corpus(), settings)
    qtbot.addWidget(second)
    second.show()
    assert second.state.selected_id == "brussels-talks"
    assert second.state.date == dt.date(2023, 4, 2)
    assert second.state.naming_policy is NamingPolicy.ARMENIAN
    assert second.naming_actions[NamingPolicy.ARMENIAN].isChecked()
    assert (second.width(), second.height()) == (790, 580)
    assert second.panes.sizes() == panes


def test_command_line_date_wins_over_the_last_session(qtbot, settings):
    settings.setValue("state/date", "2023-04-02")
    settings.setValue("state/selection", "brussels-talks")
    win = MainWindow(make_corpus(), settings, event_id="report")
    qtbot.addWidget(win)
    assert win.state.selected_id == "report"
    assert win.state.date == dt.date(2023, 10, 5)


def test_a_corpus_with_problems_still_opens_and_shows_them(qtbot, corpus_copy, settings):
    events = sorted((corpus_copy / "seeds" / "events").glob("*.yaml"))
    if not events:
        pytest.skip("the corpus being curated has no event files right now")
    (events[0]).write_text(events[0].read_text() + "\n  - id: broken\n    title: [unclosed\n")
    corpus = load_corpus(corpus_copy)
    assert corpus.problems
    win = MainWindow(corpus, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert "problem" in win.statusBar().currentMessage()
    assert win._problems_button.isVisible()
    qtbot.mouseClick(win._problems_button, Qt.MouseButton.LeftButton)
    dialog = win.problems_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    lines = dialog.lines()
    assert any(str(events[0].name) in line and ":" in line for line in lines)
    assert not any("Traceback" in line for line in lines)


def test_open_corpus_reloads_everything(qtbot, window, corpus_copy, monkeypatch):
    monkeypatch.setattr(window, "ask_corpus_folder", lambda: str(corpus_copy))
    window.open_action.trigger()
    assert window.corpus.root == corpus_copy
    assert window.event_list.model().rowCount() == len(window.corpus.timeline)
    assert window.state.all_events is window.corpus.timeline


def test_open_a_folder_that_is_not_a_corpus_keeps_the_current_one(
    qtbot, window, tmp_path, monkeypatch
):
    before = window.corpus
    monkeypatch.setattr(window, "ask_corpus_folder", lambda: str(tmp_path))
    window.open_action.trigger()
    assert window.corpus is before
    assert "not a corpus" in "\n".join(window.problems_dialog.lines())


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_export_writes_the_shown_events(window, tmp_path, monkeypatch, suffix):
    target = tmp_path / f"out{suffix}"
    monkeypatch.setattr(export_actions, "ask_save_path", lambda *a: str(target))
    window.state.set_category_filter(frozenset({Category.HUMANITARIAN}))
    action = next(
        a for a in window.export_menu.actions() if a.objectName() == "export_" + suffix[1:]
    )
    action.trigger()
    text = target.read_text(encoding="utf-8")
    if suffix == ".geojson":
        ids = {f["id"] for f in json.loads(text)["features"]}
        assert ids == {"blockade", "exodus"}
    else:
        assert text.startswith("event_id_cnty,")
        # one row per place of each event (ACLED style): the tags name the event
        assert set(re.findall(r"explorer id: ([\w-]+)", text)) == {"blockade", "exodus"}


def test_about_names_sources_and_licences(window):
    from explorer.qt.window.dialogs import about_html

    html = about_html(window.corpus)
    for needle in ("Natural Earth", "public domain", "Leaflet", "BSD", "Outlet One", "Outlet Two"):
        assert needle in html


def test_the_status_bar_keeps_a_summary_that_follows_the_filter(qtbot, window):
    label = window.summary_label
    total = len(window.state.all_events)
    assert label.isVisible()
    assert label.text().startswith(f"{total} events · ")
    assert "sources" in label.text()
    window.state.set_actor_filter(frozenset({"azerbaijan"}))
    shown = len(window.state.timeline)
    assert label.text().startswith(f"{shown} of {total} events shown · ")
    # A transient message (a hovered menu item, an export) does not take the summary away.
    window.statusBar().showMessage("Wrote something", 50)
    assert label.isVisible()
    window.statusBar().clearMessage()
    assert label.isVisible()
    assert f"{shown} of {total} events shown" in label.text()
    window.filter_bar.clear.click()
    assert label.text().startswith(f"{total} events · ")


def test_the_empty_details_count_follows_a_search(qtbot, window):
    window.state.select(None)
    window.state.set_search_text("operation")
    assert len(window.state.timeline) == 1
    assert "the one event shown" in window.details.browser.toPlainText()
