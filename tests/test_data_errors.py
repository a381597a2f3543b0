"""Bad input gets a clear `path:line: message`, never a traceback, and good records survive."""

from __future__ import annotations

import textwrap

import pytest
from corpus_files import EVENT, QUOTE, SECOND, messages, write_corpus

from explorer.cli import main
from explorer.data.corpus import load_corpus


def test_a_good_corpus_loads_without_problems(tmp_path, capsys):
    corpus = load_corpus(write_corpus(tmp_path))
    assert corpus.problems == []
    event = corpus.timeline.get("offensive")
    assert event.excerpts[0].text == QUOTE
    assert event.annotations[0].actor.name == "Azerbaijan"
    assert main(["--corpus", str(tmp_path), "check"]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 sources, 1 events, 1 excerpts")


def test_malformed_yaml_reports_file_and_line(tmp_path):
    broken = EVENT.replace("    precision: range\n", "    precision: range\n  bad indent: [\n")
    (problem,) = load_corpus(write_corpus(tmp_path, broken)).problems
    assert problem.path.name == "2023.yaml"
    assert problem.line == 8  # the stray key, where the block collection breaks
    assert problem.message.startswith("YAML syntax error: while parsing a block collection")


def test_excerpt_not_in_its_source(tmp_path):
    broken = EVENT.replace(f'quote: "{QUOTE}"', 'quote: "Azerbaijan’s military operation ended"')
    assert messages(write_corpus(tmp_path, broken)) == [
        "seeds/events/2023.yaml:13: event offensive, excerpt 0: quote is not verbatim at "
        f"[0:{len(QUOTE)}] of a.txt; the quote does not occur in the source at all"
    ]


def test_shifted_offsets_get_a_hint_with_the_right_ones(tmp_path):
    broken = EVENT.replace("start: 0\n", "start: 1\n").replace(f"end: {len(QUOTE)}", "end: 56")
    (message,) = messages(write_corpus(tmp_path, broken))
    assert f"the quote is at start: 0, end: {len(QUOTE)}" in message


def test_unknown_place_and_actor(tmp_path):
    broken = EVENT.replace("places: [stepanakert]", "places: [khankendi]").replace(
        "actors: [azerbaijan]", "actors: [azerbaijn]"
    )
    assert messages(write_corpus(tmp_path, broken)) == [
        "seeds/events/2023.yaml:9: event offensive: unknown place 'khankendi' in 'places'",
        "seeds/events/2023.yaml:10: event offensive: unknown actor 'azerbaijn' in 'actors'",
    ]


def test_impossible_date(tmp_path):
    broken = EVENT.replace("end: 2023-09-20", "end: 2023-02-30")
    (message,) = messages(write_corpus(tmp_path, broken))
    assert message.startswith("seeds/events/2023.yaml:6: event offensive: ")
    assert "'2023-02-30' is not a real calendar date" in message


def test_end_before_start(tmp_path):
    broken = EVENT.replace("end: 2023-09-20", "end: 2023-09-01")
    assert messages(write_corpus(tmp_path, broken)) == [
        "seeds/events/2023.yaml:6: event offensive: end 2023-09-01 is before start 2023-09-19"
    ]


def test_missing_seed_file_is_reported_once_with_what_it_cost(tmp_path):
    root = write_corpus(tmp_path, EVENT + SECOND)
    (root / "seeds" / "a.txt").unlink()
    assert messages(root) == [
        "seeds/a.txt: file not found",
        "seeds/sources.yaml:2: source a.txt: its text file a.txt is missing or unreadable",
        "seeds/sources.yaml:2: source a.txt: 2 excerpt(s) in 2 event(s) cite this unreadable "
        "text and were left out; events with no other excerpt are missing: offensive, second",
    ]


def test_a_bad_excerpt_does_not_sink_an_event_with_a_good_one(tmp_path):
    extra = (
        '      - source: a.txt\n        start: 0\n        end: 12\n        quote: "Azerbaijan’s"\n'
    )
    broken = EVENT.replace(f'quote: "{QUOTE}"', 'quote: "not in the text"\n' + extra.rstrip())
    corpus = load_corpus(write_corpus(tmp_path, broken))
    event = corpus.timeline.get("offensive")
    assert [x.text for x in event.excerpts] == ["Azerbaijan’s"]
    assert event.annotations == ()  # its annotation cites the bad excerpt: left out with it
    assert len(corpus.problems) == 1


def test_file_that_is_not_utf8(tmp_path):
    root = write_corpus(tmp_path, text=b"line one\nAzerbaijan\xe2\x80 broken\n")
    found = messages(root)
    assert found[0].startswith("seeds/a.txt:2: not valid UTF-8")


def test_one_bad_event_does_not_hide_the_others(tmp_path):
    broken = EVENT.replace("places: [stepanakert]", "places: [nowhere]") + SECOND
    corpus = load_corpus(write_corpus(tmp_path, broken))
    assert [e.id for e in corpus.timeline] == ["second"]
    assert len(corpus.problems) == 1


def test_duplicate_ids(tmp_path):
    twice = EVENT + EVENT.split("events:\n", 1)[1]
    found = messages(write_corpus(tmp_path, twice))
    assert found == ["seeds/events/2023.yaml:21: event offensive: duplicate event id 'offensive'"]


def test_annotation_needs_a_real_excerpt_and_role(tmp_path):
    broken = EVENT.replace("role: did", "role: decreed").replace("excerpt: 0", "excerpt: 3")
    found = messages(write_corpus(tmp_path, broken))
    assert any(":18: " in m and "'role' is 'decreed'" in m for m in found)
    assert any(":20: " in m and "'excerpt' must index" in m for m in found)


def test_check_prints_path_line_messages_and_exits_1(tmp_path, capsys):
    broken = EVENT.replace("places: [stepanakert]", "places: [nowhere]")
    root = write_corpus(tmp_path, broken)
    assert main(["--corpus", str(root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{root}/seeds/events/2023.yaml:9: event offensive: unknown place "
                   "'nowhere' in 'places'"]  # fmt: skip


def test_gazetteer_errors_name_the_feature_line(tmp_path):
    root = write_corpus(tmp_path)
    path = root / "geodata" / "places.geojson"
    path.write_text(path.read_text().replace("[46.75, 39.81]", "[246.75, 39.81]"))
    assert "geodata/places.geojson:2: place 'stepanakert': [246.75, 39.81] is not a WGS84 " \
           "lon/lat" in messages(root)  # fmt: skip


@pytest.mark.parametrize("name", ["sources.yaml", "actors.yaml"])
def test_wrong_top_level_shape(tmp_path, name):
    root = write_corpus(tmp_path)
    (root / "seeds" / name).write_text(textwrap.dedent("- just\n- a list\n"))
    assert f"seeds/{name}:1: expected a top-level" in messages(root)[0]


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    """PyYAML gives up far below an unclosed quote; the report names the line that opened it."""
    line = f'        quote: "{QUOTE}"'
    broken = EVENT.replace(line, line[:-1])  # the closing quote forgotten
    opened = broken.splitlines().index(line[:-1]) + 1
    (problem,) = load_corpus(write_corpus(tmp_path, broken)).problems
    assert problem.path.name == "2023.yaml"
    assert problem.line == opened
    assert problem.message.startswith(
        "YAML syntax error: a quoted string opened here is never closed (found the problem at line"
    )
    found = int(problem.message.rsplit("line ", 1)[1].rstrip(")"))
    assert found > opened


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_libyaml_and_python_marks_give_the_same_report(loader):
    import yaml

    from explorer.data.yaml_lines import syntax_error

    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML built without {loader}")
    text = 'a: 1\nb: "never closed\n' + "c: 2\n" * 8
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=getattr(yaml, loader))  # noqa: S506 - safe loaders only
    assert syntax_error(caught.value) == (
        2,
        "a quoted string opened here is never closed (found the problem at line 11)",
    )
