"""Change one or more values of a scenario by dotted path, then re-validate.

Path segments name mapping keys, list indexes, or list elements by their `id` or `name`
(e.g. `fagteams.Fagteam.count`, `deltagergrupper.§ 82a.share`, `uddannelse.fit.enabled`).
"""
from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from .model import Scenario


class OverrideError(ValueError):
    pass


def _child(container: Any, segment: str, path: str, last: bool = False) -> tuple[Any, Any]:
    """(container, key) addressing `segment` inside `container`."""
    if isinstance(container, dict):
        if segment not in container and not last:
            raise OverrideError(f"{path}: no key {segment!r} (have {', '.join(map(str, container))})")
        return container, segment
    if isinstance(container, list):
        if segment.isdigit() and int(segment) < len(container):
            return container, int(segment)
        for i, element in enumerate(container):
            if isinstance(element, dict) and segment in (element.get("id"), element.get("name")):
                return container, i
        raise OverrideError(f"{path}: no list element with id or name {segment!r}")
    raise OverrideError(f"{path}: cannot go into a {type(container).__name__}")


def set_path(data: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for depth, segment in enumerate(parts):
        holder, key = _child(node, segment, ".".join(parts[: depth + 1]), depth == len(parts) - 1)
        if depth == len(parts) - 1:
            holder[key] = value
        else:
            node = holder[key]


def apply(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    """A new, validated scenario with `changes` applied (the original is left alone)."""
    # Prefer the data as the user wrote it (keeps defaults that are derived during validation derived).
    raw = getattr(scenario, "_raw", None)
    data = copy.deepcopy(raw) if raw is not None else scenario.model_dump(mode="python", warnings=False)
    for path, value in changes.items():
        set_path(data, path, value)
    try:
        changed = Scenario.model_validate(data)
    except ValidationError as exc:
        raise OverrideError(f"changing {', '.join(changes)} gives an invalid scenario: {exc}") from None
    changed._source_path = scenario._source_path
    changed._raw = data
    return changed
