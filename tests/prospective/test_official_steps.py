"""The official model's steps as first-class results (issue 14 follow-up): Investering i materiel as a cost
category of its own with its restværdi, tilskud with a receiver (by payer, by year) and the analyses on the net
after grants and per completing deltager. Expected figures come from the inputs (price, lifetime, discount rate
3,5 pct. with the first year undiscounted), not from the engine."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.analyses.tornado import tornado
from costmodel.cli import app
from costmodel.prospective.parameters import evaluate_at

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]

BASE = """\
kind: prospective
title: Test
source: {report: "test"}
price_year: 2026
rates: kommunale_satser
horizon_years: 3
budget: {payer: kommune, udvalg: Socialudvalget}
fagteams:
  - name: Team
    count: 1
    medarbejdere:
      medarbejder: {wage_group: socialpaedagog, count: 2}
forloeb:
  pr_fagteam_pr_aar: 2
  deltagere_pr_forloeb: 10
  laengde_aar: 0.25
  sessioner_pr_forloeb: 10
etablering:
  - {item: Planlægning, who: medarbejder, hours: 20, per: team}
drift:
  - {item: Gruppesession, who: medarbejder, hours: 3, per: session}
"""
INVESTMENT = """\
investeringer:
  - {item: Lokale, amount: 120000, levetid: 10}
"""
GRANTS = """\
tilskud:
  - item: Driftstilskud
    modpart: Fonden X
    pr_aar: [100000, 100000]
    budget: {payer: kommune, udvalg: Socialudvalget}
  - item: Betaling til partner
    retning: betalt
    modpart: Partnerforening
    pr_aar: [0, 0, 30000]
    budget: {payer: region}
"""
D1, D2 = 1 / 1.035, 1 / 1.035 ** 2  # discount factors of years 2 and 3 (year 1 undiscounted)


def load(tmp_path: Path, extra: str = ""):
    path = tmp_path / "s.yaml"
    path.write_text(BASE + extra, encoding="utf-8")
    return costmodel.load(path)


def test_investering_is_a_category_of_its_own_and_gross_adds_the_four(tmp_path):
    without = costmodel.evaluate(load(tmp_path))
    result = costmodel.evaluate(load(tmp_path, INVESTMENT))
    m = result.measures
    # bought in year 1 for 120.000, 10-year life: 70 pct. is left after 3 years, deducted in year 3
    assert m["investment_total"] == pytest.approx(120000 - 0.7 * 120000 * D2)
    assert m["establishment_total"] == pytest.approx(without.measures["establishment_total"])  # not in etablering
    cats = result.by_category().set_index("category")["total"]
    assert list(cats.index) == ["etablering", "uddannelse", "drift", "investering", "sparede_omkostninger"]
    assert m["gross_total"] == pytest.approx(cats[["etablering", "uddannelse", "drift", "investering"]].sum())
    assert m["gross_total"] == pytest.approx(without.measures["gross_total"] + m["investment_total"])
    assert m["investment_per_participant"] == pytest.approx(m["investment_total"] / m["participants_discounted"])


def test_restvaerdi_is_negative_in_the_last_year_and_stays_visible(tmp_path):
    result = costmodel.evaluate(load(tmp_path, INVESTMENT))
    years = result.by_year()
    assert list(years["residual_value"]) == pytest.approx([0, 0, -84000])
    assert list(years["investment"]) == pytest.approx([120000, 0, -84000])
    assert result.measures["residual_value_total"] == pytest.approx(-84000 * D2)
    payers = result.by_payer().set_index("line")
    assert payers.loc["Restværdi af investeringer", "net"] == pytest.approx(-84000 * D2)
    assert payers.loc["Restværdi af investeringer", "budget_area"] == "anlaeg"
    soem = result.soem_input()
    assert list(soem["investering"]) == pytest.approx([120000, 0, -84000])


def test_a_scenario_without_investments_or_grants_has_no_new_measures_or_columns(tmp_path):
    result = costmodel.evaluate(load(tmp_path))
    assert not {"investment_total", "residual_value_total", "net_after_grants_total"} & set(result.measures)
    assert "investering" not in set(result.by_category()["category"])
    assert "grants" not in result.by_payer().columns and "investment" not in result.by_year().columns


def test_by_payer_nets_add_up_to_the_net_after_grants(tmp_path):
    result = costmodel.evaluate(load(tmp_path, INVESTMENT + GRANTS))
    m = result.measures
    received, paid = 100000 + 100000 * D1, 30000 * D2
    assert m["net_after_grants_total"] == pytest.approx(m["net_total"] - received + paid)
    payers = result.by_payer()
    assert payers["net"].sum() == pytest.approx(m["net_after_grants_total"])
    assert payers["cost"].sum() == pytest.approx(m["gross_total"])
    grant = payers.set_index("line").loc["Driftstilskud (fra Fonden X)"]
    assert (grant["payer"], grant["udvalg"], grant["budget_area"]) == ("kommune", "Socialudvalget", "service")
    assert grant["grants"] == pytest.approx(-received)
    partner = payers.set_index("line").loc["Betaling til partner (til Partnerforening)"]
    assert partner["payer"] == "region" and partner["udvalg"] == "" and partner["net"] == pytest.approx(paid)
    per_payer = payers.groupby("payer")["net"].sum()
    assert per_payer["region"] == pytest.approx(paid)


def test_by_year_shows_tilskud_per_year(tmp_path):
    result = costmodel.evaluate(load(tmp_path, GRANTS))
    years = result.by_year()
    assert list(years["grants"]) == pytest.approx([-100000, -100000, 30000])
    assert list(years["net_after_grants"]) == pytest.approx(list(years["net"] + years["grants"]))
    assert years["net_after_grants_nnv"].sum() == pytest.approx(result.measures["net_after_grants_total"])
    # payback by payer is after grants: the region pays the partner and nothing else
    assert result.payer_years()["region"].tolist() == pytest.approx([0, 0, 30000])


def test_grant_budget_uses_the_budget_vocabulary(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(BASE + GRANTS.replace("budget: {payer: region}", "budget: {betaler: region}"), encoding="utf-8")
    out = runner.invoke(app, ["run", str(path)])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert "tilskud.1.budget.betaler" in out.stderr


def test_tornado_on_the_net_after_grants_equals_the_plain_engine(tmp_path):
    scenario = load(tmp_path, INVESTMENT + GRANTS)
    result = tornado(scenario, ["forloeb.deltagere_pr_forloeb"], 20, "net_after_grants_per_participant")
    row = result.frame.iloc[0]
    for value, got in ((row["low_value"], row["result_low"]), (row["high_value"], row["result_high"])):
        want = evaluate_at(scenario, {"forloeb.deltagere_pr_forloeb": value}).measures
        assert got == pytest.approx(want["net_after_grants_per_participant"])
        assert got != pytest.approx(want["net_per_participant"])  # the grants moved it
    assert result.meta["base_result"] == pytest.approx(
        costmodel.evaluate(scenario).measures["net_after_grants_per_participant"])


def test_tornado_per_completing_deltager(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text((BASE + GRANTS).replace("  sessioner_pr_forloeb: 10\n",
                                            "  sessioner_pr_forloeb: 10\n  gennemfoerelsesandel: 0.5\n"),
                    encoding="utf-8")
    scenario = costmodel.load(path)
    result = tornado(scenario, ["forloeb.gennemfoerelsesandel"], 20, "net_after_grants_per_completer")
    row = result.frame.iloc[0]
    base = costmodel.evaluate(scenario).measures
    # the share is the parameter: at 0,4 and 0,6 the net after grants per completer is that per deltager / share
    assert row["result_low"] == pytest.approx(base["net_after_grants_per_participant"] / 0.4)
    assert row["result_high"] == pytest.approx(base["net_after_grants_per_participant"] / 0.6)


def test_measures_a_scenario_lacks_are_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(BASE, encoding="utf-8")
    for measure, fragment in (("net_after_grants_total", "no tilskud"), ("net_per_completer", "gennemfoerelsesandel")):
        out = runner.invoke(app, ["tornado", str(path), "--measure", measure])
        assert out.exit_code == 2 and "Traceback" not in out.output, out.output
        assert fragment in out.stderr


def test_memo_names_the_vejledning_categories_in_danish(tmp_path):
    out = runner.invoke(app, ["report", str(ROOT / "examples" / "investering_og_tilskud.yaml"), "-o",
                              str(tmp_path / "notat"), "--draws", "200"])
    assert out.exit_code == 0, out.output
    memo = (tmp_path / "notat" / "notat.md").read_text(encoding="utf-8")
    # bought: 135.000 in year 1, the licence again (15.000) in year 4; restværdi 60 pct. of 120.000 and 2/3 of
    # 15.000 = 82.000 in year 4; 135.000 + (15.000 - 82.000) / 1,035^3 = 74.600 kr.
    assert "| Investering i materiel | 74.600 kr. |" in memo
    assert "| Heraf restværdi (fradrag) | -74.000 kr. |" in memo  # -82.000 / 1,035^3
    assert "| Tilskud modtaget | -196.600 kr. |" in memo  # 100.000 + 100.000 / 1,035
    assert "svarer til vejledningens 'Forberedelse'" in memo
    assert "Driftstilskud fra Puljen for sociale investeringer" in memo


def test_a_giver_with_parentheses_gets_no_nested_parentheses():
    """trial2 W6: 'Satspuljemidler (fra Satspuljen (staten))' in the memo's payer table."""
    from types import SimpleNamespace

    from costmodel.prospective.engine import grant_line

    def grant(item, modpart, retning="modtaget"):
        return SimpleNamespace(item=item, modpart=modpart, retning=retning)

    assert grant_line(grant("Satspuljemidler", "Satspuljen (staten)")) == "Satspuljemidler fra Satspuljen (staten)"
    assert grant_line(grant("Tilskud (drift)", "Fonden X", "betalt")) == "Tilskud (drift) til Fonden X"
    assert grant_line(grant("Driftstilskud", "Fonden X")) == "Driftstilskud (fra Fonden X)"
    assert grant_line(grant("Driftstilskud", None)) == "Driftstilskud"
