"""The source viewer shows the whole text and highlights exactly the excerpt's offsets."""

from __future__ import annotations

import pytest

from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Excerpt, Source
from explorer.qt.panels.source_viewer import SourceViewer, qt_offset


def _source(text: str) -> Source:
    import datetime as dt

    day = dt.date(2023, 1, 1)
    return Source("s.txt", "T", (), "O", "en", "news", DateSpan(day, day, Precision.DAY), "", text)


def test_highlight_matches_the_offsets_and_is_scrolled_into_view(qtbot):
    text = "".join(f"Line {i}: filler text for scrolling.\n" for i in range(400))
    text += "The passage we want.\n" + "tail\n" * 50
    source = _source(text)
    start = text.index("The passage")
    excerpt = Excerpt(source, start, start + len("The passage we want."), "The passage we want.")
    viewer = SourceViewer()
    qtbot.addWidget(viewer)
    viewer.show_excerpt(excerpt)
    qtbot.waitExposed(viewer)
    assert viewer.text.toPlainText() == text
    assert viewer.highlighted_range() == (excerpt.start, excerpt.end)
    assert viewer.highlighted_text() == "The passage we want."
    bar = viewer.text.verticalScrollBar()
    assert bar.value() > bar.maximum() * 0.5  # near the end, where the passage is
    assert viewer.text.cursorRect().top() >= 0
    assert viewer.text.cursorRect().bottom() <= viewer.text.viewport().height()


def test_offsets_survive_characters_outside_the_bmp(qtbot):
    text = "emoji 🙂🙂 before, then the quote, then after"
    source = _source(text)
    start = text.index("the quote")
    excerpt = Excerpt(source, start, start + 9, "the quote")
    assert qt_offset(text, start) == start + 2
    viewer = SourceViewer()
    qtbot.addWidget(viewer)
    viewer.show_excerpt(excerpt)
    assert viewer.highlighted_range() == (excerpt.start, excerpt.end)
    assert viewer.highlighted_text() == "the quote"


@pytest.mark.parametrize("index", [0, -1])
def test_real_corpus_excerpts_highlight_exactly(qtbot, corpus, index):
    excerpts = [x for e in corpus.timeline for x in e.excerpts]
    if not excerpts:
        pytest.skip("the corpus being curated has no excerpts right now")
    excerpt = excerpts[index]
    viewer = SourceViewer()
    qtbot.addWidget(viewer)
    viewer.show_excerpt(excerpt)
    assert viewer.highlighted_range() == (excerpt.start, excerpt.end)
    assert viewer.highlighted_text() == excerpt.text.replace("\n", "\u2029")
