"""Issue 15: hostile and careless corpora get `path:line: message`, never a traceback.

Each test reproduces one problem of the issue (it failed before the fix: an internal error,
a hang, a file read from outside the corpus, or a silent `ok`) and pins the message the
user now sees.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_files import ACTORS, EVENT, QUOTE, SOURCES, messages, write_corpus

from explorer.cli import main
from explorer.data.corpus import load_corpus


def _run_cli(capsys, root: Path, *args: str) -> tuple[int, str]:
    code = main(["--corpus", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _no_internal_error(capsys, root: Path, tmp_path: Path) -> str:
    """`check` fails with messages, and every data export still works (warnings only).

    A good second event is added first, so that the exports have something to write; where
    the broken file takes every event down, they stop with the one-line "no usable events".
    """
    code, out = _run_cli(capsys, root, "check")
    assert code == 1, out
    assert "internal error" not in out
    assert "Traceback" not in out
    good = EVENT.replace("id: offensive", "id: good-extra")
    (root / "seeds" / "events" / "zz-good.yaml").write_text(good, encoding="utf-8")
    for what, fmt in (("events", "csv"), ("events", "kml"), ("events", "geojson"),
                      ("events", "timelinejs"), ("places", "geojson")):  # fmt: skip
        target = tmp_path / f"out-{what}.{fmt}"
        code, export_out = _run_cli(capsys, root, "export", what, "-f", fmt, "-o", str(target))
        assert code == 0 or (code == 2 and "has no usable events" in export_out), export_out
        assert "internal error" not in export_out
    return out


def _with_geodata(root: Path, places: str | None = None, overlays: str | None = None) -> Path:
    if places is not None:
        (root / "geodata" / "places.geojson").write_text(places, encoding="utf-8")
    if overlays is not None:
        (root / "geodata" / "overlays.geojson").write_text(overlays, encoding="utf-8")
    return root


PLACE = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.75, 39.81]},
         "properties": {"id": "stepanakert", "kind": "city",
                        "names": {"en": "Stepanakert", "az": "Xankəndi"},
                        "romanized": {"hy": "Stepanakert", "az": "Khankendi"},
                        "contested": True}}  # fmt: skip


def _places(*features: object) -> str:
    body = ",\n".join(json.dumps(f) for f in features)
    return '{"type": "FeatureCollection", "features": [\n' + body + "\n]}\n"


def _with(feature: dict, **props: object) -> dict:
    return {**feature, "properties": {**feature["properties"], **props}}


# -- 1. a wrongly typed value ----------------------------------------------------------------
WRONG_TYPES = {
    "published note a mapping": (
        "sources.yaml", SOURCES.replace("note: From the text.", "note: {when: 2023}"),
        "seeds/sources.yaml:11: source a.txt, published: 'note' must be text, not a mapping",
    ),
    "published note a number": (
        "sources.yaml", SOURCES.replace("note: From the text.", "note: 2023"),
        "seeds/sources.yaml:11: source a.txt, published: 'note' must be text, not a number (2023)",
    ),
    "affiliation a list": (
        "actors.yaml", ACTORS.replace("affiliation: null", "affiliation: [kremlin]"),
        "seeds/actors.yaml:5: actor azerbaijan: 'affiliation' must be an id (lower-case "
        "letters, digits, dashes), not a list",
    ),
    "places holding a list": (
        "events", EVENT.replace("places: [stepanakert]", "places: [[stepanakert]]"),
        "seeds/events/2023.yaml:9: event offensive: 'places' item 1 must be an id (lower-case "
        "letters, digits, dashes), not a list",
    ),
    "actors holding a mapping": (
        "events", EVENT.replace("actors: [azerbaijan]", "actors: [{id: russia}]"),
        "seeds/events/2023.yaml:10: event offensive: 'actors' item 1 must be an id (lower-case "
        "letters, digits, dashes), not a mapping",
    ),
    "excerpts as text": (
        "events", EVENT.split("    excerpts:\n")[0] + '    excerpts: "abc"\n',
        "seeds/events/2023.yaml:11: event offensive: 'excerpts' must be a list of excerpts, "
        "not text",
    ),
    "a complex key": (
        "events", EVENT.replace("    category: military\n",
                                "    category: military\n    ? [a, b]\n    : 1\n"),
        "seeds/events/2023.yaml:9: YAML error: a mapping key must be a plain word, not a list "
        "or a mapping",
    ),
    "topic a number": (
        "events", EVENT + "        topic: 2023\n",
        "seeds/events/2023.yaml:21: event offensive, annotation 0: 'topic' must be an id "
        "(lower-case letters, digits, dashes), not a number (2023)",
    ),
    "topic a list": (
        "events", EVENT + "        topic: [a, b]\n",
        "seeds/events/2023.yaml:21: event offensive, annotation 0: 'topic' must be an id "
        "(lower-case letters, digits, dashes), not a list",
    ),
    "offset true": (
        "events", EVENT.replace("        start: 0\n", "        start: true\n"),
        "seeds/events/2023.yaml:13: event offensive, excerpt 0: 'start' must be a whole number "
        "(a character offset), not true (true/false)",
    ),
    "title of spaces": (
        "events", EVENT.replace("title: Military operation", 'title: "   "'),
        "seeds/events/2023.yaml:3: event offensive: 'title' must not be blank",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", WRONG_TYPES, ids=list(WRONG_TYPES))
def test_a_wrongly_typed_value_is_a_clear_error(tmp_path, capsys, case):
    where, content, expected = WRONG_TYPES[case]
    root = write_corpus(tmp_path)
    target = root / "seeds" / ("events/2023.yaml" if where == "events" else where)
    target.write_text(content, encoding="utf-8")
    assert expected in messages(root)
    out = _no_internal_error(capsys, root, tmp_path)
    assert expected in out


def test_a_bad_record_is_dropped_alone(tmp_path):
    """The badly typed event is left out; the rest of the file still loads."""
    second = EVENT.split("events:\n", 1)[1].replace("id: offensive", "id: second")
    broken = EVENT.replace("places: [stepanakert]", "places: [[stepanakert]]") + second
    corpus = load_corpus(write_corpus(tmp_path, broken))
    assert [e.id for e in corpus.timeline] == ["second"]
    assert len(corpus.problems) == 1


GEO_WRONG_TYPES = {
    "feature a string": (
        ["not a feature", PLACE],
        "geodata/places.geojson:2: place ?: each feature must be a GeoJSON Feature, not text",
    ),
    "properties a list": (
        [{**PLACE, "properties": ["stepanakert"]}],
        "geodata/places.geojson:2: place ?: 'properties' must be a mapping, not a list",
    ),
    "romanized a list": (
        [_with(PLACE, romanized=["Stepanakert"])],
        "geodata/places.geojson:2: place 'stepanakert': 'romanized' must map language codes "
        "to names, not a list",
    ),
    "within a list": (
        [_with(PLACE, within=["nagorno-karabakh"])],
        "geodata/places.geojson:2: place 'stepanakert': 'within' must be an id (lower-case "
        "letters, digits, dashes), not a list",
    ),
    "a NaN coordinate": (
        [{**PLACE, "geometry": {"type": "Point", "coordinates": [float("nan"), 39.8]}}],
        "geodata/places.geojson:2: place 'stepanakert': a coordinate is nan",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", GEO_WRONG_TYPES, ids=list(GEO_WRONG_TYPES))
def test_a_wrongly_typed_place_is_a_clear_error(tmp_path, capsys, case):
    features, expected = GEO_WRONG_TYPES[case]
    root = _with_geodata(write_corpus(tmp_path), places=_places(*features))
    assert expected in messages(root)
    _no_internal_error(capsys, root, tmp_path)


@pytest.mark.parametrize("name", ["places.geojson", "overlays.geojson"])
def test_json_nested_200000_deep(tmp_path, capsys, name):
    root = write_corpus(tmp_path)
    (root / "geodata" / name).write_text("[" * 200_000 + "]" * 200_000)
    found = messages(root)
    assert any(m.startswith(f"geodata/{name}: invalid JSON: nested too deeply") or
               m.startswith(f"geodata/{name}: JSON nested deeper") for m in found), found  # fmt: skip
    _no_internal_error(capsys, root, tmp_path)


# -- 4. source ids that leave the corpus -----------------------------------------------------
@pytest.mark.parametrize("ident", ["../../../etc/passwd", "/etc/passwd", "..", "a/../a.txt"])
def test_a_source_id_cannot_name_a_file_outside_seeds(tmp_path, capsys, ident):
    root = write_corpus(tmp_path)
    sources = root / "seeds" / "sources.yaml"
    sources.write_text(SOURCES.replace("id: a.txt", f"id: {ident!r}"))
    found = messages(root)
    assert f"seeds/sources.yaml:2: source {ident}: 'id' {ident!r} is not a plain file name in " \
           "seeds/ (letters, digits, '.', '_' and '-'; no folders)" in found  # fmt: skip
    corpus = load_corpus(root)
    assert corpus.sources == {}
    assert all("root:" not in s.text for s in corpus.sources.values())
    _no_internal_error(capsys, root, tmp_path)


def test_a_symlink_out_of_seeds_is_not_read(tmp_path, capsys):
    root = write_corpus(tmp_path)
    (root / "seeds" / "a.txt").unlink()
    (root / "seeds" / "a.txt").symlink_to("/etc/passwd")
    found = messages(root)
    assert "seeds/a.txt: leads outside the corpus folder (to /etc/passwd); not read" in found
    assert load_corpus(root).sources == {}


# -- 5. YAML aliases -------------------------------------------------------------------------
def test_yaml_aliases_are_refused(tmp_path, capsys):
    laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        laughs.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    root = write_corpus(tmp_path)
    (root / "seeds" / "actors.yaml").write_text(ACTORS + "\n".join(laughs) + "\n")
    found = messages(root)
    assert "seeds/actors.yaml:6: YAML error: YAML anchors and aliases (&name, *name) are not " \
           "allowed in a corpus; this anchored value is reused by an alias" in found  # fmt: skip
    _no_internal_error(capsys, root, tmp_path)


def test_yaml_merge_keys_are_refused(tmp_path):
    root = write_corpus(tmp_path)
    (root / "seeds" / "actors.yaml").write_text(ACTORS + "x:\n  <<: {a: 1}\n")
    assert "seeds/actors.yaml:7: YAML error: YAML merge keys (<<) are not allowed in a " \
           "corpus" in messages(root)  # fmt: skip


# -- 6. overlays.geojson ---------------------------------------------------------------------
OVERLAY = {"type": "Feature",
           "geometry": {"type": "Polygon", "coordinates": [[[46.5, 39.7], [46.9, 39.7],
                                                            [46.9, 40.0], [46.5, 39.7]]]},
           "properties": {"id": "test-area", "name": "A test area", "kind": "control-area",
                          "valid_from": "1994-05-12", "valid_to": "2020-11-10",
                          "source": "test", "accuracy_m": 1000, "approximate": True,
                          "held_by": "Someone"}}  # fmt: skip
OVERLAY_PROBLEMS = {
    "corrupt JSON": (
        '{"type": "FeatureCollection", "features": [\n{"type": "Feature",,}\n]}\n',
        "geodata/overlays.geojson:2: invalid JSON: Expecting property name enclosed in double "
        "quotes",
    ),
    "NaN vertex": (
        _places({**OVERLAY, "geometry": {"type": "Polygon", "coordinates": [
            [[46.5, 39.7], [float("nan"), 39.7], [46.9, 40.0], [46.5, 39.7]]]}}),
        "geodata/overlays.geojson:2: overlay 'test-area': a coordinate is nan",
    ),
    "open ring": (
        _places({**OVERLAY, "geometry": {"type": "Polygon", "coordinates": [
            [[46.5, 39.7], [46.9, 39.7], [46.9, 40.0], [46.6, 39.8]]]}}),
        "geodata/overlays.geojson:2: overlay 'test-area': a ring must end where it starts",
    ),
    "unknown geometry": (
        _places({**OVERLAY, "geometry": {"type": "Circle", "coordinates": [46.5, 39.7]}}),
        "geodata/overlays.geojson:2: overlay 'test-area': geometry type 'Circle' is not one of",
    ),
    "missing properties": (
        _places({**OVERLAY, "properties": {"id": "test-area", "kind": "lake"}}),
        "geodata/overlays.geojson:2: overlay 'test-area': missing name, source, accuracy_m",
    ),
    "bad date": (
        _places(_with(OVERLAY, valid_to="2020-13-01")),
        "geodata/overlays.geojson:2: overlay 'test-area': a date is not an ISO date",
    ),
    "year 9999": (
        _places(_with(OVERLAY, valid_to="9999-12-31")),
        "geodata/overlays.geojson:2: overlay 'test-area': 'valid_to' 9999-12-31 is outside the "
        "years 1000–2999",
    ),
    "accuracy as text": (
        _places(_with(OVERLAY, accuracy_m="far")),
        "geodata/overlays.geojson:2: overlay 'test-area': 'accuracy_m' must be a number, not text",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", OVERLAY_PROBLEMS, ids=list(OVERLAY_PROBLEMS))
def test_overlays_are_checked(tmp_path, capsys, case):
    content, expected = OVERLAY_PROBLEMS[case]
    root = _with_geodata(write_corpus(tmp_path), overlays=content)
    found = messages(root)
    assert any(m.startswith(expected) for m in found), found
    _no_internal_error(capsys, root, tmp_path)


def test_good_overlays_pass_check(tmp_path):
    root = _with_geodata(write_corpus(tmp_path), overlays=_places(OVERLAY))
    assert messages(root) == []


def test_a_nan_vertex_never_reaches_the_web_map(tmp_path):
    from explorer.export.web.basemap import load_overlays

    nan = {
        **OVERLAY,
        "geometry": {"type": "LineString", "coordinates": [[46.5, 39.7], [float("nan"), 40]]},
    }
    nan["properties"] = {**OVERLAY["properties"], "id": "nan-line"}
    root = _with_geodata(write_corpus(tmp_path), overlays=_places(OVERLAY, nan))
    assert [f["properties"]["id"] for f in load_overlays(root / "geodata")] == ["test-area"]


def test_a_corpus_without_overlays_does_not_borrow_the_embedded_ones(tmp_path):
    from explorer.data.geo import load_map_layers

    root = write_corpus(tmp_path / "corpus")
    layers = load_map_layers(root)
    assert layers.overlays == []
    assert set(layers.places) == {"stepanakert"}
    _with_geodata(root, overlays=_places(OVERLAY))
    layers = load_map_layers(root)
    assert [o.id for o in layers.overlays] == ["test-area"]


def test_the_scene_of_another_corpus_has_only_its_own_overlays(tmp_path, qapp):
    from explorer.domain.state import AppState
    from explorer.render.scene import build_map_scene

    root = write_corpus(tmp_path)
    corpus = load_corpus(root)
    scene = build_map_scene(AppState(corpus.timeline), corpus)
    assert scene.layers.overlays == []


# -- 7. dates out of range -------------------------------------------------------------------
@pytest.mark.parametrize("precision", ["range", "approximate"])
def test_a_date_in_december_9999(tmp_path, capsys, precision):
    broken = EVENT.replace("end: 2023-09-20", "end: 9999-12-31").replace(
        "precision: range", f"precision: {precision}"
    )
    root = write_corpus(tmp_path, broken)
    assert messages(root) == [
        "seeds/events/2023.yaml:6: event offensive: 'end' 9999-12-31 is outside the years 1000–2999"
    ]
    _no_internal_error(capsys, root, tmp_path)


def test_a_publication_date_in_year_999(tmp_path):
    root = write_corpus(tmp_path)
    (root / "seeds" / "sources.yaml").write_text(SOURCES.replace("2023-10-01", "0999-10-01"))
    assert "seeds/sources.yaml:9: source a.txt, published: 'start' 0999-10-01 is outside the " \
           "years 1000–2999" in messages(root)  # fmt: skip


# -- 8. control characters and lone surrogates -----------------------------------------------
@pytest.mark.parametrize(
    ("escape", "code"), [("\\0", "U+0000"), ("\\e", "U+001B"), ("\\x07", "U+0007"),
                         ("\\x9b", "U+009B")],
)  # fmt: skip
def test_control_characters_in_text_are_rejected(tmp_path, capsys, escape, code):
    broken = EVENT.replace("title: Military operation", f'title: "Military{escape} operation"')
    root = write_corpus(tmp_path, broken)
    assert messages(root) == [
        f"seeds/events/2023.yaml:3: event offensive: 'title' contains a control character "
        f"({code}) at position 8"
    ]
    _no_internal_error(capsys, root, tmp_path)


def test_a_raw_nul_byte_names_its_line(tmp_path):
    broken = EVENT.replace("title: Military operation", "title: Military\x00operation")
    root = write_corpus(tmp_path, broken)
    (message,) = messages(root)
    assert message.startswith(
        "seeds/events/2023.yaml:3: YAML error: a control character (U+0000) is not allowed"
    )


def test_a_lone_surrogate_in_a_place_name(tmp_path, capsys):
    place = json.dumps(_with(PLACE, names={"en": "Stepanakert", "hy": "x"})).replace(
        '"hy": "x"', '"hy": "\\ud800"'
    )
    root = _with_geodata(write_corpus(tmp_path), places=_places(json.loads(place)))
    assert messages(root)[0] == (
        "geodata/places.geojson:2: place 'stepanakert': 'names' 'hy' contains a lone surrogate "
        "(U+D800) at position 0"
    )
    _no_internal_error(capsys, root, tmp_path)


# -- 9. files that are not files -------------------------------------------------------------
def _check_in_subprocess(root: Path) -> subprocess.CompletedProcess:
    """`explorer check` in its own process, so that a regression hangs only that process."""
    return subprocess.run(
        [sys.executable, "-m", "explorer", "--corpus", str(root), "check"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "EXPLORER_DEBUG": ""},
    )  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("where", ["seeds/events/fifo.yaml", "seeds/a.txt",
                                   "geodata/overlays.geojson"])  # fmt: skip
def test_a_fifo_does_not_hang(tmp_path, where):
    root = write_corpus(tmp_path)
    (root / where).unlink(missing_ok=True)
    os.mkfifo(root / where)
    done = _check_in_subprocess(root)
    assert done.returncode == 1
    assert f"{where}: is a pipe or a device, not a regular file; not read" in done.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_symlink_to_dev_zero_is_not_read(tmp_path):
    root = write_corpus(tmp_path)
    (root / "seeds" / "events" / "zero.yaml").symlink_to("/dev/zero")
    done = _check_in_subprocess(root)
    assert done.returncode == 1
    assert "seeds/events/zero.yaml: leads outside the corpus folder (to /dev/zero)" in done.stdout


def test_a_huge_file_is_not_read(tmp_path):
    from explorer.data.yaml_lines import MAX_FILE_BYTES

    root = write_corpus(tmp_path)
    with (root / "seeds" / "a.txt").open("r+b") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    found = messages(root)
    assert f"seeds/a.txt: is too large ({MAX_FILE_BYTES + 1:,} bytes; the limit is " \
           f"{MAX_FILE_BYTES:,}); not read" in found  # fmt: skip


def test_a_folder_where_a_file_should_be(tmp_path):
    root = write_corpus(tmp_path)
    (root / "seeds" / "sources.yaml").unlink()
    (root / "seeds" / "sources.yaml").mkdir()
    assert "seeds/sources.yaml: is a folder, not a regular file; not read" in messages(root)


# -- 11. ids and terminal escapes ------------------------------------------------------------
def test_an_id_with_terminal_escapes_never_reaches_the_terminal_raw(tmp_path, capsys):
    broken = EVENT.replace("id: offensive", 'id: "evil\\e]0;pwned\\a\\e[2J"')
    root = write_corpus(tmp_path, broken)
    code, out = _run_cli(capsys, root, "check")
    assert code == 1
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "event evil\\x1b]0;pwned\\x07\\x1b[2J: 'id' 'evil\\x1b]0;pwned\\x07\\x1b[2J' is not " \
           "an id (lower-case letters, digits and dashes only)" in out  # fmt: skip


@pytest.mark.parametrize("ident", ["Offensive", "off ensive", "off/ensive", "-x", "é"])
def test_ids_are_lower_case_slugs(tmp_path, ident):
    broken = EVENT.replace("id: offensive", f"id: {json.dumps(ident)}")
    (message,) = messages(write_corpus(tmp_path, broken))
    assert "is not an id (lower-case letters, digits and dashes only)" in message


def test_quote_with_a_control_character_is_rejected(tmp_path):
    text = QUOTE + "\x1b[31m red\n"
    root = write_corpus(tmp_path, text=text.encode())
    broken = EVENT.replace(f"end: {len(QUOTE)}", f"end: {len(QUOTE) + 9}").replace(
        f'quote: "{QUOTE}"', f'quote: "{QUOTE}\\e[31m red"'
    )
    (root / "seeds" / "events" / "2023.yaml").write_text(broken)
    (message,) = messages(root)
    assert "'quote' contains a control character (U+001B)" in message


# -- the slow paths: web map, snapshot and the window, on the worst of the corpora above ------
SLOW_CASES = {
    "year 9999": lambda root: (root / "seeds" / "events" / "2023.yaml").write_text(
        EVENT + EVENT.split("events:\n", 1)[1].replace("id: offensive", "id: later")
        .replace("end: 2023-09-20", "end: 9999-12-31")
    ),
    "NaN overlay vertex": lambda root: _with_geodata(root, overlays=_places(
        OVERLAY, {**OVERLAY, "properties": {**OVERLAY["properties"], "id": "nan-area"},
                  "geometry": {"type": "Polygon", "coordinates": [
                      [[46.5, 39.7], [float("nan"), 39.7], [46.9, 40.0], [46.5, 39.7]]]}})),
    "topic a list": lambda root: (root / "seeds" / "events" / "2023.yaml").write_text(
        EVENT + "        topic: [a, b]\n" + EVENT.split("events:\n", 1)[1]
        .replace("id: offensive", "id: later")
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", SLOW_CASES, ids=list(SLOW_CASES))
def test_web_map_snapshot_and_window_survive(tmp_path, capsys, qtbot, case):
    from PySide6.QtCore import QSettings

    from explorer.qt.window.main_window import MainWindow

    root = write_corpus(tmp_path / "corpus")
    SLOW_CASES[case](root)
    html = tmp_path / "map.html"
    code, out = _run_cli(capsys, root, "export", "map", "-f", "html", "-o", str(html))
    assert code == 0, out
    page = html.read_text(encoding="utf-8")
    assert not re.search(r"[\[,]\s*NaN\b", page)  # no NaN coordinate (Leaflet: "Invalid LatLng")
    assert "nan-area" not in page
    png = tmp_path / "snap.png"
    code, out = _run_cli(capsys, root, "snapshot", "-f", "png", "--dpi", "40", "-o", str(png))
    assert code == 0, out
    assert "internal error" not in out
    corpus = load_corpus(root)
    assert corpus.problems
    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    window = MainWindow(corpus, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for event in corpus.timeline:
        window.state.select(event.id)
        assert event.title in window.details.browser.toPlainText()


# -- the fields of issue 13 (their meaning is checked in evidence.py; their types here) -------
NEW_FIELDS = {
    "a side holding a name": (
        "    sides: [[Azerbaijan], []]\n",
        "seeds/events/2023.yaml:11: event offensive: 'sides' item 1 item 1 'Azerbaijan' is not "
        "an id (lower-case letters, digits and dashes only)",
    ),
    "sides a mapping": (
        "    sides: {a: [azerbaijan]}\n",
        "seeds/events/2023.yaml:11: event offensive: 'sides' must be a list of sides (each an "
        "actor id or a list of them), not a mapping",
    ),
    "date_basis a list": (
        "    date_basis: [outside]\n",
        "seeds/events/2023.yaml:11: event offensive: 'date_basis' must be text, not a list",
    ),
    "reviewed in year 9999": (
        "    reviewed: {date: 9999-12-31, checked: [dates]}\n",
        "seeds/events/2023.yaml:11: event offensive, reviewed: 'date' 9999-12-31 is outside the "
        "years 1000–2999",
    ),
    "reviewed checked text": (
        "    reviewed: {date: 2026-11-29, checked: dates}\n",
        "seeds/events/2023.yaml:11: event offensive, reviewed: 'checked' must be a list of "
        "checks, not text",
    ),
    "distinct_from text": (
        "    distinct_from: other-event\n",
        "seeds/events/2023.yaml:11: event offensive: 'distinct_from' must be a list of ids, "
        "not text",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", NEW_FIELDS, ids=list(NEW_FIELDS))
def test_the_new_event_fields_are_typed(tmp_path, case):
    line, expected = NEW_FIELDS[case]
    broken = EVENT.replace("    excerpts:\n", line + "    excerpts:\n")
    assert messages(write_corpus(tmp_path, broken)) == [expected]


def test_source_voices_are_ids(tmp_path):
    root = write_corpus(tmp_path)
    (root / "seeds" / "sources.yaml").write_text(SOURCES + "    voices: [Brussels Morning]\n")
    assert messages(root)[0] == (
        "seeds/sources.yaml:12: source a.txt: 'voices' item 1 'Brussels Morning' is not an id "
        "(lower-case letters, digits and dashes only)"
    )


def test_topic_ids_are_ids(tmp_path):
    root = write_corpus(tmp_path)
    (root / "seeds" / "topics.yaml").write_text("topics:\n  - id: [a]\n    title: T\n")
    assert messages(root) == [
        "seeds/topics.yaml:2: topic ?: 'id' must be an id (lower-case letters, digits, dashes), "
        "not a list"
    ]


def test_yaml_keys_are_the_text_written():
    """YAML 1.1 reads `on:` as true: `reviewed: {on: …}` would lose its key."""
    import yaml

    from explorer.data.yaml_lines import _LineLoader

    data = yaml.load("reviewed: {on: 2026-11-29, yes: 1, 2023: x}\n", Loader=_LineLoader)  # noqa: S506
    assert list(data["reviewed"]) == ["on", "yes", "2023"]
