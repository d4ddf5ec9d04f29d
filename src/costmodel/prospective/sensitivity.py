"""One-way sensitivity: the scenario's own tables, one assumption changed at a time, all else held fixed."""
from __future__ import annotations

import pandas as pd

from .model import Scenario, SweepRow, SweepSpec, row_changes
from ..rates.table import basis_of, rates_for
from .overrides import apply
from .result import evaluate_with
from ..tables import SweepTable

MEASURES = ["net_total", "net_per_participant", "gross_total", "gross_per_participant"]
COLUMN_LABELS = {
    "net_total": "Nettoomk. i alt",
    "net_per_participant": "Nettoomk. pr. deltager",
    "gross_total": "Bruttoomk. i alt",
    "gross_per_participant": "Bruttoomk. pr. deltager",
}


def variants(scenario: Scenario):
    """(row key, changed scenario) for every row of the scenario's sensitivity tables."""
    for spec in scenario.sensitivity:
        for row in spec.rows:
            yield row.row_key(spec.key), apply(scenario, row_changes(spec, row))


def variant(scenario: Scenario, key: str) -> Scenario:
    """The scenario as one sensitivity row changes it; `base` is the scenario itself."""
    if key == "base":
        return scenario
    for spec in scenario.sensitivity:
        for row in spec.rows:
            if row.row_key(spec.key) == key:
                return apply(scenario, row_changes(spec, row))
    raise LookupError(f"{scenario.title} has no sensitivity row {key!r}")


def evaluate_row(scenario: Scenario, spec: SweepSpec, row: SweepRow):
    """The row's result. Rate parameters (`rates.wage_level`, `rates.wage_groups.<group>.hourly`) are set on the
    rate table as the CLI analyses set them (parameters.apply); everything else on the scenario."""
    from .parameters import RATE_PREFIX, changed_rates

    changes = row_changes(spec, row)
    rate_changes = {str(k): float(v) for k, v in changes.items() if str(k).startswith(RATE_PREFIX)}
    other = {k: v for k, v in changes.items() if not str(k).startswith(RATE_PREFIX)}
    changed = apply(scenario, other) if other else scenario
    rates = rates_for(changed)
    if rate_changes:
        rates = changed_rates(rates, rate_changes)
    return evaluate_with(changed, rates)


def run_table(scenario: Scenario, spec: SweepSpec) -> SweepTable:
    """One one-way table: each row's net and gross cost, in total and per deltager [kr., NNV]."""
    records = []
    for row in spec.rows:
        result = evaluate_row(scenario, spec, row)
        records.append({"row": row.row_key(spec.key), "label": row.label,
                        **{m: result[m] for m in MEASURES}})
    frame = pd.DataFrame(records, columns=["row", "label", *MEASURES])
    return SweepTable(key=spec.key, title=spec.title, frame=frame, units={m: "kr." for m in MEASURES},
                      note="Når én forudsætning ændres, holdes alle andre faste.", source=spec.source,
                      price_year=scenario.price_year, rate_basis=basis_of(rates_for(scenario), scenario.discount_rate))


def sweep(scenario: Scenario) -> list[SweepTable]:
    """The scenario's one-way sensitivity tables, one assumption changed at a time.

    Returns
    -------
    list of SweepTable
        Amounts [kr., NNV] in the scenario's price year.
    """
    return [run_table(scenario, spec) for spec in scenario.sensitivity]
