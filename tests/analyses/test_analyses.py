"""Tornado, spider, two-way, break-even and PSA, each checked against values computed independently: the plain
engine (costmodel.evaluate on an overridden scenario), the one-way tables, or arithmetic by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest

import costmodel
from costmodel.report.analysis_text import worded
from costmodel.analyses.breakeven import breakeven
from costmodel.analyses.psa import psa
from costmodel.analyses.spider import spider
from costmodel.analyses.tornado import tornado
from costmodel.analyses.twoway import twoway
from costmodel.report.formatting import format_kr, format_number
from costmodel.prospective.overrides import apply

DELTAGERE = "forloeb.deltagere_pr_forloeb"
TEAMS = "fagteams.Fagteam.count"
HOURS_85 = "sparede_omkostninger.sparet_85.hours_per_week"


@pytest.fixture(scope="module")
def aktivt():
    from pathlib import Path

    return costmodel.load(Path(__file__).resolve().parents[2] / "scenarios/aktivt_faellesskab.yaml")


def plain(scenario, **changes):
    """The plain engine at one point (keyword names use __ for dots)."""
    return costmodel.evaluate(apply(scenario, {k.replace("__", "."): v for k, v in changes.items()}))


# --- break-even -----------------------------------------------------------------------------------------------

def test_breakeven_deltagere_from_the_one_way_table(aktivt):
    """Net total is linear in deltagere pr. forløb (Tabel 7 rows 8 and 12): the zero by hand from two rows."""
    table = {row.row: row.net_total for row in costmodel.sweep(aktivt)[0].frame.itertuples()}
    n8, n12 = table["deltagere_pr_forloeb=8"], table["deltagere_pr_forloeb=12"]
    # Linearity itself, checked on the third row (10, the base case):
    assert table["deltagere_pr_forloeb=10"] == pytest.approx((n8 + n12) / 2, rel=1e-12)
    by_hand = 8 - n8 * (12 - 8) / (n12 - n8)
    result = worded(breakeven(aktivt, DELTAGERE, 4, 12))  # the answer in words: report/ writes it
    row = result.frame.iloc[0]
    assert bool(row["found"])
    assert row["value"] == pytest.approx(by_hand, rel=1e-9)
    assert 7 < by_hand < 8
    assert result.meta["whole_value"] == row["whole_value"] == 8  # first whole number with net cost <= 0
    assert plain(aktivt, forloeb__deltagere_pr_forloeb=8)["net_total"] < 0
    assert plain(aktivt, forloeb__deltagere_pr_forloeb=7)["net_total"] > 0
    assert format_number(by_hand, 2) in row["message"] and "fra 8" in row["message"]


def test_breakeven_saved_hours_by_hand(aktivt):
    """Savings are proportional to the saved § 85 hours: net = gross - savings x h/3, zero at 3 x gross/savings."""
    base = costmodel.evaluate(aktivt)
    by_hand = 3 * base["gross_total"] / -base["savings_total"]
    row = breakeven(aktivt, HOURS_85, 0, 6).frame.iloc[0]
    assert row["value"] == pytest.approx(by_hand, rel=1e-9)


def test_breakeven_per_participant_has_the_same_zero(aktivt):
    a = breakeven(aktivt, DELTAGERE, 4, 12, measure="net_total").frame["value"].iloc[0]
    b = breakeven(aktivt, DELTAGERE, 4, 12, measure="net_per_participant").frame["value"].iloc[0]
    assert a == pytest.approx(b, rel=1e-9)


def test_breakeven_says_clearly_when_there_is_none(aktivt):
    result = worded(breakeven(aktivt, DELTAGERE, 10, 12))
    row = result.frame.iloc[0]
    assert not row["found"] and math.isnan(row["value"])
    at10 = format_kr(plain(aktivt, forloeb__deltagere_pr_forloeb=10)["net_total"], round_step=100)
    at12 = format_kr(plain(aktivt, forloeb__deltagere_pr_forloeb=12)["net_total"], round_step=100)
    assert at10 in row["message"] and at12 in row["message"]
    assert "intet nulpunkt" in row["message"] and "falder" in row["message"]


def test_breakeven_rejects_empty_range(aktivt):
    with pytest.raises(ValueError, match="below"):
        breakeven(aktivt, DELTAGERE, 12, 4)


# --- two-way --------------------------------------------------------------------------------------------------

def test_twoway_grid_equals_plain_engine(aktivt):
    xs, ys = [6, 8, 11], [1, 2, 3]
    result = twoway(aktivt, DELTAGERE, xs, TEAMS, ys)
    grid = result.meta["grid"]
    assert list(grid.columns) == xs and list(grid.index) == ys
    for x in xs:
        for y in ys:
            want = plain(aktivt, forloeb__deltagere_pr_forloeb=x, fagteams__Fagteam__count=y)["net_per_participant"]
            assert grid.loc[y, x] == pytest.approx(want, rel=1e-9)
    assert len(result.frame) == 9 and set(result.frame.columns) == {"x_value", "y_value", "result"}


def test_twoway_net_total_is_bilinear_from_four_corners(aktivt):
    """Every cost line is proportional to the number of teams or independent of it, and linear in deltagere:
    net total is bilinear, so its interior follows from the four corners computed by the plain engine."""
    corner = {(x, y): plain(aktivt, forloeb__deltagere_pr_forloeb=x, fagteams__Fagteam__count=y)["net_total"]
              for x in (6, 12) for y in (1, 4)}
    result = twoway(aktivt, DELTAGERE, [6, 7.5, 9, 12], TEAMS, [1, 2, 3, 4], measure="net_total")
    for x in (7.5, 9):
        for y in (2, 3):
            u, v = (x - 6) / 6, (y - 1) / 3
            want = ((1 - u) * (1 - v) * corner[6, 1] + u * (1 - v) * corner[12, 1] + (1 - u) * v * corner[6, 4]
                    + u * v * corner[12, 4])
            assert result.meta["grid"].loc[y, x] == pytest.approx(want, rel=1e-9)


# --- tornado and spider ---------------------------------------------------------------------------------------

def test_tornado_from_uncertainty_block(aktivt):
    result = tornado(aktivt)
    frame = result.frame
    assert list(frame.columns) == ["parameter", "label", "unit", "base_value", "low_value", "high_value",
                                   "result_low", "result_high", "base_result", "swing"]
    assert list(frame["swing"]) == sorted(frame["swing"], reverse=True)
    assert set(frame["parameter"]) == {e.parameter for e in aktivt.uncertainty}
    row = frame.set_index("parameter").loc[DELTAGERE]
    assert (row["low_value"], row["high_value"]) == (8, 12)  # Tabel 7's range
    # Tabel 7's own rows, through the one-way table code:
    table = {r.row: r.net_per_participant for r in costmodel.sweep(aktivt)[0].frame.itertuples()}
    assert row["result_low"] == pytest.approx(table["deltagere_pr_forloeb=8"], rel=1e-9)
    assert row["result_high"] == pytest.approx(table["deltagere_pr_forloeb=12"], rel=1e-9)
    assert round(row["base_result"], -2) == -3700  # report 000, 4.2.6: ca. -3.700 kr. pr. deltager


def test_tornado_pct_and_whole_numbers(aktivt):
    frame = tornado(aktivt, [HOURS_85, TEAMS], pct=20).frame.set_index("parameter")
    assert frame.loc[HOURS_85, "low_value"] == pytest.approx(2.4)
    assert frame.loc[HOURS_85, "high_value"] == pytest.approx(3.6)
    assert frame.loc[HOURS_85, "result_high"] == pytest.approx(
        plain(aktivt, **{"sparede_omkostninger__0__hours_per_week": 3.6})["net_per_participant"], rel=1e-9)
    # 3 teams ± 20 pct. = 2,4 / 3,6 -> whole teams, at least one away from the base
    assert (frame.loc[TEAMS, "low_value"], frame.loc[TEAMS, "high_value"]) == (2, 4)
    assert frame.loc[TEAMS, "result_low"] == pytest.approx(
        plain(aktivt, fagteams__Fagteam__count=2)["net_per_participant"], rel=1e-9)


def test_tornado_rate_parameters(aktivt):
    frame = tornado(aktivt, ["rates.wage_groups.socialpaedagog.hourly", "rates.wage_level"], pct=10).frame
    frame = frame.set_index("parameter")
    # Every wage in Aktivt is a socialpædagog's except the psychologist's (supervision): the wage level moves
    # the psychologist's hours too, by hand 10 pct. of their NNV per deltager.
    base = costmodel.evaluate(aktivt)
    psyk = base.lines.loc[base.lines["wage_group"] == "psykolog", "nnv"].sum() / base["participants_discounted"]
    assert psyk > 0
    diff = frame.loc["rates.wage_level", "result_high"] - frame.loc["rates.wage_groups.socialpaedagog.hourly",
                                                                      "result_high"]
    assert diff == pytest.approx(0.1 * psyk, rel=1e-9)
    assert frame.loc["rates.wage_level", "low_value"] == pytest.approx(0.9)


def test_spider_zero_change_is_base_and_values_scale(aktivt):
    result = spider(aktivt, [DELTAGERE, HOURS_85], changes=[-0.2, 0, 0.2])
    f = result.frame
    base = costmodel.evaluate(aktivt)["net_per_participant"]
    assert np.allclose(f.loc[f["change"] == 0, "result"], base, rtol=1e-12)
    row = f[(f["parameter"] == HOURS_85) & (f["change"] == 0.2)].iloc[0]
    assert row["value"] == pytest.approx(3.6)
    assert row["result"] == pytest.approx(
        plain(aktivt, **{"sparede_omkostninger__0__hours_per_week": 3.6})["net_per_participant"], rel=1e-9)
    assert list(f.columns) == ["parameter", "label", "change", "value", "result"]


# --- PSA ------------------------------------------------------------------------------------------------------

def test_psa_is_reproducible_and_seed_dependent(aktivt):
    a, b = psa(aktivt, draws=2000, seed=1), psa(aktivt, draws=2000, seed=1)
    c = psa(aktivt, draws=2000, seed=2)
    assert a.samples.equals(b.samples) and a.frame.equals(b.frame)
    assert not a.samples.equals(c.samples)


def test_psa_summary_matches_its_samples_and_the_plain_engine(aktivt):
    result = psa(aktivt, draws=3000, seed=5)
    s = result.samples
    assert list(result.frame["measure"]) == ["net_total", "net_per_participant", "gross_total",
                                             "gross_per_participant"]
    net = result.frame.set_index("measure").loc["net_per_participant"]
    assert net["mean"] == pytest.approx(s["net_per_participant"].mean())
    assert net["p50"] == pytest.approx(np.median(s["net_per_participant"]))
    assert net["p2_5"] < net["p50"] < net["p97_5"]
    assert result.meta["prob_net_below_zero"] == pytest.approx((s["net_total"] < 0).mean())
    # A few draws, evaluated one at a time by the plain engine:
    from costmodel.prospective.parameters import evaluate_at

    paths = [e.parameter for e in aktivt.uncertainty]
    for i in (0, 1, 2999):
        want = evaluate_at(aktivt, {p: float(s[p].iloc[i]) for p in paths})
        assert s["net_per_participant"].iloc[i] == pytest.approx(want["net_per_participant"], rel=1e-9)
        assert s["gross_total"].iloc[i] == pytest.approx(want["gross_total"], rel=1e-9)
    # Draws stay inside the declared ranges
    assert s[DELTAGERE].between(8, 12).all() and s["discount_rate"].between(0.03, 0.04).all()


def test_psa_needs_an_uncertainty_block(root):
    scenario = costmodel.load(root / "scenarios/adhd_gruppen.yaml")
    with pytest.raises(costmodel.ScenarioError, match="uncertainty"):
        psa(scenario, draws=10)


def test_breakeven_whole_number_parameter(aktivt):
    """Teams take whole numbers: the answer is the first whole number of teams at which net cost per deltager is
    zero or below, checked by the plain engine on both sides."""
    scenario = apply(aktivt, {DELTAGERE: 7.5})
    result = worded(breakeven(scenario, TEAMS, 1, 10, measure="net_per_participant"))
    row = result.frame.iloc[0]
    assert bool(row["found"]) and float(row["value"]).is_integer()
    teams = int(row["value"])
    assert costmodel.evaluate(apply(scenario, {TEAMS: teams}))["net_per_participant"] <= 0
    assert costmodel.evaluate(apply(scenario, {TEAMS: teams - 1}))["net_per_participant"] > 0
    assert f"fra {teams}" in row["message"]
