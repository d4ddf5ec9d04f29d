"""Why each published figure of report 000 is counted: `check`, `calibration`, `forced` or `reading`.

The method (docs/reproduction.md, "How basis is decided"):

* `calibration`: the figure fits a value (a residual line solved so it comes out, or the interval the
  socialpædagog rate is taken from); listed in `data/calibration_000.yaml`.
* `reading`: the figure was in view when a reading of the text was chosen; listed there too.
* Every other figure is tried mechanically. Each cost input of a scenario (an item's kroner, hours, days or
  fee) is moved by ±5 %, all of one scenario's cost inputs together by ±5 %, and each public rate by ±5 %;
  after each move the residual lines are solved again from their calibration figures, exactly as
  `tools/calibrate_000.py` does. A figure that some move shifts by more than its tolerance, and that some move
  takes outside its tolerance around the printed value, is a `check` (the move is stored; the mutation test
  re-applies it); one that no move shifts by its tolerance is `forced`: the calibration figures fix it. The
  fitted socialpædagog rate is also moved to either end of the interval the prose allows, but what only that
  moves is `forced` too: it tests the calibration, not the costing (a calibrated gross minus calibrated
  savings).
* A figure printed again for a scenario that is the base case (a sensitivity row equal to the base) is
  `forced` as a reprint: it cannot fail unless the first printing does.

The result is stored in `reproduction/data/basis_000.csv` by `tools/basis.py`; `costmodel reproduce` reads it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import yaml

from ..io.paths import data_dir, scenarios_dir

STEP = 0.05  # the ±5 % move of a cost input or a public rate
VALUE_FIELDS = ("amount", "hours", "days", "hours_per_week", "fee")
CATEGORIES = ("etablering", "uddannelse", "drift")
BASES = ("check", "calibration", "forced", "reading")


@lru_cache(maxsize=None)
def spec_000() -> dict:
    """The calibration and reading spec of report 000 (data/calibration_000.yaml)."""
    return yaml.safe_load((data_dir() / "calibration_000.yaml").read_text(encoding="utf-8"))


def _matches(entry: dict, record: dict) -> bool:
    for key in ("intervention", "row", "measure"):
        if key in entry and entry[key] != record[key]:
            return False
    if "value" in entry and float(entry["value"]) != float(record["value_kr"]):
        return False
    return True


# ---------------------------------------------------------------------------------------------------------
# Evaluation with residuals re-solved


@dataclass(frozen=True)
class State:
    """Scenarios by intervention and the rate table they are evaluated with."""

    scenarios: dict
    rates: object


def _set(scenario, path: str, value: float):
    from ..prospective.parameters import apply

    changed, _ = apply(scenario, {path: value}, rates=_dummy_rates())
    return changed


def _set_many(scenario, values: dict[str, float]):
    from ..prospective.parameters import ParameterError, apply

    # Whole-number inputs (e.g. days given as integers) are left out of a joint move rather than rounded.
    floats = {}
    for path, value in values.items():
        try:
            apply(scenario, {path: value}, rates=_dummy_rates())
        except (ParameterError, ValueError):
            continue
        floats[path] = value
    changed, _ = apply(scenario, floats, rates=_dummy_rates())
    return changed


@lru_cache(maxsize=1)
def _dummy_rates():
    from ..rates.table import load_rates

    return load_rates("rates_2020")


def _value(scenario, path: str) -> float:
    from ..prospective.parameters import resolve_scenario_path

    return float(resolve_scenario_path(scenario, path))


def _figure(scenario, rates, row: str, measure: str) -> float:
    from ..prospective.result import evaluate_with
    from ..prospective.sensitivity import variant

    result = evaluate_with(variant(scenario, row), rates)
    if measure == "savings_per_participant_undiscounted_text":
        return -result["savings_per_participant"]
    if measure.endswith("_change_vs_base"):
        key = measure.removesuffix("_change_vs_base")
        return result[key] - evaluate_with(scenario, rates)[key]
    return result[measure]


def solve_residuals(state: State, only: set[str] | None = None) -> State:
    """The residual lines solved again so their calibration figures come out exactly.

    Parameters
    ----------
    state : State
        Scenarios by intervention and the rate table.
    only : set of str, optional
        Interventions to re-solve (all when None).

    Returns
    -------
    State
        The same scenarios with each residual item's amount [kr.] solved (the figures are linear in them:
        one Newton step with a 1.000 kr. finite difference is exact). A residual cannot go below 0 kr.
    """
    scenarios = dict(state.scenarios)
    for group in spec_000()["residuals"]:
        name = group["intervention"]
        if only is not None and name not in only:
            continue
        scenario = scenarios[name]
        paths = group["solve"]
        figures = group["figures"]

        def values(s):
            return np.array([_figure(s, state.rates, f["row"], f["measure"]) for f in figures])

        x0 = np.array([_value(scenario, p) for p in paths])
        f0 = values(scenario)
        jac = np.empty((len(figures), len(paths)))
        for j, path in enumerate(paths):
            bumped = _set(scenario, path, x0[j] + 1000.0)
            jac[:, j] = (values(bumped) - f0) / 1000.0
        target = np.array([float(f["value"]) for f in figures])
        # A residual is an extra cost: it cannot go below 0 (then the calibration figure moves instead).
        x = np.maximum(x0 + np.linalg.solve(jac, target - f0), 0.0)
        for path, value in zip(paths, x):
            scenario = _set(scenario, path, float(value))
        scenarios[name] = scenario
    return State(scenarios, state.rates)


def base_state() -> State:
    """Report 000's shipped scenarios (by intervention) with the 2020 rate table, residuals as shipped."""
    from ..loader import load
    from ..rates.table import load_rates

    names = published_000().intervention.unique()
    scenarios = {n: load(scenarios_dir() / f"{n}.yaml") for n in names}
    return State(scenarios, load_rates("rates_2020"))


def published_000() -> pd.DataFrame:
    """The printed figures of report 000 that reproduction compares (one row per printing)."""
    from .reproduce import published_000 as published

    return published()


def computed(state: State, records: list[dict]) -> np.ndarray:
    """The model's value of each printed figure in `records` under `state` [kr.]."""
    cache: dict = {}
    out = []
    for r in records:
        key = (r["intervention"], r["row"], r["measure"])
        if key not in cache:
            cache[key] = _figure(state.scenarios[r["intervention"]], state.rates, r["row"], r["measure"])
        out.append(cache[key])
    return np.array(out, dtype=float)


# ---------------------------------------------------------------------------------------------------------
# The moves


def _residual_paths() -> set[tuple[str, str]]:
    return {(g["intervention"], p.rsplit(".", 1)[0]) for g in spec_000()["residuals"] for p in g["solve"]}


def input_paths(name: str, scenario) -> list[str]:
    """Every cost input of a scenario (an item's kroner, hours, days or fee), residual lines excluded."""
    residual = _residual_paths()
    paths = []
    for category in CATEGORIES:
        for i, item in enumerate(getattr(scenario, category)):
            ident = getattr(item, "id", None) or str(i)
            if (name, f"{category}.{ident}") in residual:
                continue
            for field in VALUE_FIELDS:
                value = getattr(item, field, None)
                if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
                    paths.append(f"{category}.{i}.{field}")
    return paths


def _wage(rates, group: str, value: float):
    groups = dict(rates.wage_groups)
    groups[group] = groups[group].model_copy(update={"hourly": value})
    return rates.model_copy(update={"wage_groups": groups})


def _travel(rates, field: str, factor: float):
    item = getattr(rates.travel, field)
    travel = rates.travel.model_copy(update={field: item.model_copy(update={"value": item.value * factor})})
    return rates.model_copy(update={"travel": travel})


def moves(state: State) -> Iterator[str]:
    """Every move tried, as a string `apply_move` reads back: kind|intervention|path|factor or value.

    `input`: one cost input x 0,95 / 1,05; `all`: every cost input of one scenario at once; `wage`: a public
    wage x 0,95 / 1,05; `wage_to`: a fitted wage set to one end of its interval; `travel`: a travel rate.
    """
    for name, scenario in state.scenarios.items():
        paths = input_paths(name, scenario)
        for path in paths:
            for factor in (1 - STEP, 1 + STEP):
                yield f"input|{name}|{path}|{factor:.2f}"
        for factor in (1 - STEP, 1 + STEP):
            yield f"all|{name}||{factor:.2f}"
    fitted = {r["group"]: r for r in spec_000()["rates"]}
    for group in state.rates.wage_groups:
        if group in fitted:
            for value in fitted[group]["interval"]:
                yield f"wage_to|{group}||{value:g}"
        else:
            for factor in (1 - STEP, 1 + STEP):
                yield f"wage|{group}||{factor:.2f}"
    for field in ("overnight_stay", "per_diem"):
        for factor in (1 - STEP, 1 + STEP):
            yield f"travel|{field}||{factor:.2f}"


def apply_move(state: State, move: str) -> State:
    """The state with `move` made and the residual lines solved again (see `moves`)."""
    kind, target, path, number = move.split("|")
    x = float(number)
    if kind in ("input", "all"):
        scenario = state.scenarios[target]
        if kind == "input":
            changed = _set(scenario, path, _value(scenario, path) * x)
        else:
            changed = _set_many(scenario, {p: _value(scenario, p) * x for p in input_paths(target, scenario)})
        return solve_residuals(State({**state.scenarios, target: changed}, state.rates), only={target})
    if kind == "wage":
        rates = _wage(state.rates, target, state.rates.wage_groups[target].hourly * x)
    elif kind == "wage_to":
        rates = _wage(state.rates, target, x)
    elif kind == "travel":
        rates = _travel(state.rates, target, x)
    else:
        raise ValueError(f"unknown move {move!r}")
    return solve_residuals(State(state.scenarios, rates))


def describe(move: str) -> str:
    """A move (see `moves`) in words for the `reason` column."""
    kind, target, path, number = move.split("|")
    return {
        "input": f"{target}: {path} x {number}",
        "all": f"{target}: every cost input x {number}",
        "wage": f"rates: {target} x {number}",
        "wage_to": f"rates: {target} = {number} (end of its interval)",
        "travel": f"rates: travel.{target} x {number}",
    }[kind]


# ---------------------------------------------------------------------------------------------------------
# Classification


def _listed(kind: str, record: dict) -> dict | None:
    for entry in spec_000()[kind]:
        figures = entry.get("figures", [entry])
        for f in figures:
            if _matches({**f, "intervention": f.get("intervention", entry.get("intervention"))}, record):
                return entry
    return None


def _base_equivalent_rows(state: State) -> dict[tuple[str, str], str]:
    """(intervention, row) -> 'base' for sensitivity rows whose scenario evaluates exactly as the base."""
    from ..prospective.result import evaluate_with
    from ..prospective.sensitivity import variants

    out = {}
    for name, scenario in state.scenarios.items():
        base = evaluate_with(scenario, state.rates)
        for key, changed in variants(scenario):
            other = evaluate_with(changed, state.rates)
            if all(abs(other[m] - base[m]) < 1e-6 for m in ("gross_total", "net_total", "participants_discounted")
                   if _has(base, m)):
                out[(name, key)] = "base"
    return out


def _has(result, measure: str) -> bool:
    try:
        result[measure]
    except KeyError:
        return False
    return True


def classify_000(progress: Callable[[str], None] | None = None) -> pd.DataFrame:
    """One row per printed figure of report 000 with its basis.

    Returns
    -------
    pandas.DataFrame
        intervention, source, row, measure, value_kr [kr.], basis, largest_move [kr.] (the largest shift of the
        computed value under an input move), move (for a check: the move that takes it furthest out of
        tolerance; otherwise the largest mover; readable by `apply_move`) and reason.
    """
    from .reproduce import tolerance_000

    frame = published_000()
    records = frame.to_dict("records")
    state = solve_residuals(base_state())
    base = computed(state, records)
    tol = np.array([tolerance_000(r["measure"], float(r["value_kr"])) for r in records])
    largest = np.zeros(len(records))
    largest_fitted = np.zeros(len(records))
    mover = [""] * len(records)
    printed = np.array([float(r["value_kr"]) for r in records])
    escape = np.zeros(len(records))
    escaper = [""] * len(records)
    for move in moves(state):
        if progress:
            progress(move)
        try:
            moved = apply_move(state, move)
        except ValueError:  # a whole-number input cannot take 5 % more: not a kroner or hours input
            continue
        kind, target = move.split("|")[:2]
        if kind in ("input", "all"):  # only that scenario's figures can move
            values = base.copy()
            mine = [i for i, r in enumerate(records) if r["intervention"] == target]
            values[mine] = computed(moved, [records[i] for i in mine])
        else:
            values = computed(moved, records)
        delta = np.abs(values - base)
        if move.startswith("wage_to|"):
            # A fitted value moved inside the interval its calibration figures allow: a figure it moves is
            # fixed by calibration figures (it tests the calibration, not the costing), never a check.
            for i in np.nonzero(delta > largest_fitted)[0]:
                largest_fitted[i] = delta[i]
            continue
        for i in np.nonzero(delta > largest)[0]:
            largest[i] = delta[i]
            mover[i] = move
        # The move that takes a figure furthest out of its tolerance (what the mutation test re-applies).
        outside = np.abs(values - printed) - tol
        for i in np.nonzero((outside > 0) & (outside > escape))[0]:
            escape[i] = outside[i]
            escaper[i] = move
    equivalent = _base_equivalent_rows(state)
    first_printing: dict[tuple, str] = {}
    rows = []
    for i, r in enumerate(records):
        calibration = _listed("calibration", r)
        reading = _listed("readings", r)
        row_class = equivalent.get((r["intervention"], r["row"]), r["row"])
        same = (r["intervention"], row_class, r["measure"], float(r["value_kr"]))
        if calibration:
            basis, reason = "calibration", calibration["reason"]
        elif reading:
            basis, reason = "reading", reading["reason"]
        elif same in first_printing and first_printing[same] != r["row"]:
            basis, reason = "forced", f"reprints the same figure of the same scenario (row {first_printing[same]})"
        elif largest[i] > tol[i] and escaper[i]:
            basis = "check"
            reason = (f"moves {largest[i]:,.0f} kr. (tolerance {tol[i]:,.0f}) when {describe(mover[i])}; "
                      f"{describe(escaper[i])} takes it out of tolerance")
        elif largest[i] > tol[i]:
            basis = "forced"
            reason = (f"inputs move it up to {largest[i]:,.0f} kr. ({describe(mover[i])}) but none takes it out of "
                      f"its tolerance ({tol[i]:,.0f} kr.) around the printed value: the calibration figures hold it")
        else:
            basis = "forced"
            reason = (f"no input moves it by its tolerance ({tol[i]:,.0f} kr.; largest move {largest[i]:,.0f} kr., "
                      f"{describe(mover[i]) if mover[i] else 'none'}; the socialpædagog rate inside its interval "
                      f"moves it {largest_fitted[i]:,.0f} kr.): the calibration figures fix it")
        first_printing.setdefault(same, r["row"])
        rows.append(dict(intervention=r["intervention"], source=r["source"], row=r["row"], measure=r["measure"],
                         value_kr=float(r["value_kr"]), basis=basis, largest_move=round(float(largest[i]), 1),
                         move=escaper[i] if basis == "check" else mover[i], reason=reason))
    return pd.DataFrame(rows)


@lru_cache(maxsize=None)
def stored(report: str) -> pd.DataFrame:
    """The stored classification (data/basis_<report>.csv), written by tools/basis.py."""
    return pd.read_csv(data_dir() / f"basis_{report}.csv", keep_default_na=False)
