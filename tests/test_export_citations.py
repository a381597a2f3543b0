"""Citations: a pure function for an excerpt, "Copy citation" in the window, CSL-JSON and
BibTeX exports of the sources (issue 12, Citations)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from builders import _excerpt, _source

from explorer import cli
from explorer.domain.dates import DateSpan, Precision
from explorer.export.data.citations import (
    bib_escape,
    bib_key,
    csl_item,
    excerpt_citation,
    sources_to_bibtex,
    sources_to_csl_json,
)

ROOT = Path(__file__).resolve().parents[1]


def test_excerpt_citation_names_the_source_and_where_the_quote_is():
    source = _source()
    excerpt = _excerpt(source, "a ceasefire was agreed in 1994")
    text = excerpt_citation(excerpt)
    assert text == (
        f"Ann Author, “A “test” source”, Test Outlet, 25 September 2023, "
        f"seeds/000_test.txt[{excerpt.start}:{excerpt.end}]"
    )
    # the offsets find the quote again
    start, end = map(int, re.search(r"\[(\d+):(\d+)\]$", text).groups())
    assert source.text[start:end] == excerpt.text


def test_real_corpus_citations(corpus):
    for event in corpus.timeline:
        for excerpt in event.excerpts:
            text = excerpt_citation(excerpt)
            assert f"seeds/{excerpt.source.id}[{excerpt.start}:{excerpt.end}]" in text
            assert excerpt.source.title in text


def test_csl_json_keeps_date_precision_and_names():
    source = _source()
    item = csl_item(source)
    assert item["id"] == "000_test.txt"
    assert item["author"] == [{"family": "Author", "given": "Ann"}]
    assert item["container-title"] == "Test Outlet"
    assert item["issued"] == {"date-parts": [[2023, 9, 25]]}
    month = dataclasses.replace(
        source, published=DateSpan(dt.date(2023, 9, 1), dt.date(2023, 9, 30), Precision.MONTH)
    )
    assert csl_item(month)["issued"] == {"date-parts": [[2023, 9]]}
    about = dataclasses.replace(
        source,
        published=DateSpan(dt.date(2023, 9, 20), dt.date(2023, 9, 30), Precision.APPROXIMATE),
    )
    assert csl_item(about)["issued"]["circa"] is True
    org = dataclasses.replace(source, authors=("OSW Centre for Eastern Studies",))
    assert csl_item(org)["author"] == [{"literal": "OSW Centre for Eastern Studies"}]


def test_bibtex_is_escaped_and_keyed():
    source = dataclasses.replace(_source(), title="50% of {braces} & R_D #1", id="000_a b.txt")
    entry = sources_to_bibtex([source])
    assert "@article{ke-000_a-b," in entry
    assert r"title = {{50\% of \{braces\} \& R\_D \#1}}" in entry
    assert "author = {Author, Ann}" in entry
    assert "date = {2023-09-25}" in entry
    assert bib_escape("a\\b") == r"a\textbackslash{}b"
    assert bib_key(source) == "ke-000_a-b"
    # braces balance in every entry
    depth = 0
    for ch in entry.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
def test_cli_exports_the_sources(tmp_path, corpus, fmt):
    out = tmp_path / f"sources.{fmt}"
    assert cli.main(["--corpus", str(ROOT), "export", "sources", "-f", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "csl-json":
        items = json.loads(text)
        assert {i["id"] for i in items} == set(corpus.sources)
        assert all(i["title"] and i["issued"]["date-parts"] for i in items)
        assert text == sources_to_csl_json(corpus.sources.values())
    else:
        assert text.count("\n@") + text.startswith("@") == len(corpus.sources)
        for source in corpus.sources.values():
            assert f"{{{bib_key(source)}," in text


def test_copy_citation_in_the_source_viewer(qtbot):
    from PySide6.QtGui import QGuiApplication

    from explorer.qt.panels.source_viewer import SourceViewer

    source = _source()
    excerpt = _excerpt(source, "talks in Washington and Brussels in the spring")
    viewer = SourceViewer()
    qtbot.addWidget(viewer)
    viewer.show_excerpt(excerpt)
    QGuiApplication.clipboard().setText("")
    viewer.copy_citation.click()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == excerpt_citation(excerpt))
    assert viewer.copy_citation.text() == "Copy citation"
