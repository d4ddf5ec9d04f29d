"""Safe YAML reading that keeps line numbers and refuses what a hand-written input file should never hold.

PyYAML's SafeLoader constructs only plain data (no Python objects), but on its own it still
- silently keeps the last of two equal keys,
- reads `yes`/`no`/`on`/`off` as booleans, `1:30` as the number 90 and `2019-03-01` as a date (YAML 1.1),
- builds bytes (`!!binary`), sets, ordered pairs and dates from explicit tags,
- expands aliases without limit once anything walks the tree ("billion laughs"), and follows recursive ones,
- recurses once per nesting level (a deep enough file is a RecursionError),
and does not report where a value came from. This module closes each of those: values are only text, numbers
(YAML 1.2 core schema), true/false, null, lists and mappings, keys are plain scalars (kept as written, so
`2019:` is the key "2019"), and every problem carries its line. See docs/input_errors.md.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import limits
from ..errors import Problem, ScenarioError

# Limits far above any real scenario (the largest shipped one is 10 kB, 6 levels deep, ~700 values) and low
# enough that the pure-Python YAML reader refuses hostile files in about a second (benchmarks/refusal_times.py).
MAX_BYTES = 1_000_000  # a YAML input file (scenario or rate table)
MAX_CSV_BYTES = 160_000_000  # a registrations CSV: 2 million rows of 80 bytes (read column-wise; 1.5 GB at most)
MAX_DEPTH = 40  # nesting levels
MAX_VALUES = 20_000  # values (mappings, lists, scalars) written out; a large registrations list belongs in a CSV
ALIAS_BUDGET = 10_000  # values that aliases may add on top of what the file writes out

LineMap = dict[tuple, int]

_TAG = "tag:yaml.org,2002:"
MERGE_TAG = _TAG + "merge"
ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge")}


class _Refused(yaml.MarkedYAMLError):
    """A problem this module finds in the composed document (not a syntax error)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema, a nesting limit and duplicate keys recorded."""

    yaml_implicit_resolvers: dict = {}  # replaced below: YAML 1.2 core schema instead of PyYAML's 1.1

    def fetch_flow_collection_start(self, token_class):
        # PyYAML's scanner is quadratic in the depth of [ and {; refuse before that costs anything
        if self.flow_level >= MAX_DEPTH:
            raise _Refused(None, None, f"nested more than {MAX_DEPTH} levels deep; a scenario is not", self.get_mark())
        super().fetch_flow_collection_start(token_class)

    def compose_node(self, parent, index):
        self._depth = getattr(self, "_depth", 0) + 1
        self._values = getattr(self, "_values", 0) + 1
        try:
            if self._values > MAX_VALUES:
                raise _Refused(None, None, f"the file holds more than {MAX_VALUES:,} values, more than a scenario "
                               "could need (put long registration lists in a CSV file); refusing it",
                               self.peek_event().start_mark)
            if self._depth > MAX_DEPTH:
                raise _Refused(None, None, f"nested more than {MAX_DEPTH} levels deep; a scenario is not",
                               self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


for _tag, _regexp, _first in (
    (_TAG + "bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_TAG + "int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (_TAG + "float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
    (_TAG + "null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (MERGE_TAG, r"^(?:<<)$", "<"),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _construct_float(loader: _Loader, node: ScalarNode) -> float:
    text = loader.construct_scalar(node).lower()
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    return sign * float(text)


def _construct_int(loader: _Loader, node: ScalarNode) -> int:
    text = loader.construct_scalar(node)
    try:
        return int(text)
    except ValueError:
        raise _Refused(None, None, f"!!int {text!r} is not a whole number", node.start_mark) from None


def _construct_mapping(loader: _Loader, node: MappingNode, deep: bool = False) -> dict:
    seen: set[str] = set()
    for key_node, _ in node.value:
        if key_node.tag == MERGE_TAG:
            continue
        if key_node.value in seen:
            loader.duplicates.append((key_node.value, key_node.start_mark.line + 1))
        seen.add(key_node.value)
    loader.flatten_mapping(node)  # `<<: *anchor` merges: merged keys first, the mapping's own keys win
    return {key_node.value: loader.construct_object(value_node, deep=deep) for key_node, value_node in node.value}


_Loader.add_constructor(_TAG + "map", _construct_mapping)
_Loader.add_constructor(_TAG + "float", _construct_float)
_Loader.add_constructor(_TAG + "int", _construct_int)


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_nodes(root: yaml.Node) -> None:
    """Refuse disallowed tags, non-scalar keys, recursive aliases, and aliases that expand beyond the budget.

    One pass over the distinct nodes (aliases share them), without recursion; `size` is the number of values
    anything walking the expanded tree would visit, `depth` its nesting.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        nid = id(node)
        kids = _children(node)
        if finished:
            open_.discard(nid)
            size[nid] = 1 + sum(size[id(k)] for k in kids)
            depth[nid] = 1 + max((depth[id(k)] for k in kids), default=0)
            if depth[nid] > MAX_DEPTH:
                raise _Refused(None, None, f"aliases nest values more than {MAX_DEPTH} levels deep", node.start_mark)
            continue
        if nid in size:
            continue
        if node.tag not in ALLOWED_TAGS:
            raise _Refused(None, None, f"the tag {_tag_name(node.tag)} is not allowed: scenario files hold only "
                           "text, numbers, true/false, lists and mappings", node.start_mark)
        if isinstance(node, MappingNode):
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refused(None, None, "a key must be a plain name, not a list or mapping",
                                   key_node.start_mark)
        open_.add(nid)
        stack.append((node, True))
        for kid in kids:
            if id(kid) in open_:
                raise _Refused(None, None, "an alias refers to a value that contains it (a recursive structure)",
                               kid.start_mark)
            if id(kid) not in size:
                stack.append((kid, False))
    if size[id(root)] > len(size) + ALIAS_BUDGET:
        raise _Refused(None, None, f"aliases (*name) expand this file to {size[id(root)]:,} values, more than "
                       f"{ALIAS_BUDGET:,} beyond what it writes out; refusing it (a scenario never needs this)",
                       root.start_mark)


# 8.500 / 12.000 / 1.250: one to three digits (not a lone 0), a dot and exactly three digits is how a Danish
# file writes thousands (8.500 = 8500), and YAML reads a decimal point (8.5). Its reading is never certain, so it is
# refused; 8.5, 8.50, 8.5000, 0.239 and 8500 are certain and left alone.
_THOUSANDS_DOT = re.compile(r"^[-+]?[1-9][0-9]{0,2}\.[0-9]{3}$")
# What a text value may not hold even when written as a YAML escape ("\a", "\0", "\e", "\x85"): control
# characters other than tab and newline, and the bidirectional overrides that make text read differently than it
# is stored. The YAML reader refuses most of them written raw; escapes would slip past it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _ambiguous_number(text: str) -> str:
    whole = text.replace(".", "").lstrip("+-")
    sign = "-" if text.startswith("-") else ""
    return (f"{text} is ambiguous: a Danish thousands dot ({sign}{int(whole):,})".replace(",", ".") +
            f" or a decimal point ({float(text):g}); write {sign}{whole} (or {float(text):g} if a decimal is meant)")


def _too_large(text: str) -> bool:
    try:
        value = float(text)
    except ValueError:
        return False  # a tag the constructors refuse with their own message
    return math.isfinite(value) and abs(value) > limits.MAX_MAGNITUDE  # .inf/.nan: refused by the models


def scalar_problems(root: yaml.Node) -> list[Problem]:
    """Numbers whose reading is ambiguous and text holding control characters, each with its field path and
    line (all of them, so one run lists every such value)."""
    out: list[Problem] = []
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:  # an alias: the anchored value was checked where it is written
            continue
        seen.add(id(node))
        where = ".".join(map(str, path))
        line = node.start_mark.line + 1
        if isinstance(node, ScalarNode):
            if node.style is None and node.tag == _TAG + "float" and _THOUSANDS_DOT.match(node.value):
                out.append(Problem(where, _ambiguous_number(node.value), line))
            elif node.tag in (_TAG + "float", _TAG + "int") and _too_large(node.value):
                out.append(Problem(where, f"{node.value} is larger than {limits.MAX_MAGNITUDE:g}, the bound on any "
                                          "number in an input file (amounts, hours, counts)", line))
            if len(node.value) > limits.MAX_TEXT:
                out.append(Problem(where, f"the text is {len(node.value):,} characters long, above the bound of "
                                          f"{limits.MAX_TEXT:,} for one value", line))
            bad = _CONTROL.search(node.value)
            if bad:
                out.append(Problem(where, f"the text holds a control character (U+{ord(bad.group()):04X}, "
                                          "perhaps written as an escape like \\a, \\0 or \\e); delete it", line))
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and _CONTROL.search(key_node.value):
                    out.append(Problem(where, "a key holds a control character; delete it", key_node.start_mark.line + 1))
                stack.append((value_node, path + (key_node.value,)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
    return sorted(out, key=lambda p: (p.line or 0))


def _line_map(root: yaml.Node) -> LineMap:
    out: LineMap = {}
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        out.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                out[path + (key_node.value,)] = key_node.start_mark.line + 1  # own keys come after merged ones
                stack.append((value_node, path + (key_node.value,)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
    return out


def read_bytes(path: Path, what: str = "scenario file", limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, or a ScenarioError saying why it cannot be an input file."""
    name = str(path)
    try:
        if not path.exists():
            raise ScenarioError(name, [Problem("", "file not found")])
        if path.is_dir():
            raise ScenarioError(name, [Problem("", f"is a directory, not a {what}")])
        if not path.is_file():
            raise ScenarioError(name, [Problem("", f"is not a regular file (a device or pipe?), not a {what}")])
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise ScenarioError(name, [Problem("", f"cannot read the file: {exc.strerror or exc}")]) from None
    if len(raw) > limit:
        raise ScenarioError(name, [Problem("", f"file is larger than {limit:,} bytes; not a {what}")])
    return raw


def decode(raw: bytes, name: str) -> str:
    """Bytes as UTF-8 text (a BOM is dropped); UTF-16, binary or other encodings are refused with a clear problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(name, [Problem("", "file is UTF-16 text (Notepad's 'Unicode'); save it as UTF-8")])
    if b"\x00" in raw:
        raise ScenarioError(name, [Problem("", "file is binary, not text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(name, [Problem("", "file is not UTF-8 text (save it as UTF-8; Windows-1252 or "
                                               "Latin-1 files written by older programs are not)", line)]) from None


def read_text(path: Path) -> str:
    """A file's text, bounded in size and decoded as `decode` does."""
    return decode(read_bytes(path), str(path))


def _hint(text: str, line: int | None) -> str:
    """A hint for the usual causes of syntax errors in hand-written or pasted files."""
    if not line:
        return ""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here:
        return " (the line has a tab; indent with spaces)"
    if "\u00a0" in here:
        return " (the line has a non-breaking space, often pasted from Word; replace it with a normal space)"
    return ""


def load_yaml(path: Path) -> tuple[Any, LineMap]:
    """Return (data, line map) for a YAML file, or raise ScenarioError."""
    text = read_text(path)
    return parse_yaml(text, str(path))


if yaml.__with_libyaml__:
    from yaml._yaml import CParser as _CParser
    from yaml.composer import Composer as _Composer

    class _FastLoader(_CParser, _Loader):
        """_Loader with libyaml's C scanner and parser under the same Python composer, resolvers and
        constructors (the depth and value limits included): the scanner is most of the time of loading a
        scenario and its rate tables (issue 12). Used only for text that loads without any error; anything else
        is parsed again by _Loader, so every refusal and syntax error reads as it always has."""

        def __init__(self, stream):
            _CParser.__init__(self, stream)
            _Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        # the Python composer on the C parser's events (CParser would compose in C, without our limits)
        get_single_node = _Composer.get_single_node
        compose_document = _Composer.compose_document
        def compose_scalar_node(self, anchor):
            node = _Composer.compose_scalar_node(self, anchor)
            if node.style == "":  # libyaml's plain scalar; PyYAML's is None (the thousands check reads it)
                node.style = None
            return node

        compose_sequence_node = _Composer.compose_sequence_node
        compose_mapping_node = _Composer.compose_mapping_node
        check_node = _Composer.check_node
        get_node = _Composer.get_node
        compose_node = _Loader.compose_node


def _fast(text: str):
    """(node, data, loader) by _FastLoader, or None if libyaml is missing or anything at all goes wrong."""
    if not yaml.__with_libyaml__ or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        loader = _FastLoader(text)
        loader.duplicates = []
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_nodes(node)
            if scalar_problems(node):  # the Python loader reports them (with every other problem)
                return None
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - the Python loader parses it again and says what is wrong
        return None
    return node, data, loader


def parse_yaml(text: str, name: str) -> tuple[Any, LineMap]:
    """Return (data, line map) for YAML text, or raise ScenarioError naming `name`."""
    fast = _fast(text)
    if fast is not None and not fast[2].duplicates and isinstance(fast[1], dict):
        return fast[1], _line_map(fast[0])
    try:
        loader = _Loader(text)  # the reader checks the characters here already
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ScenarioError(name, [Problem("", f"the file holds a control character (U+{exc.character:04X}) that "
                                           "YAML does not allow; delete it", line)]) from None
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(node)
            scalars = scalar_problems(node)
            if scalars:
                raise ScenarioError(name, scalars)
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ScenarioError(name, [Problem("", exc.problem, line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context
        if isinstance(exc, yaml.composer.ComposerError) and "expected a single document" in (exc.context or ""):
            what = "the file holds more than one YAML document (a second '---'); a scenario is one"
        message = f"YAML syntax error: {what}"
        raise ScenarioError(name, [Problem("", message + _hint(text, line), line)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(name, [Problem("", f"YAML error: {exc}")]) from None
    except RecursionError:  # pragma: no cover - the depth limit above comes first
        raise ScenarioError(name, [Problem("", "nested too deeply; a scenario is not")]) from None
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
