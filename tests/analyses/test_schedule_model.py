"""The schedule model (structural parameters as arrays over draws) against the plain engine, row by row.

Forløb length, horizon, forløb per year or in all and the windows of `during`/`active` items are drawn together
with ordinary parameters on all five report-000 scenarios; every measure must equal costmodel's plain engine on
the overridden scenario to ~1e-9 relative.
"""
from __future__ import annotations

import numpy as np
import pytest

import costmodel
from costmodel.analyses.schedule_model import ScheduleModel, is_schedule_path
from costmodel.analyses.lines import engine_measures  # the measures the array models give, for any scenario
from costmodel.analyses.vectorized import OUT_MEASURES, Evaluator
from costmodel.prospective import parameters as prm
from costmodel.prospective.overrides import apply
from costmodel.prospective.result import evaluate_with

SCENARIOS = ["trivsel_gennem_netvaerk", "aktivt_faellesskab", "adhd_gruppen", "brugerstyret_gruppeindsats",
             "kvindenetvaerksgruppen"]


def _plain(scenario, rates, values: dict) -> dict:
    scen = {p: (int(v) if prm.is_integer(scenario, p) else float(v)) for p, v in values.items()
            if not p.startswith("rates.")}
    level = values.get("rates.wage_level", 1.0)
    groups = {g: w.model_copy(update={"hourly": w.hourly * level}) for g, w in rates.wage_groups.items()}
    return engine_measures(evaluate_with(apply(scenario, scen), rates.model_copy(update={"wage_groups": groups})).measures)


def _schedule_paths(scenario) -> list[str]:
    f = scenario.forloeb
    paths = ["forloeb.laengde_aar", "horizon_years",
             "forloeb.pr_fagteam_pr_aar" if f.pr_fagteam_pr_aar is not None else "forloeb.i_alt_pr_fagteam"]
    for category, i, item in scenario.items():
        for name in ("during", "active"):
            if getattr(item, name, None) is not None:
                paths += [f"{category}.{i}.{name}.start_years", f"{category}.{i}.{name}.years"]
    return paths


def _draw(scenario, path: str, rng, n: int) -> np.ndarray:
    base = prm.base_value(scenario, path)
    if path == "forloeb.i_alt_pr_fagteam":
        return rng.integers(1, 5, n).astype(float)
    if path == "horizon_years":
        return rng.uniform(0.6, 6.5, n)
    if path.endswith("start_years"):
        return rng.uniform(0.0, 2.0, n)
    if path == "forloeb.pr_fagteam_pr_aar" and not prm.is_integer(scenario, path):
        return rng.uniform(0.4, base * 2 + 0.5, n)
    return base * rng.uniform(0.3, 2.5, n)


@pytest.mark.parametrize("name", SCENARIOS)
def test_schedule_model_equals_plain_engine(root, name):
    scenario = costmodel.load(root / f"scenarios/{name}.yaml")
    rates = prm.load_rates_for(scenario)
    schedule = _schedule_paths(scenario)
    assert all(is_schedule_path(scenario, p) for p in schedule)
    smooth = ["forloeb.deltagere_pr_forloeb", "rates.wage_level", "discount_rate"]
    paths = schedule + smooth
    rng = np.random.default_rng(sum(map(ord, name)))
    n = 40
    rows = np.column_stack([_draw(scenario, p, rng, n) for p in schedule]
                           + [rng.uniform(3, 15, n), rng.uniform(0.8, 1.2, n), rng.uniform(0, 0.08, n)])
    rows[:5, : len(schedule)] = [prm.base_value(scenario, p, rates) for p in schedule]  # the base schedule too
    # a forløb longer than the horizon is refused (tested below): draw horizons that hold the forløb
    rows[:, 1] = np.maximum(rows[:, 1], rows[:, 0])
    ev = Evaluator(scenario, paths, rates, force_schedule=True)
    got = ev(rows)
    assert not ev.used_plain and isinstance(ev._schedule, ScheduleModel)
    for i, row in enumerate(rows):
        want = _plain(scenario, rates, dict(zip(paths, row)))
        for m in OUT_MEASURES:
            if np.isnan(want[m]):  # no deltager within a short horizon: both say nan
                assert np.isnan(got[m][i]), (name, i, m)
            else:
                assert got[m][i] == pytest.approx(want[m], rel=1e-9, abs=1e-6), (name, i, m, dict(zip(paths, row)))


def test_psa_drawing_the_forloeb_length_stays_on_the_array_path(root):
    from costmodel.analyses.psa import psa

    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    entry = type(scenario.uncertainty[2]).model_validate(dict(
        parameter="forloeb.laengde_aar", distribution="uniform", low=0.2, high=0.6, source="test"))
    drawn = scenario.model_copy(update={"uncertainty": [*scenario.uncertainty, entry]})
    result = psa(drawn, draws=3_000, seed=5)
    assert not any("for sig" in note for note in result.meta["notes"])
    rates = prm.load_rates_for(scenario)
    samples = result.samples
    paths = [e.parameter for e in drawn.uncertainty]
    for i in (0, 1, 2, 1_500, 2_999):
        values = {p: samples[p].iloc[i] for p in paths}
        want = prm.evaluate_at(scenario, values, rates).measures["net_per_participant"]
        assert samples["net_per_participant"].iloc[i] == pytest.approx(want, rel=1e-9)


def test_out_of_bounds_schedule_values_are_refused_as_by_the_plain_engine(root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    ev = Evaluator(scenario, ["forloeb.laengde_aar"], force_schedule=True)
    with pytest.raises(prm.ParameterError):
        ev(np.array([[0.3], [-0.1]]))


def test_a_forloeb_longer_than_the_horizon_is_refused_as_by_the_plain_engine(root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    ev = Evaluator(scenario, ["forloeb.laengde_aar", "horizon_years"], force_schedule=True)
    with pytest.raises(prm.ParameterError, match="longer than the horizon"):
        ev(np.array([[0.3, 3.0], [2.5, 2.0], [0.4, 2.0]]))


def test_a_drawn_horizon_across_the_stepped_discount_rule_follows_the_rule(root):
    """Past year 35 the dated rule discounts at a lower rate: drawn horizons of 30-45 years cross the step, and
    each row must still equal the plain engine."""
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    rates = prm.load_rates_for(scenario)
    assert len(rates.discounting.steps or ()) > 1
    paths = ["horizon_years", "forloeb.laengde_aar", "forloeb.deltagere_pr_forloeb"]
    rng = np.random.default_rng(35)
    rows = np.column_stack([rng.uniform(30, 45, 30), rng.uniform(0.2, 0.6, 30), rng.uniform(6, 14, 30)])
    ev = Evaluator(scenario, paths, rates)
    got = ev(rows)
    assert not ev.used_plain
    for i, row in enumerate(rows):
        want = prm.evaluate_at(scenario, dict(zip(paths, map(float, row))), rates).measures
        for m in ("net_total", "net_per_participant", "participants_discounted"):
            assert got[m][i] == pytest.approx(want[m], rel=1e-9), (i, m)
