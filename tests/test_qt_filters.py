"""Search and filters narrow the list, the timeline and the map alike."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from explorer.data.demo_corpus import make_corpus
from explorer.domain.model import Category
from explorer.domain.state import AppState
from explorer.qt.panels.event_list import EventListView
from explorer.qt.panels.filter_bar import FilterBar
from explorer.qt.timeline.view import TimelineView


@pytest.fixture
def views(qtbot):
    corpus = make_corpus()
    state = AppState(corpus.timeline, date=dt.date(2023, 12, 1))
    bar, table, line = FilterBar(state, corpus), EventListView(state), TimelineView(state)
    for widget in (bar, table, line):
        qtbot.addWidget(widget)
        widget.resize(900, 200)
        widget.show()
    line.zoom_to(dt.date(2022, 11, 1), dt.date(2023, 11, 1))
    return state, bar, table, line


def _titles(table):
    model = table.model()
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_typing_searches_after_a_pause_and_acts_on_list_and_timeline(qtbot, views):
    state, bar, table, line = views
    with qtbot.waitSignal(bar._debounce.timeout, timeout=2000):
        qtbot.keyClicks(bar.search, "khankendi")  # a name only the Azerbaijani usage has
    assert state.event_filter.text == "khankendi"
    assert set(_titles(table)) == {
        "Military operation in Nagorno-Karabakh",
        "Exodus of the Armenian population",
        "A first-day event",
        "Ceasefire and peacekeepers",
    }
    assert line.event_rect("offensive-2023") is not None
    assert line.event_rect("report") is None


def test_typing_a_burst_searches_once(qtbot, views):
    state, bar, *_ = views
    searches = []
    state.filter_changed.connect(searches.append)
    with qtbot.waitSignal(bar._debounce.timeout, timeout=2000):
        qtbot.keyClicks(bar.search, "brussels")
    assert len(searches) == 1


def test_search_finds_quote_text(qtbot, views):
    state, bar, table, _ = views
    bar.search.setText("ethnic cleansing")
    qtbot.waitUntil(lambda: state.event_filter.text == "ethnic cleansing", timeout=2000)
    assert _titles(table) == ["Military operation in Nagorno-Karabakh"]


def test_category_menu_filters_list_and_timeline(views):
    state, bar, table, line = views
    bar.categories.toggle_choice("humanitarian")
    assert state.event_filter.categories == frozenset({Category.HUMANITARIAN})
    assert set(_titles(table)) == {
        "Blockade of the Lachin corridor",
        "Exodus of the Armenian population",
    }
    assert line.event_rect("exodus") is not None
    assert line.event_rect("offensive-2023") is None
    assert bar.categories.text() == "Categories: 1 chosen ▾"


def test_actor_and_source_menus_filter(views):
    state, bar, table, _ = views
    bar.sources.toggle_choice("b.txt")
    assert len(_titles(table)) == 3
    bar.actors.toggle_choice("eu")
    assert set(_titles(table)) == {"Talks in Brussels", "A news report"}
    assert bar.count.text() == "2 of 7 events"


def test_clear_resets_every_filter_and_the_search_box(qtbot, views):
    state, bar, table, _ = views
    bar.actors.toggle_choice("eu")
    bar.search.setText("talks")
    qtbot.waitUntil(lambda: state.event_filter.text == "talks", timeout=2000)
    qtbot.mouseClick(bar.clear, Qt.MouseButton.LeftButton)
    assert state.event_filter.is_empty
    assert bar.search.text() == ""
    assert not bar.actors.is_checked("eu")
    assert table.model().rowCount() == 7


def test_the_actors_list_is_searchable_and_stays_open_while_choosing(qtbot, views):
    state, bar, table, _ = views
    qtbot.mouseClick(bar.actors, Qt.MouseButton.LeftButton)
    popup = bar.actors.popup
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.search.setVisible(True)  # the demo corpus has few actors; the real one 57
    qtbot.keyClicks(popup.search, "eu")
    shown = popup.visible_keys()
    assert "eu" in shown
    assert len(shown) < len(popup.items)
    item = popup.items["eu"]
    rect = popup.list.visualItemRect(item)
    qtbot.mouseClick(popup.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert state.event_filter.actors == frozenset({"eu"})
    assert popup.isVisible()  # still open for the next choice
    qtbot.keyClick(popup.list, Qt.Key.Key_Space)  # Space toggles the current row
    assert state.event_filter.actors == frozenset()


def test_the_real_actors_list_opens_with_its_search_field(qtbot, corpus):
    state = AppState(corpus.timeline)
    bar = FilterBar(state, corpus)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.mouseClick(bar.actors, Qt.MouseButton.LeftButton)
    popup = bar.actors.popup
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.search.isVisible()
    assert popup.search.hasFocus()
    qtbot.keyClicks(popup.search, "azerbaijan")
    assert 0 < len(popup.visible_keys()) < len(popup.items)
