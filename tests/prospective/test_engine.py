"""Unit tests of the engine's conventions, each checked by hand arithmetic."""
from __future__ import annotations

import numpy as np
import pytest

import costmodel
from costmodel.rates.discounting import discount_factors
from costmodel.report.formatting import format_kr
from costmodel.prospective.model import Forloeb
from costmodel.prospective.overrides import apply
from costmodel.prospective.schedule import participants_by_year, slots, year_fractions


def test_discount_factors_leave_first_year_undiscounted():
    assert np.allclose(discount_factors(3, 0.04), [1, 1 / 1.04, 1 / 1.04**2])
    assert discount_factors(3, 0.04).sum() == pytest.approx(2.8861, abs=1e-4)


def test_fractional_horizon_gives_partial_last_year():
    assert list(year_fractions(2.5)) == [1.0, 1.0, 0.5]


def test_long_forloeb_counts_deltagere_in_its_last_year():
    f = Forloeb(i_alt_pr_fagteam=1, laengde_aar=2.5, deltagere_pr_forloeb=8)
    assert list(participants_by_year(slots(f, 3), 3, 8, "end", 2.5)) == [0, 0, 8]


def test_short_forloeb_counted_in_start_year():
    f = Forloeb(pr_fagteam_pr_aar=3, laengde_aar=16 / 46, deltagere_pr_forloeb=10)
    assert list(participants_by_year(slots(f, 3), 3, 10, "end", 16 / 46)) == [30, 30, 30]


def test_danish_format():
    assert format_kr(-3700) == "-3.700 kr."
    assert format_kr(14_477.7, round_step=100) == "14.500 kr."
    assert format_kr(-0.4) == "0 kr."


def test_net_is_gross_minus_savings_and_per_participant_divides_by_discounted_deltagere(root):
    r = costmodel.evaluate(costmodel.load(root / "scenarios/aktivt_faellesskab.yaml"))
    assert r["net_total"] == pytest.approx(r["gross_total"] + r["savings_total"])
    assert r["participants_discounted"] == pytest.approx(90 * (1 + 1 / 1.04 + 1 / 1.04**2))
    assert r["net_per_participant"] == pytest.approx(r["net_total"] / r["participants_discounted"])


def test_savings_per_participant_by_hand(root):
    """Aktivt: 3 h a week for 16 weeks at the socialpædagog rate (383,78 kr./h) = 18.421 kr."""
    r = costmodel.evaluate(costmodel.load(root / "scenarios/aktivt_faellesskab.yaml"))
    assert -r["savings_per_participant"] == pytest.approx(3 * 16 * 383.78)


def test_zero_discount_rate_gives_undiscounted_sums(root):
    s = costmodel.load(root / "scenarios/kvindenetvaerksgruppen.yaml")
    r = costmodel.evaluate(apply(s, {"discount_rate": 0.0}))
    assert r["gross_total"] == pytest.approx(r.lines.query("category != 'sparede_omkostninger'")["kroner"].sum())


def test_horizon_of_two_and_a_half_years_runs(root):
    s = costmodel.load(root / "scenarios/adhd_gruppen.yaml")
    short = costmodel.evaluate(apply(s, {"horizon_years": 2.5}))
    full = costmodel.evaluate(s)
    # Half of the third year's weekly sessions fall away: 2,5 years < 3 years of drift.
    assert 0 < short["operation_total"] < full["operation_total"]
    assert short.lines.year.max() == 2


def test_teams_scale_linearly_without_the_course_bought_once(root):
    """Aktivt without the MI course (bought once for all teams): every cost and saving scales with teams."""
    s = apply(costmodel.load(root / "scenarios/aktivt_faellesskab.yaml"), {"uddannelse.mi.enabled": False})
    one = costmodel.evaluate(apply(s, {"fagteams.Fagteam.count": 1}))
    three = costmodel.evaluate(s)
    for measure in ("gross_total", "savings_total", "net_total", "participants_discounted"):
        assert three[measure] == pytest.approx(3 * one[measure])
