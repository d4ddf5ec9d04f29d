"""The vectorized evaluator against the plain engine (costmodel.evaluate on an overridden scenario), row by row.

Everything in the sensitivity suite rests on this: for random parameter values, on all five report-000
scenarios, the array evaluation must equal the plain per-scenario evaluation to ~1e-9 relative.
"""
from __future__ import annotations

import numpy as np
import pytest

import costmodel
from costmodel.prospective import parameters as prm
from costmodel.prospective.overrides import apply
from costmodel.analyses.lines import engine_measures  # the measures the array models give, for any scenario
from costmodel.analyses.vectorized import OUT_MEASURES, Evaluator

SCENARIOS = ["trivsel_gennem_netvaerk", "aktivt_faellesskab", "adhd_gruppen", "brugerstyret_gruppeindsats",
             "kvindenetvaerksgruppen"]
ITEM_FIELDS = ("hours", "amount", "fee", "hours_per_week", "days", "times", "overnight_stays")


def _parameters(scenario, rates) -> list[str]:
    paths = ["forloeb.deltagere_pr_forloeb", "rates.wage_level", "discount_rate", "forloeb.sessioner_pr_forloeb"]
    if len(scenario.fagteams) == 1:  # several kinds' counts: test_counts_of_several_team_kinds_... (slower build)
        paths += [f"fagteams.{t.name}.count" for t in scenario.fagteams]
    groups = {g for t in scenario.fagteams for r in t.medarbejdere.values() for g in r.groups()}
    groups |= {g for r in scenario.medarbejdere.values() for g in r.groups()}
    paths += [f"rates.wage_groups.{g}.hourly" for g in sorted(groups)]
    for category in ("etablering", "uddannelse", "drift", "sparede_omkostninger"):
        for i, item in enumerate(getattr(scenario, category)):
            for name in ITEM_FIELDS:
                value = getattr(item, name, None)
                if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
                    paths.append(f"{category}.{i}.{name}")
    return paths


def _plain(scenario, rates, values: dict) -> dict:
    """Reference: overrides.apply (validated scenario) + a rate table changed by hand + the plain engine."""
    from costmodel.prospective.result import evaluate_with

    scen_values = {p: v for p, v in values.items() if not p.startswith("rates.")}
    for p, v in scen_values.items():
        if prm.is_integer(scenario, p):
            scen_values[p] = int(v)
    changed = apply(scenario, scen_values)
    level = values.get("rates.wage_level", 1.0)
    groups = {g: w.model_copy(update={"hourly": values.get(f"rates.wage_groups.{g}.hourly", w.hourly) * level})
              for g, w in rates.wage_groups.items()}
    return engine_measures(evaluate_with(changed, rates.model_copy(update={"wage_groups": groups})).measures)


def _random_rows(scenario, rates, paths, rng, n):
    rows = []
    for _ in range(n):
        row = []
        for p in paths:
            base = prm.base_value(scenario, p, rates)
            if prm.is_integer(scenario, p):
                row.append(float(rng.integers(1, int(base) + 3)))
            elif p == "discount_rate":
                row.append(rng.uniform(0.0, 0.08))
            else:
                row.append(base * rng.uniform(0.3, 1.7))
        rows.append(row)
    rows = np.array(rows)
    # Exact zeros (an item switched off by its own value) must work too.
    zeroable = [j for j, p in enumerate(paths) if p.split(".")[-1] in ("hours", "amount", "fee")]
    for j in zeroable[:3]:
        rows[0, j] = 0.0
    return rows


@pytest.mark.parametrize("name", SCENARIOS)
def test_vectorized_equals_plain_engine(root, name):
    scenario = costmodel.load(root / f"scenarios/{name}.yaml")
    rates = prm.load_rates_for(scenario)
    paths = _parameters(scenario, rates)
    assert len(paths) > 10
    rng = np.random.default_rng(sum(map(ord, name)))
    ev = Evaluator(scenario, paths, rates, force_models=True)
    rows = _random_rows(scenario, rates, paths, rng, 12)
    # Parameters that are no power law here (e.g. one of two team kinds' counts, whose deltagere add up) get one
    # model per distinct value (tested below); keep them at base so that the fast path is what is tested here.
    for p in ev.structural:
        rows[:, paths.index(p)] = prm.base_value(scenario, p, rates)
    got = ev(rows)
    assert not ev.used_plain
    for i, row in enumerate(rows):
        want = _plain(scenario, rates, dict(zip(paths, row)))
        for m in OUT_MEASURES:
            assert got[m][i] == pytest.approx(want[m], rel=1e-9, abs=1e-6), (name, i, m)


@pytest.mark.parametrize("name", ["aktivt_faellesskab", "brugerstyret_gruppeindsats"])
def test_structural_parameter_gets_one_model_per_value(root, name):
    """Forløb length moves forløb between years: evaluated per distinct value, still equal to the plain engine."""
    scenario = costmodel.load(root / f"scenarios/{name}.yaml")
    rates = prm.load_rates_for(scenario)
    base_len = scenario.forloeb.laengde_aar
    paths = ["forloeb.laengde_aar", "forloeb.deltagere_pr_forloeb", "rates.wage_level"]
    lengths = [base_len, base_len * 0.5, min(base_len * 2, scenario.horizon_years), 0.9]
    rng = np.random.default_rng(7)
    rows = np.array([[lengths[i % 4], rng.uniform(4, 14), rng.uniform(0.8, 1.2)] for i in range(12)])
    ev = Evaluator(scenario, paths, rates, force_models=True)
    assert "forloeb.laengde_aar" in ev.structural
    got = ev(rows)
    for i, row in enumerate(rows):
        want = _plain(scenario, rates, dict(zip(paths, row)))
        for m in OUT_MEASURES:
            assert got[m][i] == pytest.approx(want[m], rel=1e-9, abs=1e-6), (i, m)


def test_many_structural_values_use_the_schedule_model(root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    ev = Evaluator(scenario, ["forloeb.laengde_aar"], max_models=3)
    rows = np.linspace(0.2, 0.9, 6)[:, None]
    got = ev(rows)
    assert not ev.used_plain and ev._schedule is not None
    for i, x in enumerate(rows[:, 0]):
        want = costmodel.evaluate(apply(scenario, {"forloeb.laengde_aar": float(x)}))
        assert got["net_total"][i] == pytest.approx(want["net_total"], rel=1e-12)


def test_many_structural_values_fall_back_to_plain_loop_where_no_schedule_model_fits(root, monkeypatch):
    from costmodel.analyses import schedule_model

    def refuse(*args, **kwargs):
        raise schedule_model.NotSchedule("test")

    monkeypatch.setattr(schedule_model.ScheduleModel, "build", refuse)
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    ev = Evaluator(scenario, ["forloeb.laengde_aar"], max_models=3)
    rows = np.linspace(0.2, 0.9, 6)[:, None]
    got = ev(rows)
    assert ev.used_plain and any("for sig" in n for n in ev.notes)
    for i, x in enumerate(rows[:, 0]):
        want = costmodel.evaluate(apply(scenario, {"forloeb.laengde_aar": float(x)}))
        assert got["net_total"][i] == pytest.approx(want["net_total"], rel=1e-12)


def test_base_row_reproduces_headline(root):
    """Aktivt fællesskab: -3.700 kr. per deltager (report 000, 4.2.6, Figur 10), at the base row."""
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    paths = ["forloeb.deltagere_pr_forloeb", "fagteams.Fagteam.count"]
    got = Evaluator(scenario, paths)(np.array([[10.0, 3.0]]))
    assert round(got["net_per_participant"][0], -2) == -3700
    assert got["net_per_participant"][0] == pytest.approx(costmodel.evaluate(scenario)["net_per_participant"],
                                                          rel=1e-12)


def test_whole_number_parameters_refuse_fractions(root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    with pytest.raises(prm.ParameterError, match="whole numbers"):
        Evaluator(scenario, ["fagteams.Fagteam.count"])(np.array([[2.5]]))


def test_unknown_paths_are_named(root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    with pytest.raises(prm.ParameterError, match="forloeb.nope"):
        Evaluator(scenario, ["forloeb.nope"])
    with pytest.raises(prm.ParameterError, match="no wage group 'nope'"):
        Evaluator(scenario, ["rates.wage_groups.nope.hourly"])
    with pytest.raises(prm.ParameterError, match="not a number"):
        Evaluator(scenario, ["forloeb.deltagere_taelles"])


def test_mixed_wage_groups_are_split_into_power_laws(root):
    """Brugerstyret gruppeindsats has a role of a SOSU-assistent and a fysioterapeut: a line pays the sum of two
    wages, which is no power of either; split by wage group, each wage is an exact power law again."""
    scenario = costmodel.load(root / "scenarios/brugerstyret_gruppeindsats.yaml")
    rates = prm.load_rates_for(scenario)
    base = costmodel.evaluate(scenario)
    mixed = sorted({g for label in base.lines["wage_group"] if "+" in label for g in label.split("+")})
    assert len(mixed) == 2
    paths = [f"rates.wage_groups.{g}.hourly" for g in mixed] + ["forloeb.deltagere_pr_forloeb"]
    ev = Evaluator(scenario, paths, rates)
    assert ev.structural == []
    rows = np.array([[300.0, 450.0, 7.0], [410.0, 200.0, 16.0], [0.0, 380.0, 8.0]])
    got = ev(rows)
    for i, row in enumerate(rows):
        want = _plain(scenario, rates, dict(zip(paths, row)))
        assert got["net_total"][i] == pytest.approx(want["net_total"], rel=1e-9)
        assert got["gross_per_participant"][i] == pytest.approx(want["gross_per_participant"], rel=1e-9)


def test_counts_of_several_team_kinds_are_split_into_power_laws(root):
    """Brugerstyret gruppeindsats has two kinds of fagteam (18+ and 30+): deltagere and course fees add up over
    the kinds, so neither count is a power law of the totals; split per kind they are, and a 2-D grid of the two
    counts is evaluated by one model, equal to the plain engine."""
    scenario = costmodel.load(root / "scenarios/brugerstyret_gruppeindsats.yaml")
    rates = prm.load_rates_for(scenario)
    paths = ["fagteams.18+.count", "fagteams.30+.count", "forloeb.deltagere_pr_forloeb", "rates.wage_level"]
    ev = Evaluator(scenario, paths, rates)
    assert ev.structural == []
    rows = np.array([[a, b, d, w] for a, b, d, w in [(1, 1, 8, 1.0), (4, 1, 6, 1.1), (1, 5, 12, 0.9),
                                                      (3, 2, 7.5, 1.05)]], dtype=float)
    got = ev(rows)
    assert not ev.used_plain
    for i, row in enumerate(rows):
        want = _plain(scenario, rates, dict(zip(paths, row)))
        for m in OUT_MEASURES:
            assert got[m][i] == pytest.approx(want[m], rel=1e-9, abs=1e-6), (i, m)


@pytest.mark.parametrize("name", SCENARIOS)
def test_engine_lines_are_the_engines_cost_lines(root, name):
    """The evaluator reads lines without the DataFrame; they must be the engine's own, line for line."""
    from costmodel.prospective.engine import cost_lines
    from costmodel.analyses.vectorized import _KEY_COLUMNS, engine_lines

    scenario = costmodel.load(root / f"scenarios/{name}.yaml")
    rates = prm.load_rates_for(scenario)
    frame = cost_lines(scenario, rates)
    keys, wages, kroner = engine_lines(scenario, rates)
    def plain_key(row):  # the DataFrame holds a missing item id as NaN
        return tuple(None if (isinstance(v, float) and np.isnan(v)) else v for v in row)

    assert keys == [plain_key(r) for r in frame[_KEY_COLUMNS].itertuples(index=False)]
    assert wages == list(frame["wage_group"])
    assert np.array_equal(kroner, frame["kroner"].to_numpy())
