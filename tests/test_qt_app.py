"""``explorer gui``: bad --event / --date end with one clear line, before Qt starts."""

from __future__ import annotations

import pytest

from explorer.cli import main
from explorer.qt.window import app as gui_app


@pytest.fixture
def no_qt(monkeypatch):
    """Fail the test if the GUI gets as far as creating the application or a window."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("Qt was started for arguments that should have been refused")

    monkeypatch.setattr(gui_app, "_application", refuse)
    monkeypatch.setattr("explorer.qt.window.main_window.MainWindow", refuse)


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_an_unknown_event_is_refused(no_qt, capsys, corpus):
    assert gui_app.run_gui(corpus.root, event_id="no-such-event") == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("explorer: --event 'no-such-event' is not an event of this corpus")
    assert "explorer export events" in line


def test_a_near_miss_is_suggested(no_qt, capsys, corpus):
    if not len(corpus.timeline):
        pytest.skip("the corpus being curated has no events right now")
    real = corpus.timeline.events[0].id
    assert gui_app.run_gui(corpus.root, event_id=real[:-1] + "#") == 2
    assert f"did you mean {real!r}?" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2023-02-30", "explorer: --date '2023-02-30' is not a real date: day is out of range"),
        ("2023-13-01", "explorer: --date '2023-13-01' is not a real date: month must be in 1..12"),
        ("yesterday", "explorer: --date 'yesterday' must be written YYYY-MM-DD"),
    ],
)
def test_a_bad_date_is_refused_through_the_command_line(no_qt, capsys, date, message):
    assert main(["gui", "--date", date]) == 2
    assert _one_line(capsys.readouterr().err).startswith(message)


def test_the_command_line_refuses_an_unknown_event(no_qt, capsys, corpus):
    assert main(["--corpus", str(corpus.root), "gui", "--event", "no-such-event"]) == 2
    assert "is not an event of this corpus" in _one_line(capsys.readouterr().err)


def test_good_arguments_open_the_window_on_that_event(qapp, qtbot, monkeypatch, corpus):
    """Valid arguments get through to a window (the event loop is replaced: no exec())."""
    if not len(corpus.timeline):
        pytest.skip("the corpus being curated has no events right now")
    from explorer.qt.window import main_window

    event = corpus.timeline.events[0]
    windows = []

    class Recorded(main_window.MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            qtbot.addWidget(self)
            windows.append(self)

    monkeypatch.setattr(main_window, "MainWindow", Recorded)
    # pytest-qt's application as it is (no app-wide font or names changed for later tests),
    # and no event loop: exec() returns at once.
    monkeypatch.setattr(gui_app, "_application", lambda: qapp)
    monkeypatch.setattr(type(qapp), "exec", lambda *_: 0)
    assert gui_app.run_gui(corpus.root, date=None, event_id=event.id) == 0
    (window,) = windows
    assert window.state.selected_id == event.id
