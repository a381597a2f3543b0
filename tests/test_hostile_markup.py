"""Issue 15, item 2: corpus text is never markup in the window.

A corpus whose every text field (titles, names, notes, overlay names and sources, the
source text itself) holds markup is loaded into the real window; every label, tooltip,
model tooltip and the details browser is then walked. Markup must show as its characters:
a label either is ``Qt.PlainText`` or has the markup escaped, and no tooltip or browser
holds a live ``<img>``/``<a>``/``<b>`` from the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from explorer.data.corpus import load_corpus
from explorer.render.plain_text import escape, plain_tooltip

PAYLOAD = '<b>B</b><img src="file:///etc/hostname"><a href="file:///etc/">L</a>'
LIVE = ("<b>B</b>", '<img src="file:', '<a href="file:', 'src="file:')


def _y(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def write_markup_corpus(root: Path) -> Path:
    seeds = root / "seeds"
    (seeds / "events").mkdir(parents=True)
    (root / "geodata").mkdir()
    text = f"Intro. {PAYLOAD} Outro.\n"
    start = text.index(PAYLOAD)
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    (seeds / "sources.yaml").write_text(f"""\
sources:
  - id: a.txt
    title: {_y("Source " + PAYLOAD)}
    authors: [{_y("Author " + PAYLOAD)}]
    outlet: {_y("Outlet " + PAYLOAD)}
    language: en
    kind: news
    published:
      start: 2023-10-01
      precision: day
      note: {_y("Note " + PAYLOAD)}
""", encoding="utf-8")  # fmt: skip
    (seeds / "actors.yaml").write_text(f"""\
actors:
  - id: someone
    name: {_y("Actor " + PAYLOAD)}
    kind: state
    description: {_y("Description " + PAYLOAD)}
""", encoding="utf-8")  # fmt: skip
    (seeds / "events" / "2023.yaml").write_text(f"""\
events:
  - id: marked-up
    title: {_y("Title " + PAYLOAD)}
    summary: {_y("Summary, according to the source: " + PAYLOAD)}
    start: 2023-09-01
    end: 2023-09-30
    precision: month
    date_note: {_y("Date note " + PAYLOAD)}
    category: military
    places: [here]
    actors: [someone]
    excerpts:
      - source: a.txt
        start: {start}
        end: {start + len(PAYLOAD)}
        quote: {_y(PAYLOAD)}
    annotations:
      - actor: someone
        role: said
        text: {_y("Said " + PAYLOAD)}
        excerpt: 0
        topic: a-topic
      - actor: someone
        role: claimed
        text: {_y("Claimed " + PAYLOAD)}
        excerpt: 0
        topic: a-topic
""", encoding="utf-8")  # fmt: skip
    (seeds / "topics.yaml").write_text(
        f"topics:\n  - id: a-topic\n    title: {_y('Topic ' + PAYLOAD)}\n", encoding="utf-8"
    )
    place = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.75, 39.81]},
             "properties": {"id": "here", "kind": "city",
                            "names": {"en": "Place " + PAYLOAD, "hy": "Hy " + PAYLOAD},
                            "romanized": {"hy": "Rom " + PAYLOAD, "az": "Az " + PAYLOAD},
                            "contested": True, "note": "Note " + PAYLOAD}}  # fmt: skip
    overlay = {"type": "Feature",
               "geometry": {"type": "Polygon", "coordinates": [[[46.5, 39.7], [46.9, 39.7],
                                                                [46.9, 40.0], [46.5, 39.7]]]},
               "properties": {"id": "area", "name": "Overlay " + PAYLOAD, "kind": "control-area",
                              "valid_from": "2020-01-01", "valid_to": None,
                              "source": "Source " + PAYLOAD, "accuracy_m": 1000,
                              "approximate": True, "held_by": "Holder " + PAYLOAD,
                              "note": "Note " + PAYLOAD}}  # fmt: skip
    for name, feature in (("places", place), ("overlays", overlay)):
        (root / "geodata" / f"{name}.geojson").write_text(
            '{"type": "FeatureCollection", "features": [\n' + json.dumps(feature) + "\n]}\n"
        )
    return root


def _live_markup(text: str) -> list[str]:
    return [marker for marker in LIVE if marker in text]


def _label_problems(label: QLabel) -> list[str]:
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.PlainText:
        return []
    rich = label.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text)
    if rich and _live_markup(text):
        return [f"{label.objectName() or label.accessibleName() or type(label).__name__}: {text!r}"]
    return []


@pytest.fixture
def markup_window(qtbot, tmp_path):
    from explorer.qt.window.main_window import MainWindow

    corpus = load_corpus(write_markup_corpus(tmp_path / "corpus"))
    assert corpus.problems == []
    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    window = MainWindow(corpus, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.state.select("marked-up")
    return window


def test_every_label_and_tooltip_of_the_window_shows_markup_as_text(markup_window, qtbot):
    window = markup_window
    viewer = window.details.open_excerpt(0)
    assert viewer is not None
    qtbot.addWidget(viewer)
    widgets = [window, *window.findChildren(QWidget), viewer, *viewer.findChildren(QWidget)]
    problems: list[str] = []
    for widget in widgets:
        if isinstance(widget, QLabel):
            problems += _label_problems(widget)
        problems += [f"tooltip of {widget!r}: {m}" for m in _live_markup(widget.toolTip())]
    # The map: overlays, places and event markers.
    scene = getattr(window.map_view, "map_scene", None)
    assert scene is not None, "the map was not built"
    tips = [item.toolTip() for item in scene.items() if item.toolTip()]
    assert any("Overlay" in tip for tip in tips)
    problems += [f"map tooltip {tip!r}" for tip in tips if _live_markup(tip)]
    # The event list: every cell's tooltip (the Sources column included).
    model = window.event_list.model()
    for row in range(model.rowCount(QModelIndex())):
        for col in range(model.columnCount(QModelIndex())):
            tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole) or ""
            problems += [f"list tooltip ({row}, {col}) {tip!r}" for _ in _live_markup(tip)]
    # The details browser: escaped, so the rendered document has no image and no file: link.
    html = window.details.browser.toHtml()
    problems += [f"details: {m}" for m in _live_markup(html)]
    assert problems == []
    # …and the text is still all there, shown literally.
    assert PAYLOAD in window.details.browser.toPlainText()
    assert viewer._citation.textFormat() == Qt.TextFormat.PlainText
    assert PAYLOAD in viewer._citation.text()
    assert viewer._heading.text() == "Source " + PAYLOAD


def test_overlay_tooltip_escapes_every_field(layers):
    from dataclasses import replace

    from explorer.render.overlays import overlay_tooltip

    overlay = replace(layers.overlays[0], name=PAYLOAD, source=PAYLOAD, held_by=PAYLOAD)
    tip = overlay_tooltip(overlay)
    assert _live_markup(tip) == []
    assert tip.count(escape(PAYLOAD)) == 3


def test_a_plain_tooltip_renders_its_text_literally():
    tip = plain_tooltip("line one <b>x</b>\nline two & <img src='file:///x'>")
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == "line one <b>x</b>\nline two & <img src='file:///x'>"
    assert GuiQt.mightBeRichText(tip)  # Qt takes it as (escaped) rich text, never as markup


def test_the_sources_tooltip_is_escaped(markup_window):
    from explorer.qt.panels.event_list import SOURCES

    model = markup_window.event_list.model()
    tip = model.data(model.index(0, SOURCES), Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    document.setHtml(tip)
    assert PAYLOAD in document.toPlainText()
    assert _live_markup(tip) == []


def test_the_timeline_tooltip_shows_markup_as_text(markup_window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    timeline = markup_window.timeline
    rect = timeline.event_rect("marked-up")
    assert rect is not None
    local = rect.center().toPoint()
    help_event = QHelpEvent(QEvent.Type.ToolTip, local, timeline.mapToGlobal(local))
    QApplication.sendEvent(timeline, help_event)
    qtbot.waitUntil(lambda: bool(QToolTip.text()))
    tip = QToolTip.text()
    assert escape("Title " + PAYLOAD) in tip
    assert _live_markup(tip) == []
    QToolTip.hideText()


def test_the_presenter_shows_markup_as_text(markup_window, qtbot):
    from explorer.qt.window.present_actions import start_presentation

    presenter = start_presentation(markup_window)
    qtbot.addWidget(presenter)
    qtbot.waitUntil(lambda: presenter.isVisible())
    labels = presenter.findChildren(QLabel)
    problems = [p for label in labels for p in _label_problems(label)]
    assert problems == []
    shown = " ".join(label.text() for label in labels)
    assert escape("Title " + PAYLOAD) in shown or "Title " + PAYLOAD in shown
    presenter.close()
