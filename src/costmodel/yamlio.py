"""Safe YAML reading that keeps line numbers and refuses duplicate keys.

PyYAML's SafeLoader constructs only plain data (no Python objects), but it silently keeps the last of two
equal keys and does not report where a value came from. Both matter to a user fixing a hand-written file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, ScenarioError

MAX_BYTES = 5_000_000  # a scenario is a few kB; anything this large is not one

LineMap = dict[tuple, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that records duplicate keys instead of overwriting."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    result: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            loader.duplicates.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_map(node: yaml.Node, path: tuple = (), out: LineMap | None = None) -> LineMap:
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[path + (key,)] = key_node.start_mark.line + 1
            _line_map(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, path + (i,), out)
    return out


def read_text(path: Path) -> str:
    name = str(path)
    if not path.exists():
        raise ScenarioError(name, [Problem("", "file not found")])
    if path.is_dir():
        raise ScenarioError(name, [Problem("", "is a directory, not a scenario file")])
    if path.stat().st_size > MAX_BYTES:
        raise ScenarioError(name, [Problem("", f"file is larger than {MAX_BYTES:,} bytes; not a scenario")])
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ScenarioError(name, [Problem("", "file is binary, not YAML text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(name, [Problem("", "file is not UTF-8 text (save it as UTF-8)", line)]) from None


def load_yaml(path: Path) -> tuple[Any, LineMap]:
    """Return (data, line map) for a YAML file, or raise ScenarioError."""
    text = read_text(path)
    name = str(path)
    loader = _Loader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"YAML syntax error: {exc.problem or exc.context}"
        raise ScenarioError(name, [Problem("", message, line)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(name, [Problem("", f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise ScenarioError(
            name,
            [Problem(str(k), "duplicate key (YAML would silently keep only the last one)", line)
             for k, line in loader.duplicates],
        )
    if data is None:
        raise ScenarioError(name, [Problem("", "file is empty")])
    if not isinstance(data, dict):
        raise ScenarioError(name, [Problem("", "the top level must be a mapping of keys to values", 1)])
    return data, _line_map(node)


def line_for(lines: LineMap, loc: tuple) -> int | None:
    """Line of the deepest part of `loc` that exists in the file (a missing key: its parent's line)."""
    loc = tuple(loc)
    while True:
        if loc in lines:
            return lines[loc]
        if not loc:
            return None
        loc = loc[:-1]
