"""The one dotted-path walker: `forloeb.deltagere_pr_forloeb`, `fagteams.Fagteam.count`, `drift.0.hours`.

A segment names a field of a model, a key of a mapping, a list index, or a list element by its `id` or `name`.
Overrides (which set values in the data as written), the analyses' parameters (which read values from the
validated scenario), the uncertainty block's checks and the workbook's inputs sheet all walk paths through here,
so a path means the same everywhere and a wrong one is refused with the same words.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..errors import PathError


NAMES = ("id", "name", "key")  # what names a list element in a path (its index works too)


def _identity(element: Any, name: str) -> Any:
    return element.get(name) if isinstance(element, dict) else getattr(element, name, None)


def step(node: Any, segment: str, path: str, error: type[PathError] = PathError,
         missing_ok: bool = False) -> tuple[Any, Any]:
    """(holder, key) for `segment` inside `node`; `path` is the path so far, for the message.

    Parameters
    ----------
    node : model, mapping or list
    segment : str
        One segment of the path.
    path : str
        The path up to and including `segment` (it leads the error message).
    error : type
        The PathError subclass to raise.
    missing_ok : bool
        A missing mapping key is allowed (the last segment of a path being set).
    """
    if isinstance(node, BaseModel):
        if segment not in type(node).model_fields:
            raise error(f"{path}: no field {segment!r}")
        return node, segment
    if isinstance(node, dict):
        if segment not in node and not missing_ok:
            raise error(f"{path}: no key {segment!r} (have {', '.join(map(str, node))})")
        return node, segment
    if isinstance(node, list):
        if segment.isdigit() and int(segment) < len(node):
            return node, int(segment)
        for i, element in enumerate(node):
            if segment in (_identity(element, "id"), _identity(element, "name")):
                return node, i
        for i, element in enumerate(node):  # a table's or variant's key (after id and name, which come first)
            if segment == _identity(element, "key"):
                return node, i
        raise error(f"{path}: no list element with id or name {segment!r}")
    raise error(f"{path}: cannot go into a {type(node).__name__}")


def value_of(holder: Any, key: Any) -> Any:
    """The value at `key` in `holder` (an attribute of a model, an item of a mapping or list)."""
    return getattr(holder, key) if isinstance(holder, BaseModel) else holder[key]


def walk(root: Any, path: str, error: type[PathError] = PathError) -> list[Any]:
    """The nodes along `path`: `root` first, the value last."""
    nodes: list[Any] = [root]
    parts = path.split(".")
    for depth, segment in enumerate(parts):
        holder, key = step(nodes[-1], segment, ".".join(parts[: depth + 1]), error)
        nodes.append(value_of(holder, key))
    return nodes


def number_at(root: Any, path: str, error: type[PathError] = PathError, none_ok: bool = False) -> float:
    """The number at `path` [the field's own unit]; NaN for an unset optional value when `none_ok`."""
    value = walk(root, path, error)[-1]
    if none_ok and value is None:
        return float("nan")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise error(f"{path}: is not a number (it is {value!r})")
    return float(value)


def set_path(data: dict, path: str, value: Any, error: type[PathError] = PathError) -> None:
    """Set `value` at `path` in plain data (mappings and lists, as read from YAML)."""
    parts = path.split(".")
    node: Any = data
    for depth, segment in enumerate(parts):
        last = depth == len(parts) - 1
        holder, key = step(node, segment, ".".join(parts[: depth + 1]), error, missing_ok=last)
        if last:
            holder[key] = value
        else:
            node = holder[key]


def leaves(data: Any, is_leaf, path: str = "") -> list[tuple[str, Any]]:
    """(dotted path, node) for every node of plain data that `is_leaf` accepts, in document order.

    The paths are the ones `walk` follows back: mapping keys, and list elements by their `key` or `id` (else
    their index). Used for the workbook's inputs sheet, which lists every sourced number with its path.
    """
    if is_leaf(data):
        return [(path, data)]
    out: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += leaves(v, is_leaf, f"{path}.{k}" if path else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            name = (v.get("key") or v.get("id") or i) if isinstance(v, dict) else i
            out += leaves(v, is_leaf, f"{path}.{name}")
    return out
