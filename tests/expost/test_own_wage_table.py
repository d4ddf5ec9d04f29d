"""An own fixed-year wage table for the ex-post kind, as docs/scenario_format.md ("Wage tables of the ex-post
kind") documents it and trial/ uses it (helper D's new-user trial, trial/FINDINGS.md F1): registrations of 2025
priced at 2025 wages. Expected values are worked out here by hand from the table's monthly wages and the CSV's
hours (hourly = monthly x 12 x 1,2 / 1.418), not read from the engine.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from costmodel.expost import evaluate

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "trial"


def rate(monthly: float) -> float:
    return monthly * 12 * 1.2 / 1418


# trial/registreringer_2025.csv: 2025-01 .. 2025-10, Socialrådgiver 310,5 h (med deltagere), Pædagog 198 h (uden).
SOC_HOURS, PAED_HOURS, OTHER, MONTHS = 310.5, 198.0, 6500 + 4200, 10


def test_the_trial_scenario_prices_2025_hours_at_its_own_2025_wages(load):
    result = evaluate(load(TRIAL / "expost_projekt.yaml"))
    annual = (SOC_HOURS * rate(43443) + PAED_HOURS * rate(42015) + OTHER) * 12 / MONTHS
    assert result.value("annual_cost") == pytest.approx(annual, rel=1e-9)
    assert result.value("cost_per_participant") == pytest.approx(annual / 14, rel=1e-9)


def test_the_documented_wage_table_loads_with_its_blend(load, tmp_path):
    text = (ROOT / "docs" / "scenario_format.md").read_text(encoding="utf-8")
    section = text.split("### Wage tables of the ex-post kind", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "vores_loen.yaml").write_text(block, encoding="utf-8")
    shutil.copy(TRIAL / "registreringer_2025.csv", tmp_path)
    scenario = (TRIAL / "expost_projekt.yaml").read_text(encoding="utf-8")
    scenario = re.sub(r"rates: vores_loen_2025\.yaml.*", "rates: vores_loen.yaml", scenario)
    scenario = scenario.replace("Pædagog: paedagog", "Pædagog: familieterapeut")
    (tmp_path / "s.yaml").write_text(scenario, encoding="utf-8")
    result = evaluate(load(tmp_path / "s.yaml"))
    blend = rate((43443 + 42015) / 2)  # blend_of: the mean of the groups' monthly wages
    annual = (SOC_HOURS * rate(43443) + PAED_HOURS * blend + OTHER) * 12 / MONTHS
    assert result.value("annual_cost") == pytest.approx(annual, rel=1e-9)
