"""Issue 14 / trial F1, F2, F14-F16, C1, C2, C14, C15: the ex-post kind prices this year's hours at this year's wages
from the dated public table (`rates: kommunale_satser`, or a dated table next to the scenario), indexed to
`price_year` with the løn index as the prospective kind does; `--price-year` restates an ex-post result; a remark
when hours are priced with wages years older; refusals that name file, field and what can be loaded.

Expected values are worked out here by hand from the printed inputs: the monthly wage costs as the table's sources
print them (report 002 Tabel 10-7: socialrådgiver 37.592 kr. in 2019; CEPOS 0183: pædagog 38.700 kr. in 2023),
Socialstyrelsen's 20 pct. overhead and 1.418 effective hours, and FM's løn and generel PL changes
(/work/shared/reference/current_rules.md, oes.dk), never from the code under test.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "trial"
runner = CliRunner()

# FM løn and generel PL, per cent a year (oes.dk Fastprisberegninger); 2026 is the estimate carried forward (skøn)
LOEN = {2020: 1.5, 2021: 0.8, 2022: 2.0, 2023: 2.0, 2024: 5.2, 2025: 3.2, 2026: 3.2}
PL = {2020: 1.1, 2021: 1.2, 2022: 4.3, 2023: 2.5, 2024: 4.0, 2025: 2.8, 2026: 2.8}
SOCIALRAADGIVER_2019 = 37592  # report 002, Tabel 10-7
PAEDAGOG_2023 = 38700  # CEPOS, ABCepos 0183, March 2023
# trial/registreringer_2025.csv: 2025-01 .. 2025-10, Socialrådgiver 310,5 h (med deltagere), Pædagog 198 h (uden)
SOC_HOURS, PAED_HOURS, OTHER, MONTHS = 310.5, 198.0, 6500 + 4200, 10


def chain(changes: dict, start: int, end: int) -> float:
    return math.prod(1 + changes[y] / 100 for y in range(start + 1, end + 1))


def hourly(monthly: float) -> float:
    return monthly * 12 * 1.2 / 1418


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def trial_copy(tmp_path: Path, rates: str, price_year: int = 2025, table: Path | None = None) -> Path:
    """The trial's ex-post scenario in tmp_path with its CSV, naming `rates` (and a copy of `table` beside it)."""
    shutil.copy(TRIAL / "registreringer_2025.csv", tmp_path)
    if table is not None:
        shutil.copy(table, tmp_path / table.name)
    text = (TRIAL / "expost_projekt.yaml").read_text(encoding="utf-8")
    text = re.sub(r"rates: vores_loen_2025\.yaml.*", f"rates: {rates}", text)
    text = text.replace("price_year: 2025", f"price_year: {price_year}")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_2025_hourly_rate_from_the_dated_table_by_hand(tmp_path):
    out = invoke("run", trial_copy(tmp_path, "kommunale_satser"), "--lines")
    assert out.exit_code == 0, out.output
    rates = {}
    for line in out.stdout.splitlines()[1:]:
        cells = line.split(",")
        if cells[3].startswith("Socialrådgiver") or cells[3].startswith("Pædagog"):
            rates[cells[3].split(" ")[0]] = float(cells[5])
    soc = hourly(SOCIALRAADGIVER_2019) * chain(LOEN, 2019, 2025)
    paed = hourly(PAEDAGOG_2023) * chain(LOEN, 2023, 2025)
    assert rates["Socialrådgiver"] == pytest.approx(soc, rel=1e-9)  # 441,17 kr./h
    assert rates["Pædagog"] == pytest.approx(paed, rel=1e-9)  # 426,67 kr./h
    assert round(soc, 2) == 441.17 and round(paed, 2) == 426.67  # the trial's own hand check (FINDINGS.md)
    summary = json.loads(invoke("run", tmp_path / "s.yaml", "--format", "json").stdout)
    annual = (SOC_HOURS * soc + PAED_HOURS * paed + OTHER) * 12 / MONTHS
    assert summary["summary"]["annual_cost"] == pytest.approx(annual, rel=1e-9)  # 278.596 kr.
    assert summary["price_year"] == 2025


def test_every_output_names_the_table_the_index_and_the_factor(tmp_path):
    path = trial_copy(tmp_path, "kommunale_satser")
    factor = f"{chain(LOEN, 2019, 2025):.4f}".replace(".", ",")
    text = invoke("run", path).stdout
    assert f"Satser: kommunale_satser, indekseret til 2025-priser: løn 2019 → 2025 med fm_pl.loen, faktor {factor}" in text
    basis = json.loads(invoke("run", path, "--format", "json").stdout)["rate_basis"]
    assert basis["rate_table"] == "kommunale_satser" and basis["dated_table"] is True
    assert {(x["from_year"], x["to_year"], x["index"]) for x in basis["indexation"]} == {
        (2019, 2025, "fm_pl.loen"), (2023, 2025, "fm_pl.loen")}
    assert "kommunale_satser (2025); løn 2019->2025 fm_pl.loen x" in invoke("run", path, "--format", "csv").stdout
    sweep = json.loads(invoke("sweep", path, "--format", "json").stdout)
    assert sweep[0]["rate_basis"]["rate_table"] == "kommunale_satser"
    assert invoke("export", path, "-o", tmp_path / "x.md").exit_code == 0
    md = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert "| Grundlag | Lønninger |" in md and "| Grundlag | Indeksering: løn |" in md
    assert invoke("export", path, "-o", tmp_path / "x.xlsx").exit_code == 0
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(tmp_path / "x.xlsx")["Forudsætninger"].iter_rows(values_only=True) for c in row]
    assert "Indeksering: løn" in cells and "kommunale_satser" in cells
    assert invoke("report", path, "-o", tmp_path / "m").exit_code == 0
    memo = (tmp_path / "m" / "notat.md").read_text(encoding="utf-8")
    assert "Timerne er prissat med lønningerne i kommunale_satser i 2025-priser" in memo
    assert f"Lønninger omregnet fra 2019-priser til 2025-priser med Finansministeriets pris- og lønindeks (løn), faktor {factor}" in memo


def test_a_dated_table_next_to_the_scenario_prices_as_the_shipped_one(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    shipped = ROOT / "salary_tables" / "rates" / "kommunale_satser.yaml"
    named = json.loads(invoke("run", trial_copy(tmp_path, "kommunale_satser"), "--format", "json").stdout)
    beside = invoke("run", trial_copy(own, "kommunale_satser.yaml", table=shipped), "--format", "json")
    assert beside.exit_code == 0, beside.output
    assert json.loads(beside.stdout)["summary"] == named["summary"]


def test_the_users_fixed_year_table_still_works_and_names_nothing_new():
    out = invoke("run", TRIAL / "expost_projekt.yaml", "--format", "json")
    assert out.exit_code == 0 and "rate_basis" not in json.loads(out.stdout)
    assert "bemærkning" not in out.stderr


def test_price_year_restates_an_expost_result(tmp_path):
    path = trial_copy(tmp_path, "kommunale_satser")
    base = json.loads(invoke("run", path, "--format", "json").stdout)["summary"]
    out = invoke("run", path, "--format", "json", "--price-year", "2026")
    assert out.exit_code == 0, out.output
    restated = json.loads(out.stdout)
    f = chain(PL, 2025, 2026)
    assert restated["price_year"] == 2026
    assert restated["summary"]["annual_cost"] == pytest.approx(base["annual_cost"] * f, rel=1e-12)
    assert restated["summary"]["establishment_cost"] == pytest.approx(16000 * f, rel=1e-12)
    assert restated["summary"]["hours_per_year"] == pytest.approx(base["hours_per_year"])
    assert restated["rate_basis"]["restated"][0]["index"] == "fm_pl.generel_pl"
    # the memo and the export restate the inputs: the same numbers
    assert invoke("export", path, "-o", tmp_path / "x.json", "--price-year", "2026").exit_code == 0
    exported = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert exported["summary"]["annual_cost"] == pytest.approx(base["annual_cost"] * f, rel=1e-9)


def test_remark_when_hours_are_priced_with_wages_years_older(tmp_path):
    path = trial_copy(tmp_path, "krl_2019_report002", price_year=2019)
    for command in ("validate", "run"):
        out = invoke(command, path)
        assert out.exit_code == 0, out.output  # a remark, not an error
        assert f"{path}: bemærkning: price_year: timerne er registreret til og med 2025-10" in out.stderr
        assert "krl_2019_report002 i 2019-priser" in out.stderr and "rates: kommunale_satser" in out.stderr
    for rates, year in (("kommunale_satser", 2025), ("kommunale_satser", 2024)):  # a year apart: no remark
        out = invoke("validate", trial_copy(tmp_path, rates, price_year=year))
        assert out.exit_code == 0 and "bemærkning" not in out.stderr, out.output


def test_refusals_name_file_field_and_what_can_be_loaded(tmp_path):
    out = invoke("run", trial_copy(tmp_path, "rates_2020"))
    assert out.exit_code == 2
    assert f"{tmp_path / 's.yaml'}:7: rates: 'rates_2020' is a rate table of hourly rates" in out.stderr
    out = invoke("run", trial_copy(tmp_path, "rates_2099"))
    assert out.exit_code == 2 and f"{tmp_path / 's.yaml'}:7: rates: wage table 'rates_2099' not found" in out.stderr
    assert out.stderr.rstrip().endswith("available: kommunale_satser, krl_2019_report002")  # not rates_2020
    out = invoke("run", trial_copy(tmp_path, "krl_2019_report002"))
    assert out.exit_code == 2
    assert (f"{tmp_path / 's.yaml'}:6: price_year: scenario is in 2025 prices but wage table krl_2019_report002 is "
            "in 2019 prices; for 2025 wages write rates: kommunale_satser") in out.stderr


def test_unknown_key_in_a_wage_table_suggests_the_key_meant(tmp_path):
    text = (TRIAL / "vores_loen_2025.yaml").read_text(encoding="utf-8")
    (tmp_path / "vores_loen_2025.yaml").write_text(
        text.replace("monthly_wage_cost: 43443", "value: 43443").replace("    label: Pædagog", "    labl: Pædagog"),
        encoding="utf-8")
    out = invoke("run", trial_copy(tmp_path, "vores_loen_2025.yaml"))
    assert out.exit_code == 2
    table = tmp_path / "vores_loen_2025.yaml"
    assert f"{table}:12: wage_groups.socialraadgiver.value: unknown key (did you mean 'monthly_wage_cost'?)" in out.stderr
    assert f"{table}:15: wage_groups.paedagog.labl: unknown key (did you mean 'label'?)" in out.stderr


def test_the_expost_template_is_in_this_years_prices_with_the_dated_table(tmp_path):
    path = tmp_path / "e.yaml"
    assert invoke("new", path, "--kind", "expost").exit_code == 0
    text = path.read_text(encoding="utf-8")
    year = min(dt.date.today().year, max(LOEN), max(PL))
    assert re.search(rf"^price_year: {year} ", text, re.M) and re.search(r"^rates: kommunale_satser ", text, re.M)
    out = invoke("run", path)
    assert out.exit_code == 0 and "bemærkning" not in out.stderr, out.output
    assert f"({year}-priser)" in out.stdout and f"indekseret til {year}-priser" in out.stdout


def test_prospective_lists_only_tables_it_can_load_and_discount_rate_is_a_share(root, tmp_path):
    text = (root / "examples" / "gruppeforloeb_egen_kommune.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(text.replace("rates: rates_2020", "rates: rates_2099", 1), encoding="utf-8")
    out = invoke("run", tmp_path / "p.yaml")
    assert out.exit_code == 2 and "available: kommunale_satser, rates_2020" in out.stderr
    assert "krl_2019_report002" not in out.stderr
    units = json.loads(invoke("run", root / "examples" / "gruppeforloeb_egen_kommune.yaml", "--format", "json").stdout)
    assert units["units"]["discount_rate"] == "andel"


def test_a_danish_csv_header_is_named_as_written_with_the_column_meant(tmp_path):
    path = trial_copy(tmp_path, "kommunale_satser")
    (tmp_path / "registreringer_2025.csv").write_text(
        "måned;personalegruppe;timer;aktivitet\n2025-01;Socialrådgiver;3;med_deltagere\n", encoding="utf-8")
    out = invoke("run", path)
    assert out.exit_code == 2
    assert (f"{tmp_path / 'registreringer_2025.csv'}:1: missing column(s) month (have: måned, personalegruppe, timer, "
            "aktivitet); write 'month', not 'måned'") in out.stderr


def test_memo_of_a_restated_published_aggregate_says_how(tmp_path):
    """Thisted (report 002, Tablet 8-5: 383.000 kr. a year for 5,7 familier, 2019 prices) restated to 2025."""
    out = invoke("report", ROOT / "scenarios" / "lovende_praksis_thisted.yaml", "-o", tmp_path / "m", "--price-year", "2025")
    assert out.exit_code == 0, out.output
    memo = (tmp_path / "m" / "notat.md").read_text(encoding="utf-8")
    f = chain(PL, 2019, 2025)
    assert "Beløb i 2025-priser" in memo
    assert ("Omregnet fra 2019-priser til 2025-priser med Finansministeriets pris- og lønindeks (generel pris- og "
            "lønudvikling), faktor " + f"{f:.4f}".replace(".", ",")) in memo
    per_family = round(383000 / 5.7 * f, -2)
    assert f"Omkostninger pr. familie: {per_family:,.0f} kr.".replace(",", ".") in memo


def test_a_price_year_the_wage_index_does_not_reach_is_refused_at_the_scenarios_field(tmp_path):
    out = invoke("run", trial_copy(tmp_path, "kommunale_satser", price_year=2030))
    assert out.exit_code == 2
    assert (f"{tmp_path / 's.yaml'}:6: price_year: cannot bring løn from 2019 to 2030 prices: index fm_pl.loen "
            "covers") in out.stderr and "(wage table kommunale_satser)" in out.stderr


def test_the_wage_table_schema_accepts_the_shipped_and_the_trials_table_and_refuses_unknown_keys():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from costmodel.schema import FILES

    validator = jsonschema.Draft202012Validator(json.loads(FILES["wage_table"].read_text(encoding="utf-8")))
    for path in (TRIAL / "vores_loen_2025.yaml", ROOT / "salary_tables" / "krl_2019_report002.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
    data["wage_groups"]["paedagog"]["value"] = 35509
    assert list(validator.iter_errors(data))
