"""The shipped example with own registrations (examples/expost_eget_eksempel.yaml), checked by hand.

Expected values are computed here from the example CSV's hours and report 002's Table 10-7 monthly wages
(hourly = monthly x 12 x 1,2 / 1.418), independently of the engine.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from costmodel.expost import evaluate, sweep

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = ROOT / "examples" / "expost_eget_eksempel.yaml"


def rate(monthly: float) -> float:
    return monthly * 12 * 1.2 / 1418


SOC, LEDER, SUND = rate(37592), rate(53466), rate(40945)
FAM = rate((35509 + 40945 + 37592) / 3)  # Table 10-7 note b blend
# Hours over the six registered months (2019-01 .. 2019-06), from the CSV:
MED = 230.5 * SOC + 66 * FAM + 22 * SUND
UDEN = 12 * SOC + 19 * LEDER + 14 * FAM
OTHER = 4800 + 1200
ANNUAL = (MED + UDEN + OTHER) * 12 / 6


@pytest.fixture(scope="module")
def result(load):
    return evaluate(load(EXAMPLE))


def test_annual_cost_is_monthly_average_times_twelve(result):
    assert result.value("annual_cost") == pytest.approx(ANNUAL, rel=1e-9)
    assert result.value("months_registered") == 6
    assert result.value("hours_per_year") == pytest.approx((230.5 + 66 + 22 + 12 + 19 + 14) * 2)


def test_unit_costs(result):
    assert result.value("cost_per_participant") == pytest.approx(ANNUAL / 8)
    assert result.value("cost_per_participant_per_month") == pytest.approx(ANNUAL / 8 / 6)
    assert result.value("establishment_cost") == 25000


def test_activity_shares(result):
    assert result.value("share_med_deltagere") == pytest.approx(MED * 2 / ANNUAL)
    assert result.value("share_uden_deltagere") == pytest.approx(UDEN * 2 / ANNUAL)
    assert result.value("share_oevrige_udgifter") == pytest.approx(OTHER * 2 / ANNUAL)


def test_establishment_is_not_in_the_annual_cost(result):
    lines = result.lines
    assert lines.loc[lines["category"] == "drift", "kroner"].sum() == pytest.approx(ANNUAL)
    assert set(lines["category"]) == {"drift", "etablering"}
    # several staff groups and their hours are shown per line
    assert {"socialraadgiver", "leder", "sundhedsplejerske", "familieterapeut (gruppeleder)"} <= set(lines["staff_group"])


def test_summary_frame_contract(result):
    frame = result.summary_frame()
    assert list(frame.columns) == ["measure", "label", "value", "unit"]
    assert set(frame["unit"]) <= {"kr.", "antal", "pct.", "timer", "mdr."}
    assert {"annual_cost", "cost_per_participant", "cost_per_participant_per_month", "establishment_cost"} <= set(frame["measure"])
    assert result.price_year == 2019 and result.title


def test_wage_sweep_scales_only_staff_time(load):
    tables = {t.key: t for t in sweep(load(EXAMPLE))}
    wage = tables["loen"].frame.set_index("row")
    assert wage.loc["loen=+20pct", "annual_cost"] == pytest.approx((1.2 * (MED + UDEN) + OTHER) * 2)
    assert wage.loc["loen=+10pct", "cost_per_participant"] == pytest.approx((1.1 * (MED + UDEN) + OTHER) * 2 / 8)
    assert tables["loen"].units["annual_cost"] == "kr."


def test_volume_sweep_keeps_other_expenses_fixed(load):
    vol = {t.key: t for t in sweep(load(EXAMPLE))}["volumen"]
    frame = vol.frame.set_index("row")
    assert frame.loc["familier_pr_aar=12", "annual_cost"] == pytest.approx(((MED + UDEN) * 12 / 8 + OTHER) * 2)
    assert frame.loc["familier_pr_aar=12", "cost_per_participant"] == pytest.approx(((MED + UDEN) * 12 / 8 + OTHER) * 2 / 12)
    assert "faste" in vol.note
    assert list(frame.columns[:1]) == ["label"]
