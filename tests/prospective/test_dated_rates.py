"""Issue 14, parts 1-2: dated public rate tables indexed to any price year, `--price-year`, a user's own table
next to the scenario, and Finansministeriet's dated discount rule. Expected values are computed here from the
published figures (KRL wages, the FM index changes, the FM rates), not read from the code under test."""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.rates.table import rates_for
from costmodel.cli import app

runner = CliRunner()
EXAMPLE = "examples/gruppeforloeb_egen_kommune.yaml"
# oes.dk Fastprisberegninger, løn and generel PL, per cent a year (current_rules.md); 2026 carried forward (skøn)
LOEN = {2020: 1.5, 2021: 0.8, 2022: 2.0, 2023: 2.0, 2024: 5.2, 2025: 3.2, 2026: 3.2}
PL = {2020: 1.1, 2021: 1.2, 2022: 4.3, 2023: 2.5, 2024: 4.0, 2025: 2.8, 2026: 2.8}


def chain(changes: dict, start: int, end: int) -> float:
    return math.prod(1 + changes[y] / 100 for y in range(start + 1, end + 1))


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def scenario_copy(tmp_path: Path, root: Path, *replacements, name="mine.yaml") -> Path:
    text = (root / EXAMPLE).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- discounting -------------------------------------------------------------------------------------------

def test_scenario_without_date_gets_todays_rule_3_5_pct(tmp_path, root):
    result = costmodel.evaluate(costmodel.load(scenario_copy(tmp_path, root)))
    assert result.discount_rate == pytest.approx(0.035)
    out = invoke("run", scenario_copy(tmp_path, root))
    assert out.exit_code == 0 and "diskonteringsrente 3,5 pct." in out.stdout
    assert "Diskontering: fm_2021 (3,5 / 2,5 / 1,5 pct." in out.stdout


def test_assessment_date_before_7_jan_2021_gets_4_pct(tmp_path, root):
    path = scenario_copy(tmp_path, root, ("rates: rates_2020", "rates: rates_2020\nvurderingsdato: 2021-01-06"))
    assert costmodel.evaluate(costmodel.load(path)).discount_rate == pytest.approx(0.04)
    path = scenario_copy(tmp_path, root, ("rates: rates_2020", "rates: rates_2020\nvurderingsdato: 2021-01-07"))
    assert costmodel.evaluate(costmodel.load(path)).discount_rate == pytest.approx(0.035)


def test_steps_after_year_35_for_a_long_horizon(tmp_path, root):
    """Finansministeriet: 3,5 pct. for years 1-35, 2,5 pct. for 36-70; first year undiscounted."""
    path = scenario_copy(tmp_path, root, ("horizon_years: 2.5", "horizon_years: 40"))
    result = costmodel.evaluate(costmodel.load(path))
    factors = result.lines.groupby("year")["discount_factor"].first()
    assert factors[35] == pytest.approx(1.035 ** -35)
    assert factors[36] == pytest.approx(1.035 ** -35 / 1.025)
    assert factors[39] == pytest.approx(1.035 ** -35 / 1.025 ** 4)


def test_report_000_scenarios_pin_their_rule_and_still_print_their_figures(root):
    out = invoke("run", root / "scenarios/aktivt_faellesskab.yaml")
    assert out.exit_code == 0 and "-3.700 kr." in out.stdout and "fm_2013" in out.stdout
    out = invoke("run", root / "scenarios/trivsel_gennem_netvaerk.yaml")
    assert out.exit_code == 0 and "14.500 kr." in out.stdout


def test_unknown_rule_and_date_without_rule_are_refused_at_their_line(tmp_path, root):
    path = scenario_copy(tmp_path, root, ("rates: rates_2020", "rates: rates_2020\ndiskonteringsregel: fm_1999"))
    out = invoke("run", path)
    assert out.exit_code == 2
    assert f"{path}:12: diskonteringsregel: unknown discount rule 'fm_1999'; known: fm_2013, fm_2021" in out.stderr
    path = scenario_copy(tmp_path, root, ("rates: rates_2020", "rates: rates_2020\nvurderingsdato: 2010-01-01"))
    out = invoke("run", path)
    assert out.exit_code == 2 and f"{path}:12: vurderingsdato: no discount rule" in out.stderr


# --- dated tables and indexing -----------------------------------------------------------------------------

def test_2026_assessment_runs_with_indexed_rates_and_says_how(tmp_path, root):
    path = scenario_copy(tmp_path, root, ("price_year: 2020", "price_year: 2026"),
                         ("rates: rates_2020", "rates: kommunale_satser"),
                         ("wage_group: [socialpaedagog, social_og_sundhedsassistent]", "wage_group: [socialraadgiver, psykolog]"))
    scenario = costmodel.load(path)
    rates = rates_for(scenario)
    # KRL 2019 (report 002, Tabel 10-7): psykolog 46.411 kr./month; x 12 x 1,2 / 1.418, indexed 2019 -> 2026
    assert rates.hourly("psykolog") == pytest.approx(46411 * 12 * 1.2 / 1418 * chain(LOEN, 2019, 2026))
    # socialpædagog: skøn from pædagog 2019 (35.509)
    assert rates.hourly("socialpaedagog") == pytest.approx(35509 * 12 * 1.2 / 1418 * chain(LOEN, 2019, 2026))
    # SOSU-assistent: DST 2023 31.769 kr., the nearest year to 2026
    assert rates.hourly("social_og_sundhedsassistent") == pytest.approx(31769 * 12 * 1.2 / 1418 * chain(LOEN, 2023, 2026))
    out = invoke("run", path)
    assert out.exit_code == 0, out.output
    assert "2026-priser" in out.stdout
    assert "Satser: kommunale_satser, indekseret til 2026-priser: løn 2019 → 2026 med fm_pl.loen, faktor 1,1926 (2024, 2025, 2026 skøn)" in out.stdout
    meta = json.loads(invoke("run", path, "--format", "json").stdout)["rate_basis"]
    assert meta["rate_table"] == "kommunale_satser" and meta["discount_rule"] == "fm_2021"
    assert {(x["from_year"], x["to_year"], x["index"]) for x in meta["indexation"]} >= {(2019, 2026, "fm_pl.loen")}
    csv = invoke("run", path, "--format", "csv").stdout
    assert "kommunale_satser (2026); løn 2019->2026 fm_pl.loen x1.1926" in csv


def test_fixed_year_table_is_indexed_to_another_price_year(tmp_path, root):
    path = scenario_copy(tmp_path, root, ("price_year: 2020", "price_year: 2024"))
    rates = rates_for(costmodel.load(path))
    assert rates.hourly("socialpaedagog") == pytest.approx(383.78 * chain(LOEN, 2020, 2024))
    assert rates.travel.per_diem.value == pytest.approx(509 * chain(PL, 2020, 2024))
    assert "rates_2020, indekseret til 2024-priser" in invoke("run", path).stdout


def test_every_wage_group_the_issue_names_is_in_the_dated_table(root):
    from costmodel.rates.table import load_rates

    table = load_rates("kommunale_satser", price_year=2025)
    for group in ("socialpaedagog", "paedagog", "social_og_sundhedsassistent", "socialraadgiver", "psykolog",
                  "sygeplejerske", "sundhedsplejerske", "ergoterapeut", "fysioterapeut", "leder",
                  "administrativ_medarbejder"):
        assert group in table.wage_groups
    assert table.effective_hours_per_year.value == 1418
    # estimates say so in their source
    assert "skøn" in table.wage_groups["administrativ_medarbejder"].source


def test_own_rate_table_next_to_the_scenario(tmp_path, root):
    shutil.copy(root / "salary_tables/rates/kommunale_satser.yaml", tmp_path / "vores_satser.yaml")
    text = (tmp_path / "vores_satser.yaml").read_text(encoding="utf-8").replace(
        "2019: {value: 46411,", "2019: {value: 50000,").replace("name: kommunale_satser", "name: vores_satser")
    (tmp_path / "vores_satser.yaml").write_text(text, encoding="utf-8")
    path = scenario_copy(tmp_path, root, ("price_year: 2020", "price_year: 2019"), ("rates: rates_2020", "rates: vores_satser.yaml"),
                         ("wage_group: [socialpaedagog, social_og_sundhedsassistent]", "wage_group: psykolog"))
    rates = rates_for(costmodel.load(path))
    assert rates.hourly("psykolog") == pytest.approx(50000 * 12 * 1.2 / 1418)


def test_expost_wage_table_next_to_the_scenario(tmp_path, root):
    """The ex-post lookup used to build salary_tables/./x.yaml.yaml from a path next to the scenario."""
    shutil.copy(root / "examples/expost_registreringer.csv", tmp_path / "expost_registreringer.csv")
    text = (root / "salary_tables/krl_2019_report002.yaml").read_text(encoding="utf-8").replace(
        "wage_from: kommunale_satser.paedagog", "monthly_wage_cost: 40000")
    (tmp_path / "egen_loen.yaml").write_text(text, encoding="utf-8")
    scenario_text = (root / "examples/expost_eget_eksempel.yaml").read_text(encoding="utf-8")
    assert "rates:" not in scenario_text or "rates: krl_2019_report002" in scenario_text
    if "rates: krl_2019_report002" in scenario_text:
        scenario_text = scenario_text.replace("rates: krl_2019_report002", "rates: ./egen_loen.yaml")
    else:
        scenario_text = scenario_text.replace("price_year:", "rates: ./egen_loen.yaml\nprice_year:", 1)
    (tmp_path / "eget.yaml").write_text(scenario_text, encoding="utf-8")
    base = costmodel.evaluate(costmodel.load(root / "examples/expost_eget_eksempel.yaml"))
    own = costmodel.evaluate(costmodel.load(tmp_path / "eget.yaml"))
    assert own.summary_frame()["value"].iloc[0] != base.summary_frame()["value"].iloc[0]


# --- --price-year ------------------------------------------------------------------------------------------

def test_price_year_restates_run_and_sweep_with_the_pl_factor(root):
    aktivt = root / "scenarios/aktivt_faellesskab.yaml"
    base = json.loads(invoke("run", aktivt, "--format", "json").stdout)
    moved = json.loads(invoke("run", aktivt, "--format", "json", "--price-year", "2025").stdout)
    factor = chain(PL, 2020, 2025)
    assert moved["price_year"] == 2025
    assert moved["summary"]["net_total"] == pytest.approx(base["summary"]["net_total"] * factor)
    assert moved["summary"]["participants"] == base["summary"]["participants"]
    assert moved["rate_basis"]["restated"][0]["factor"] == pytest.approx(factor)
    assert "Omregnet fra 2020- til 2025-priser med fm_pl.generel_pl, faktor 1,1567" in invoke(
        "run", aktivt, "--price-year", "2025").stdout
    tables = json.loads(invoke("sweep", aktivt, "--format", "json", "--price-year", "2025").stdout)
    base_tables = json.loads(invoke("sweep", aktivt, "--format", "json").stdout)
    assert tables[0]["price_year"] == 2025
    assert tables[0]["rows"][0]["net_total"] == pytest.approx(base_tables[0]["rows"][0]["net_total"] * factor)


def test_price_year_outside_the_index_is_bad_input(root, tmp_path):
    out = invoke("run", root / "scenarios/aktivt_faellesskab.yaml", "--price-year", "2040")
    assert out.exit_code == 2 and "covers 1991-2026, not 2040" in out.stderr
    out = invoke("report", root / "scenarios/lovende_praksis_thisted.yaml", "-o", tmp_path / "m", "--price-year", "2040")
    assert out.exit_code == 2 and "--price-year" in out.stderr and "not 2040" in out.stderr
    assert not (tmp_path / "m").exists()  # nothing half-written


def test_export_and_report_restate_inputs_so_everything_moves_by_the_pl_factor(root, tmp_path):
    """Restating the inputs (every kroner input x the factor) equals restating the result: the model is linear in
    kroner; the analyses in the export and the memo move with it."""
    aktivt = root / "scenarios/aktivt_faellesskab.yaml"
    factor = chain(PL, 2020, 2025)
    base = json.loads(invoke("run", aktivt, "--format", "json").stdout)["summary"]["net_total"]
    out = invoke("export", aktivt, "-o", tmp_path / "x.json", "--price-year", "2025", "--draws", "200")
    assert out.exit_code == 0, out.output
    exported = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert exported["price_year"] == 2025
    assert exported["summary"]["net_total"] == pytest.approx(base * factor)
    tornado = next(t for t in exported["tables"] if t["key"].startswith("tornado"))
    plain = json.loads(invoke("tornado", aktivt, "--format", "json").stdout)
    assert tornado["rows"][0]["result_low"] == pytest.approx(plain["rows"][0]["result_low"] * factor)
    out = invoke("report", aktivt, "-o", tmp_path / "notat", "--price-year", "2025", "--draws", "200")
    assert out.exit_code == 0, out.output
    memo = (tmp_path / "notat" / "notat.md").read_text(encoding="utf-8")
    assert "Beløb i 2025-priser" in memo and "faktor 1,1567" in memo  # issue 11: no "Prisår: 2025 (2025-priser)"
    assert "-4.300 kr." in memo  # -3.700 x 1,1567 = -4.280


def test_analyses_follow_the_stepped_rule_over_a_long_horizon(tmp_path, root):
    """Past year 35 the rule is no single power of (1 + r): the fast evaluator hands such rows to the engine."""
    from costmodel.analyses.vectorized import Evaluator
    from costmodel.prospective.parameters import evaluate_at

    scenario = costmodel.load(scenario_copy(tmp_path, root, ("horizon_years: 2.5", "horizon_years: 40")))
    evaluator = Evaluator(scenario, ["forloeb.deltagere_pr_forloeb"])
    fast = evaluator([[6.0], [10.0]])
    for i, value in enumerate((6, 10)):
        assert fast["net_total"][i] == pytest.approx(evaluate_at(scenario, {"forloeb.deltagere_pr_forloeb": value})["net_total"])
    assert evaluator.used_plain


def test_price_year_restates_an_expost_result_with_the_general_pl_index(root):
    """Issue 14 / trial F1: an ex-post result is restated as a prospective one, every kroner figure x the general
    PL factor (Thisted's published 383.000 kr. a year, 2019 prices, Tablet 8-5)."""
    out = invoke("run", root / "scenarios/lovende_praksis_thisted.yaml", "--price-year", "2024", "--format", "json")
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    factor = chain(PL, 2019, 2024)
    assert payload["price_year"] == 2024
    assert payload["summary"]["annual_cost"] == pytest.approx(383000 * factor, rel=1e-12)
    assert payload["summary"]["participants_per_year"] == pytest.approx(5.7)  # counts stay
    assert payload["summary"]["wage_share"] == pytest.approx(0.796)  # shares stay
    assert payload["rate_basis"]["restated"][0]["factor"] == pytest.approx(factor, rel=1e-12)
    text = invoke("run", root / "scenarios/lovende_praksis_thisted.yaml", "--price-year", "2024").stdout
    assert "Omregnet fra 2019- til 2024-priser med fm_pl.generel_pl, faktor " + f"{factor:.4f}".replace(".", ",") in text


def test_sweep_outputs_say_which_table_and_rule(root):
    aktivt = root / "scenarios/aktivt_faellesskab.yaml"
    tables = json.loads(invoke("sweep", aktivt, "--format", "json").stdout)
    assert tables[0]["rate_basis"]["rate_table"] == "rates_2020" and tables[0]["rate_basis"]["discount_rule"] == "fm_2013"
    assert "rates_2020 (2020); discount fm_2013" in invoke("sweep", aktivt, "--format", "csv").stdout
    text = invoke("sweep", aktivt, "--price-year", "2025").stdout
    assert "Omregnet fra 2020- til 2025-priser med fm_pl.generel_pl, faktor 1,1567" in text


def test_changing_the_date_or_price_year_re_resolves_the_rate_table(root):
    from costmodel.prospective.overrides import apply

    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    later = apply(scenario, {"diskonteringsregel": "fm_2021"})
    assert costmodel.evaluate(later).discount_rate == pytest.approx(0.035)
    moved = apply(scenario, {"price_year": 2024})
    assert rates_for(moved).hourly("socialpaedagog") == pytest.approx(383.78 * chain(LOEN, 2020, 2024))


def test_a_value_already_in_the_price_year_needs_no_index_even_before_the_index_starts():
    """A user's own table with 1990 wages and price_year 1990 must not be refused because the FM index starts in
    1991 (its base year; the first change is 1992): no restatement is needed (factor 1). Between two years the index
    does not cover it is still an error."""
    from costmodel.rates.price_index import load_index

    table = load_index("fm_pl")
    assert table.factor("loen", 1990, 1990) == 1.0
    with pytest.raises(ValueError, match="covers 1991-2026, not 1990"):
        table.factor("loen", 2019, 1990)
    with pytest.raises(ValueError, match="no series"):
        table.factor("nonsense", 1990, 1990)


def test_own_table_with_values_in_a_year_before_the_index_runs_in_that_year(tmp_path):
    """docs/egen_indsats.md, trin 2: a price year the index does not cover (1990) works with an own table whose wages
    and travel are given for exactly that year; the hourly rate is the table's 1990 wage × 12 × 1,2 / 1.418."""
    (tmp_path / "egne_1990.yaml").write_text("""\
kind: dated_rates
name: egne_1990
description: test
overhead: {unit: andel, values: {1990: {value: 0.20, source: "test"}}}
effective_hours_per_year: {unit: timer, values: {2006: {value: 1418, source: "test"}}}
months_per_year: {unit: måneder, values: {1990: {value: 12, source: "test"}}}
hours_per_week: {unit: timer, values: {1990: {value: 37, source: "test"}}}
hours_per_day: {unit: timer, values: {1990: {value: 7.4, source: "test"}}}
weeks_per_year: {unit: uger, values: {1990: {value: 46, source: "test"}}}
travel:
  overnight_stay: {unit: kr., values: {1990: {value: 1000, source: "test"}}}
  per_diem: {unit: kr., values: {1990: {value: 500, source: "test"}}}
wage_groups:
  socialpaedagog: {label: Socialpædagog, unit: kr./md., values: {1990: {value: 34000, source: "test"}}}
""", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("""\
kind: prospective
title: T
source: {report: test}
price_year: 1990
rates: egne_1990.yaml
vurderingsdato: 2017-06-01
horizon_years: 1
fagteams:
  - name: Team
    medarbejdere:
      m: {wage_group: socialpaedagog, count: 1}
forloeb: {pr_fagteam_pr_aar: 1, deltagere_pr_forloeb: 1, laengde_aar: 0.5}
stillinger:
  - {item: Post, who: m, aarsvaerk: 1}
""", encoding="utf-8")
    result = costmodel.evaluate(costmodel.load(tmp_path / "s.yaml"))
    assert result["gross_total"] == pytest.approx(34000 * 12 * 1.2)  # one post: rate × 1.418 = annual cost × 1,2


def test_golden_loen_2015_to_2020_and_general_pl_2017_to_2020_chained_by_hand_from_the_published_table():
    """oes.dk, "Fastprisberegninger", table "Pris- og lønforudsætninger, årlig stigning i pct." (page version after
    6 June 2024): Lønninger 2016 0,7; 2017 1,2; 2018 2,7; 2019 1,7; 2020 1,5 and Generel pris- og lønstigning 2018
    1,9; 2019 1,3; 2020 1,1. Chained by hand: 1,007 × 1,012 × 1,027 × 1,017 × 1,015 = 1,08036 and
    1,019 × 1,013 × 1,011 = 1,04360. Tolerance 1e-5 (the products are written to five decimals)."""
    from costmodel.rates.price_index import load_index

    table = load_index("fm_pl")
    assert table.factor("loen", 2015, 2020) == pytest.approx(1.08036, abs=1e-5)
    assert table.factor("generel_pl", 2017, 2020) == pytest.approx(1.04360, abs=1e-5)
    assert table.factor("loen", 2020, 2015) == pytest.approx(1 / 1.08036, abs=1e-5)
    # the first change on the page is 1992 (løn 2,7; generel PL 2,5): 1991 is the base year
    assert table.factor("loen", 1991, 1992) == pytest.approx(1.027)
    assert table.factor("generel_pl", 1991, 1992) == pytest.approx(1.025)
