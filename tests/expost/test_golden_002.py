"""Golden tests: every published cost result of report 002 (Rambøll 2020, Dokumentation af lovende praksis)
against the five shipped scenarios. Expectations are read from the published-figures CSV, never from the code.

A result is a kroner outcome (annual cost, per forløb, per participant, per participant per month,
establishment cost) in a main, variant or sensitivity row; one test per (intervention, row, measure,
printed value). Tolerance: ±1.000 kr. (printed to whole thousands), ±100.000 kr. for figures printed in mio.
Figures the report gets wrong stay here as strict xfails, with the arithmetic in the reason.

Only results whose stored basis (reproduction/data/basis_002.csv, written by tools/basis.py) is `check` or
`reading` are tested: a `calibration` result would compare an input with the figure it was copied from, and a
`forced` one (a calibrated total divided by a printed count, a cell that passes for any share inside its
calibration interval) cannot fail; tests/reproduction/test_basis.py covers both.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from costmodel.expost import evaluate, sweep

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "src" / "costmodel" / "reproduction" / "data" / "published_figures_002.csv"
SCENARIOS = {
    "spaedbarnsindsatsen_jammerbugt": "lovende_praksis_jammerbugt.yaml",
    "spydspidsen_koebenhavn": "lovende_praksis_spydspidsen.yaml",
    "boernegrupper_favrskov": "lovende_praksis_favrskov.yaml",
    "familiekonsulent_thisted": "lovende_praksis_thisted.yaml",
    "spaedeindsats_holstebro": "lovende_praksis_holstebro.yaml",
}
COLUMN = {
    "annual_operating_cost": "annual_cost",
    "cost_per_course": "cost_per_course",
    "cost_per_family": "cost_per_participant",
    "cost_per_child": "cost_per_participant",
    "cost_per_youth_enrolled": "cost_per_participant",
    "cost_per_youth_discharged": "cost_per_participant_udskrevet",
    "cost_per_family_per_month": "cost_per_participant_per_month",
    "establishment_cost": "establishment_cost",
}
KNOWN_MISSES = {
    ("boernegrupper_favrskov", "base", "cost_per_child", 15000):
        "Tabel 7-3 prints 15.000 per child but 80.000 / 5,8 = 13.793 and 201.000 / (2,5 x 5,8) = 13.862 (= 14.000, "
        "as Tabel 7-5's 6-child row).",
    ("boernegrupper_favrskov", "boern_pr_gruppe=8", "annual_operating_cost", 228000):
        "80.400 x (0,66 + 0,34 x 8/5,8) x 2,5 = 226.922, 1.078 below: the fixed share 63 + 3 pct. from whole-percent "
        "shares is just above the <= 65,9 pct. this cell needs.",
    ("familiekonsulent_thisted", "base", "cost_per_family", 56000):
        "Text after Tablet 8-6 says 'mellem 56.000 og 78.000 kr.' but the table's base is 67.000 (383.000 / 5,7).",
}


def published_results() -> pd.DataFrame:
    pub = pd.read_csv(CSV)
    pub = pub[pub["measure"].isin(COLUMN) & pub["intervention"].isin(SCENARIOS)
              & ~pub["row"].str.startswith("range_")]
    return (
        pub.groupby(["intervention", "row", "measure", "value"], sort=False)
        .agg(source=("source", "; ".join), as_printed=("as_printed", " | ".join))
        .reset_index()
    )


@lru_cache(maxsize=None)
def tables(intervention: str):
    from costmodel.expost import ExPostScenario
    import yaml

    path = ROOT / "scenarios" / SCENARIOS[intervention]
    scenario = ExPostScenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")),
                                             context={"base_dir": path.parent})
    return scenario, evaluate(scenario).summary_frame(), sweep(scenario)


def computed(intervention: str, row: str, measure: str) -> float:
    scenario, summary, sweeps = tables(intervention)
    column = COLUMN[measure]
    if row in ("base", scenario.base_key):
        return float(summary.loc[summary["measure"] == column, "value"].iloc[0])
    for table in sweeps:
        hit = table.frame[table.frame["row"] == row]
        if len(hit):
            return float(hit[column].iloc[0])
    raise LookupError(f"no computed row {row!r} for {intervention}")


BASIS = pd.read_csv(ROOT / "src" / "costmodel" / "reproduction" / "data" / "basis_002.csv", keep_default_na=False)
COUNTED = {(r.intervention, r.row, r.measure, int(r.value)) for r in BASIS.itertuples()
           if r.basis in ("check", "reading")}


def cases():
    for rec in published_results().itertuples(index=False):
        key = (rec.intervention, rec.row, rec.measure, int(rec.value))
        if key not in COUNTED and key not in KNOWN_MISSES:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[key])] if key in KNOWN_MISSES else []
        tol = 100_000 if "mio" in rec.as_printed else 1_000
        yield pytest.param(rec.intervention, rec.row, rec.measure, rec.value, tol, rec.source,
                           id=f"{rec.intervention}|{rec.row}|{rec.measure}={int(rec.value)} [{rec.source}]",
                           marks=marks)


def test_there_are_83_published_results():
    assert len(published_results()) == 83


@pytest.mark.parametrize(("intervention", "row", "measure", "published", "tolerance", "source"), list(cases()))
def test_published_result(intervention, row, measure, published, tolerance, source):
    value = computed(intervention, row, measure)
    assert abs(value - published) <= tolerance, (
        f"report 002, {source}: {intervention} {row} {measure} printed {published:,.0f}, "
        f"computed {value:,.0f} (tolerance ±{tolerance:,.0f} kr.)"
    )
