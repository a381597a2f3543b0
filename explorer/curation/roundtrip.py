"""Round-trip writing of a corpus's YAML, with undo and redo.

Every change is a load → edit → dump through ``ruamel.yaml`` in round-trip mode, which keeps
comments, key order, quoting, block scalars and flow lists, so a diff of the corpus shows only
what changed. Each change is recorded as the files' text before and after; undo writes the
"before" back, redo the "after". Files are replaced atomically (write, then rename).
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from explorer.curation import CurationError
from explorer.curation.layout import MY_EVENTS, check_writable_corpus


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line that was written on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda rep, _v: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def load_rt(text: str) -> Any:
    return _yaml().load(text)


def dump_rt(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def flow(items: list[Any]) -> CommentedSeq:
    """A list written on one line (``places: [a, b]``), as the corpus files write id lists."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def folded(text: str, width: int = 96) -> FoldedScalarString | str:
    """Long prose as a ``>-`` block folded near ``width``, as the corpus files write summaries."""
    text = " ".join(text.split())
    if len(text) <= 80:
        return text
    scalar = FoldedScalarString(text)
    folds, line_start = [], 0
    for i, ch in enumerate(text):
        if ch == " " and i - line_start > width - 10:
            folds.append(i)
            line_start = i + 1
    scalar.fold_pos = folds
    return scalar


def atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Change:
    """One user action: the text of each file it touched, before and after."""

    label: str
    before: dict[Path, str | None] = field(default_factory=dict)
    after: dict[Path, str | None] = field(default_factory=dict)


class CorpusWriter:
    """Writes to one (user's) corpus folder; keeps an undo and a redo stack of changes."""

    def __init__(self, root: Path | str) -> None:
        self.root = check_writable_corpus(root)
        self.seeds = self.root / "seeds"
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []

    # -- files ------------------------------------------------------------------------------
    def _read(self, path: Path) -> str | None:
        return path.read_text("utf-8") if path.exists() else None

    def apply(self, label: str, new_texts: dict[Path, str | None]) -> Change:
        """Write ``new_texts`` (None deletes the file) as one undoable change."""
        change = Change(label)
        for path, text in new_texts.items():
            change.before[path] = self._read(path)
            change.after[path] = text
        self._put(change.after)
        self.undo_stack.append(change)
        self.redo_stack.clear()
        return change

    def _put(self, texts: dict[Path, str | None]) -> None:
        for path, text in texts.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, text)

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    def undo(self) -> str | None:
        """Undo the last change; its label, or None if there was none."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        self._put(change.before)
        self.redo_stack.append(change)
        return change.label

    def redo(self) -> str | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        self._put(change.after)
        self.undo_stack.append(change)
        return change.label

    # -- YAML edits -------------------------------------------------------------------------
    def _edit(self, path: Path, key: str, edit) -> str:
        """Load ``path``'s ``key:`` list, let ``edit(seq)`` change it, return the new text."""
        text = self._read(path)
        data = load_rt(text) if text else None
        if data is None:
            data = CommentedMap()
        if not isinstance(data, CommentedMap):
            raise CurationError(f"{path}: expected a mapping with a '{key}:' list")
        seq = data.get(key)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            data[key] = seq
        elif isinstance(seq, CommentedSeq) and seq.fa.flow_style():
            # "events: []" becomes a block list once it has entries.
            block = CommentedSeq(list(seq))
            data[key] = seq = block
        edit(seq)
        return dump_rt(data)

    def events_files(self) -> list[Path]:
        return sorted((self.seeds / "events").glob("*.yaml"))

    def find_event(self, event_id: str) -> tuple[Path, dict[str, Any]]:
        for path in self.events_files():
            data = load_rt(path.read_text("utf-8"))
            for item in (data or {}).get("events") or []:
                if isinstance(item, dict) and item.get("id") == event_id:
                    return path, item
        raise CurationError(f"no event {event_id!r} in {self.seeds / 'events'}")

    def event_ids(self) -> set[str]:
        ids = set()
        for path in self.events_files():
            data = load_rt(path.read_text("utf-8"))
            ids |= {str(e.get("id")) for e in (data or {}).get("events") or []}
        return ids

    def add_source_entry(self, entry: dict[str, Any], text_file: Path, text: str) -> Change:
        """Write a source's text file and append its metadata to ``sources.yaml`` (one change)."""
        path = self.seeds / "sources.yaml"
        new = self._edit(path, "sources", lambda seq: seq.append(_source_map(entry)))
        return self.apply(f"add source {entry['id']}", {text_file: text, path: new})

    def add_event(self, event: dict[str, Any], file: str = MY_EVENTS) -> Change:
        if event["id"] in self.event_ids():
            raise CurationError(f"an event with id {event['id']!r} already exists")
        path = self.seeds / "events" / file
        new = self._edit(path, "events", lambda seq: seq.append(event_map(event)))
        return self.apply(f"add event {event['id']}", {path: new})

    def update_event(self, event_id: str, fields: dict[str, Any]) -> Change:
        """Set (or, with None, remove) top-level fields of an event, leaving the rest as is."""
        path, _ = self.find_event(event_id)
        formatted = event_map({"id": event_id, **fields})

        def edit(seq):
            for item in seq:
                if isinstance(item, dict) and item.get("id") == event_id:
                    for key, value in fields.items():
                        if value is None:
                            item.pop(key, None)
                        elif item.get(key) != value:
                            item[key] = formatted[key]

        return self.apply(f"edit event {event_id}", {path: self._edit(path, "events", edit)})

    def add_excerpt(self, event_id: str, excerpt: dict[str, Any]) -> Change:
        path, _ = self.find_event(event_id)

        def edit(seq):
            for item in seq:
                if isinstance(item, dict) and item.get("id") == event_id:
                    item.setdefault("excerpts", CommentedSeq()).append(_excerpt_map(excerpt))

        new = self._edit(path, "events", edit)
        return self.apply(f"add excerpt to {event_id}", {path: new})

    def add_annotation(self, event_id: str, annotation: dict[str, Any]) -> Change:
        path, _ = self.find_event(event_id)

        def edit(seq):
            for item in seq:
                if isinstance(item, dict) and item.get("id") == event_id:
                    item.setdefault("annotations", CommentedSeq()).append(CommentedMap(annotation))
                    actors = item.setdefault("actors", flow([]))
                    if annotation["actor"] not in actors:
                        actors.append(annotation["actor"])

        new = self._edit(path, "events", edit)
        return self.apply(f"annotate {event_id}", {path: new})

    def add_actor(self, actor: dict[str, Any]) -> Change:
        path = self.seeds / "actors.yaml"
        entry = CommentedMap()
        for key in ("id", "name", "kind", "affiliation", "description"):
            entry[key] = actor.get(key)
        new = self._edit(path, "actors", lambda seq: seq.append(entry))
        return self.apply(f"add actor {actor['id']}", {path: new})

    def add_place(
        self, place_id: str, kind: str, lon: float, lat: float, names: dict[str, str], **extra
    ) -> Change:
        """Append a Point to the gazetteer as one more line (the file keeps one per line)."""
        path = self.root / "geodata" / "places.geojson"
        text = (
            self._read(path)
            or '{"type": "FeatureCollection", "name": "places", "features": [\n]}\n'
        )
        props = {"id": place_id, "kind": kind, "names": names, **extra}
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            "properties": props,
        }
        line = json.dumps(feature, ensure_ascii=False)
        end = text.rstrip().rfind("]")
        head = text[:end].rstrip()
        sep = "," if head.endswith("}") else ""
        new = f"{head}{sep}\n{line}\n{text[end:]}"
        json.loads(new)  # never write a gazetteer that no longer parses
        return self.apply(f"add place {place_id}", {path: new})


def _source_map(entry: dict[str, Any]) -> CommentedMap:
    m = CommentedMap()
    for key in ("id", "title", "authors", "outlet", "language", "kind"):
        value = entry.get(key)
        m[key] = flow(list(value or [])) if key == "authors" else (value or "")
    pub = CommentedMap()
    pub["start"] = entry["published"]["start"]
    if entry["published"].get("end") and entry["published"]["end"] != pub["start"]:
        pub["end"] = entry["published"]["end"]
    pub["precision"] = entry["published"].get("precision", "day")
    pub["note"] = folded(entry["published"].get("note") or "")
    m["published"] = pub
    return m


def _excerpt_map(excerpt: dict[str, Any]) -> CommentedMap:
    m = CommentedMap()
    for key in ("source", "start", "end", "quote"):
        m[key] = excerpt[key]
    return m


EVENT_KEYS = (
    "id", "title", "summary", "start", "end", "precision", "date_note", "category", "places",
    "actors", "sides", "excerpts", "annotations",
)  # fmt: skip


def event_map(event: dict[str, Any]) -> CommentedMap:
    """An event dict as the corpus files write it: keys in schema order, id lists on one line."""
    m = CommentedMap()
    keys = [k for k in EVENT_KEYS if k in event] + [k for k in event if k not in EVENT_KEYS]
    for key in keys:
        value = event[key]
        empty = value is None or value == "" or value == []
        if empty and key in ("end", "date_note", "annotations", "sides"):
            continue
        if key in ("summary", "date_note"):
            value = folded(str(value))
        elif key in ("places", "actors"):
            value = flow(list(value))
        elif key == "excerpts":
            value = CommentedSeq([_excerpt_map(x) for x in value])
        elif key == "annotations":
            value = CommentedSeq([CommentedMap(a) for a in value])
        elif key == "sides":
            sides = CommentedMap()
            for side in ("a", "b"):
                sides[side] = flow(list(value.get(side) or []))
            value = sides
        m[key] = value
    return m
