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


def _tables(panel):
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
    return tables


def _cell_text(table, row, col):
    cell = table.cellAt(row, col)
    c = cell.firstCursorPosition()
    c.setPosition(cell.lastCursorPosition().position(), c.MoveMode.KeepAnchor)
    return c.selectedText()


def _claims_table(panel):
    found = [
        t
        for t in _tables(panel)
        if any(
            "Armenian government" in _cell_text(t, r, c)
            for r in range(t.rows())
            for c in range(t.columns())
        )
    ]
    assert len(found) == 1, panel.browser.toHtml()
    return found[0]


def test_competing_claims_sit_side_by_side_when_the_pane_is_wide(qtbot, panel):
    panel.resize(900, 700)
    qtbot.waitUntil(lambda: panel.browser.viewport().width() > 800, timeout=2000)
    panel._state.select("offensive-2023")
    assert "Competing claims" in _text(panel)
    table = _claims_table(panel)
    assert (table.rows(), table.columns()) == (1, 2)
    first, second = _cell_text(table, 0, 0), _cell_text(table, 0, 1)
    assert "Azerbaijani government" in first
    assert "claimed" in first
    assert "Outlet One" in first
    assert "Armenian government" in second
    assert "accused" in second


def test_competing_claims_stack_as_full_width_cards_when_the_pane_is_narrow(qtbot, panel):
    panel.resize(900, 700)
    panel._state.select("offensive-2023")
    panel.resize(360, 700)  # the same event re-lays its claims on resize
    qtbot.waitUntil(lambda: _claims_table(panel).columns() == 1, timeout=2000)
    table = _claims_table(panel)
    assert table.rows() == 2
    card = _cell_text(table, 0, 0)
    # Actor and role on top, then the claim, then its source.
    assert card.index("Azerbaijani government") < card.index("claimed") < card.index("Outlet One")
    # Each card is as wide as the text area allows, never a sliver.
    widths = table.format().width()
    assert widths.rawValue() == 100


def test_claims_are_headed_by_the_topic_title(qtbot, corpus):
    state = AppState(corpus.timeline)
    widget = DetailPanel(state)
    qtbot.addWidget(widget)
    event = next(e for e in corpus.timeline if e.competing_claims())
    state.select(event.id)
    text = widget.browser.toPlainText()
    for topic in event.competing_claims():
        title = event.topic_title(topic)
        assert title in text
        assert title != topic  # a human heading, not the raw id
        assert f"On {topic.replace('-', ' ')}:" not in text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words", "“plain words”"),
        ("“Already quoted,” he said", "“Already quoted,” he said"),
        ("an ‘inner’ quote", "“an ‘inner’ quote”"),
    ],
)
def test_excerpts_get_one_pair_of_quotation_marks(text, shown):
    from explorer.domain.quoting import quote_excerpt

    assert quote_excerpt(text) == shown


def test_a_date_from_outside_the_sources_says_so(qtbot, corpus):
    state = AppState(corpus.timeline)
    widget = DetailPanel(state)
    qtbot.addWidget(widget)
    outside = next(e for e in corpus.timeline if e.date_from_outside)
    state.select(outside.id)
    assert "date from outside the sources" in widget.browser.toPlainText()


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
    assert "Why the Armenians left Nagorno-Karabakh" in text
    assert "exodus characterisation" not in text
    state.select("azerbaijani-offensive-2023")  # its date is the sources' own
    assert "date from outside the sources" not in widget.browser.toPlainText()
