"""September 2023 on the timeline: about 25 events in a week stay legible at every zoom."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from explorer.domain.state import AppState
from explorer.qt.timeline.view import TimelineView

D = dt.date


@pytest.fixture
def view(qtbot, corpus):
    state = AppState(corpus.timeline, date=D(2023, 9, 30))
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 160)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _in_view(view, start, end):
    return {e.id for e in view._state.timeline if e.when.start <= end and e.when.end >= start}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2023, 9, 16), D(2023, 9, 26)),  # the offensive's week and the exodus
        (D(2023, 8, 1), D(2023, 10, 31)),
        (D(2020, 9, 1), D(2023, 12, 31)),
    ],
)
def test_no_mark_is_drawn_over_another_and_every_event_is_shown_or_counted(view, start, end):
    view.zoom_to(start, end)
    expected = _in_view(view, start, end)
    assert len(expected) > 5, "the corpus has fewer events there than this test assumes"
    marks = [(view.event_rect(i), i) for i in expected if view.event_rect(i) is not None]
    clustered = {i for _, ids in view.cluster_rects() for i in ids}
    assert {i for _, i in marks} | clustered == expected
    assert not {i for _, i in marks} & clustered
    boxes = [r for r, _ in marks] + [r for r, _ in view.cluster_rects()]
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            assert not boxes[a].adjusted(0.5, 0.5, -0.5, -0.5).intersects(boxes[b]), (a, b)
    view.grab()


def test_titles_are_drawn_on_bars_where_they_fit(view):
    view.zoom_to(D(2023, 9, 18), D(2023, 9, 25))
    titled = view.titled_events()
    assert len(titled) >= 3
    view.fit_all()
    assert len(view.titled_events()) < len(titled) + 50  # fewer room at decades: still fine


def test_a_plus_n_chip_lists_its_events_and_choosing_one_selects_it(qtbot, view, monkeypatch):
    view.zoom_to(D(2023, 9, 18), D(2023, 9, 25))
    view.resize(1200, 110)  # a short pane: lanes run out
    chips = view.cluster_rects()
    assert chips, "no +N chip on a 110 px timeline in the offensive's week"
    rect, ids = chips[0]
    offered = []

    def ask(events, _at):
        offered.extend(e.id for e in events)
        return events[-1].id

    monkeypatch.setattr(view, "ask_event", ask)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert offered == ids
    assert view._state.selected_id == ids[-1]


def test_the_colour_key_names_every_category(view):
    from explorer.render import palette

    image = view.grab().toImage()
    y = view.height() - 9
    colours = {image.pixelColor(QPoint(x, y)).name() for x in range(0, view.width(), 2)}
    for colour in palette.CATEGORY_COLOURS.values():
        assert colour.lower() in colours
