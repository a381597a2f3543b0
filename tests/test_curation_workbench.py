"""A curation session in the real window, driven by qtbot: from a selected passage to a saved
event that `explorer check` accepts and that the map, timeline and list show at once."""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from explorer.curation.importing import add_source
from explorer.curation.layout import new_corpus
from explorer.qt.curation.forms import EventForm, SourceMetaDialog

ARTICLE = (
    "Talks in Yevlakh\n\n"
    "By: Jane Doe, Example News\n\n"
    "Published 21 September 2023\n\n"
    "On 19 September 2023 Azerbaijani forces shelled Khankendi. Two days later, "
    "representatives of the Karabakh Armenians met Azerbaijani officials in Yevlakh.\n\n"
    "Peskov denied that the Russian peacekeepers had failed. Residents fled to Goris.\n"
)


@pytest.fixture
def user_root(tmp_path):
    root = new_corpus(tmp_path / "mine", with_events=True)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    add_source(root, article)
    return root


@pytest.fixture
def window(qtbot, tmp_path, user_root):
    from explorer.data.corpus import load_corpus
    from explorer.qt.window.main_window import MainWindow

    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    win = MainWindow(load_corpus(user_root), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _snapshot(root):
    return {p: p.read_text("utf-8") for p in sorted(root.rglob("*")) if p.is_file()}


def _new_source_id(root):
    return sorted(p.name for p in (root / "seeds").glob("*.txt"))[-1]


def test_selection_to_saved_event_shown_everywhere(qtbot, window, user_root, monkeypatch):
    bench = window.curation.open_workbench()
    qtbot.addWidget(bench)
    source_id = _new_source_id(user_root)
    bench.source_box.setCurrentIndex(bench.source_box.findData(source_id))
    assert bench.source_id == source_id
    # Suggestions are listed and their dates, places and actors highlighted in the text.
    assert bench.list.count() >= 3
    text = bench.text.toPlainText()
    marked = {text[a:b] for a, b, _ in bench.marked_ranges()}
    assert {"19 September 2023", "Khankendi", "Peskov"} <= marked

    before = _snapshot(user_root)
    quote = "Two days later, representatives of the Karabakh Armenians met Azerbaijani officials in Yevlakh."
    start = text.index(quote)
    bench.select_range(start - 1, start + len(quote) + 1)  # white space around is trimmed
    assert bench.new_event_button.isEnabled()

    def fill(parent, event, places, actors, picker=None):
        form = EventForm(event, places, actors, parent)
        qtbot.addWidget(form)
        # Pre-filled from the suggestion the passage falls in.
        assert event["start"] == dt.date(2023, 9, 21)
        assert "yevlakh" in EventForm.checked(form.places)
        form.ident.setText("yevlakh-talks-user")
        form.title.setText("Talks in Yevlakh")
        form.summary.setPlainText(
            "Representatives of the Karabakh Armenians and Azerbaijani officials meet in Yevlakh."
        )
        form.check(form.actors, "nk-authorities")
        form.accept()
        assert form.result() == form.DialogCode.Accepted
        return form.values()

    monkeypatch.setattr(EventForm, "ask", classmethod(lambda cls, *a: fill(*a)))
    with qtbot.waitSignal(bench.saved) as saved:
        bench.new_event_button.click()
    assert saved.args == ["yevlakh-talks-user"]

    # The YAML diff touches only what changed: lines added to my-events.yaml, nothing else.
    after = _snapshot(user_root)
    changed = [p for p in after if before.get(p) != after[p]]
    assert [p.name for p in changed] == ["my-events.yaml"]
    diff = list(
        difflib.unified_diff(
            before[changed[0]].splitlines(), after[changed[0]].splitlines(), lineterm="", n=0
        )
    )
    body = [line for line in diff[2:] if not line.startswith("@@")]
    assert all(line.startswith("+") for line in body[1:])  # "events: []" becomes a block list
    assert body[0] == "-events: []"
    assert f"+        start: {start}" in body
    assert f"+        end: {start + len(quote)}" in body
    assert f"+        quote: {quote}" in body

    # explorer check accepts the corpus, in the workbench and on the command line.
    assert bench.corpus.problems == []
    assert bench.check_label.text().startswith("ok:")
    check = subprocess.run([sys.executable, "-m", "explorer", "--corpus", str(user_root), "check"],
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr

    # The main window shows the new event at once, selected.
    qtbot.waitUntil(lambda: "yevlakh-talks-user" in window.state.all_events)
    assert window.state.selected_id == "yevlakh-talks-user"
    model = window.event_list.table_model
    row = model.row_of("yevlakh-talks-user")
    assert row is not None
    assert model.event_at(row).title == "Talks in Yevlakh"

    # Undo removes it everywhere; redo brings it back.
    with qtbot.waitSignal(bench.saved):
        bench.undo()
    assert _snapshot(user_root) == before
    qtbot.waitUntil(lambda: "yevlakh-talks-user" not in window.state.all_events)
    with qtbot.waitSignal(bench.saved):
        bench.redo()
    qtbot.waitUntil(lambda: "yevlakh-talks-user" in window.state.all_events)


def test_accept_reject_and_annotate(qtbot, window, user_root, monkeypatch):
    bench = window.curation.open_workbench(_new_source_id(user_root))
    qtbot.addWidget(bench)
    n = bench.list.count()
    row = next(i for i, s in enumerate(bench.suggestions) if s.places and "Khankendi" in s.quote)
    with qtbot.waitSignal(bench.saved) as saved:
        assert bench.accept_suggestion(row)
    event_id = saved.args[0]
    assert event_id in bench.corpus.timeline
    assert bench.corpus.timeline.get(event_id).places[0].id == "stepanakert"
    assert bench.list.count() == n - 1  # the accepted sentence is done
    bench.reject_suggestion(0)
    assert bench.list.count() == n - 2

    text = bench.text.toPlainText()
    quote = "Peskov denied that the Russian peacekeepers had failed."
    bench.select_range(text.index(quote), text.index(quote) + len(quote))
    monkeypatch.setattr(type(bench), "ask_event", classmethod(lambda cls, parent, events: event_id))
    from explorer.qt.curation.forms import AnnotationDialog

    monkeypatch.setattr(
        AnnotationDialog, "ask",
        classmethod(lambda cls, parent, actors, initial: {**initial, "text": "Denied that the peacekeepers had failed."}),
    )  # fmt: skip
    with qtbot.waitSignal(bench.saved):
        assert bench.annotate_selection()
    event = bench.corpus.timeline.get(event_id)
    assert bench.corpus.problems == []
    (annotation,) = event.annotations
    assert (annotation.actor.id, annotation.role) == ("peskov", "denied")
    assert annotation.excerpt.text == quote


def test_add_source_menu_fills_the_dialog_from_the_file(qtbot, window, tmp_path, monkeypatch):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: Convoy reaches Stepanakert\ndate: 2023-09-30\n---\n"
                    "A Red Cross convoy reached Stepanakert on Saturday, officials said.\n", "utf-8")  # fmt: skip
    seen = {}

    def confirm(cls, parent, meta, name):
        dialog = SourceMetaDialog(meta, name, parent)
        qtbot.addWidget(dialog)
        seen["title"] = dialog.title.text()
        seen["date"] = dialog.published.date().toString("yyyy-MM-dd")
        dialog.kind.setCurrentText("news")
        return dialog.values()

    monkeypatch.setattr(SourceMetaDialog, "ask", classmethod(confirm))
    source_id = window.curation.add_source(str(page))
    assert seen == {"title": "Convoy reaches Stepanakert", "date": "2023-09-30"}
    assert source_id in window.corpus.sources
    qtbot.addWidget(window.curation.workbench)
    assert window.curation.workbench.source_id == source_id
    messages = []
    monkeypatch.setattr(window.curation, "tell", lambda title, message: messages.append(message))
    assert window.curation.add_source(str(page)) is None
    assert "already in the corpus" in messages[0]


def test_the_embedded_corpus_is_refused_with_a_message(qtbot, demo_window, monkeypatch):
    from explorer.curation.layout import embedded_root

    messages = []
    monkeypatch.setattr(demo_window.curation, "tell", lambda title, message: messages.append(title))
    demo_window.corpus.root = embedded_root()
    assert demo_window.curation.open_workbench() is None
    assert demo_window.curation.add_source("whatever.txt") is None
    assert messages == ["The embedded corpus is read-only"] * 2
    event = next(iter(demo_window.state.all_events))
    demo_window.state.select(event.id)
    viewer = demo_window.details.open_excerpt(0)
    qtbot.addWidget(viewer)
    assert viewer.isVisible()
    assert not viewer.curate_button.isVisible()


def test_new_corpus_menu_opens_it(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(window.curation, "ask_new_folder", lambda: (str(tmp_path / "fresh"), False))
    root = window.curation.new_corpus()
    assert root == tmp_path / "fresh"
    assert window.corpus.root == root
    assert len(window.state.all_events) == 0


def test_the_source_viewer_offers_curation_for_a_users_corpus(qtbot, window, user_root):
    event = next(iter(window.state.all_events))
    window.state.select(event.id)
    viewer = window.details.open_excerpt(0)
    qtbot.addWidget(viewer)
    assert viewer.curate_button.isVisible()
    viewer.curate_button.click()
    bench = window.curation.workbench
    qtbot.addWidget(bench)
    assert bench.isVisible()
    assert bench.source_id == event.excerpts[0].source.id


def test_a_new_place_is_picked_by_clicking_the_map(qtbot, window):
    from PySide6.QtCore import QPointF, Qt

    from explorer.data.geo_utm import lonlat_to_map
    from explorer.qt.curation.forms import PlaceDialog

    dialog = PlaceDialog(window, name="Hadrut", picker=window.curation.pick_on_map)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pick_button.isVisible()
    dialog.pick_button.click()
    stepanakert = window.corpus.places["stepanakert"]
    x, y = lonlat_to_map(stepanakert.lon, stepanakert.lat)
    view = window.map_view
    pos = view.mapFromScene(QPointF(x, -y))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    # Within a pixel of Stepanakert at the map's scale (a few hundred metres).
    assert abs(dialog.lon.value() - stepanakert.lon) < 0.02
    assert abs(dialog.lat.value() - stepanakert.lat) < 0.02
    assert "from the map" in dialog.pick_hint.text()
    values = dialog.values()
    assert values["place_id"] == "hadrut"
    assert values["names"] == {"en": "Hadrut"}


def test_a_restating_suggestion_is_added_to_its_event(qtbot, window, user_root):
    bench = window.curation.open_workbench(_new_source_id(user_root))
    qtbot.addWidget(bench)
    row = next(i for i, s in enumerate(bench.suggestions) if s.restates and "Yevlakh" in s.quote)
    suggestion = bench.suggestions[row]
    event_id = suggestion.restates[0][0]
    before = len(bench.corpus.timeline.get(event_id).excerpts)
    bench.list.setCurrentRow(row)
    assert bench.add_to_restated_button.isEnabled()
    with qtbot.waitSignal(bench.saved):
        bench.add_to_restated_button.click()
    event = bench.corpus.timeline.get(event_id)
    assert len(event.excerpts) == before + 1
    assert event.excerpts[-1].text == suggestion.quote
    assert bench.corpus.problems == []
