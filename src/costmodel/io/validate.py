"""Validate parsed YAML against a pydantic model, with every problem tied to its field path and line.

Knows no domain: the scenario kinds, rate tables and wage tables all come through here (`validate_file`), so a
problem anywhere reads `file:line: field.path: message`.
"""
from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import FieldProblems, FileProblems, Problem, ScenarioError
from .yamlio import LineMap, line_for, load_yaml

M = TypeVar("M", bound=BaseModel)


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union tags so the path is the user's path.

    A tag stands right after a list index ('drift', 3, 'hours', 'hours' -> 'drift', 3, 'hours'), or is a
    validator name like 'function-after[...]'.
    """
    out: list = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and "[" in part:
            continue
        if isinstance(part, str) and part in _TAGS and i > 0 and isinstance(loc[i - 1], int):
            continue
        out.append(part)
    return tuple(out)


_TAGS = {"hours", "amount", "course"}


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at `loc` (best effort, for 'did you mean')."""
    from typing import get_args, get_origin

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _first_model(annotation, get_args, get_origin)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}) or [])


def _first_model(annotation, get_args, get_origin):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _first_model(arg, get_args, get_origin)
        if found is not None:
            return found
    return None


# pydantic error types where the value the user wrote helps to see what is wrong
_SHOW_INPUT = ("_type", "_parsing", "literal_error", "finite_number", "greater_than", "less_than", "multiple_of",
               "bool_", "int_from_float", "enum")


def _input_hint(value: Any, kind: str) -> str:
    if isinstance(value, str) and kind.startswith("bool"):
        return "; write true or false"
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?[\d.]*\d,\d+", text):
            return "; write decimals with a point (2.5, not 2,5) and no thousands separators"
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            return "; write numbers without thousands separators (12000, not 12.000)"
        if text.endswith("%"):
            return "; write a percentage as a share (25 % as 0.25)"
        if re.fullmatch(r"\d+:\d+", text):
            return "; write a duration in hours as a decimal number (1:30 as 1.5)"
    return ""


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


MAX_PROBLEMS = 100  # beyond this many the file is not a scenario with some mistakes; stop listing


def problems_from(error: ValidationError, lines: LineMap, model: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    errors = error.errors(include_url=False)
    for n, err in enumerate(errors):
        if len(out) >= MAX_PROBLEMS:
            out.append(Problem("", f"... and {len(errors) - n} more problems; fix the ones above first"))
            break
        loc = _clean_loc(tuple(err["loc"]))
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FileProblems):
            out.extend(Problem(p.path, p.message, p.line, p.file or cause.file) for p in cause.problems)
            continue
        if isinstance(cause, FieldProblems):
            for sub, message in cause.items:
                full = loc + _match_loc(lines, loc, tuple(sub))
                out.append(Problem(".".join(str(p) for p in full), message, line_for(lines, full)))
            continue
        path = ".".join(str(p) for p in loc)
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbid" or err["type"] == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            message = "unknown key"
            close = difflib.get_close_matches(key, _known_fields(model, loc), n=1)
            if close:
                message += f" (did you mean {close[0]!r}?)"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif isinstance(err.get("input"), float) and not math.isfinite(err["input"]):
            message = f"must be a finite number (got {err['input']}); .nan and .inf are not amounts"
        elif any(t in err["type"] for t in _SHOW_INPUT) and "input" in err:
            message += f" (got {_shown(err['input'])}{_input_hint(err['input'], err['type'])})"
        out.append(Problem(path, message, line_for(lines, loc)))
    return out


def _match_loc(lines: LineMap, base: tuple, sub: tuple) -> tuple:
    """`sub` with digit strings turned into list indexes where the file has a list there."""
    out: list = []
    for part in sub:
        if isinstance(part, str) and part.isdigit() and (base + tuple(out) + (int(part),)) in lines:
            part = int(part)
        out.append(part)
    return tuple(out)


def validate_data(data: dict, lines: LineMap, model: type[M], file: str, context: dict | None = None) -> M:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise ScenarioError(file, problems_from(exc, lines, model)) from None


def validate_file(path: Path, model: type[M], context: dict | None = None) -> M:
    data, lines = load_yaml(Path(path))
    return validate_data(data, lines, model, str(path), context)
