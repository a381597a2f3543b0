"""Turn a file (plain text, Markdown, HTML, PDF) into a source of the corpus.

The text is extracted and normalised **once** (:func:`normalise`) and stored as the source's
``.txt``; every excerpt's offsets index that stored text forever after, so it is never
re-extracted. What the file says about itself (title, author, date) fills a
:class:`SourceMeta` that the user confirms or corrects.

Libraries: ``charset-normalizer`` detects the encoding of text that is not UTF-8,
``trafilatura`` extracts an HTML page's article text and metadata (not the menus, footers and
cookie banners), ``pypdf`` reads a PDF's text layer and document information.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from explorer.curation import CurationError

# A newspaper article is ~5–50 kB of text; a 300-page report as PDF a few MB. Past this the
# file is almost certainly not one source (or not text at all).
MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
MIN_TEXT_CHARS = 40

SOURCE_KINDS = ("news", "analysis", "opinion", "explainer")
FORMATS = ("text", "markdown", "html", "pdf")


class SourceFileError(CurationError):
    """The file cannot become a source; nothing was written."""


class DuplicateSourceError(CurationError):
    """The same text is already a source of the corpus."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(f"the same text is already in the corpus as {existing_id}")
        self.existing_id = existing_id


@dataclass
class SourceMeta:
    """A source's metadata as guessed from the file, for the user to confirm."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    outlet: str = ""
    language: str = "en"
    kind: str = "news"
    published: dt.date | None = None
    published_end: dt.date | None = None
    precision: str = "day"
    note: str = ""
    found: dict[str, str] = field(default_factory=dict)  # field → where it was found

    def entry(self, source_id: str) -> dict[str, Any]:
        """The ``sources.yaml`` entry; raises :class:`CurationError` without a date."""
        if self.published is None:
            raise CurationError("the publication date is missing: give it with --date YYYY-MM-DD")
        if self.kind not in SOURCE_KINDS:
            raise CurationError(f"kind {self.kind!r}: use one of {', '.join(SOURCE_KINDS)}")
        published: dict[str, Any] = {
            "start": self.published,
            "precision": self.precision,
            "note": self.note,
        }
        if self.published_end and self.published_end != self.published:
            published["end"] = self.published_end
        return {
            "id": source_id,
            "title": self.title or "(untitled)",
            "authors": list(self.authors),
            "outlet": self.outlet,
            "language": self.language or "en",
            "kind": self.kind,
            "published": published,
        }


@dataclass
class ImportedText:
    text: str  # normalised: what will be stored
    meta: SourceMeta
    format: str
    encoding: str = "utf-8"

    @property
    def digest(self) -> str:
        return text_digest(self.text)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- normalising -----------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str, *, join_lines: bool = False) -> str:
    """The one normalisation applied to every imported text, before it is stored.

    Unicode NFC; line ends ``\\n``; control characters and zero-width spaces dropped; runs
    of spaces (including no-break and other Unicode spaces) become one space; lines stripped;
    at most one blank line between paragraphs; one final newline. Quotes, dashes and
    apostrophes are kept as they are: excerpts quote them verbatim. With ``join_lines``
    (PDF), lines within a paragraph are joined and words hyphenated across a line break
    are mended.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    blocks = []
    for para in paragraphs:
        if not para:
            continue
        if join_lines:
            joined = para[0]
            for line in para[1:]:
                if re.search(r"[a-z]-$", joined) and line[:1].islower():
                    joined = joined[:-1] + line
                else:
                    joined = f"{joined} {line}"
            blocks.append(joined)
        else:
            blocks.append("\n".join(para))
    return "\n\n".join(blocks) + "\n" if blocks else ""


# -- decoding --------------------------------------------------------------------------------
def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Bytes → (text, encoding): UTF-8 if it is, else what ``charset-normalizer`` detects."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SourceFileError(f"{name} is not text in any encoding I recognise (binary data?)")
    return str(best), best.encoding


# -- reading each format ---------------------------------------------------------------------
def sniff_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    lowered = head[:2048].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    return "text"


def read_source_file(path: Path | str) -> ImportedText:
    """Read ``path`` as a source: its normalised text and what it says about itself.

    Raises :class:`SourceFileError` with a message for the user when the file is missing,
    too large, empty, binary, or a PDF without a text layer.
    """
    path = Path(path)
    if not path.is_file():
        raise SourceFileError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceFileError(
            f"{path.name} is {size / 1e6:.0f} MB; a source must be under "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB (split a long report into its chapters)"
        )
    data = path.read_bytes()
    fmt = sniff_format(path, data[:4096])
    if fmt == "pdf":
        imported = _read_pdf(path, data)
    elif fmt == "html":
        imported = _read_html(path, data)
    else:
        text, encoding = decode(data, path.name)
        if "\x00" in text[:4096]:
            raise SourceFileError(f"{path.name} looks like binary data, not text")
        if fmt == "markdown":
            imported = _read_markdown(text)
        else:
            imported = ImportedText(normalise(text), guess_text_meta(normalise(text)), "text")
        imported.encoding = encoding
    if len(imported.text.strip()) < MIN_TEXT_CHARS:
        what = (
            "no text layer (a scanned PDF? run OCR on it first)"
            if fmt == "pdf"
            else ("no article text" if fmt == "html" else "no text")
        )
        raise SourceFileError(f"{path.name} has {what}: nothing was added")
    if len(imported.text) > MAX_TEXT_CHARS:
        raise SourceFileError(
            f"{path.name} holds {len(imported.text):,} characters of text; a source must "
            f"hold under {MAX_TEXT_CHARS:,} (split it)"
        )
    if imported.meta.published is None:
        imported.meta = replace(imported.meta, **_fallback_date(path))
    return imported


def _fallback_date(path: Path) -> dict[str, Any]:
    day = dt.date.fromtimestamp(path.stat().st_mtime)
    return {
        "published": day,
        "precision": "approximate",
        "note": (
            f"No date in the file; {day.isoformat()} is the file's modification date. "
            "Replace it with the publication date and say how it was found."
        ),
        "found": {},
    }


def _read_html(path: Path, data: bytes) -> ImportedText:
    import trafilatura

    html, encoding = decode(data, path.name)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        raise SourceFileError(f"{path.name} has no article text: nothing was added")
    info = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (info.get("text") or "").replace("\n", "\n\n")
    text = normalise(body)
    meta = guess_text_meta(text)
    found: dict[str, str] = {}
    if info.get("title"):
        meta.title = info["title"]
        found["title"] = "the page's title"
    if info.get("author"):
        meta.authors = [a.strip() for a in re.split(r";|\band\b", info["author"]) if a.strip()]
        found["authors"] = "the page's author metadata"
    if info.get("sitename"):
        meta.outlet = info["sitename"]
        found["outlet"] = "the page's site name"
    if info.get("language"):
        meta.language = str(info["language"])[:2]
    if info.get("date"):
        try:
            meta.published = dt.date.fromisoformat(str(info["date"])[:10])
            meta.precision = "day"
            meta.note = f"The page's metadata gives {meta.published.isoformat()}."
            found["published"] = "the page's date metadata"
        except ValueError:
            pass
    meta.found.update(found)
    return ImportedText(text, meta, "html", encoding)


def _read_pdf(path: Path, data: bytes) -> ImportedText:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise SourceFileError(f"{path.name} is encrypted: {exc}") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise SourceFileError(f"{path.name} is not a readable PDF ({exc})") from None
    text = normalise("\n\n".join(pages), join_lines=True)
    meta = guess_text_meta(text)
    info: Any = reader.metadata
    if info is not None and info.title:
        meta.title = str(info.title)
        meta.found["title"] = "the PDF's document information"
    if info is not None and info.author:
        meta.authors = [a.strip() for a in re.split(r";|,|\band\b", str(info.author)) if a.strip()]
        meta.found["authors"] = "the PDF's document information"
    created = info.creation_date if info is not None else None
    if created and meta.published is None:
        meta.published = created.date()
        meta.precision = "approximate"
        meta.note = (
            f"The PDF was created on {meta.published.isoformat()} (document information); "
            "publication may be a little later."
        )
        meta.found["published"] = "the PDF's creation date"
    return ImportedText(text, meta, "pdf")


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _read_markdown(raw: str) -> ImportedText:
    """Markdown → the text a reader sees: no markup, links as their words, front matter as meta."""
    front: dict[str, Any] = {}
    match = _FRONT_MATTER.match(raw.replace("\r\n", "\n"))
    if match:
        from ruamel.yaml import YAML

        try:
            loaded = YAML(typ="safe").load(match.group(1))
            front = loaded if isinstance(loaded, dict) else {}
        except Exception:
            front = {}
        raw = raw.replace("\r\n", "\n")[match.end() :]
    out = []
    in_code = False
    for line in raw.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if not in_code:
            line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)  # headings
            line = re.sub(r"^\s{0,3}>\s?", "", line)  # block quotes
            line = re.sub(r"^\s*[-*+]\s+", "", line)  # bullets
            line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)  # images → alt text
            line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links → their words
            line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
            line = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", line)
            line = re.sub(r"`([^`]+)`", r"\1", line)
            if re.fullmatch(r"\s*([-*_]\s*){3,}", line):
                line = ""
        out.append(line)
    text = normalise("\n".join(out))
    meta = guess_text_meta(text)
    if front.get("title"):
        meta.title = str(front["title"])
        meta.found["title"] = "the front matter"
    author = front.get("author") or front.get("authors")
    if author:
        meta.authors = [str(a) for a in author] if isinstance(author, list) else [str(author)]
        meta.found["authors"] = "the front matter"
    if front.get("date"):
        try:
            value = front["date"]
            meta.published = (
                value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
            )
            if isinstance(meta.published, dt.datetime):
                meta.published = meta.published.date()
            meta.precision = "day"
            meta.note = f"The front matter gives {meta.published.isoformat()}."
            meta.found["published"] = "the front matter"
        except ValueError:
            pass
    return ImportedText(text, meta, "markdown")


# -- guessing metadata from the text itself ---------------------------------------------------
_BYLINE = re.compile(r"^(?:by|written by|author)[:\s]+(.+)$", re.I)
_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")


def guess_text_meta(text: str) -> SourceMeta:
    """Title (first short line), authors (a "By: …" line) and a full date in the first lines."""
    from explorer.curation.datetext import find_absolute_dates

    meta = SourceMeta()
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:12]
    if lines and len(lines[0]) <= 160 and not lines[0].endswith((".", ",", ";")):
        meta.title = lines[0]
        meta.found["title"] = "the first line"
    for line in lines[1:]:
        match = _BYLINE.match(line)
        if match:
            parts = [p.strip() for p in re.split(r",|\band\b|&", match.group(1)) if p.strip()]
            names = [p for p in parts if _NAME.match(p)]
            if names:
                meta.authors = names[:1] if len(parts) == 2 else names
                rest = [p for p in parts if p not in meta.authors]
                if len(parts) == 2 and rest:
                    meta.outlet = rest[0]
                meta.found["authors"] = f"the line {line!r}"
            break
    for line in lines:
        if len(line) > 200:
            continue
        for mention in find_absolute_dates(line):
            if mention.date.precision == "day" and mention.year_given:
                meta.published = mention.date.start
                meta.precision = "day"
                meta.note = f"The text's header says {mention.phrase!r}."
                meta.found["published"] = f"the line {line!r}"
                return meta
    return meta


# -- adding to a corpus ----------------------------------------------------------------------
@dataclass
class AddedSource:
    id: str
    path: Path
    meta: SourceMeta
    format: str
    encoding: str


def existing_digests(seeds: Path) -> dict[str, str]:
    """sha256 of each source text already in ``seeds`` → its file name."""
    return {
        text_digest(p.read_text("utf-8", errors="replace")): p.name for p in seeds.glob("*.txt")
    }


def next_source_id(seeds: Path, digest: str) -> str:
    numbers = [int(p.name[:3]) for p in seeds.glob("[0-9][0-9][0-9]_*.txt")]
    return f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"


def add_source(
    root: Path | str,
    file: Path | str,
    meta: SourceMeta | None = None,
    *,
    imported: ImportedText | None = None,
    writer: Any = None,
) -> AddedSource:
    """Import ``file`` into the corpus at ``root``: store its text, append its metadata.

    ``meta`` replaces what was guessed from the file (the user's confirmed values). The same
    text added twice raises :class:`DuplicateSourceError`; a bad file
    :class:`SourceFileError`; in both cases nothing is written. ``writer`` (a
    :class:`~explorer.curation.roundtrip.CorpusWriter`) makes the change undoable.
    """
    from explorer.curation.roundtrip import CorpusWriter

    writer = writer or CorpusWriter(root)
    imported = imported or read_source_file(file)
    digest = imported.digest
    seeds = writer.seeds
    duplicate = existing_digests(seeds).get(digest)
    if duplicate:
        raise DuplicateSourceError(duplicate)
    meta = meta or imported.meta
    source_id = next_source_id(seeds, digest)
    entry = meta.entry(source_id)
    writer.add_source_entry(entry, seeds / source_id, imported.text)
    return AddedSource(source_id, seeds / source_id, meta, imported.format, imported.encoding)
