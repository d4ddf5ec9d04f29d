"""Parameters of a prospective scenario by dotted path: their base value, Danish label and unit, and how to
evaluate the scenario with some of them changed.

Scenario paths are those costmodel.overrides understands (`forloeb.deltagere_pr_forloeb`,
`fagteams.Fagteam.count`, `drift.aktiviteter.amount`, `sparede_omkostninger.0.hours_per_week`, ...). Two more
kinds address the rate table: `rates.wage_groups.<group>.hourly` (kr. per hour) and `rates.wage_level`
(a factor on every hourly wage; base 1). `discount_rate` is the scenario's rate or, if it sets none, the rate
table's.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..errors import PathError
from ..io import dotted
from ..rates.table import rates_for
from .model import Scenario


from . import wage_bounds  # noqa: E402 - the bound on wage changes, shared with the load-time checks


class ParameterError(PathError):
    """A parameter path names no number of the scenario or its rate table."""


WAGE_LEVEL = wage_bounds.WAGE_LEVEL
RATE_PREFIX = wage_bounds.RATE_PREFIX
DISCOUNT_RATE = "discount_rate"

# Fields that change when forløb run (the schedule), not just how much a line costs: never a power law. A post's
# start_aar/aar, the set-up before the first forløb and an investment's year and lifetime move lines between years
# too: a post of aar 0,25 looks like a power of aar (its one line grows with it) until aar passes a year's end.
STRUCTURAL_FIELDS = {"laengde_aar", "pr_fagteam_pr_aar", "i_alt_pr_fagteam", "horizon_years", "start_years",
                     "years", "lasting_years", "start_after_years", "start_aar", "aar", "levetid"}

_UNITS = {
    "hourly": "kr. pr. time", "wage_level": "faktor", "count": "antal", "deltagere_pr_forloeb": "antal",
    "times": "antal", "sessioner_pr_forloeb": "antal", "pr_fagteam_pr_aar": "antal", "i_alt_pr_fagteam": "antal",
    "hours": "timer", "hours_per_week": "timer", "days": "dage", "amount": "kr.", "fee": "kr.", "share": "andel",
    "discount_rate": "pct.", "laengde_aar": "år", "horizon_years": "år", "weeks": "uger", "overnight_stays": "antal",
    "per_diem_days": "antal", "years": "år", "start_years": "år",
    "success_rate": "pct.", "quantity": "antal", "price": "kr.", "lasting_years": "år", "start_after_years": "år",
    "gennemfoerelsesandel": "andel", "levetid": "år", "aarsvaerk": "årsværk",
}
_FIELD_LABELS = {
    "hours": "timer", "hours_per_week": "timer pr. uge", "days": "dage", "amount": "beløb", "fee": "gebyr",
    "times": "antal gange", "weeks": "uger", "overnight_stays": "overnatninger", "count": "antal",
    "share": "andel", "hourly": "timeløn", "per_diem_days": "dagpengedøgn",
    "success_rate": "succesrate", "quantity": "mængde pr. succes pr. år", "price": "pris",
    "levetid": "levetid", "aarsvaerk": "årsværk",
}
_FIXED_LABELS = {
    "forloeb.deltagere_pr_forloeb": "Deltagere pr. forløb",
    "forloeb.pr_fagteam_pr_aar": "Forløb pr. fagteam pr. år",
    "forloeb.i_alt_pr_fagteam": "Forløb pr. fagteam i alt",
    "forloeb.laengde_aar": "Forløbets længde (år)",
    "forloeb.sessioner_pr_forloeb": "Sessioner pr. forløb",
    "forloeb.gennemfoerelsesandel": "Gennemførelsesandel",
    "horizon_years": "Tidshorisont (år)",
    DISCOUNT_RATE: "Diskonteringsrente",
    WAGE_LEVEL: "Lønniveau (faktor på alle timelønninger)",
}


def _walk(scenario: Scenario, path: str) -> list[Any]:
    """The nodes along `path` (scenario first, the value last)."""
    return dotted.walk(scenario, path, ParameterError)


def resolve_scenario_path(scenario: Scenario, path: str) -> float:
    """The numeric value at a scenario path (ParameterError if the path does not name a number); NaN for an
    unset `discount_rate` (the rate table's applies; see base_value)."""
    return dotted.number_at(scenario, path, ParameterError, none_ok=path == DISCOUNT_RATE)


def load_rates_for(scenario: Scenario):
    """The scenario's rate table (attached when it was loaded)."""
    return rates_for(scenario)


def _rate_group(rates, path: str) -> str:
    parts = path.split(".")
    if len(parts) != 4 or parts[1] != "wage_groups" or parts[3] != "hourly":
        raise ParameterError(f"{path}: rate parameters are rates.wage_groups.<group>.hourly and {WAGE_LEVEL}")
    if parts[2] not in rates.wage_groups:
        raise ParameterError(f"{path}: no wage group {parts[2]!r} (have {', '.join(rates.wage_groups)})")
    return parts[2]


def base_value(scenario: Scenario, path: str, rates=None) -> float:
    """The base value of a parameter path [its unit, see `unit`]: a scenario field, a rate (``rates.wage_level`` = 1,
    ``rates.wage_groups.<group>.hourly`` [kr./h]) or ``discount_rate`` [fraction per year].
    """
    if path == WAGE_LEVEL:
        return 1.0
    if path.startswith("rates."):
        rates = rates or load_rates_for(scenario)
        return float(rates.hourly(_rate_group(rates, path)))
    if path == DISCOUNT_RATE and scenario.discount_rate is None:
        rates = rates or load_rates_for(scenario)
        return float(rates.discounting.rate)
    return resolve_scenario_path(scenario, path)


def check(scenario: Scenario, path: str, rates=None) -> None:
    """Raise ParameterError unless `path` names a numeric parameter of this scenario."""
    base_value(scenario, path, rates)


def unit(path: str) -> str:
    """The Danish unit of a parameter path (``kr.``, ``timer``, ``antal``, ``pct.``, ...)."""
    return _UNITS.get(path.split(".")[-1], "")


def is_integer(scenario: Scenario, path: str) -> bool:
    """Whether the model accepts only whole numbers here (team and staff counts, number of forløb)."""
    if path.startswith("rates.") or path == DISCOUNT_RATE:
        return False
    nodes = _walk(scenario, path)
    holder, name = nodes[-2], path.split(".")[-1]
    if isinstance(holder, BaseModel):
        annotation = type(holder).model_fields[name].annotation
        return annotation is int or str(annotation).startswith("int")
    return False


def is_structural(path: str) -> bool:
    """Parameters that move forløb in time (so cost lines appear, vanish or shift year)."""
    parts = path.split(".")
    return parts[-1] in STRUCTURAL_FIELDS or "active" in parts or "during" in parts


def label(scenario: Scenario, path: str) -> str:
    """The Danish label of a parameter path: the uncertainty entry's own, a fixed one, or one built from the item."""
    for entry in getattr(scenario, "uncertainty", []):
        if entry.parameter == path and entry.label:
            return entry.label
    if path in _FIXED_LABELS:
        return _FIXED_LABELS[path]
    parts = path.split(".")
    if path.startswith("rates.wage_groups."):
        return f"Timeløn, {parts[2]}"
    if parts[0] == "fagteams" and parts[-1] == "count":
        if len(parts) == 3:
            return f"Antal fagteams ({parts[1]})"
        return f"Antal {parts[-2]} pr. fagteam"
    try:
        nodes = _walk(scenario, path)
    except ParameterError:
        return path
    holder = nodes[-2]
    name = (getattr(holder, "item", None) or getattr(holder, "course", None) or getattr(holder, "name", None)
            or getattr(holder, "label", None))
    field = _FIELD_LABELS.get(parts[-1], parts[-1])
    return f"{name}: {field}" if name else path


def check_wage_change(path: str, value: float, base: float) -> None:
    """Refuse a negative wage or one above MAX_WAGE_FACTOR times its base (ParameterError)."""
    try:
        wage_bounds.check_wage_change(path, value, base)
    except wage_bounds.WageChangeError as exc:
        raise ParameterError(str(exc)) from None


def _changed_rates(rates, values: dict[str, float]):
    level = values.get(WAGE_LEVEL, 1.0)
    if WAGE_LEVEL in values:
        check_wage_change(WAGE_LEVEL, level, 1.0)
    groups = {}
    for name, group in rates.wage_groups.items():
        path = f"rates.wage_groups.{name}.hourly"
        hourly = values.get(path, group.hourly)
        if path in values:
            check_wage_change(path, hourly, group.hourly)
        groups[name] = group.model_copy(update={"hourly": hourly * level})
    for path in values:
        if path.startswith("rates.") and path != WAGE_LEVEL:
            _rate_group(rates, path)
    return rates.model_copy(update={"wage_groups": groups})


changed_rates = _changed_rates


def _whole(scenario: Scenario, path: str, value: float) -> Any:
    if is_integer(scenario, path):
        if abs(value - round(value)) > 1e-9:
            raise ParameterError(f"{path}: takes whole numbers only, not {value:g}")
        return int(round(value))
    return float(value)


def apply(scenario: Scenario, values: dict[str, float], rates=None):
    """(scenario, rate table) with `values` set; the scenario is re-validated, the originals left alone."""
    from . import overrides

    rates = rates or load_rates_for(scenario)
    scenario_values = {p: _whole(scenario, p, v) for p, v in values.items() if not p.startswith("rates.")}
    rate_values = {p: float(v) for p, v in values.items() if p.startswith("rates.")}
    if scenario_values:
        try:
            scenario = overrides.apply(scenario, scenario_values)
        except overrides.OverrideError as exc:
            raise ParameterError(str(exc)) from None
    if rate_values:
        rates = _changed_rates(rates, rate_values)
    return scenario, rates


def evaluate_at(scenario: Scenario, values: dict[str, float], rates=None):
    """The plain engine's Result for the scenario with `values` set (the reference the fast evaluator meets)."""
    from .result import evaluate_with

    changed, changed_rates = apply(scenario, values, rates)
    return evaluate_with(changed, changed_rates)
