"""Thisted, Tablet 8-7 (report 002, 8.5): the named reading A-thisted-volume.

The table's note says activities with and without families scale with the number of families; its printed
annual costs (388.000 at 8, 392.000 at 10 families, base 383.000 at 5,7) fit only a small scaling share. The
scenario fits that share to the 10-family cell; these tests check that the one share is consistent with the
other cell's rounding interval too (so the 8-family figure is a real check), and that the note's rule would
not reproduce the table (so the assumption is needed). Printed values come from the published-figures CSV.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from costmodel.expost.sensitivity import scaling_share, volume_sweep

ROOT = Path(__file__).resolve().parents[2]
THISTED = ROOT / "scenarios" / "lovende_praksis_thisted.yaml"


def _printed(published_002, row: str, measure: str) -> float:
    hit = published_002[(published_002["intervention"] == "familiekonsulent_thisted")
                        & (published_002["row"] == row) & (published_002["measure"] == measure)
                        & (published_002["source"] == "Tablet 8-7")]
    return float(hit["value"].iloc[0])


def _share_interval(annual0: float, printed: float, n: float, n0: float) -> tuple[float, float]:
    """Scaling shares v for which annual0 x (1 - v + v n/n0) rounds to `printed` (whole thousands)."""
    step = n / n0 - 1
    return ((printed - 500) / annual0 - 1) / step, ((printed + 500) / annual0 - 1) / step


def test_fitted_share_lies_in_both_rows_rounding_intervals(load, published_002):
    scenario = load(THISTED)
    v = scaling_share(scenario)
    annual0 = _printed(published_002, "base", "annual_operating_cost")
    for n in (8, 10):
        lo, hi = _share_interval(annual0, _printed(published_002, f"familier_pr_aar={n}", "annual_operating_cost"),
                                 n, 5.7)
        assert lo <= v <= hi, f"Tablet 8-7, {n} familier: share {v} outside [{lo:.4f}; {hi:.4f}]"


def test_the_fitted_share_is_marked_as_calibration(load):
    vol = load(THISTED).foelsomhed.volumen
    assert vol.skalerende_andel.calibrated_from == ["familier_pr_aar=10:annual_operating_cost"]


def test_the_tables_note_rule_would_not_reproduce_it(load, published_002):
    """Under the note (activities with and without families scale) the 8-family cell is ~118.000 kr. off."""
    scenario = load(THISTED)
    vol = scenario.foelsomhed.volumen.model_copy(update={"skalerende_andel": None,
                                                          "skalerer": ["med_deltagere", "uden_deltagere"]})
    as_noted = scenario.model_copy(update={"foelsomhed": scenario.foelsomhed.model_copy(update={"volumen": vol})})
    frame = volume_sweep(as_noted).frame.set_index("row")
    printed = _printed(published_002, "familier_pr_aar=8", "annual_operating_cost")
    assert frame.loc["familier_pr_aar=8", "annual_cost"] - printed > 100_000
    assert frame.loc["familier_pr_aar=8", "annual_cost"] == pytest.approx(506_017, abs=1)
