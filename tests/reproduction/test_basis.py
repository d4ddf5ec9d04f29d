"""The `basis` of every published figure (issue 10): stored classification, named forced figures, mutation test.

Printed values come from the published-figures CSVs; the basis comes from the stored files that tools/basis.py
writes. The mutation tests re-apply each `check` figure's recorded move (a cost input, a rate or a share moved
as docs/reproduction.md describes, residual lines solved again) and require the figure to leave its tolerance
in one direction or the other: a golden test for a check figure fails when the input it depends on is 5 % off.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from costmodel.reproduction.reproduce import distinct_results, reproduce, tolerance_000

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "costmodel" / "reproduction" / "data"
BASIS_000 = pd.read_csv(DATA / "basis_000.csv", keep_default_na=False)
BASIS_002 = pd.read_csv(DATA / "basis_002.csv", keep_default_na=False)
PUBLISHED_000 = pd.read_csv(DATA / "published_figures_000.csv")
PUBLISHED_002 = pd.read_csv(DATA / "published_figures_002.csv")

# Figures issue 10 names as fixed by calibration figures (report 000): never a check.
NAMED_FORCED_000 = [
    # the five savings per deltager of Figur 8/11/14/17/20 reprint the prose the socialpædagog rate comes from
    ("trivsel_gennem_netvaerk", "base", "savings_per_participant", -6300),
    ("aktivt_faellesskab", "base", "savings_per_participant", -18400),
    ("adhd_gruppen", "base", "savings_per_participant", -35300),
    ("brugerstyret_gruppeindsats", "base", "savings_per_participant", -81600),
    ("kvindenetvaerksgruppen", "base", "savings_per_participant", -44100),
    # nets that are a calibrated gross minus calibrated savings
    ("kvindenetvaerksgruppen", "base", "net_total", -10400),
    ("kvindenetvaerksgruppen", "deltagere_pr_forloeb=6", "net_total", -10400),
    # the per-deltager figure of a calibrated total
    ("kvindenetvaerksgruppen", "deltagere_pr_forloeb=6", "gross_per_participant", 43500),
]
# Report 002: pass for any share inside their calibration interval, or reprint the same figure.
NAMED_FORCED_002 = [
    ("familiekonsulent_thisted", "familier_pr_aar=8", "annual_operating_cost", 388000),
    ("familiekonsulent_thisted", "loen=+10pct", "annual_operating_cost", 413000),
    ("familiekonsulent_thisted", "loen=+10pct", "cost_per_family", 73000),
    ("spaedeindsats_holstebro", "loen=+10pct", "annual_operating_cost", 1900000),
    ("spaedeindsats_holstebro", "loen=+10pct", "cost_per_family", 270000),
    ("spydspidsen_koebenhavn", "base", "cost_per_youth_enrolled", 67000),
    ("spydspidsen_koebenhavn", "base", "cost_per_youth_discharged", 81000),
]


def _basis(frame: pd.DataFrame, value: str, key: tuple) -> set[str]:
    hit = frame[(frame.intervention == key[0]) & (frame.row == key[1]) & (frame.measure == key[2])
                & (frame[value] == key[3])]
    assert len(hit), f"{key} is not a published figure"
    return set(hit.basis)


def test_every_published_figure_has_a_basis():
    assert set(BASIS_000.basis) <= {"check", "calibration", "forced", "reading"}
    assert set(BASIS_002.basis) <= {"check", "calibration", "forced", "reading"}
    assert len(BASIS_002) == 83
    measures = set(BASIS_000.measure)
    assert len(BASIS_000) == int(PUBLISHED_000.measure.isin(measures).sum())


@pytest.mark.parametrize("key", NAMED_FORCED_000, ids=lambda k: "|".join(map(str, k)))
def test_named_forced_figures_000_are_not_checks(key):
    assert "check" not in _basis(BASIS_000, "value_kr", key)


@pytest.mark.parametrize("key", NAMED_FORCED_002, ids=lambda k: "|".join(map(str, k)))
def test_named_forced_figures_002_are_not_checks(key):
    assert "check" not in _basis(BASIS_002, "value", key)


def test_the_csv_carries_basis_for_both_reports():
    for report in ("000", "002"):
        frame = reproduce(report)
        assert frame["basis"].isin(["check", "calibration", "forced", "reading"]).all()


def test_calibration_figures_are_never_counted():
    for report in ("000", "002"):
        distinct = distinct_results(reproduce(report))
        assert not (distinct.check & (distinct.basis != "check")).any()


@lru_cache(maxsize=1)
def _state_000():
    from costmodel.reproduction.basis import base_state, solve_residuals

    return solve_residuals(base_state())


@lru_cache(maxsize=None)
def _moved_000(move: str):
    from costmodel.reproduction.basis import apply_move

    return apply_move(_state_000(), move)


def _checks_000():
    checks = BASIS_000[BASIS_000.basis == "check"].drop_duplicates(["intervention", "row", "measure", "value_kr"])
    return [pytest.param(r, id=f"{r['intervention']}|{r['row']}|{r['measure']}={r['value_kr']:.0f}")
            for r in checks.to_dict("records")]


@pytest.mark.parametrize("record", _checks_000())
def test_mutation_000_moves_every_check_out_of_tolerance(record):
    """The recorded move (an input or rate 5 % off, residuals re-solved) takes the figure out of tolerance."""
    from costmodel.reproduction.basis import _figure

    published = record["value_kr"]
    tol = tolerance_000(record["measure"], published)
    moved = _moved_000(record["move"])
    value = _figure(moved.scenarios[record["intervention"]], moved.rates, record["row"], record["measure"])
    assert abs(value - published) > tol, (record["move"], value, published, tol)


def _checks_002():
    checks = BASIS_002[BASIS_002.basis == "check"]
    return [pytest.param(r, id=f"{r['intervention']}|{r['row']}|{r['measure']}={r['value']:.0f}")
            for r in checks.to_dict("records")]


@pytest.mark.parametrize("record", _checks_002())
def test_mutation_002_moves_every_check_out_of_tolerance(record):
    from costmodel.reproduction.basis_002 import moved_values

    values = moved_values(record["intervention"], record["row"], record["measure"])
    pub = PUBLISHED_002
    printed = pub[(pub.intervention == record["intervention"]) & (pub.row == record["row"])
                  & (pub.measure == record["measure"]) & (pub.value == record["value"])]
    tol = 100_000 if printed.as_printed.str.contains("mio").any() else 1_000  # printed to 0,1 mio. or to 1.000
    assert np.nanmax(np.abs(values - record["value"])) > tol


def _forced_000():
    forced = BASIS_000[(BASIS_000.basis == "forced") & (BASIS_000.move != "")
                       & ~BASIS_000.reason.str.startswith("reprints")]
    forced = forced.drop_duplicates(["intervention", "row", "measure", "value_kr"])
    return [pytest.param(r, id=f"{r['intervention']}|{r['row']}|{r['measure']}={r['value_kr']:.0f}")
            for r in forced.to_dict("records")]


@pytest.mark.parametrize("record", _forced_000())
def test_forced_000_stays_within_its_tolerance_under_its_largest_move(record):
    """The other side of the mutation test: the move that shifts a forced figure most shifts it by at most its
    tolerance (what makes it forced rather than a check)."""
    from costmodel.reproduction.basis import _figure

    base = _state_000()
    moved = _moved_000(record["move"])
    args = (record["row"], record["measure"])
    before = _figure(base.scenarios[record["intervention"]], base.rates, *args)
    after = _figure(moved.scenarios[record["intervention"]], moved.rates, *args)
    tol = tolerance_000(record["measure"], record["value_kr"])
    assert abs(after - before) <= tol or abs(after - record["value_kr"]) <= tol
