"""The business case (issue 11): by budget year, by payer, payback; each figure checked against a published total or
against hand arithmetic on the scenario's own inputs, not against the function under test."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.cli import app

runner = CliRunner()
SOCIALPAEDAGOG = 383.78  # kr. per hour incl. overhead, salary_tables/rates_2020.yaml (tests/test_engine.py)


@pytest.fixture(scope="module")
def aktivt(request):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return costmodel.evaluate(costmodel.load(root / "scenarios/aktivt_faellesskab.yaml"))


def test_by_year_discounted_net_adds_to_the_published_net_total(aktivt):
    # report 000, Figur 10 and Tabel 7: "ca. -958.300 kr." net in NNV over 3 years; tolerance 0,5 pct. as the
    # golden tests use for totals (the scenario's rates are calibrated on per-deltager figures)
    years = aktivt.by_year()
    assert list(years["label"]) == ["År 1", "År 2", "År 3"]
    assert years["net_nnv"].sum() == pytest.approx(-958_300, rel=0.005)
    assert years["net_nnv"].sum() == pytest.approx(aktivt["net_total"])


def test_by_year_signs_savings_as_by_category_does(aktivt):
    years = aktivt.by_year()
    cats = aktivt.by_category().set_index("category")["total"]
    assert (years["savings"] <= 0).all() and (years["cost"] >= 0).all()
    assert years["savings_nnv"].sum() == pytest.approx(cats["sparede_omkostninger"])
    # hand arithmetic: every year saves 90 deltagere x 3 h x 16 weeks of § 85 support at the socialpædagog rate,
    # undiscounted in the price year; year 2 is discounted once at 4 pct.
    assert years.loc[0, "savings"] == pytest.approx(-90 * 3 * 16 * SOCIALPAEDAGOG)
    assert years.loc[1, "savings_nnv"] == pytest.approx(-90 * 3 * 16 * SOCIALPAEDAGOG / 1.04)


def test_first_year_carries_establishment_and_training(aktivt):
    years = aktivt.by_year()
    cats = aktivt.by_category().set_index("category")["total"]
    # etablering and uddannelse fall in year 1 (undiscounted there), drift is the same every year
    assert years.loc[0, "cost"] - years.loc[1, "cost"] == pytest.approx(cats["etablering"] + cats["uddannelse"])


def test_payback_in_the_second_year(aktivt):
    pay = aktivt.payback().set_index("payer")
    # year 1 costs 1,85 mio. kr. against 1,66 mio. kr. saved; from year 2 on 0,61 mio. kr. a year is gained
    assert pay.loc["i alt", "years"] == 2 and pay.loc["i alt", "label"] == "År 2"
    assert pay.loc["kommune", "years"] == 2


def test_by_payer_defaults_to_the_municipality_and_adds_to_net(aktivt):
    payers = aktivt.by_payer()
    assert set(payers["payer"]) == {"kommune"}
    assert payers["net"].sum() == pytest.approx(aktivt["net_total"])
    saving = payers[payers["savings"] < 0]
    assert list(saving["line"]) == ["Sparet § 85-støtte"]  # a saving on its own line


def test_budget_block_moves_an_item_to_another_payer(aktivt):
    scenario = aktivt.scenario.model_copy(deep=True)
    data = scenario.model_dump(exclude_unset=True, mode="python")
    data["budget"] = {"udvalg": "Socialudvalget", "first_year": 2026}
    data["uddannelse"][0]["budget"] = {"payer": "stat", "line": "Pulje til MI-uddannelse"}
    moved = _reload(aktivt, data)
    payers = moved.by_payer().set_index("line")
    assert payers.loc["Pulje til MI-uddannelse", "payer"] == "stat"
    # the scenario's udvalg is the municipality's committee: not the state's
    assert payers.loc["Pulje til MI-uddannelse", "udvalg"] == ""
    assert payers.loc["Drift", "udvalg"] == "Socialudvalget"  # the scenario's default for its own items
    # the fee and 6 facilitators' 4 course days of 7,4 hours, all in year 1 (undiscounted)
    assert payers.loc["Pulje til MI-uddannelse", "cost"] == pytest.approx(69_000 + 6 * 4 * 7.4 * SOCIALPAEDAGOG)
    assert moved.by_payer()["net"].sum() == pytest.approx(aktivt["net_total"])
    assert list(moved.by_year()["label"]) == ["2026", "2027", "2028"]
    pay = moved.payback().set_index("payer")
    assert pay.loc["stat", "years"] != pay.loc["stat", "years"]  # the state only pays: never paid back (NaN)


def _reload(result, data):
    from costmodel.rates.table import rates_for
    from costmodel.prospective.result import evaluate_with

    scenario = costmodel.Scenario.model_validate(data)
    return evaluate_with(scenario, rates_for(result.scenario))


def test_run_json_has_by_year_and_by_payer(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = runner.invoke(app, ["run", str(root / "scenarios/aktivt_faellesskab.yaml"), "--format", "json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert len(payload["by_year"]) == 3 and payload["by_year"][0]["label"] == "År 1"
    assert {r["payer"] for r in payload["by_payer"]} == {"kommune"}
    assert sum(r["net"] for r in payload["by_payer"]) == pytest.approx(payload["summary"]["net_total"])
    assert sum(r["net_nnv"] for r in payload["by_year"]) == pytest.approx(payload["summary"]["net_total"])


def test_unknown_budget_key_is_an_error(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = (root / "scenarios/aktivt_faellesskab.yaml").read_text(encoding="utf-8")
    text = text.replace("horizon_years: 3 ", "budget: {payr: region}\nhorizon_years: 3 ", 1)
    text = text.replace("rates: rates_2020", f"rates: {root / 'salary_tables/rates_2020.yaml'}", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["validate", str(bad)])
    assert out.exit_code == 2 and "budget.payr" in out.output


# ---- compare and portfolio

def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


def test_compare_prints_both_side_by_side_with_the_difference():
    root = _root()
    out = runner.invoke(app, ["compare", str(root / "scenarios/aktivt_faellesskab.yaml"),
                              str(root / "scenarios/trivsel_gennem_netvaerk.yaml")])
    assert out.exit_code == 0, out.output
    line = next(l for l in out.output.splitlines() if l.startswith("Nettoomk. pr. deltager"))
    # report 000: Aktivt -3.700 kr., Trivsel 14.500 kr. per deltager; the difference is 18.200 kr.
    assert line.split()[-6:] == ["-3.700", "kr.", "14.500", "kr.", "18.200", "kr."]
    assert "Basisalternativ: Aktivt fællesskab" in out.output


def test_compare_json_difference_against_the_first():
    root = _root()
    out = runner.invoke(app, ["compare", str(root / "scenarios/aktivt_faellesskab.yaml"),
                              str(root / "scenarios/trivsel_gennem_netvaerk.yaml"), "--format", "json"])
    payload = json.loads(out.output)
    net = next(r for r in payload["totals"] if r["row"] == "net_total")
    assert net["Forskel: Trivsel gennem netværk"] == pytest.approx(net["Trivsel gennem netværk"] - net["Aktivt fællesskab"])
    assert payload["basisalternativ"] == "Aktivt fællesskab"


def test_a_scenario_names_its_basisalternativ(tmp_path):
    root = _root()
    text = (root / "scenarios/trivsel_gennem_netvaerk.yaml").read_text(encoding="utf-8")
    text = text.replace("rates: rates_2020", f"rates: {root / 'salary_tables/rates_2020.yaml'}", 1)
    text += f"\nbasisalternativ: {root / 'scenarios/aktivt_faellesskab.yaml'}\n"
    own = tmp_path / "trivsel.yaml"
    own.write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["compare", str(own), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["scenarios"] == ["Aktivt fællesskab", "Trivsel gennem netværk"]


def test_portfolio_adds_interventions_up():
    root = _root()
    files = [str(root / f"scenarios/{n}.yaml") for n in ("aktivt_faellesskab", "trivsel_gennem_netvaerk")]
    payload = json.loads(runner.invoke(app, ["compare", "--portfolio", *files, "--format", "json"]).output)
    net = next(r for r in payload["totals"] if r["row"] == "net_total")
    assert net["I alt"] == pytest.approx(net["Aktivt fællesskab"] + net["Trivsel gennem netværk"])
    # 270 + 48 deltagere (report 000: 90 a year for 3 years; Trivsel 48)
    people = next(r for r in payload["totals"] if r["row"] == "participants")
    assert people["I alt"] == 318


def test_portfolio_refuses_mixed_price_years():
    from costmodel.analyses.compare import compare
    from costmodel.errors import ScenarioError

    root = _root()
    aktivt = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    later = aktivt.model_copy(update={"price_year": 2021})
    later._source_path = aktivt._source_path
    with pytest.raises(ScenarioError, match="price year"):
        compare([aktivt, later], portfolio=True)
    side_by_side = compare([aktivt, later])  # side by side is allowed, without differences
    assert "Forskel: Aktivt fællesskab (2)" not in side_by_side.totals and side_by_side.notes


# ---- effects (SØM style), break-even on the success rate, the SØM hand-off

EXAMPLE = "examples/effekt_og_betalere.yaml"


def test_effect_turns_successes_into_savings_by_year_and_payer():
    r = costmodel.evaluate(costmodel.load(_root() / EXAMPLE))
    effect = r.lines[r.lines["kind"] == "effekt"]
    kommune = effect[effect["payer"] == "kommune"].set_index("year")["kroner"]
    # 2 forløb x 8 deltagere a year, 25 pct. succeed; each success saves 92 hours of § 85 support (383,78 kr.)
    # a year for 2 years: 4 successful citizens in year 1, 4 + 4 in years 2 and 3
    assert kommune[0] == pytest.approx(4 * 92 * 383.78)
    assert kommune[1] == pytest.approx(8 * 92 * 383.78) and kommune[2] == pytest.approx(8 * 92 * 383.78)
    region = effect[effect["payer"] == "region"]["kroner"].sum()
    assert region == pytest.approx((4 + 8 + 8) * 2 * 1500)
    payers = r.by_payer().set_index("payer")
    assert payers.loc["region", "savings"] < 0 and payers.loc["region", "cost"] == 0
    assert r.by_payer()["net"].sum() == pytest.approx(r["net_total"])
    assert list(r.by_year()["label"]) == ["2026", "2027", "2028"]


def test_breakeven_success_rate_balances_cost_and_effect():
    from costmodel.analyses.breakeven import breakeven
    from costmodel.prospective.overrides import apply

    scenario = costmodel.load(_root() / EXAMPLE)
    found = breakeven(scenario, "effekter.uden_85.success_rate", 0, 1).frame.iloc[0]
    # savings are proportional to the success rate: break-even = gross cost / savings at a rate of 1
    full = costmodel.evaluate(apply(scenario, {"effekter.uden_85.success_rate": 1.0}))
    assert found["value"] == pytest.approx(full["gross_total"] / -full["savings_total"], rel=1e-9)


def test_som_handoff_is_annual_cost_and_completing_deltagere():
    from costmodel.report.export import som_frame

    r = costmodel.evaluate(costmodel.load(_root() / "scenarios/aktivt_faellesskab.yaml"))
    frame = som_frame(r)
    assert list(frame["completers"]) == [90, 90, 90]  # report 000: 3 teams x 3 forløb x 10 deltagere a year
    cats = r.by_category().set_index("category")["total"]
    assert frame["annual_cost"][0] - frame["annual_cost"][1] == pytest.approx(cats["etablering"] + cats["uddannelse"])
    assert (frame["price_year"] == 2020).all()


def test_effect_rate_above_one_is_refused(tmp_path):
    text = (_root() / EXAMPLE).read_text(encoding="utf-8").replace("success_rate: 0.25", "success_rate: 25")
    text = text.replace("rates: rates_2020", f"rates: {_root() / 'salary_tables/rates_2020.yaml'}", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["validate", str(bad)])
    assert out.exit_code == 2 and "effekter.0.success_rate" in out.output


def test_exports_carry_the_business_case(tmp_path):
    root = _root()
    src = str(root / "scenarios/aktivt_faellesskab.yaml")
    out = runner.invoke(app, ["export", src, "-o", str(tmp_path / "a.json"), "--no-analyses"])
    assert out.exit_code == 0, out.output
    payload = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert sum(r["net"] for r in payload["by_payer"]) == pytest.approx(payload["summary"]["net_total"])
    assert [r["completers"] for r in payload["som"]] == [90, 90, 90]  # no gennemfoerelsesandel: all complete
    out = runner.invoke(app, ["export", src, "-o", str(tmp_path / "som.csv"), "--som"])
    assert out.exit_code == 0, out.output
    import pandas as pd

    som = pd.read_csv(tmp_path / "som.csv")
    assert list(som["completers"]) == [90, 90, 90] and (som["price_year"] == 2020).all()
    out = runner.invoke(app, ["export", src, "-o", str(tmp_path / "a.csv"), "--no-analyses"])
    long = pd.read_csv(tmp_path / "a.csv")
    net = long.query("table == 'pr_aar' and column == 'net_nnv'")["value"].sum()
    assert net == pytest.approx(payload["summary"]["net_total"])


def test_effect_lists_are_bounded():
    from costmodel.prospective.model import Effect, Scenario

    data = {"id": "e", "label": "x", "success_rate": 0.1,
            "consequences": [{"item": f"c{i}", "quantity": 1, "prices": [{"price": 1}]} for i in range(51)]}
    with pytest.raises(Exception, match="at most 50"):
        Effect.model_validate(data)
    assert Scenario.model_fields["effekter"].metadata  # a max_length on the list itself


def test_by_year_discounts_as_the_result_does_over_a_long_horizon():
    # a 40-year horizon crosses Finansministeriet's step after year 35 (4 pct., then 3 pct.; rates_2020's rule)
    scenario = costmodel.load(_root() / "scenarios/aktivt_faellesskab.yaml")
    data = dict(scenario._raw)
    data["horizon_years"] = 40
    data["sensitivity"] = []
    long = _reload(costmodel.evaluate(scenario), data)
    years = long.by_year()
    assert years["net_nnv"].sum() == pytest.approx(long["net_total"])
    assert years["discount_factor"][36] == pytest.approx(years["discount_factor"][35] / 1.03)
    assert years["discount_factor"][35] == pytest.approx(1.04 ** -35)


@pytest.mark.parametrize("net, years", [
    ([-10.0, 20.0, 0.0], None),  # negative in year 1, positive again from year 2: no payback (trial2 finding 1)
    ([5.0, -10.0, 3.0, -1.0], 2),  # cumulative 5, -5, -2, -3: negative from year 2 to the end
    ([-10.0, 20.0, -20.0], 3),  # cumulative -10, 10, -10: only the last dip lasts
    ([-10.0, -5.0], 1),
    ([10.0, -10.0], None),  # ends at zero: not a gain
])
def test_payback_is_the_year_from_which_cumulative_net_stays_negative(net, years):
    import pandas as pd

    from costmodel.prospective.result import payback_table

    labels = [str(2019 + i) for i in range(len(net))]
    pay = payback_table(pd.DataFrame({"kommune": net}), labels).set_index("payer")
    for payer in ("i alt", "kommune"):
        found = pay.loc[payer, "years"]
        assert (found != found) if years is None else found == years, (payer, found)
    assert pay.loc["i alt", "label"] == ("" if years is None else labels[years - 1])


def test_som_hand_off_names_completers_and_cost_per_completer(tmp_path):
    # trial2 finding 8: HF/ICM counts 11 deltagere in 2020 of whom 70 pct. complete: 7,7; the hand-off column
    # said "participants" and the cost per completer (2.586.825 / 7,7 = 335.951 kr.) "cost_per_participant"
    import pandas as pd

    src = str(_root() / "trial2/hf_icm.yaml")
    out = runner.invoke(app, ["export", src, "-o", str(tmp_path / "som.csv"), "--som"])
    assert out.exit_code == 0, out.output
    som = pd.read_csv(tmp_path / "som.csv").set_index("label")
    assert "participants" not in som and "cost_per_participant" not in som
    assert som.loc[2020, "completers"] == pytest.approx(11 * 0.7)
    assert som.loc[2020, "cost_per_completer"] == pytest.approx(som.loc[2020, "annual_cost"] / 7.7)
    out = runner.invoke(app, ["export", src, "-o", str(tmp_path / "som.md"), "--som"])
    head = (tmp_path / "som.md").read_text(encoding="utf-8").splitlines()[0]
    assert "| Gennemførte deltagere | Omkostninger pr. gennemført deltager |" in head


def test_long_csv_export_counts_completers_in_antal(tmp_path):
    import pandas as pd

    out = runner.invoke(app, ["export", str(_root() / "scenarios/aktivt_faellesskab.yaml"), "-o",
                              str(tmp_path / "a.csv"), "--no-analyses"])
    assert out.exit_code == 0, out.output
    long = pd.read_csv(tmp_path / "a.csv")
    som = long[long["table"] == "soem"].set_index("column")
    assert set(som.loc["completers", "unit"]) == {"antal"} and set(som.loc["cost_per_completer", "unit"]) == {"kr."}
