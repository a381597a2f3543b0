"""The details panel: date with precision, attributed claims side by side, naming policy."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from explorer.data.demo_corpus import make_corpus
from explorer.domain.naming import NamingPolicy
from explorer.domain.state import AppState
from explorer.qt.panels.details import DetailPanel


@pytest.fixture
def panel(qtbot):
    state = AppState(make_corpus().timeline, date=dt.date(2023, 9, 1))
    widget = DetailPanel(state)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _text(panel):
    return panel.browser.toPlainText()


def test_empty_until_an_event_is_selected(panel):
    assert "No event selected" in _text(panel)
    panel._state.select("exodus")
    text = _text(panel)
    assert "Exodus of the Armenian population" in text
    assert "September 2023" in text
    assert "How this date was found" in text
    assert "'in September 2023'" in text


def test_fuzzy_dates_say_their_precision(panel):
    panel._state.select("ceasefire-1994")
    assert "c. 1994 (approximate)" in _text(panel)


def test_excerpts_are_quoted_with_their_citation(panel):
    panel._state.select("offensive-2023")
    text = _text(panel)
    assert "“Azerbaijan’s military operation in Nagorno-Karabakh (19–20 September)”" in text
    assert "A. Author, “The first source”, Outlet One, 1 October 2023" in text


def test_competing_claims_sit_side_by_side_with_their_speakers(panel):
    panel._state.select("offensive-2023")
    html = panel.browser.toHtml()
    text = _text(panel)
    assert "Competing claims" in text
    # One table row, one cell per claim: side by side.
    doc = panel.browser.document()
    tables = []
    block = doc.begin()
    while block.isValid():
        cursor = panel.browser.textCursor()
        cursor.setPosition(block.position())
        table = cursor.currentTable()
        if table is not None and table not in tables:
            tables.append(table)
        block = block.next()

    def cell_texts(table):
        out = []
        for col in range(table.columns()):
            cell = table.cellAt(0, col)
            c = cell.firstCursorPosition()
            c.setPosition(cell.lastCursorPosition().position(), c.MoveMode.KeepAnchor)
            out.append(c.selectedText())
        return out

    rows = [cell_texts(t) for t in tables if t.rows() == 1]
    claims = [r for r in rows if any("Armenian government" in c for c in r)]
    assert len(claims) == 1, html
    texts = claims[0]
    assert len(texts) == 2
    assert "Azerbaijani government" in texts[0]
    assert "claimed" in texts[0]
    assert "Armenian government" in texts[1]
    assert "accused" in texts[1]
    assert "Outlet One" in texts[0]


def test_corpus_text_is_escaped(qtbot):
    from dataclasses import replace

    from explorer.domain.timeline import Timeline

    corpus = make_corpus()
    event = replace(corpus.timeline.get("report"), title="<b>Bold</b> & <script>x</script>")
    state = AppState(Timeline([event]))
    panel = DetailPanel(state)
    qtbot.addWidget(panel)
    state.select("report")
    assert "<b>Bold</b> & <script>x</script>" in panel.browser.toPlainText()


def test_naming_policy_changes_place_labels(panel):
    state = panel._state
    state.select("offensive-2023")
    assert "Stepanakert / Khankendi" in _text(panel)
    state.set_naming_policy(NamingPolicy.AZERBAIJANI)
    assert "Places: Khankendi" in _text(panel)
    state.set_naming_policy(NamingPolicy.ARMENIAN)
    assert "Places: Stepanakert" in _text(panel)
    assert "Khankendi" not in _text(panel)


def test_clicking_an_excerpt_opens_its_source_highlighted(qtbot, panel):
    state = panel._state
    state.select("offensive-2023")
    rect = panel.anchor_rect("excerpt:1")
    assert rect is not None
    with qtbot.waitSignal(panel.excerpt_opened, timeout=2000) as opened:
        qtbot.mouseClick(panel.browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    excerpt = state.selected_event.excerpts[1]
    assert opened.args == [excerpt]
    viewer = panel.viewer
    assert viewer is not None
    assert viewer.isVisible()
    assert viewer.highlighted_range() == (excerpt.start, excerpt.end)
    assert viewer.highlighted_text() == excerpt.text


def test_the_empty_page_counts_the_events_the_filter_shows(panel):
    state = panel._state
    total = len(state.all_events)
    assert f"one of the {total} events" in _text(panel)
    state.set_search_text("brussels")  # no selection: only the filter changes
    shown = len(state.timeline)
    assert 0 < shown < total
    assert f"one of the {shown} events shown (of {total})" in _text(panel)
    state.set_search_text("operation")
    assert len(state.timeline) == 1
    assert f"the one event shown (of {total})" in _text(panel)
    state.set_search_text("")
    state.set_actor_filter(frozenset({"azerbaijan"}))
    shown = len(state.timeline)
    assert shown > 1
    assert f"one of the {shown} events shown (of {total})" in _text(panel)
    state.set_search_text("no event says this")
    assert "None of the" in _text(panel)
    state.set_filter(type(state.event_filter)())
    assert f"one of the {total} events on the map" in _text(panel)


def test_a_filter_that_drops_the_selection_shows_the_new_count(panel):
    state = panel._state
    state.select("exodus")
    state.set_search_text("operation")  # the exodus is filtered out, the selection cleared
    assert state.selected_id is None
    assert "the one event shown" in _text(panel)


def test_the_heading_is_calm(panel):
    """The title reads as a heading, not a banner: at most 1.25 times the body text."""
    panel._state.select("exodus")
    doc = panel.browser.document()
    sizes = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            size = it.fragment().charFormat().font().pointSizeF()
            if size > 0:
                sizes.append(size)
            it += 1
        block = block.next()
    body = panel.browser.font().pointSizeF()
    assert max(sizes) <= 1.25 * body


def test_a_date_from_outside_the_sources_says_so_and_topics_have_human_titles(qtbot, corpus):
    # The embedded corpus: the army's disbandment takes its date from outside knowledge, and
    # the exodus has competing claims under a titled topic.
    state = AppState(corpus.timeline, date=dt.date(2023, 9, 1))
    widget = DetailPanel(state)
    qtbot.addWidget(widget)
    widget.resize(600, 800)
    state.select("army-dissolution-agreement-2023")
    text = widget.browser.toPlainText()
    assert "20 September 2023  (date from outside the sources)" in text
    state.select("exodus-2023")
    text = widget.browser.toPlainText()
    assert "Why the Armenians left Nagorno-Karabakh:" in text
    assert "exodus characterisation" not in text
    state.select("azerbaijani-offensive-2023")  # its date is the sources' own
    assert "date from outside the sources" not in widget.browser.toPlainText()
