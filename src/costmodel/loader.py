"""Read a scenario file: safe YAML, then pydantic validation, with every problem tied to a field and line."""
from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import FieldProblems, FileProblems, Problem, ScenarioError
from .io.yamlio import LineMap, line_for, load_yaml

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


def _model_for(data: dict, file: str, lines: LineMap) -> type[BaseModel]:
    kind = data.get("kind", "prospective")
    if kind == "prospective":
        from .prospective.model import Scenario

        return Scenario
    if kind == "expost":
        from .expost.model import ExPostScenario

        return ExPostScenario
    raise ScenarioError(file, [Problem("kind", f"unknown scenario kind {kind!r}; use 'prospective' or 'expost'",
                                       line_for(lines, ("kind",)))])


# Whether files a scenario names (a registrations CSV) may lie outside its folder when load() is not told; the
# CLI's --allow-outside-paths sets it for its one command.
ALLOW_OUTSIDE_PATHS = {"default": False}


def load(path: str | Path, allow_outside_paths: bool | None = None):
    """Load and validate a scenario file (prospective or ex-post), checking that its rate table exists.

    A registrations CSV must lie in the scenario's folder or below it unless `allow_outside_paths` is true
    (docs/security.md)."""
    path = Path(path)
    data, lines = load_yaml(path)
    model = _model_for(data, str(path), lines)
    if allow_outside_paths is None:
        allow_outside_paths = ALLOW_OUTSIDE_PATHS["default"]
    try:
        scenario = validate_data(data, lines, model, str(path),
                                 {"base_dir": path.parent, "allow_outside_paths": allow_outside_paths})
    except ScenarioError as exc:
        if model.__name__ == "Scenario" and exc.file == str(path):  # rate-table checks need a valid scenario;
            # try them on the raw data so they are reported with the field errors
            exc.problems.extend(p for p in _raw_wage_group_problems(data, path, lines) if p not in exc.problems)
        raise
    scenario._source_path = path
    if hasattr(scenario, "_raw"):
        scenario._raw = data
    if getattr(scenario, "kind", None) == "prospective":
        _check_rates(scenario, path, lines)
        _check_participants(scenario, path, lines)
        _check_sweeps(scenario, data, path, lines)
    return scenario


def _check_sweeps(scenario, data: dict, path: Path, lines: LineMap) -> None:
    """Every row of the sensitivity tables must give a valid scenario, so that `sweep` never fails half-way."""
    import copy

    from .prospective.engine import participants
    from .prospective.overrides import OverrideError, set_path
    from .prospective.sensitivity import row_changes

    problems = []
    for i, spec in enumerate(scenario.sensitivity):
        for j, row in enumerate(spec.rows):
            loc = ("sensitivity", i, "rows", j)
            where = ".".join(map(str, loc))
            changes = row_changes(spec, row)
            changed = copy.deepcopy(data)
            intro = f"row {row.label!r} sets {', '.join(map(str, changes))}"
            try:
                for key, value in changes.items():
                    set_path(changed, str(key), value)
                variant = type(scenario).model_validate(changed)
            except OverrideError as exc:
                problems.append(Problem(where, f"{intro}, which is not in the scenario: {exc}", line_for(lines, loc)))
                continue
            except ValidationError as exc:
                inner = "; ".join(f"{p.path}: {p.message}" if p.path else p.message
                                  for p in problems_from(exc, {}, type(scenario)))
                problems.append(Problem(where, f"{intro} and so gives an invalid scenario: {inner}", line_for(lines, loc)))
                continue
            if float(participants(variant).sum()) <= 0:
                problems.append(Problem(where, f"{intro} and so leaves no deltager within the horizon",
                                        line_for(lines, loc)))
    if problems:
        raise ScenarioError(str(path), problems)


def _check_participants(scenario, path: Path, lines: LineMap) -> None:
    """Refuse a schedule in which no deltager is counted within the horizon (every per-deltager figure would be
    a division by zero)."""
    from .prospective.engine import participants

    if float(participants(scenario).sum()) <= 0:
        f = scenario.forloeb
        raise ScenarioError(str(path), [Problem(
            "forloeb", f"no deltager is counted within the horizon of {scenario.horizon_years:g} years "
            f"(forløb of {f.laengde_aar:g} years, counted at their {f.deltagere_taelles}); every figure per "
            "deltager would be a division by zero", line_for(lines, ("forloeb",)))])


def _raw_wage_group_problems(data: dict, path: Path, lines: LineMap) -> list[Problem]:
    """Unknown wage groups, found on the unvalidated data so they are reported with the other problems."""
    from .rates.table import load_rates

    if not isinstance(data.get("rates"), str):
        return []
    try:
        rates = load_rates(data["rates"], path.parent)
    except ScenarioError:
        return []
    roles: list[tuple[tuple, object]] = []
    if isinstance(data.get("medarbejdere"), dict):
        roles += [(("medarbejdere", k), v) for k, v in data["medarbejdere"].items()]
    for i, team in enumerate(data.get("fagteams") if isinstance(data.get("fagteams"), list) else []):
        if isinstance(team, dict) and isinstance(team.get("medarbejdere"), dict):
            roles += [(("fagteams", i, "medarbejdere", k), v) for k, v in team["medarbejdere"].items()]
    out = []
    known = ", ".join(sorted(rates.wage_groups))
    for loc, role in roles:
        groups = role.get("wage_group") if isinstance(role, dict) else None
        for group in groups if isinstance(groups, list) else [groups]:
            if isinstance(group, str) and group not in rates.wage_groups:
                full = loc + ("wage_group",)
                out.append(Problem(".".join(map(str, full)), f"unknown wage group {group!r}; available in "
                                   f"{data['rates']}: {known}", line_for(lines, full)))
    return list(dict.fromkeys(out))


def _tables_with_years() -> str:
    """'rates_2020 (2020 prices), ...' for every table in salary_tables/ that loads."""
    from .rates.table import available_tables, load_rates

    out = []
    for name in available_tables():
        try:
            out.append(f"{name} ({load_rates(name).price_year} prices)")
        except ScenarioError:
            try:  # report 002's table is a wage table of another shape
                from .expost.wages import load_wage_table

                out.append(f"{name} ({load_wage_table(name).price_year} prices)")
            except (ScenarioError, ValueError):
                out.append(name)
    return ", ".join(out)


def _check_rates(scenario, path: Path, lines: LineMap) -> None:
    from .rates.table import load_rates

    try:
        rates = load_rates(scenario.rates, path.parent)
    except ScenarioError as exc:
        if exc.problems and exc.problems[0].path == "rates":
            raise ScenarioError(str(path), [Problem("rates", exc.problems[0].message, line_for(lines, ("rates",)))])
        raise
    problems = []
    if rates.price_year != scenario.price_year:
        problems.append(Problem("price_year", f"scenario is in {scenario.price_year} prices but rate table "
                                f"{scenario.rates!r} is in {rates.price_year} prices; available tables: "
                                f"{_tables_with_years()}", line_for(lines, ("price_year",))))
    known = sorted(rates.wage_groups)
    roles = [(("medarbejdere", name), r) for name, r in scenario.medarbejdere.items()]
    for i, team in enumerate(scenario.fagteams):
        roles += [(("fagteams", i, "medarbejdere", name), r) for name, r in team.medarbejdere.items()]
    for loc, role in roles:
        for group in role.groups():
            if group not in rates.wage_groups:
                loc_full = loc + ("wage_group",)
                problem = Problem(".".join(map(str, loc_full)),
                                  f"unknown wage group {group!r}; available in {scenario.rates}: {', '.join(known)}",
                                  line_for(lines, loc_full))
                if problem not in problems:
                    problems.append(problem)
    if problems:
        raise ScenarioError(str(path), problems)
