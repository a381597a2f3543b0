"""Issue 15, items 9 and 10: exports never clobber a file, settings never run code."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from explorer.export import files
from explorer.export.files import OutputError, clean_leftovers, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- write_atomic ----------------------------------------------------------------------------
def test_a_file_appearing_during_a_long_render_is_not_replaced(tmp_path):
    target = tmp_path / "snap.png"

    def slow_render(tmp: Path) -> None:
        tmp.write_bytes(b"the render")
        target.write_text("saved by someone else meanwhile")  # while the render runs

    with pytest.raises(OutputError, match="appeared while the export was being made"):
        write_atomic(target, slow_render)
    assert target.read_text() == "saved by someone else meanwhile"
    assert _leftovers(tmp_path) == ["snap.png"]


def test_with_force_the_appeared_file_is_replaced(tmp_path):
    target = tmp_path / "snap.png"

    def slow_render(tmp: Path) -> None:
        tmp.write_bytes(b"the render")
        target.write_text("meanwhile")

    write_atomic(target, slow_render, force=True)
    assert target.read_bytes() == b"the render"


def test_a_read_error_is_not_reported_as_a_write_error(tmp_path):
    missing = tmp_path / "input" / "basemap.zip"

    def render(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        missing.read_bytes()

    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "out.pdf", render)
    message = str(caught.value)
    assert message.startswith(f"{missing}: cannot read: No such file or directory")
    assert "cannot write" not in message
    assert _leftovers(tmp_path) == []


def test_content_is_flushed_to_disk_before_it_is_published(tmp_path, monkeypatch):
    calls: list[str] = []
    real_fsync, real_link = os.fsync, os.link
    monkeypatch.setattr(files.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(files.os, "link", lambda a, b: (calls.append("link"), real_link(a, b)))
    write_atomic(tmp_path / "out.csv", "a,b\n")
    assert calls == ["fsync", "link"]
    calls.clear()
    write_atomic(tmp_path / "out.png", lambda tmp: tmp.write_bytes(b"png"))
    assert calls[-2:] == ["fsync", "link"]


def test_without_hard_links_the_target_is_still_created_exclusively(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    write_atomic(tmp_path / "out.kml", "<kml/>")
    assert (tmp_path / "out.kml").read_text() == "<kml/>"
    assert _leftovers(tmp_path) == ["out.kml"]


@pytest.mark.skipif(os.name != "posix", reason="asks the OS whether the writer is alive")
def test_left_over_temporaries_are_cleaned_at_the_next_export(tmp_path):
    dead = tmp_path / ".out.png.999999999.k2j3.tmp"
    dead.write_bytes(b"from a killed export")
    alive = tmp_path / f".out.png.{os.getppid()}.a8c1.tmp"  # a running writer: kept
    alive.write_bytes(b"being written")
    other = tmp_path / ".notes.txt.999999999.zz.tmp"  # another target's: not ours to judge
    other.write_bytes(b"x")
    write_atomic(tmp_path / "out.png", b"new")
    assert _leftovers(tmp_path) == sorted([alive.name, other.name, "out.png"])


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_export_leaves_a_temporary_that_the_next_one_removes(tmp_path):
    target = tmp_path / "snap.png"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from explorer.export.files import write_atomic

        def render(tmp):
            tmp.write_bytes(b"half a render")
            print("rendering", flush=True)
            time.sleep(60)

        write_atomic(Path({str(target)!r}), render)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "rendering"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
    (left,) = _leftovers(tmp_path)
    assert left.startswith(".snap.png.")
    assert left.endswith(".tmp")
    assert clean_leftovers(target) == [tmp_path / left]
    write_atomic(target, b"complete")
    assert _leftovers(tmp_path) == ["snap.png"]


# -- QSettings -------------------------------------------------------------------------------
class _Touch:
    """Pickles to "create this file": what a crafted settings value could do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _crafted_settings(path: Path, marker: Path) -> None:
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue("state/date", _Touch(marker))  # PySide pickles a Python object
    settings.setValue("state/selection", "x")
    settings.sync()
    del settings
    assert "PyObjectWrapper" in path.read_text()


def _window(qtbot, settings_path: Path):
    from explorer.data.demo_corpus import make_corpus
    from explorer.qt.window.main_window import MainWindow

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(make_corpus(), settings)
    qtbot.addWidget(window)
    return window


def test_a_crafted_settings_value_is_never_unpickled(qtbot, tmp_path, capsys, qapp):
    marker = tmp_path / "code-ran"
    ini = tmp_path / "explorer.ini"
    _crafted_settings(ini, marker)
    window = _window(qtbot, ini)
    window.save_settings()
    assert not marker.exists()
    err = capsys.readouterr().err
    assert ("explorer: settings: ignored 'state/date': it held a stored Python object, which "
            "is never loaded") in err  # fmt: skip
    assert "PyObjectWrapper" not in ini.read_text()


def test_an_escaped_stored_object_is_found_too(tmp_path, qapp):
    from explorer.qt.settings_io import strip_objects

    marker = tmp_path / "code-ran"
    ini = tmp_path / "explorer.ini"
    _crafted_settings(ini, marker)
    ini.write_text(ini.read_text().replace('"@Variant(', '"\\x40Variant('))
    assert strip_objects(ini) == ["state/date"]
    QSettings(str(ini), QSettings.Format.IniFormat).value("state/date")
    assert not marker.exists()


def test_a_truncated_stored_object_does_not_stop_the_window(qtbot, tmp_path, capsys, qapp):
    ini = tmp_path / "explorer.ini"
    _crafted_settings(ini, tmp_path / "unused")
    text = ini.read_text()
    start = text.index("@Variant(")
    ini.write_text(text[: start + 60] + ')"\n')  # cut inside the pickle
    window = _window(qtbot, ini)
    assert window.state is not None
    assert "ignored 'state/date'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("state/date", "12", "not a date: '12'"),
        ("state/naming", "nonsense", "unknown naming policy 'nonsense'"),
        ("window/geometry", "just text", "expected saved window state, found str"),
        ("presenter/interval_s", "soon", "expected a whole number, found 'soon'"),
        ("presenter/interval_s", "100000", "100000 is outside 2–120"),
        ("tour/seen", "garbage", "expected true or false, found 'garbage'"),
    ],
)
def test_a_wrongly_typed_setting_is_ignored_with_a_warning(qtbot, tmp_path, capsys, qapp,
                                                           key, value, why):  # fmt: skip
    from explorer.qt.window.present_actions import DEFAULT_INTERVAL_S, interval_s

    ini = tmp_path / "explorer.ini"
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings.setValue(key, value)
    settings.sync()
    window = _window(qtbot, ini)
    if key.startswith("presenter/"):
        assert interval_s(window) == DEFAULT_INTERVAL_S
    if key.startswith("tour/"):
        from explorer.qt.window.tour import maybe_show_tour

        tour = maybe_show_tour(window)  # a bad "seen" flag counts as not seen
        assert tour is not None
        tour.close()
    assert f"explorer: settings: ignored '{key}': {why}" in capsys.readouterr().err


# -- presentation files are user files too ---------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_presentation_that_is_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "talk.json"
    os.mkfifo(fifo)
    script = (
        "import sys; from explorer.export.presentation import PresentationError, "
        "load_presentation\ntry: load_presentation(sys.argv[1])\n"
        "except PresentationError as exc: print(exc)"
    )
    # In its own process, so that a regression hangs only that process.
    done = subprocess.run([sys.executable, "-c", script, str(fifo)], capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    assert "is a pipe or a device, not a regular file" in done.stdout


def test_a_presentation_nested_200000_deep(tmp_path):
    from explorer.export.presentation import PresentationError, load_presentation

    deep = tmp_path / "talk.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(PresentationError, match="nested too deeply"):
        load_presentation(deep)
