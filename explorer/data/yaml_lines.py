"""YAML that remembers where each mapping came from, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from explorer.data.problems import Problem
from explorer.data.safe_read import MAX_FILE_BYTES, read_bytes

__all__ = ["MAX_FILE_BYTES", "LineDict", "load_yaml", "read_bytes", "read_text"]


class LineDict(dict):
    """A mapping read from YAML, with the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser (when PyYAML was built with it) is ~10x faster than the pure-Python one,
# and its marks carry the same lines; the constructor and resolver below stay Python.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    pass


# Dates stay strings here: PyYAML would raise a bare ValueError on 2023-02-30 with no line,
# while the corpus loader parses them itself and can say where the bad one is.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _NoAliasLoader(_LineLoader):
    """The loader for files that contain '&' or '*' (where an anchor or alias could be)."""


def _construct_object(self: _NoAliasLoader, node: yaml.Node, deep: bool = False) -> Any:
    # A node met a second time is an alias (*name) of an anchor (&name). The corpus has no
    # use for them, and they are how a few lines expand to gigabytes ("billion laughs"), so
    # they are refused outright rather than bounded.
    if node in self.constructed_objects or node in self.recursive_objects:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            "YAML anchors and aliases (&name, *name) are not allowed in a corpus; "
            "this anchored value is reused by an alias",
            node.start_mark,
        )
    return _BaseLoader.construct_object(self, node, deep=deep)


_NoAliasLoader.construct_object = _construct_object


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    if any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
        raise yaml.constructor.ConstructorError(
            None, None, "YAML merge keys (<<) are not allowed in a corpus", node.start_mark
        )
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain word, not a list or a mapping",
                key_node.start_mark,
            )  # fmt: skip
        # Keys are always the text written: YAML 1.1 would read `on:` (reviewed: {on: …}),
        # `yes:` or `no:` as booleans and `2023:` as a number.
        key = key_node.value
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path, problems: list[Problem], *, inside: Path | None = None) -> str | None:
    """Read a UTF-8 file safely (see :func:`read_bytes`), or record why not and give ``None``."""
    data = read_bytes(path, problems, inside=inside)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start}); save the file as UTF-8",
            )
        )
        return None


# Scanner errors whose cause is where the token began, not where the scanner gave up: an
# unclosed quote is reported at the end of the file (or at the next quote) by PyYAML and by
# libyaml alike, while the fix belongs on the line that opened it.
_OPENED_HERE = {
    "while scanning a quoted scalar": "a quoted string opened here is never closed",
    "while scanning a block scalar": "a block scalar (| or >) started here is malformed",
    "while scanning a simple key": "this key is not followed by ':'",
    "while scanning an anchor": "an anchor (&) here is malformed",
    "while scanning an alias": "an alias (*) here is malformed",
    "while scanning a tag": "a tag (!) here is malformed",
}

# Messages above that already say all PyYAML's problem text would (said once, not twice).
_SELF_EXPLAINED = frozenset({"while scanning a quoted scalar", "while scanning a simple key"})


def syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The 1-based line to report for a YAML syntax error, and what to say about it.

    Both loaders (PyYAML's Python scanner and libyaml through ``CSafeLoader``) fill in
    ``context``, ``context_mark`` and ``problem_mark`` the same way, so this reads only those.
    """
    problem = exc.problem_mark.line + 1 if exc.problem_mark else None
    opened = exc.context_mark.line + 1 if exc.context_mark else None
    context = (exc.context or "").strip()
    if opened is not None and context.startswith("while scanning"):
        what = _OPENED_HERE.get(context)
        if what is None:
            what = f"{context}: {exc.problem}" if exc.problem else context
        elif exc.problem and context not in _SELF_EXPLAINED:
            what = f"{what} ({exc.problem})"
        if problem is not None and problem != opened:
            what = f"{what} (found the problem at line {problem})"
        return opened, what
    what = exc.problem or str(exc)
    if context:
        what = f"{context}: {what}"
    return problem if problem is not None else opened, what


def load_yaml(path: Path, problems: list[Problem], *, inside: Path | None = None) -> Any:
    """Parse a YAML file with line numbers; on a syntax error record it and return ``None``."""
    text = read_text(path, problems, inside=inside)
    if text is None:
        return None
    try:
        # Without '&' and '*' there can be no anchor or alias: the check is skipped (it costs
        # a Python call per node).
        loader = _NoAliasLoader if "&" in text or "*" in text else _LineLoader
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as exc:
        found = text.count("\n", 0, exc.position) + 1
        problems.append(Problem(path, found, (
            f"YAML error: a control character (U+{exc.character:04X}) is not allowed in YAML; "
            "remove it or write it as an escape inside double quotes"
        )))  # fmt: skip
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark.line + 1 if exc.problem_mark else None
        problems.append(Problem(path, mark, f"YAML error: {exc.problem}"))
    except yaml.MarkedYAMLError as exc:
        line, what = syntax_error(exc)
        problems.append(Problem(path, line, f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(path, None, "YAML error: " + " ".join(str(exc).split())))
    except RecursionError:
        problems.append(Problem(path, None, "YAML error: nested too deeply"))
    return None
