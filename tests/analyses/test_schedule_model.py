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


def _assert_array_path_equals(scenario, rates, paths, rows, want, label=(), nan_ok=False) -> None:
    """The schedule model evaluates `rows` on its arrays (never the plain engine) and every measure equals
    `want(values)` [kr.] to 1e-9; with `nan_ok`, a row with no deltager within the horizon is nan in both."""
    ev = Evaluator(scenario, paths, rates, force_schedule=True)
    got = ev(rows)
    assert not ev.used_plain and isinstance(ev._schedule, ScheduleModel)
    for i, row in enumerate(rows):
        values = dict(zip(paths, row))
        expected = want(values)
        for m in OUT_MEASURES:
            if nan_ok and np.isnan(expected[m]):
                assert np.isnan(got[m][i]), (*label, i, m)
            else:
                assert got[m][i] == pytest.approx(expected[m], rel=1e-9, abs=1e-6), (*label, i, m, values)


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
    # no deltager within a short horizon: both say nan
    _assert_array_path_equals(scenario, rates, paths, rows, lambda v: _plain(scenario, rates, v), (name,), nan_ok=True)


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


# A scenario with full-time posts (a team role and an intervention-wide one, cut by their own windows) and
# investments (bought again inside the horizon, without restværdi, bought after the start) and grants (a horizon
# must reach every year a grant lists): trial F24 / C17.
POSTS_AND_INVESTMENTS = """\
kind: prospective
title: Stillinger og investeringer
municipality: Testkommune
source: {report: "test"}
price_year: 2026
rates: kommunale_satser
vurderingsdato: 2026-11-30
horizon_years: 4
fagteams:
  - name: Team
    count: 2
    medarbejdere:
      socialraadgiver: {wage_group: socialraadgiver, count: 3}
medarbejdere:
  leder: {wage_group: leder}
  kontaktperson: {wage_group: socialpaedagog}
forloeb:
  pr_fagteam_pr_aar: 60
  deltagere_pr_forloeb: 1
  laengde_aar: 0.5
  start_aar: 0.25
stillinger:
  - {item: Opstart, who: socialraadgiver, aarsvaerk: 2.5, start_aar: 0, aar: 0.25, kategori: etablering}
  - {item: Socialraadgivere, who: socialraadgiver, aarsvaerk: 2.5, start_aar: 0.25, kategori: drift}
  - {item: Leder, who: leder, aarsvaerk: 0.5, start_aar: 0.5, aar: 2.2, kategori: drift}
tilskud:
  - {item: Fond, pr_aar: [400000, 250000]}
  - {item: Til partner, retning: betalt, pr_aar: [0, 50000]}
investeringer:
  - {item: Computere, amount: 36000, aar: 0, type: it_udstyr}
  - {item: Inventar, amount: 50000, aar: 0.7, levetid: 1.5}
  - {item: Bil, amount: 200000, aar: 1, levetid: 2.5, genanskaffes: false}
  - {item: Licens, amount: 40000, aar: 0, levetid: 1.25, restvaerdi: false}
etablering:
  - {item: Rekruttering, who: leder, hours: 40, per: once}
drift:
  - {item: Fagsystem, amount: 25000, per: year}
sparede_omkostninger:
  - {item: Sparet stoette, who: kontaktperson, hours_per_week: 3, weeks: forloeb, per: participant}
"""


@pytest.mark.parametrize("cut", ["alle", "andel", "ingen"])
def test_posts_and_investments_stay_on_the_schedule_path_and_equal_the_plain_engine(tmp_path, cut):
    """Drawn forløb count and length, horizon (which cuts posts and decides re-purchases and restværdi), wage
    level, a post's årsværk, an investment's amount and the discount rate: every measure equals the plain engine,
    under each rule for forløb the horizon cuts (per-participant items count as the deltagere do)."""
    path = tmp_path / "s.yaml"
    text = POSTS_AND_INVESTMENTS.replace("  start_aar: 0.25\nstillinger:",
                                         f"  start_aar: 0.25\n  afkortede_forloeb: {cut}\nstillinger:")
    assert cut in text
    path.write_text(text, encoding="utf-8")
    scenario = costmodel.load(path)
    rates = prm.load_rates_for(scenario)
    paths = ["forloeb.pr_fagteam_pr_aar", "forloeb.laengde_aar", "horizon_years", "rates.wage_level",
             "stillinger.2.aarsvaerk", "investeringer.1.amount", "discount_rate"]
    rng = np.random.default_rng(17)
    n = 40
    rows = np.column_stack([rng.integers(20, 90, n), rng.uniform(0.2, 1.5, n), rng.uniform(1.6, 9.3, n),
                            rng.uniform(0.8, 1.2, n), rng.uniform(0.2, 1.0, n), rng.uniform(1e4, 9e4, n),
                            rng.uniform(0, 0.08, n)]).astype(float)
    rows[:3, 2] = [4.0, 2.5, 1.75]  # horizons ending where an investment is bought again or ends its life
    rows[:, 2] = np.maximum(rows[:, 2], rows[:, 1])
    _assert_array_path_equals(scenario, rates, paths, rows,
                              lambda v: engine_measures(prm.evaluate_at(scenario, v, rates).measures))


def test_psa_of_the_caseload_with_posts_runs_its_default_draws_on_the_array_path(tmp_path):
    """Trial F24: a triangular forløb count in a scenario with posts and investments took the plain engine and
    `report` refused its default 10.000 draws; now the draws stay on the array path."""
    from costmodel.analyses.psa import psa

    path = tmp_path / "s.yaml"
    path.write_text(POSTS_AND_INVESTMENTS + "uncertainty:\n  - {parameter: forloeb.pr_fagteam_pr_aar, "
                    "distribution: triangular, low: 50, mode: 60, high: 70, source: test}\n", encoding="utf-8")
    scenario = costmodel.load(path)
    result = psa(scenario, draws=10_000, seed=3)
    assert not any("for sig" in note for note in result.meta["notes"])
    rates = prm.load_rates_for(scenario)
    for i in (0, 4_999, 9_999):
        value = result.samples["forloeb.pr_fagteam_pr_aar"].iloc[i]
        want = prm.evaluate_at(scenario, {"forloeb.pr_fagteam_pr_aar": value}, rates).measures["net_total"]
        assert result.samples["net_total"].iloc[i] == pytest.approx(want, rel=1e-9)


def test_report_names_the_scenario_file_when_an_analysis_refuses(tmp_path):
    """A drawn lifetime of an investment is no schedule parameter (the plain engine takes it, bounded): the refusal
    of `report` and `export` names the scenario file in front, as `psa`'s does (trial F24: 'error: ...')."""
    from typer.testing import CliRunner

    from costmodel.cli import app

    path = tmp_path / "s.yaml"
    path.write_text(POSTS_AND_INVESTMENTS + "uncertainty:\n  - {parameter: investeringer.1.levetid, "
                    "distribution: uniform, low: 1.2, high: 2, source: test}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(path), "-o", str(tmp_path / "notat"), "--draws", "2500"])
    assert result.exit_code == 2
    assert result.output.startswith(f"{path}: 2,500 rows would each need a full evaluation"), result.output
    assert not (tmp_path / "notat").exists()
    result = CliRunner().invoke(app, ["export", str(path), "-o", str(tmp_path / "x.json"), "--draws", "2500"])
    assert result.exit_code == 2
    assert result.output.startswith(f"{path}: 2,500 rows would each need a full evaluation"), result.output
    assert not (tmp_path / "x.json").exists()


def test_drawn_post_windows_and_set_up_stay_on_the_schedule_path_and_equal_the_plain_engine(tmp_path):
    """A post's own start and length and the set-up before the first forløb (`forloeb.start_aar`), drawn with the
    horizon and the forløb count: schedule quantities too, every measure equal to the plain engine."""
    path = tmp_path / "s.yaml"
    path.write_text(POSTS_AND_INVESTMENTS, encoding="utf-8")
    scenario = costmodel.load(path)
    rates = prm.load_rates_for(scenario)
    paths = ["stillinger.1.start_aar", "stillinger.2.aar", "stillinger.2.start_aar", "forloeb.start_aar",
             "horizon_years", "forloeb.pr_fagteam_pr_aar", "rates.wage_level"]
    rng = np.random.default_rng(29)
    n = 40
    rows = np.column_stack([rng.uniform(0, 1.2, n), rng.uniform(0.3, 4, n), rng.uniform(0, 1.4, n),
                            rng.uniform(0, 1.0, n), rng.uniform(2, 7.5, n), rng.integers(20, 90, n),
                            rng.uniform(0.8, 1.2, n)]).astype(float)
    _assert_array_path_equals(scenario, rates, paths, rows,
                              lambda v: engine_measures(prm.evaluate_at(scenario, v, rates).measures))


def test_a_post_length_that_crosses_a_year_end_is_no_power_law(tmp_path):
    """A set-up post of 0,25 years has one line in year 0 that grows with `aar`, so it looked like a power law:
    at aar 2 the model scaled that one line by 8 instead of spreading it over two years (4.900.600 against the
    engine's 4.846.000 kr. on the trial's bostøtte team). A post's start_aar/aar are structural."""
    path = tmp_path / "s.yaml"
    path.write_text(POSTS_AND_INVESTMENTS, encoding="utf-8")
    scenario = costmodel.load(path)
    rates = prm.load_rates_for(scenario)
    for parameter, values in [("stillinger.0.aar", [0.25, 0.5, 2.0, 3.5]), ("investeringer.1.levetid", [1.5, 2.2, 3.9]),
                              ("investeringer.0.aar", [0.0, 0.6, 2.5])]:
        ev = Evaluator(scenario, [parameter], rates)
        assert parameter in ev.structural
        got = ev(np.array([[v] for v in values]))
        for i, v in enumerate(values):
            want = engine_measures(prm.evaluate_at(scenario, {parameter: v}, rates).measures)
            assert got["net_total"][i] == pytest.approx(want["net_total"], rel=1e-9), (parameter, v)


@pytest.mark.parametrize("cut", ["alle", "andel", "ingen"])
def test_weeks_forloeb_over_long_forloeb_equals_plain_engine(root, tmp_path, cut):
    # trial2 finding 3: 18-month forløb whose saving is written hours_per_week + weeks: forloeb spread over the
    # years they run; horizon, length and intake drawn so that forløb spill into later years and are cut
    text = (root / "trial2/hf_icm_weeks_forloeb.yaml").read_text(encoding="utf-8")
    assert "afkortede_forloeb: andel" in text
    path = tmp_path / "hf_icm_weeks_forloeb.yaml"
    path.write_text(text.replace("afkortede_forloeb: andel", f"afkortede_forloeb: {cut}")
                    .replace("basisalternativ: hf_basis_i_dag.yaml", ""), encoding="utf-8")
    scenario = costmodel.load(path)
    rates = prm.load_rates_for(scenario)
    schedule = ["forloeb.laengde_aar", "horizon_years", "forloeb.pr_fagteam_pr_aar"]
    rng = np.random.default_rng(7)
    n = 30
    rows = np.column_stack([rng.uniform(0.3, 2.5, n), rng.uniform(3.1, 6.5, n), rng.uniform(2, 30, n),
                            rng.uniform(0.8, 1.2, n)])
    paths = schedule + ["rates.wage_level"]
    _assert_array_path_equals(scenario, rates, paths, rows, lambda v: _plain(scenario, rates, v), (cut,))


def test_a_drawn_post_with_a_twin_of_the_same_name_does_not_move_the_twin(tmp_path):
    """Two posts with the same name, role and window (no id) cannot be told apart by their lines: drawing the first
    one's start must not move the second one's lines with it. The model leaves such a draw to the plain engine,
    whose result every row must equal (before: the second Leder's lines followed the first's drawn start)."""
    twin = "  - {item: Leder, who: leder, aarsvaerk: 0.5, start_aar: 0.5, aar: 2.2, kategori: drift}\n"
    assert twin in POSTS_AND_INVESTMENTS
    path = tmp_path / "s.yaml"
    path.write_text(POSTS_AND_INVESTMENTS.replace(twin, twin + twin.replace("0.5, start", "0.7, start")),
                    encoding="utf-8")
    scenario = costmodel.load(path)
    rates = prm.load_rates_for(scenario)
    rows = np.array([[0.5], [1.5], [2.0]])
    for parameter in ("stillinger.2.start_aar", "stillinger.3.start_aar", "stillinger.2.aar"):
        got = Evaluator(scenario, [parameter], rates, force_schedule=True)(rows)
        for i, (value,) in enumerate(rows):
            want = engine_measures(prm.evaluate_at(scenario, {parameter: value}, rates).measures)
            assert got["net_total"][i] == pytest.approx(want["net_total"], rel=1e-9), (parameter, value)
