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


def _strip(annotation: Any) -> Any:
    """The annotation without Annotated[...] and without `| None`."""
    from typing import Annotated, Union, get_args, get_origin

    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin is Union or type(annotation).__name__ == "UnionType":
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation


def _is_tagged_union(annotation: Any) -> bool:
    """A union of models told apart by a callable Discriminator: each member is Annotated[Model, Tag(...)], and
    pydantic puts the tag into the error location."""
    from typing import Annotated, Union, get_args, get_origin

    from pydantic import Tag

    annotation = _strip(annotation)
    if not (get_origin(annotation) is Union or type(annotation).__name__ == "UnionType"):
        return False
    members = get_args(annotation)
    return all(get_origin(m) is Annotated and any(isinstance(x, Tag) for x in get_args(m)[1:]) for m in members)


def _is_field_discriminated(annotation: Any) -> bool:
    """A union of models chosen by one of their fields (`Field(discriminator="distribution")`): pydantic puts the
    chosen member's tag ('pert') into the error location, a level the file does not have."""
    from typing import Annotated, get_args, get_origin

    return get_origin(annotation) is Annotated and any(getattr(m, "discriminator", None) for m in get_args(annotation)[1:])


def _clean_loc(loc: tuple, model: Any = None) -> tuple:
    """Drop pydantic's union tags so the path is the user's path.

    A tag stands right after the index of a list whose elements are a tagged union of models
    ('drift', 3, 'hours', 'hours' -> 'drift', 3, 'hours'); a validator name like 'function-after[...]' is dropped
    too. The model says where the tagged unions are. A union chosen by a field, like the uncertainty block's
    `distribution`, loses its tag too ('uncertainty', 0, 'pert', 'high' -> 'uncertainty', 0, 'high'; trial3 #9).
    """
    from typing import get_args, get_origin

    out: list = []
    current: Any = model  # the model at this point of the path, while known
    pending: Any = None  # the annotation of the field just entered
    tag_next = False
    for part in loc:
        if isinstance(part, str) and "[" in part:
            continue
        if isinstance(part, int):
            element = _strip(pending)
            args = get_args(element) if get_origin(element) in (list, tuple) else ()
            element = args[0] if args else None
            tag_next = element is not None and (_is_tagged_union(element) or _is_field_discriminated(element))
            current = _strip(element) if isinstance(_strip(element), type) else None
            pending = None
            out.append(part)
            continue
        if tag_next:  # the union's tag, not a key of the file
            tag_next = False
            current = None
            continue
        fields = _fields_by_key(current) if current is not None else {}
        info = fields.get(part)
        pending = info.annotation if info is not None else None
        stripped = _strip(pending) if pending is not None else None
        current = stripped if isinstance(stripped, type) and issubclass(stripped, BaseModel) else None
        out.append(part)
    return tuple(out)


def _fields_by_key(model: Any) -> dict:
    """A model's fields by the key a file gives (the alias where there is one)."""
    fields = getattr(model, "model_fields", None) or {}
    return {(info.alias or name): info for name, info in fields.items()}


def _models_at(model: type[BaseModel], loc: tuple) -> list:
    """The models whose keys are allowed at `loc` (best effort; empty if the path leads to no model): several
    where the path passes a union of models whose tag the path does not keep (an uddannelse item: a course or an
    hours item)."""
    from typing import get_args, get_origin

    current: list = [model]
    key_next = False  # the part after a dict field is the user's own key (a wage group's name), not a field
    for part in loc[:-1]:
        if isinstance(part, int) or key_next:
            key_next = False
            continue
        found: list = []
        for candidate in current:
            fields = _fields_by_key(candidate)
            if part in fields:
                annotation = _strip(fields[part].annotation)
                key_next = key_next or get_origin(annotation) is dict
                found += [m for m in _all_models(annotation, get_args) if m not in found]
        current = found
        if not current:
            return []
    return current


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Keys allowed at `loc` (best effort, for 'did you mean')."""
    return list(dict.fromkeys(k for m in _models_at(model, loc) for k in _fields_by_key(m)))


def _suggestion(model: type[BaseModel], loc: tuple) -> str | None:
    """The key to suggest for an unknown key at `loc`: one spelt alike, or the one a model names for a word users
    write instead (its `KEY_HINTS`, e.g. a wage group's `value` -> `monthly_wage_cost`)."""
    key = str(loc[-1]) if loc else ""
    models = _models_at(model, loc)
    for current in models:
        hint = (getattr(current, "KEY_HINTS", None) or {}).get(key.lower())
        if hint:
            return hint
    close = difflib.get_close_matches(key, _known_fields(model, loc), n=1)
    return close[0] if close else None


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae", "-": "_", " ": "_"})


def did_you_mean(word: str, known) -> str:
    """' (did you mean 'x'?)' for the known name nearest `word`, or '': æ, ø and å folded to ae, oe and aa first,
    as the names in files are written (`pædagog` -> 'paedagog'; trial3 #9)."""
    folded = {str(k).lower().translate(_FOLD): str(k) for k in known}
    key = str(word).lower().translate(_FOLD)
    close = [folded[key]] if key in folded else [folded[c] for c in difflib.get_close_matches(key, list(folded), n=1)]
    return f" (did you mean {close[0]!r}?)" if close and close[0] != word else ""


def _all_models(annotation, get_args) -> list:
    """Every model an annotation holds (a model, a list of models, a union of them), in order."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list = []
    for arg in get_args(annotation):
        out += [m for m in _all_models(arg, get_args) if m not in out]
    return out


# pydantic error types where the value the user wrote helps to see what is wrong
_SHOW_INPUT = ("_type", "_parsing", "literal_error", "finite_number", "greater_than", "less_than", "multiple_of",
               "bool_", "int_from_float", "enum")


def _input_hint(value: Any, kind: str) -> str:
    if kind.startswith("date"):  # 30-11-2026 is how a Danish user writes a date (trial/FINDINGS.md F13)
        return "; write the date as YYYY-MM-DD, e.g. 2026-11-30"
    if isinstance(value, str) and kind.startswith("bool"):
        return "; write true or false"
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?[1-9]\d{0,2}(,\d{3})+", text):
            return ("; ambiguous: ',' separates thousands in English (1,250 = 1250) and marks decimals in Danish "
                    "(1,25); write 1250 or 1.25")
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


def problems_text(problems) -> str:
    """Problems in one line, "path: message; ..." (a message without a path stands alone): how a change that
    breaks a scenario quotes the scenario model's own words."""
    return "; ".join(f"{p.path}: {p.message}" if p.path else p.message for p in problems)


def problems_from(error: ValidationError, lines: LineMap, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's validation errors into Problems, each with the user's field path and its line."""
    out: list[Problem] = []
    errors = error.errors(include_url=False)
    for n, err in enumerate(errors):
        if len(out) >= MAX_PROBLEMS:
            out.append(Problem("", f"... and {len(errors) - n} more problems; fix the ones above first"))
            break
        loc = _clean_loc(tuple(err["loc"]), model)
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
            message = "unknown key"
            close = _suggestion(model, loc)
            if close:
                message += f" (did you mean {close!r}?)"
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
    """Validate parsed YAML against `model`; every problem in one ScenarioError with file, field path and line."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise ScenarioError(file, problems_from(exc, lines, model)) from None


def validate_file(path: Path, model: type[M], context: dict | None = None) -> M:
    """Read a YAML file safely and validate it against `model` (see `validate_data`)."""
    data, lines = load_yaml(Path(path))
    return validate_data(data, lines, model, str(path), context)
