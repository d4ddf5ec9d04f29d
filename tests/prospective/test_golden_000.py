"""Golden tests: the printed results of report 000 (published_figures_000.csv) that the model could have missed.

Expectations are read from the published CSV, never from the code. Only figures whose stored basis
(reproduction/data/basis_000.csv, written by tools/basis.py) is `check` or `reading` are tested here: a
`calibration` figure would compare an input with the figure it was fitted to, and a `forced` one holds for any
value its calibration figures allow (tests/reproduction/test_basis.py covers both). Figures printed wrongly or
not reproduced stay strict expected failures whatever their basis. Tolerances (issue 2): ±100 kr. per
deltager; totals ±0,5 pct. (at least ±100 kr.); prose changes ("knap 9.000", "ca. 2.500") ±10 pct.
A printed figure shown to be wrong, or not yet reproduced, is a strict expected failure with its reason.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

import costmodel
from costmodel.reproduction.reproduce import issue_for
from costmodel.prospective.sensitivity import variant

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = pd.read_csv(ROOT / "src/costmodel/reproduction/data/published_figures_000.csv")
MEASURES = {
    "net_total", "net_per_participant", "gross_total", "gross_per_participant", "establishment_per_participant",
    "training_per_participant", "operation_per_participant", "savings_per_participant",
    "savings_per_participant_undiscounted_text", "net_total_change_vs_base", "net_per_participant_change_vs_base",
}
BASIS = pd.read_csv(ROOT / "src/costmodel/reproduction/data/basis_000.csv", keep_default_na=False)
_KEY = ["intervention", "source", "row", "measure", "value_kr"]
ROWS = (PUBLISHED[PUBLISHED.measure.isin(MEASURES)].merge(BASIS[_KEY + ["basis"]], on=_KEY, how="left")
        .to_dict("records"))


def tolerance(measure: str, published: float) -> float:
    if measure.endswith("change_vs_base"):
        return max(100.0, 0.10 * abs(published))
    if measure.endswith("_total"):
        return max(100.0, 0.005 * abs(published))
    return 100.0


@lru_cache(maxsize=None)
def result(intervention: str, row: str):
    return costmodel.evaluate(variant(costmodel.load(ROOT / "scenarios" / f"{intervention}.yaml"), row))


def computed(record) -> float:
    measure = record["measure"]
    res = result(record["intervention"], record["row"])
    if measure == "savings_per_participant_undiscounted_text":
        return -res["savings_per_participant"]
    if measure.endswith("_change_vs_base"):
        key = measure.removesuffix("_change_vs_base")
        return res[key] - result(record["intervention"], "base")[key]
    return res[measure]


def expected_failure(record) -> str | None:
    issue = issue_for("000", record, ("printed_wrong", "not_reproduced"))
    return f"{issue['kind']}: {issue['reason']}" if issue else None


def _params():
    # Expected failures come from the known-issues file alone (strict: a listed figure that starts to pass
    # fails the run, so the list is kept true).
    for record in ROWS:
        reason = expected_failure(record)
        if not reason and record["basis"] not in ("check", "reading"):
            continue
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        ident = f"{record['intervention']}|{record['source']}|{record['row']}|{record['measure']}"
        yield pytest.param(record, id=ident, marks=marks)


@pytest.mark.parametrize("record", list(_params()))
def test_published_figure(record):
    published = float(record["value_kr"])
    value = computed(record)
    tol = tolerance(record["measure"], published)
    assert abs(value - published) <= tol, (
        f"{record['source']} prints {record['as_printed']!r}; computed {value:,.0f} (tolerance ±{tol:,.0f})"
    )


def test_headline_figures_round_to_the_printed_ones():
    """The two figures the issue names: 14.500 kr. (Trivsel, Figur 7) and -3.700 kr. (Aktivt, Figur 10)."""
    assert round(result("trivsel_gennem_netvaerk", "base")["net_per_participant"], -2) == 14_500
    assert round(result("aktivt_faellesskab", "base")["net_per_participant"], -2) == -3_700


def test_check_count_does_not_fall():
    """Checks within tolerance (issue 10's honest count): measured 2026-11-30 after public wages; guards against
    regressions hidden by broad expected-failure entries."""
    from costmodel.reproduction.reproduce import distinct_results, reproduce_000

    distinct = distinct_results(reproduce_000())
    assert len(distinct) == 146
    assert int(distinct.check.sum()) >= CHECKS_MEASURED


# 2026-11-30, issue 10 (public wages, residual lines, basis by moved inputs): 44. Then the written wage rule
# (docs/derivations.md, D-wage-rule: municipal nurse and Danmarks Statistik SOSU wages, chosen by definition before
# the effect was looked at) gave 42: +1 ADHD drift, -1 Kvindenetværksgruppen uddannelse, -1 Brugerstyret Tabel 13
# with 6 deltagere, -1 Tabel 27 without FIT now forced. The honest number, not a regression.
CHECKS_MEASURED = 42
