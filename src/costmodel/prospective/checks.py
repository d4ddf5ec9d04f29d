"""The prospective kind's own checks on a loaded scenario, which need more than one field at a time: its rate
table (exists, same price year, knows every wage group), a schedule that counts deltagere, and sensitivity rows
that each give a valid scenario. `costmodel.kinds` runs them when a scenario is loaded; no cost is computed.
"""
from __future__ import annotations

import copy
from pathlib import Path

from pydantic import ValidationError

from ..errors import Problem, ScenarioError
from ..io.validate import did_you_mean, problems_from, problems_text
from ..io.yamlio import LineMap, line_for
from ..rates.discount_rules import load_rules
from ..rates.table import discounting_for, load_rates
from .model import row_changes
from .overrides import OverrideError, set_path
from .wage_bounds import RATE_PREFIX, WageChangeError, check_wage_change, rate_base
from .schedule import participants_total


def after_load(scenario, data: dict, path: Path, lines: LineMap) -> None:
    """Check a validated scenario and attach what evaluation needs: its data as written (for overrides) and its
    rate table (so that evaluating does no file I/O)."""
    scenario._raw = data
    scenario._lines = lines  # the lines of its fields, for remarks that name them (prospective/remarks.py)
    scenario._rate_table = check_rates(scenario, path, lines)
    check_investment_types(scenario, path, lines)
    check_participants(scenario, path, lines)
    check_sweeps(scenario, data, path, lines)
    check_uncertainty_ranges(scenario, data, path, lines)


def _variant(scenario, base: dict, changes: dict):
    """The scenario's data as written with `changes` set, validated [a new Scenario]. Only the top-level entries a
    change walks into are copied (set_path writes nowhere else), so `base` is never touched.

    Raises OverrideError for a path the scenario lacks and ValidationError for a value the model refuses."""
    changed = dict(base)
    for key in {str(k).split(".")[0] for k in changes}:
        if key in changed:
            changed[key] = copy.deepcopy(changed[key])
    for key, value in changes.items():
        set_path(changed, str(key), value)
    return type(scenario).model_validate(changed)


def check_uncertainty_ranges(scenario, data: dict, path: Path, lines: LineMap) -> None:
    """Each uncertain parameter's low and high (the tornado's and spider's ends) must give a valid scenario, so
    that `validate` says what `tornado` would refuse (reviewer R1: a share with low 0 passed validate).

    Rate parameters (rates.*) are checked by the analyses' own wage bounds, not here."""
    problems = []
    base = {k: v for k, v in data.items() if k not in ("sensitivity", "uncertainty")}
    for i, entry in enumerate(scenario.uncertainty):
        if str(entry.parameter).startswith(RATE_PREFIX):
            continue
        loc = ("uncertainty", i)
        for end, value in zip(("low", "high"), entry.range()):
            try:
                _variant(scenario, base, {entry.parameter: value})
            except OverrideError:
                break  # a path the scenario lacks is reported by the uncertainty block's own path check
            except ValidationError as exc:
                inner = problems_text(problems_from(exc, {}, type(scenario)))
                problems.append(Problem(".".join(map(str, loc)),
                                        f"{entry.parameter} at its {end} end ({value:g}) gives an invalid "
                                        f"scenario: {inner}", line_for(lines, loc)))
    if problems:
        raise ScenarioError(str(path), problems)


def check_sweeps(scenario, data: dict, path: Path, lines: LineMap) -> None:
    """Every row of the sensitivity tables must give a valid scenario, so that `sweep` never fails half-way."""
    problems = []
    # the variants are validated without the tables themselves: copying and validating every row with every row
    # would be quadratic in the number of rows
    base = {k: v for k, v in data.items() if k != "sensitivity"}
    for i, spec in enumerate(scenario.sensitivity):
        for j, row in enumerate(spec.rows):
            loc = ("sensitivity", i, "rows", j)
            where = ".".join(map(str, loc))
            changes = row_changes(spec, row)
            intro = f"row {row.label!r} sets {', '.join(map(str, changes))}"
            rate_problem = _rate_change_problem(scenario, changes)
            if rate_problem:
                problems.append(Problem(where, f"{intro}: {rate_problem}", line_for(lines, loc)))
                continue
            changes = {k: v for k, v in changes.items() if not str(k).startswith(RATE_PREFIX)}
            try:
                variant = _variant(scenario, base, changes)
            except OverrideError as exc:
                problems.append(Problem(where, f"{intro}, which is not in the scenario: {exc}", line_for(lines, loc)))
                continue
            except ValidationError as exc:
                inner = problems_text(problems_from(exc, {}, type(scenario)))
                problems.append(Problem(where, f"{intro} and so gives an invalid scenario: {inner}", line_for(lines, loc)))
                continue
            if participants_total(variant) <= 0:
                problems.append(Problem(where, f"{intro} and so leaves no deltager within the horizon",
                                        line_for(lines, loc)))
                continue
            try:  # a row may switch the rate table or a wage group: the same checks as the scenario's own
                check_rates(variant, path, {})
            except ScenarioError as exc:
                problems.append(Problem(where, f"{intro} and so gives an invalid scenario: "
                                        f"{problems_text(exc.problems)}", line_for(lines, loc)))
    if problems:
        raise ScenarioError(str(path), problems)


def _rate_change_problem(scenario, changes: dict) -> str | None:
    """What is wrong with a sensitivity row's rate parameters (rates.wage_level, rates.wage_groups.<g>.hourly),
    checked as the CLI analyses check them (issue 14: the block and the CLI accept the same parameters)."""
    rate_changes = {str(k): v for k, v in changes.items() if str(k).startswith(RATE_PREFIX)}
    if not rate_changes:
        return None
    try:
        rates = scenario._rate_table
        for key, value in rate_changes.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return f"{key} takes a number, not {value!r}"
            check_wage_change(key, float(value), rate_base(rates, key))
    except (WageChangeError, ValueError) as exc:
        return str(exc)
    return None


def check_investment_types(scenario, path: Path, lines: LineMap) -> None:
    """Every investment `type` has a default lifetime (salary_tables/levetider/oes.yaml, read here once so that
    evaluation reads no file)."""
    from ..rates.lifetimes import load_lifetimes

    if not any(inv.type for inv in scenario.investeringer):
        return
    known = load_lifetimes().lifetimes
    problems = [Problem(f"investeringer.{i}.type", f"no default lifetime for type {inv.type!r}; known: "
                        f"{', '.join(known)} (or give levetid in years)", line_for(lines, ("investeringer", i, "type")))
                for i, inv in enumerate(scenario.investeringer) if inv.type and inv.type not in known]
    if problems:
        raise ScenarioError(str(path), problems)


def check_participants(scenario, path: Path, lines: LineMap) -> None:
    """Refuse a schedule in which no deltager is counted within the horizon (every per-deltager figure would be
    a division by zero)."""
    if participants_total(scenario) <= 0:
        f = scenario.forloeb
        raise ScenarioError(str(path), [Problem(
            "forloeb", f"no deltager is counted within the horizon of {scenario.horizon_years:g} years "
            f"(forløb of {f.laengde_aar:g} years, counted at their {f.deltagere_taelles}); every figure per "
            "deltager would be a division by zero", line_for(lines, ("forloeb",)))])


def raw_wage_group_problems(data: dict, path: Path, lines: LineMap) -> list[Problem]:
    """Unknown wage groups, found on the unvalidated data so they are reported with the other problems."""
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
                out.append(Problem(".".join(map(str, full)), f"unknown wage group {group!r}"
                                   f"{did_you_mean(group, rates.wage_groups)}; available in "
                                   f"{data['rates']}: {known}", line_for(lines, full)))
    return list(dict.fromkeys(out))


def check_rates(scenario, path: Path, lines: LineMap):
    """The scenario's rate table in its price year (indexed where the table's year differs) with its discount rule,
    once it is known to fit the scenario (a price year the index covers, a known rule, every wage group)."""
    try:
        rates = load_rates(scenario.rates, path.parent, scenario.price_year)
    except ScenarioError as exc:
        if exc.problems and (exc.problems[0].path == "rates" or exc.problems[0].message.startswith("cannot ")):
            where = exc.problems[0].path
            raise ScenarioError(str(path), [Problem(where, exc.problems[0].message, line_for(lines, (where,)))])
        raise
    problems = []
    try:
        rates = rates.model_copy(update={"discounting": discounting_for(scenario, rates)})
    except (KeyError, ValueError) as exc:
        key = "diskonteringsregel" if scenario.diskonteringsregel else "vurderingsdato"
        known_rules = ", ".join(load_rules().rules)
        message = (f"unknown discount rule {scenario.diskonteringsregel!r}; known: {known_rules}"
                   if isinstance(exc, KeyError) else f"{exc}; name a rule with diskonteringsregel ({known_rules})")
        problems.append(Problem(key, message, line_for(lines, (key,))))
    known = sorted(rates.wage_groups)
    roles = [(("medarbejdere", name), r) for name, r in scenario.medarbejdere.items()]
    for i, team in enumerate(scenario.fagteams):
        roles += [(("fagteams", i, "medarbejdere", name), r) for name, r in team.medarbejdere.items()]
    for loc, role in roles:
        for group in role.groups():
            if group not in rates.wage_groups:
                loc_full = loc + ("wage_group",)
                problem = Problem(".".join(map(str, loc_full)),
                                  f"unknown wage group {group!r}{did_you_mean(group, known)}; available in "
                                  f"{scenario.rates}: {', '.join(known)}",
                                  line_for(lines, loc_full))
                if problem not in problems:
                    problems.append(problem)
    if problems:
        raise ScenarioError(str(path), problems)
    return rates
