"""Issue 9: a missing or empty corpus is an error naming the folder, for every command.

Before: from another folder ``explorer export events`` wrote an empty FeatureCollection and
exited 0, ``snapshot`` said it could not write, and the GUI opened on an empty map.
"""

from __future__ import annotations

import pytest

from explorer.cli import main

COMMANDS = {
    "check": ["check"],
    "events-geojson": ["export", "events", "-f", "geojson", "-o", "{out}.geojson"],
    "events-csv": ["export", "events", "-f", "csv", "-o", "{out}.csv"],
    "events-kml": ["export", "events", "-f", "kml", "-o", "{out}.kml"],
    "events-timelinejs": ["export", "events", "-f", "timelinejs", "-o", "{out}.json"],
    "places": ["export", "places", "-f", "geojson", "-o", "{out}.geojson"],
    "map": ["export", "map", "-f", "html", "-o", "{out}.html"],
    "snapshot": ["snapshot", "-f", "png", "--dpi", "30", "-o", "{out}.png"],
    "excerpt": ["excerpt", "000_1b84e2d0042d7f4c.txt", "Karabakh"],
    "gui": ["gui"],
}


def _empty_corpus(root):
    """A corpus whose files are all there but hold no events."""
    events = root / "seeds" / "events"
    for path in events.glob("*.yaml"):
        path.write_text("events: []\n", encoding="utf-8")
    return root


@pytest.fixture(params=["no-folder", "no-seeds", "no-events", "empty-events"])
def bad_corpus(request, tmp_path, corpus_copy):
    if request.param == "no-folder":
        return tmp_path / "nowhere", "does not exist"
    if request.param == "no-seeds":
        folder = tmp_path / "plain"
        folder.mkdir()
        return folder, "has no seeds/ folder"
    if request.param == "no-events":
        for path in (corpus_copy / "seeds" / "events").glob("*.yaml"):
            path.unlink()
        return corpus_copy, "missing seeds/events/*.yaml"
    return _empty_corpus(corpus_copy), "has no usable events"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_a_bad_corpus(command, bad_corpus, tmp_path, capsys):
    folder, words = bad_corpus
    if command == "gui" and words == "has no usable events":
        pytest.skip("a new corpus without events yet opens in the window (next test)")
    out = tmp_path / "out" / "result"
    out.parent.mkdir()
    argv = [a.format(out=out) for a in COMMANDS[command]]
    code = main(["--corpus", str(folder), *argv])
    err = capsys.readouterr().err
    assert code != 0
    assert str(folder) in err
    assert words in err
    assert "internal error" not in err
    assert list(out.parent.iterdir()) == []  # never an empty export


def test_the_default_corpus_does_not_depend_on_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EXPLORER_CORPUS", raising=False)
    assert main(["export", "events", "-f", "geojson", "-o", "e.geojson"]) == 0
    assert (tmp_path / "e.geojson").stat().st_size > 10_000


def test_a_broken_basemap_of_a_user_corpus_is_a_message_naming_it(corpus_copy, tmp_path, capsys):
    basemap = corpus_copy / "geodata" / "basemap.geojson"
    basemap.write_text("{not json", encoding="utf-8")
    out = tmp_path / "snap.png"
    code = main(
        ["--corpus", str(corpus_copy), "snapshot", "-f", "png", "--dpi", "30", "-o", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert str(basemap) in err
    assert "internal error" not in err
    assert not out.exists()


def test_a_new_corpus_without_events_opens_in_the_window(corpus_copy, monkeypatch, capsys):
    """Issue 14: `explorer new-corpus DIR` then `explorer --corpus DIR gui` opens the window,
    where File → Add source… brings the first events; exports still refuse it."""
    folder = _empty_corpus(corpus_copy)
    monkeypatch.setenv("EXPLORER_EXIT_AFTER_PAINT", "1")
    assert main(["--corpus", str(folder), "gui"]) == 0
    assert "EXPLORER_FIRST_PAINT" in capsys.readouterr().out
    broken = folder / "seeds" / "events" / "broken.yaml"
    broken.write_text("events:\n  - id: x\n", encoding="utf-8")  # events that fail to load
    assert main(["--corpus", str(folder), "gui"]) == 2
    assert "has no usable events" in capsys.readouterr().err
