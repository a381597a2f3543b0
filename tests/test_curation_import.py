"""Adding sources: each kind of file, made here; bad files with their messages; new corpora."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from explorer.curation import CurationError
from explorer.curation.importing import (
    DuplicateSourceError,
    SourceFileError,
    add_source,
    normalise,
    read_source_file,
)
from explorer.curation.layout import embedded_root, new_corpus
from explorer.data.corpus import load_corpus

HTML = """<!doctype html><html lang="en"><head><title>Talks in Yevlakh | Example News</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-09-21T10:00:00Z"></head>
<body><nav><a href="/">Home</a> · <a href="/world">World</a> · <a href="/login">Log in</a></nav>
<article><h1>Talks in Yevlakh</h1>
<p>Representatives of the Karabakh Armenians met Azerbaijani officials in Yevlakh on Thursday,
two days after the offensive began, the first such talks in years.</p>
<p>The Kremlin said it was closely monitoring the situation. Peskov denied that the Russian
peacekeepers had failed to protect the population of Khankendi.</p></article>
<footer>Subscribe to our newsletter. Cookie settings. © Example News</footer></body></html>
"""

CP1252_TEXT = (
    "Café talks in Yevlakh\n\n"
    "By: Jane Doe, Example News\n\n"
    "Published 21 September 2023\n\n"
    "The delegates’ meeting — a first since the offensive — ended without an agreement, "
    "officials said.\n"
)


@pytest.fixture
def user_corpus(tmp_path):
    return new_corpus(tmp_path / "mine")


def _pdf(path, lines, *, title="Report on the exodus", author="A. Researcher"):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(title)
    c.setAuthor(author)
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def test_new_corpus_has_the_documented_layout_and_loads_clean(tmp_path):
    root = new_corpus(tmp_path / "mine")
    for name in ("seeds/sources.yaml", "seeds/actors.yaml", "seeds/SCHEMA.md",
                 "seeds/events/my-events.yaml", "geodata/places.geojson",
                 "geodata/overlays.geojson", "geodata/basemap.geojson"):  # fmt: skip
        assert (root / name).is_file(), name
    corpus = load_corpus(root)
    assert corpus.problems == []
    assert len(corpus.timeline) == 0
    assert "stepanakert" in corpus.places
    assert "peskov" in corpus.actors


def test_new_corpus_with_events_copies_the_embedded_sources_and_events(tmp_path):
    corpus = load_corpus(new_corpus(tmp_path / "full", with_events=True))
    assert corpus.problems == []
    assert len(corpus.timeline) == len(load_corpus(embedded_root()).timeline)


def test_new_corpus_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    with pytest.raises(CurationError, match="not empty"):
        new_corpus(tmp_path / "x")


def test_the_embedded_corpus_is_never_written_to(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A text long enough to be a source of the corpus, about Stepanakert.\n")
    with pytest.raises(CurationError, match="read-only"):
        add_source(embedded_root(), path)


def test_plain_utf8_text_is_stored_normalised_with_guessed_metadata(user_corpus, tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(
        "Talks in Yevlakh\r\n\r\n\r\nBy: Jane Doe\r\n\r\nOn 21 September 2023   the two "
        "sides\u00a0met.\r\nA second line.   \r\n".encode()
    )
    added = add_source(user_corpus, path)
    stored = (user_corpus / "seeds" / added.id).read_text("utf-8")
    assert stored == (
        "Talks in Yevlakh\n\nBy: Jane Doe\n\nOn 21 September 2023 the two sides met.\n"
        "A second line.\n"
    )
    assert added.meta.title == "Talks in Yevlakh"
    assert added.meta.authors == ["Jane Doe"]
    assert added.meta.published == dt.date(2023, 9, 21)
    corpus = load_corpus(user_corpus)
    assert corpus.problems == []
    assert corpus.sources[added.id].text == stored


def test_cp1252_text_is_detected_and_decoded(user_corpus, tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    added = add_source(user_corpus, path)
    text = load_corpus(user_corpus).sources[added.id].text
    assert "Café" in text
    assert "delegates’ meeting — a first" in text
    assert added.meta.outlet == "Example News"


def test_html_keeps_the_article_and_drops_the_page_furniture(user_corpus, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, "utf-8")
    imported = read_source_file(path)
    assert "met Azerbaijani officials in Yevlakh" in imported.text
    assert "Peskov denied" in imported.text
    for furniture in ("Log in", "Subscribe", "Cookie"):
        assert furniture not in imported.text
    assert imported.meta.title.startswith("Talks in Yevlakh")
    assert imported.meta.authors == ["Jane Doe"]
    assert imported.meta.published == dt.date(2023, 9, 21)
    added = add_source(user_corpus, path, imported=imported)
    assert load_corpus(user_corpus).sources[added.id].published.start == dt.date(2023, 9, 21)


def test_markdown_becomes_the_text_a_reader_sees(user_corpus, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: Convoy reaches Stepanakert\nauthor: Ann Author\ndate: 2023-09-30\n---\n"
        "# Convoy reaches Stepanakert\n\nA **Red Cross** convoy reached "
        "[Stepanakert](https://example.org) on *Saturday*.\n",
        "utf-8",
    )
    imported = read_source_file(path)
    assert "A Red Cross convoy reached Stepanakert on Saturday." in imported.text
    assert "**" not in imported.text
    assert "](" not in imported.text
    assert imported.meta.title == "Convoy reaches Stepanakert"
    assert imported.meta.authors == ["Ann Author"]
    assert imported.meta.published == dt.date(2023, 9, 30)


def test_pdf_text_layer_and_document_information(user_corpus, tmp_path):
    path = _pdf(tmp_path / "report.pdf", [
        "Report on the exodus",
        "Between 24 September and 3 October 2023 more than 100,000 people left",
        "Nagorno-Karabakh for Armenia through the Lachin corridor.",
    ])  # fmt: skip
    imported = read_source_file(path)
    assert "more than 100,000 people left Nagorno-Karabakh for Armenia" in imported.text
    assert imported.meta.title == "Report on the exodus"
    assert imported.meta.authors == ["A. Researcher"]
    added = add_source(user_corpus, path, imported=imported)
    assert load_corpus(user_corpus).problems == []
    assert added.format == "pdf"


def test_a_pdf_without_a_text_layer_is_refused_and_nothing_written(user_corpus, tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 300, fill=1)  # a picture, no text
    c.showPage()
    c.save()
    before = sorted(p.name for p in (user_corpus / "seeds").iterdir())
    with pytest.raises(SourceFileError, match="no text layer"):
        add_source(user_corpus, path)
    assert sorted(p.name for p in (user_corpus / "seeds").iterdir()) == before


def test_empty_binary_and_oversize_files_get_clear_messages(user_corpus, tmp_path, monkeypatch):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n")
    with pytest.raises(SourceFileError, match="has no text"):
        read_source_file(empty)
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(SourceFileError, match="binary|not text"):
        read_source_file(binary)
    import explorer.curation.importing as importing

    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(SourceFileError, match="must be under"):
        read_source_file(big)
    with pytest.raises(SourceFileError, match="no such file"):
        read_source_file(tmp_path / "missing.txt")


def test_the_same_text_added_twice_is_recognised(user_corpus, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Talks in Yevlakh\n\nThe two sides met in Yevlakh on 21 September 2023.\n")
    b = tmp_path / "b.txt"  # the same text once normalised
    b.write_bytes(b"Talks in Yevlakh\r\n\r\nThe two sides  met in Yevlakh on 21 September 2023.")
    first = add_source(user_corpus, a)
    with pytest.raises(DuplicateSourceError) as info:
        add_source(user_corpus, b)
    assert info.value.existing_id == first.id
    assert len(load_corpus(user_corpus).sources) == 1


def test_normalise_is_idempotent():
    text = normalise("A\u00a0 b\r\n\r\n\r\n\tc\u200b d\n")
    assert text == "A b\n\nc d\n"
    assert normalise(text) == text


def _explorer(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_new_corpus_add_source_suggest_check(tmp_path):
    root = tmp_path / "mine"
    out = _explorer("new-corpus", str(root), "--with-events")
    assert out.returncode == 0, out.stderr
    page = tmp_path / "page.html"
    page.write_text(HTML, "utf-8")
    out = _explorer("add-source", str(page), "--corpus", str(root), "--kind", "news")
    assert out.returncode == 0, out.stderr
    source_id = out.stdout.split()[1].rstrip(":")
    again = _explorer("add-source", str(page), "--corpus", str(root))
    assert again.returncode == 1
    assert "already in the corpus as " + source_id in again.stderr
    out = _explorer("suggest", source_id, "--corpus", str(root), "--format", "json")
    assert out.returncode == 0, out.stderr
    import json

    suggestions = json.loads(out.stdout)["suggestions"]
    assert any("stepanakert" in s["places"] for s in suggestions)  # found by "Khankendi"
    assert _explorer("--corpus", str(root), "check").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add-source", "{tmp}/missing.pdf", "--corpus", "{tmp}/mine"], "no such file"),
        (["add-source", "{tmp}/empty.txt", "--corpus", "{tmp}/mine"], "has no text"),
        (["add-source", "{tmp}/empty.txt"], "which corpus?"),
        (["add-source", "{tmp}/empty.txt", "--corpus", "{tmp}"], "not a corpus"),
        (["suggest", "nothing.txt", "--corpus", "{tmp}/mine"], "neither a source"),
        (["new-corpus", "{tmp}/mine"], "not empty"),
    ],
)
def test_cli_bad_input_gets_one_line_and_no_traceback(tmp_path, args, message, monkeypatch):
    monkeypatch.delenv("EXPLORER_CORPUS", raising=False)
    new_corpus(tmp_path / "mine")
    (tmp_path / "empty.txt").write_text("\n")
    out = _explorer(*(a.format(tmp=tmp_path) for a in args))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
