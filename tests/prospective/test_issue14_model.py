"""Issue 14, parts 3-6: full-time posts, set-up before the first deltagere, items per working week, session
items from the forløb's session count, forløb cut by the horizon, investments with restværdi, tilskud, results
per completing deltager, and the refusals of what is meaningless. Expected values are worked out here by hand
from the inputs' meaning (rate × 1.418 h, straight-line write-down, ...), not read from the engine."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.rates.table import rates_for
from costmodel.cli import app
from costmodel.prospective.parameters import ParameterError, evaluate_at

runner = CliRunner()

BASE = """\
kind: prospective
title: Test
source: {report: "test"}
price_year: 2026
rates: kommunale_satser
horizon_years: 3
fagteams:
  - name: Team
    count: 2
    medarbejdere:
      medarbejder: {wage_group: socialpaedagog, count: 2}
medarbejdere:
  koordinator: {wage_group: socialraadgiver}
forloeb:
  pr_fagteam_pr_aar: 2
  deltagere_pr_forloeb: 10
  laengde_aar: 0.25
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, extra: str = "", base: str = BASE):
    return costmodel.load(write(tmp_path, base + extra))


def refused(path: Path, *fragments: str, command: str = "run") -> str:
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in {result.stderr}"
    return result.stderr


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- 3. full-time posts ---------------------------------------------------------------------------------------

def test_post_costs_hourly_rate_times_1418_hours_a_year(tmp_path):
    scenario = load(tmp_path, """\
stillinger:
  - item: Koordinator
    who: koordinator
    aarsvaerk: 0.5
    start_aar: 0.5
    aar: 2
""")
    result = costmodel.evaluate(scenario)
    rate = rates_for(scenario).hourly("socialraadgiver")
    lines = result.lines[result.lines["item"] == "Koordinator"].set_index("year")["kroner"]
    # half a post from year 0,5 to 2,5: half of year 0, all of year 1, half of year 2
    assert lines[0] == pytest.approx(0.5 * 1418 * rate * 0.5)
    assert lines[1] == pytest.approx(0.5 * 1418 * rate)
    assert lines[2] == pytest.approx(0.5 * 1418 * rate * 0.5)


def test_post_of_a_team_role_is_per_team_and_works_with_the_report_000_table(tmp_path):
    base = BASE.replace("price_year: 2026\nrates: kommunale_satser", "price_year: 2020\nrates: rates_2020")
    scenario = load(tmp_path, """\
stillinger:
  - item: Medarbejdere
    who: medarbejder
    aarsvaerk: 2
    kategori: drift
""", base=base)
    lines = costmodel.evaluate(scenario).lines
    post = lines[lines["item"] == "Medarbejdere"]
    # rates_2020 has no effective hours: the shipped 1.418 applies; 2 teams x 2 posts x 3 years
    assert post["kroner"].sum() == pytest.approx(2 * 2 * 1418 * 383.78 * 3)


# --- 4. time ----------------------------------------------------------------------------------------------

def test_participants_start_after_a_set_up_period(tmp_path):
    scenario = load(tmp_path, "  start_aar: 1\ndrift:\n  - {item: Ledelse, amount: 1000, per: year}\n")
    result = costmodel.evaluate(scenario)
    assert list(result.participants_by_year) == [0, 2 * 2 * 10, 2 * 2 * 10]
    # items by the year run in the set-up year too
    assert set(result.lines[result.lines["item"] == "Ledelse"]["year"]) == {0, 1, 2}


def test_items_per_working_week_follow_the_rate_tables_weeks(tmp_path, root):
    scenario = costmodel.load(root / "scenarios/trivsel_gennem_netvaerk.yaml")
    rates = rates_for(scenario)
    from costmodel.prospective.result import evaluate_with

    base = evaluate_with(scenario, rates).lines
    fewer = rates.model_copy(update={"weeks_per_year": rates.weeks_per_year.model_copy(update={"value": 43.0})})
    changed = evaluate_with(scenario, fewer).lines
    adhoc = "Ad hoc-opgaver"
    assert changed[changed["item"] == adhoc]["kroner"].sum() == pytest.approx(
        base[base["item"] == adhoc]["kroner"].sum() * 43 / 46)


def test_extending_brugerstyret_adds_no_sessions_in_a_year_without_forloeb(root):
    scenario = costmodel.load(root / "scenarios/brugerstyret_gruppeindsats.yaml")
    from costmodel.prospective.overrides import apply

    longer = apply(scenario, {"horizon_years": 4})
    result = costmodel.evaluate(longer)
    sessions = result.lines[result.lines["item"] == "Ugentlig gruppesession"]
    assert set(sessions["year"]) == {0, 1, 2}
    assert result.participants_by_year[3] == 0


def test_session_count_moves_the_session_items(root):
    """Aktivt fællesskab states its 18 sessions once: 4 of 2 hours, the rest of 2,5 hours."""
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    base = evaluate_at(scenario, {})
    more = evaluate_at(scenario, {"forloeb.sessioner_pr_forloeb": 20})

    def hours(result, item):
        return result.lines[result.lines["item"] == item]["hours"].sum()

    # 2 more sessions of 2,5 hours by 2 facilitators in each of 3 teams x 3 forløb x 3 years
    assert hours(more, "Gruppesessioner, 2½ timer") - hours(base, "Gruppesessioner, 2½ timer") == pytest.approx(
        2 * 2.5 * 2 * 3 * 3 * 3)
    assert hours(more, "Gruppesessioner, 2 timer") == pytest.approx(hours(base, "Gruppesessioner, 2 timer"))
    assert base["net_per_participant"] != more["net_per_participant"]


@pytest.mark.parametrize("rule, second", [("alle", 2 * 10), ("andel", 2 * 10 * 0.1 / 0.75), ("ingen", 0)])
def test_forloeb_cut_by_the_horizon_counts_as_chosen(tmp_path, rule, second):
    # horizon 1,1, one forløb of 0,75 years a year: the first runs 0-0,75, the second 1,0-1,1 is cut to 0,1 of 0,75
    text = (BASE.replace("horizon_years: 3", "horizon_years: 1.1").replace("laengde_aar: 0.25", "laengde_aar: 0.75")
            .replace("pr_fagteam_pr_aar: 2", "pr_fagteam_pr_aar: 1"))
    scenario = load(tmp_path, f"  afkortede_forloeb: {rule}\n", base=text)
    people = costmodel.evaluate(scenario).participants_by_year
    assert people[0] == pytest.approx(2 * 10)  # 2 teams x 10 deltagere, whole
    assert people[1] == pytest.approx(second)


ALIKE = """\
sparede_omkostninger:
  - {item: Sparet støtte, who: koordinator, hours_per_week: 3, weeks: forloeb, per: participant}
  - {item: Sparet ophold, amount: 1000, per: participant}
drift:
  - {item: Materialer, amount: 250, per: participant}
  - {item: Sessioner, who: medarbejder, hours: 2, per: session}
"""


@pytest.mark.parametrize("rule", ["andel", "ingen"])
def test_per_participant_items_of_a_cut_forloeb_count_as_its_deltagere(tmp_path, rule):
    """Trial F7 (C6): every forløb alike (0,5 years, 2 a year), so savings and costs per deltager are those of one
    forløb. Horizon 4 cuts no forløb; 3,8 cuts the last one of each team to 0,3 of its 0,5 years. With `andel`
    or `ingen` the cut forløb's per-participant savings and costs count as its deltagere do, so the figures per
    deltager stay those of the uncut horizon (before: the savings counted whole, and per deltager rose)."""
    alike = BASE.replace("laengde_aar: 0.25", "laengde_aar: 0.5\n  sessioner_pr_forloeb: 6")
    whole = costmodel.evaluate(load(tmp_path, ALIKE, base=alike.replace("horizon_years: 3", "horizon_years: 4")))
    cut = costmodel.evaluate(load(tmp_path, ALIKE, base=alike.replace("horizon_years: 3", "horizon_years: 3.8")
                                  + f"  afkortede_forloeb: {rule}\n"))
    share = {"andel": 0.3 / 0.5, "ingen": 0.0}[rule]
    assert cut.participants_by_year[3] == pytest.approx(2 * 10 * (1 + share))  # 2 teams x 10: one whole, one cut
    assert cut.measures["savings_per_participant"] == pytest.approx(whole.measures["savings_per_participant"],
                                                                    rel=1e-9)
    for item in ("Sparet støtte", "Sparet ophold", "Materialer"):
        lines = cut.lines[(cut.lines["item"] == item) & (cut.lines["year"] == 3)]
        assert lines["quantity"].sum() == pytest.approx(2 * 10 * (1 + share)), item
    # per-session items stay staff time: the sessions of a cut forløb are run (and costed) whatever the rule
    sessions = cut.lines[(cut.lines["item"] == "Sessioner") & (cut.lines["year"] == 3)]
    assert sessions["quantity"].sum() == pytest.approx(2 * 2 * 6)



def test_the_hover_text_of_afkortede_forloeb_says_what_the_engine_does():
    """The schema description (an editor's hover text) said a cut forløb's savings count in full under every rule;
    since trial F7 per-participant items follow the rule (the test above), and only per-forløb and per-session
    items count in full."""
    import json

    from costmodel.schema import schemas

    schema = json.loads(schemas()["prospective"])
    text = " ".join(schema["$defs"]["Forloeb"]["properties"]["afkortede_forloeb"]["description"].split())
    assert "besparelser) tælles fuldt" not in text
    assert "`per: participant`" in text and "følger reglen" in text
    assert "pr. forløb og pr. session tælles fuldt" in text

def test_per_participant_items_of_a_cut_forloeb_count_in_full_by_default(tmp_path):
    """`alle` (the default) is as before: report 000's reproductions depend on it."""
    alike = BASE.replace("laengde_aar: 0.25", "laengde_aar: 0.5").replace("horizon_years: 3", "horizon_years: 3.8")
    lines = costmodel.evaluate(load(tmp_path, ALIKE, base=alike)).lines
    year3 = lines[(lines["item"] == "Sparet ophold") & (lines["year"] == 3)]
    assert year3["quantity"].sum() == pytest.approx(2 * 10 * 2)


# --- 5. investments, tilskud, completion -------------------------------------------------------------------

def test_investment_with_lifetime_and_restvaerdi(tmp_path):
    scenario = load(tmp_path, """\
investeringer:
  - item: Licens
    amount: 30000
    type: licens
    aar: 1
  - item: Bil
    amount: 200000
    levetid: 5
""")
    lines = costmodel.evaluate(scenario).lines
    licence = lines[lines["item"].str.startswith("Licens")].set_index("kind")
    assert licence.loc["investering", "kroner"] == 30000 and licence.loc["investering", "year"] == 1
    # 3-year licence bought in year 1, horizon 3: 2 of 3 years used, a third left
    assert licence.loc["restvaerdi", "kroner"] == pytest.approx(-10000)
    car = lines[lines["item"].str.startswith("Bil")].set_index("kind")
    assert car.loc["restvaerdi", "kroner"] == pytest.approx(-200000 * 2 / 5) and car.loc["restvaerdi", "year"] == 2


def test_investment_bought_again_when_its_lifetime_ends(tmp_path):
    scenario = load(tmp_path, "investeringer:\n  - {item: Licens, amount: 30000, type: licens}\n",
                    base=BASE.replace("horizon_years: 3", "horizon_years: 5"))
    lines = costmodel.evaluate(scenario).lines
    bought = lines[lines["kind"] == "investering"]
    assert list(bought["year"]) == [0, 3]
    assert lines[lines["kind"] == "restvaerdi"]["kroner"].sum() == pytest.approx(-30000 / 3)


def test_grants_received_lower_the_net_cost(tmp_path):
    scenario = load(tmp_path, """\
drift:
  - {item: Drift, amount: 500000, per: year}
tilskud:
  - {item: Fond, pr_aar: [100000, 100000]}
  - {item: Til partner, retning: betalt, pr_aar: [0, 0, 50000]}
""")
    m = costmodel.evaluate(scenario).measures
    received = 100000 + 100000 / 1.035
    paid = 50000 / 1.035 ** 2
    assert m["grants_received_total"] == pytest.approx(received)
    assert m["net_after_grants_total"] == pytest.approx(m["net_total"] - received + paid)
    out = runner.invoke(app, ["run", str(tmp_path / "s.yaml")])
    assert "Nettoomkostninger efter tilskud" in out.stdout


def test_results_per_completing_deltager(tmp_path):
    scenario = load(tmp_path, "  gennemfoerelsesandel: 0.8\ndrift:\n  - {item: Drift, amount: 500000, per: year}\n")
    m = costmodel.evaluate(scenario).measures
    assert m["net_per_completer"] == pytest.approx(m["net_total"] / (0.8 * m["participants_discounted"]))
    assert m["completers"] == pytest.approx(0.8 * m["participants"])
    assert "Pr. gennemført deltager" in runner.invoke(app, ["run", str(tmp_path / "s.yaml")]).stdout


# --- 6. refusals, each at its file, field and line -------------------------------------------------------

def test_group_on_an_item_that_is_not_per_participant(tmp_path):
    path = write(tmp_path, BASE + 'deltagergrupper:\n  - {name: a, share: 0.5}\n  - {name: b, share: 0.5}\n'
                 'drift:\n  - item: Materialer\n    amount: 100\n    per: forloeb\n    group: a\n')
    refused(path, f"{path}:{line_of(path, 'group: a')}: drift.0.group: group scales an item by the participant "
                  "group's share, so it goes with per: participant")


def test_persons_above_the_roles_count(tmp_path):
    path = write(tmp_path, BASE + "drift:\n  - item: Møde\n    who: medarbejder\n    persons: 5\n    hours: 1\n"
                 "    per: forloeb\n")
    refused(path, f"{path}:{line_of(path, 'persons: 5')}: drift.0.persons: persons is 5 but role 'medarbejder' "
                  "has 2 persons")


def test_forloeb_longer_than_the_horizon_and_weeks_written_as_years(tmp_path):
    path = write(tmp_path, BASE.replace("laengde_aar: 0.25", "laengde_aar: 12"))
    refused(path, f"{path}:{line_of(path, 'laengde_aar')}: forloeb.laengde_aar: one forløb (laengde_aar = 12 years) "
                  "is longer than the horizon of 3 years; laengde_aar is in years: 12 weeks are 12/46 = 0.261 years, "
                  "12 months are 12/12 = 1.000 years")
    path = write(tmp_path, BASE.replace("laengde_aar: 0.25", "laengde_aar: 2.5") + "  start_aar: 1\n")
    refused(path, "forloeb.laengde_aar: one forløb (start_aar + laengde_aar = 3.5 years)")


def test_a_date_written_the_danish_way_gets_the_format_to_write(tmp_path):
    path = write(tmp_path, BASE + "vurderingsdato: 30-11-2026\n")
    refused(path, f"{path}:{line_of(path, 'vurderingsdato')}: vurderingsdato: Input should be a valid date or "
                  "datetime, invalid character in year (got '30-11-2026'; write the date as YYYY-MM-DD, "
                  "e.g. 2026-11-30)")


def test_wage_increase_of_1000_pct_is_refused(tmp_path, root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    with pytest.raises(ParameterError, match="change of \\+1000 pct"):
        evaluate_at(scenario, {"rates.wage_level": 11})
    out = runner.invoke(app, ["tornado", str(root / "scenarios/aktivt_faellesskab.yaml"), "-p", "rates.wage_level",
                              "--pct", "1000"])
    assert out.exit_code == 2 and "a wage sensitivity stays between 0 and 3 times the base" in out.stderr


def test_wage_level_in_a_scenarios_sensitivity_block_as_the_cli_accepts_it(tmp_path):
    block = """\
sensitivity:
  - key: loen
    title: Lønniveau
    parameter: rates.wage_level
    rows:
      - {value: 1.1, label: "10 pct. højere løn"}
"""
    path = write(tmp_path, BASE + "drift:\n  - {item: Møde, who: medarbejder, hours: 1, per: forloeb}\n" + block)
    tables = costmodel.sweep(costmodel.load(path))
    scenario = costmodel.load(path)
    assert tables[0].frame["net_total"].iloc[0] == pytest.approx(
        evaluate_at(scenario, {"rates.wage_level": 1.1})["net_total"])
    bad = write(tmp_path, BASE + "drift:\n  - {item: Møde, who: medarbejder, hours: 1, per: forloeb}\n"
                + block.replace("value: 1.1", "value: 11"), name="bad.yaml")
    refused(bad, f"{bad}:{line_of(bad, 'value: 11')}: sensitivity.0.rows.0: row '10 pct. højere løn' sets "
                 "rates.wage_level: rates.wage_level: 11 is a change of +1000 pct.")


def test_soem_input_is_the_undiscounted_cost_and_the_completing_deltagere_per_year(tmp_path):
    """Vejledning 2021, section 5.10: SØM takes the intervention's cost and the completing deltagere per year
    (and discounts itself). One half-time coordinator (0,5 × 1.418 h a year), 2 teams × 2 forløb × 10 deltagere a
    year, 80 pct. completing: per year 0,5 × 1.418 × the socialrådgiver rate, 40 deltagere, 32 completing."""
    scenario = load(tmp_path, """\
  gennemfoerelsesandel: 0.8
stillinger:
  - {item: Koordinator, who: koordinator, aarsvaerk: 0.5}
""")
    frame = costmodel.evaluate(scenario).soem_input()
    rate = rates_for(scenario).hourly("socialraadgiver")
    assert list(frame["aar"]) == [1, 2, 3]
    assert frame["bruttoomkostninger"].tolist() == pytest.approx([0.5 * 1418 * rate] * 3)
    assert frame["nettoomkostninger"].tolist() == pytest.approx(frame["bruttoomkostninger"].tolist())
    assert frame["deltagere"].tolist() == [40, 40, 40]
    assert frame["gennemfoerte_deltagere"].tolist() == pytest.approx([32, 32, 32])
