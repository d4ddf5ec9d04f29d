"""A forløb starting a hair before the horizon's end (trial3/FINDINGS.md #1): `start_aar: 0.3333` for 4 months
let a 12th group start at year 3,99997 of 4 and count all its deltagere (+6,8 pct. on the net). A start within
1e-6 years of the end is outside the horizon (engine and schedule model alike), and `validate` remarks on a forløb
with under a tenth of its length inside the horizon that counts whole (`afkortede_forloeb: alle`)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.analyses.lines import engine_measures
from costmodel.analyses.vectorized import OUT_MEASURES, Evaluator
from costmodel.cli import app
from costmodel.prospective import parameters as prm
from costmodel.prospective.schedule import slots

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
TRIAL3 = ROOT / "trial3"


def test_validate_remarks_on_a_forloeb_starting_just_before_the_horizon_end():
    out = runner.invoke(app, ["validate", str(TRIAL3 / "variant_start_0.3333.yaml")])
    assert out.exit_code == 0, out.output
    remark = [line for line in out.output.splitlines() if "forløb nr." in line]
    assert len(remark) == 1, out.output
    assert remark[0].startswith(f"{TRIAL3 / 'variant_start_0.3333.yaml'}:35: forloeb.start_aar: bemærkning: "
                                "forløb nr. 12 starter 0,00003 år"), remark
    assert "tælles med alle deltagere" in remark[0] and "afkortede_forloeb" in remark[0] and "0.33334" in remark[0]


def test_no_remark_when_start_aar_is_rounded_up_or_the_rule_is_andel(tmp_path):
    out = runner.invoke(app, ["validate", str(TRIAL3 / "forældregruppe_2023.yaml")])
    assert out.exit_code == 0 and "forløb nr." not in out.output, out.output
    text = (TRIAL3 / "variant_start_0.3333.yaml").read_text(encoding="utf-8")
    andel = tmp_path / "andel.yaml"
    andel.write_text(text.replace("forloeb:\n", "forloeb:\n  afkortede_forloeb: andel\n", 1), encoding="utf-8")
    out = runner.invoke(app, ["validate", str(andel)])
    assert out.exit_code == 0 and "forløb nr." not in out.output, out.output


def test_a_start_within_a_millionth_of_a_year_of_the_end_is_outside_in_engine_and_schedule_model():
    scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")
    rates = prm.load_rates_for(scenario)
    last = 2 + 2 / 3  # the 9th forløb a team starts (3 a year from year 0)
    near, before = last + 5e-7, last - 1e-3
    assert len(slots(scenario.forloeb, near)) == len(slots(scenario.forloeb, before)) == 8
    assert len(slots(scenario.forloeb, last + 2e-6)) == 9
    ev = Evaluator(scenario, ["horizon_years"], rates, force_schedule=True)
    got = ev(np.array([[near], [last + 2e-6]]))
    assert not ev.used_plain
    for i, h in enumerate((near, last + 2e-6)):
        want = engine_measures(prm.evaluate_at(scenario, {"horizon_years": h}, rates).measures)
        for m in OUT_MEASURES:
            assert got[m][i] == pytest.approx(want[m], rel=1e-9, abs=1e-6), (h, m)
