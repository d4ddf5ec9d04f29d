"""Properties of the cost engine over generated valid prospective scenarios (hypothesis).

The examples are derandomized and bounded (PROFILE) so CI is reproducible and the whole file runs in seconds;
set COSTMODEL_HYPOTHESIS_EXAMPLES to explore more locally.
"""
from __future__ import annotations

import copy
import io
import math
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import costmodel
from costmodel.prospective.model import Scenario
from costmodel.rates.table import load_rates
from costmodel.prospective.result import evaluate_with

PROFILE = settings(
    max_examples=int(os.environ.get("COSTMODEL_HYPOTHESIS_EXAMPLES", "30")),
    deadline=None,
    derandomize=not os.environ.get("COSTMODEL_HYPOTHESIS_RANDOM"),  # CI: the same examples every run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RATES = load_rates("rates_2020")
GROUPS = sorted(RATES.wage_groups)

amounts = st.floats(min_value=0, max_value=50_000, allow_nan=False).map(lambda x: round(x, 2))
hours = st.floats(min_value=0, max_value=40, allow_nan=False).map(lambda x: round(x, 2))
times = st.integers(min_value=1, max_value=12)

TEAM_PERS = ("team", "team_year", "team_week", "forloeb", "session", "participant")
ALL_PERS = TEAM_PERS + ("once", "year")


@st.composite
def hours_items(draw, pers=ALL_PERS, who=("facilitator", "kontakt")):
    return {"item": f"timer {draw(st.integers(0, 999))}", "who": draw(st.sampled_from(who)),
            "hours": draw(hours), "times": draw(times), "per": draw(st.sampled_from(pers))}


@st.composite
def amount_items(draw, pers=ALL_PERS):
    return {"item": f"kr {draw(st.integers(0, 999))}", "amount": draw(amounts), "times": draw(times),
            "per": draw(st.sampled_from(pers))}


@st.composite
def courses(draw, held=("per_team", "once")):
    return {"course": f"kursus {draw(st.integers(0, 999))}", "days": draw(st.integers(0, 6)), "fee": draw(amounts),
            "fee_basis": draw(st.sampled_from(["per_course", "per_person"])), "held": draw(st.sampled_from(held)),
            "attendees": "facilitator", "overnight_stays": draw(st.integers(0, 3))}


@st.composite
def scenarios(draw, fixed_costs: bool = True):
    """A valid scenario as plain data. Without fixed costs every cost scales with the number of teams."""
    pers = ALL_PERS if fixed_costs else TEAM_PERS
    held = ("per_team", "once") if fixed_costs else ("per_team",)
    # without fixed costs, items use the team role only (the outside role's once/year work would be fixed)
    who = ("facilitator", "kontakt") if fixed_costs else ("facilitator",)
    horizon = draw(st.integers(min_value=1, max_value=5))
    n_kinds = draw(st.integers(min_value=1, max_value=2))
    teams = [{"name": f"T{i}", "count": draw(st.integers(1, 3)),
              "medarbejdere": {"facilitator": {"wage_group": draw(st.sampled_from(GROUPS)),
                                               "count": draw(st.integers(1, 3))}}}
             for i in range(n_kinds)]
    data = {
        "title": "Genereret",
        "source": {"report": "hypothesis"},
        "price_year": RATES.price_year,
        "rates": "rates_2020",
        "horizon_years": horizon,
        "discount_rate": draw(st.sampled_from([None, 0.0, 0.035, 0.04])),
        "fagteams": teams,
        "medarbejdere": {"kontakt": {"wage_group": draw(st.sampled_from(GROUPS))}},
        "forloeb": {"pr_fagteam_pr_aar": draw(st.integers(1, 4)),
                    "deltagere_pr_forloeb": draw(st.integers(1, 12)),
                    "laengde_aar": draw(st.sampled_from([11 / 46, 0.5, 1.0])),
                    "sessioner_pr_forloeb": draw(st.integers(0, 20))},
        "etablering": draw(st.lists(st.one_of(hours_items(pers, who), amount_items(pers)), max_size=3)),
        "uddannelse": draw(st.lists(courses(held), max_size=2)),
        "drift": draw(st.lists(st.one_of(hours_items(pers, who), amount_items(pers)), min_size=1, max_size=5)),
        "sparede_omkostninger": draw(st.lists(hours_items(("participant", "forloeb"), who), max_size=2)),
    }
    return {k: v for k, v in data.items() if v is not None}


def evaluate(data: dict, rates=RATES):
    return evaluate_with(Scenario.model_validate(data), rates)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


@PROFILE
@given(scenarios())
def test_net_is_gross_minus_savings(data):
    r = evaluate(data)
    # savings are reported negative, as the reports print them
    assert r["savings_total"] <= 0
    assert close(r["net_total"], r["gross_total"] + r["savings_total"])
    assert close(r["net_per_participant"], r["gross_per_participant"] + r["savings_per_participant"])
    assert close(r["gross_total"], r["establishment_total"] + r["training_total"] + r["operation_total"])


@PROFILE
@given(scenarios())
def test_total_is_per_participant_times_discounted_participants(data):
    r = evaluate(data)
    assert r["participants_discounted"] > 0
    for key in ("net", "gross", "savings"):
        assert close(r[f"{key}_total"], r[f"{key}_per_participant"] * r["participants_discounted"])


@PROFILE
@given(scenarios(fixed_costs=False), st.integers(min_value=2, max_value=4))
def test_linear_in_teams_without_fixed_costs(data, k):
    base = evaluate(data)
    more = copy.deepcopy(data)
    for team in more["fagteams"]:
        team["count"] *= k
    scaled = evaluate(more)
    for key in ("net_total", "gross_total", "savings_total", "participants", "participants_discounted"):
        assert close(scaled[key], k * base[key]), key
    for key in ("net_per_participant", "gross_per_participant"):
        assert close(scaled[key], base[key]), key


@PROFILE
@given(scenarios(), st.floats(min_value=1.0, max_value=2.0))
def test_monotone_in_wages(data, factor):
    base = evaluate(data)
    groups = {k: g.model_copy(update={"hourly": g.hourly * factor}) for k, g in RATES.wage_groups.items()}
    higher = evaluate(data, RATES.model_copy(update={"wage_groups": groups}))
    assert higher["gross_total"] >= base["gross_total"] - 1e-6
    assert higher["savings_total"] <= base["savings_total"] + 1e-6  # more negative: larger savings
    # wages enter linearly where they enter at all: savings are all staff time, gross also holds fixed kroner
    assert close(higher["savings_total"], factor * base["savings_total"])
    assert higher["gross_total"] <= factor * base["gross_total"] + 1e-6


@PROFILE
@given(scenarios(), st.floats(min_value=0.5, max_value=10.0))
def test_monotone_in_hours(data, extra):
    base = evaluate(data)
    more = copy.deepcopy(data)
    more["drift"].append({"item": "ekstra", "who": "facilitator", "hours": extra, "per": "forloeb"})
    assert evaluate(more)["gross_total"] > base["gross_total"]
    more = copy.deepcopy(data)
    more["sparede_omkostninger"].append({"item": "sparet", "who": "kontakt", "hours": extra, "per": "participant"})
    assert evaluate(more)["net_total"] < base["net_total"]


@PROFILE
@given(scenarios())
def test_zero_discount_rate_gives_undiscounted_sums(data):
    data = {**data, "discount_rate": 0.0}
    r = evaluate(data)
    lines = r.lines
    gross = lines.loc[lines["category"] != "sparede_omkostninger", "kroner"].sum()
    savings = lines.loc[lines["category"] == "sparede_omkostninger", "kroner"].sum()
    assert close(r["gross_total"], gross)
    assert close(r["net_total"], gross - savings)
    assert close(r["participants_discounted"], r["participants"])


@PROFILE
@given(scenarios())
def test_load_dump_reload_gives_the_same_result(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("roundtrip")
    first_path = folder / "first.yaml"
    first_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = costmodel.load(first_path)
    second_path = folder / "second.yaml"
    costmodel.dump(first, second_path)
    second = costmodel.load(second_path)
    assert second.model_dump() == first.model_dump()
    assert costmodel.evaluate(second).measures == costmodel.evaluate(first).measures
    stream = io.StringIO()
    costmodel.dump(second, stream)
    assert stream.getvalue() == second_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [
    "adhd_gruppen", "aktivt_faellesskab", "brugerstyret_gruppeindsats", "kvindenetvaerksgruppen",
    "trivsel_gennem_netvaerk", "lovende_praksis_favrskov", "lovende_praksis_spydspidsen", "lovende_praksis_thisted",
])
def test_shipped_scenarios_survive_dump_and_reload(tmp_path, root, name):
    first = costmodel.load(root / "scenarios" / f"{name}.yaml")
    costmodel.dump(first, tmp_path / "again.yaml")
    second = costmodel.load(tmp_path / "again.yaml")
    assert second.model_dump() == first.model_dump()
    a, b = costmodel.evaluate(first), costmodel.evaluate(second)
    assert a.summary_frame().equals(b.summary_frame())


def test_expost_csv_is_written_inline(tmp_path, root):
    first = costmodel.load(root / "examples" / "expost_eget_eksempel.yaml")
    costmodel.dump(first, tmp_path / "again.yaml")
    text = (tmp_path / "again.yaml").read_text(encoding="utf-8")
    assert "csv:" not in text
    second = costmodel.load(tmp_path / "again.yaml")
    assert len(second.registreringer.table()) == len(first.registreringer.table()) == 18  # CSV rows + inline rows
    assert costmodel.evaluate(first).summary_frame().equals(costmodel.evaluate(second).summary_frame())


def test_dump_does_not_overwrite_without_force(tmp_path, root):
    scenario = costmodel.load(root / "scenarios" / "kvindenetvaerksgruppen.yaml")
    target = tmp_path / "x.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(costmodel.ScenarioError, match="--force"):
        costmodel.dump(scenario, target)
    assert target.read_text(encoding="utf-8") == "mine"
    costmodel.dump(scenario, target, force=True)
    assert costmodel.load(target).title == scenario.title
