"""`compare` states what each column rests on: its rate table, indexation and discount rule (reviewer R2: NNV
totals were set side by side with no discount rule named). Aktivt fællesskab pins Finansministeriet's 2013 rule
(4 pct.); the own-municipality example is dated after 7 Jan 2021 (3,5 pct.)."""
import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[1]
A = str(ROOT / "scenarios/aktivt_faellesskab.yaml")
B = str(ROOT / "examples/gruppeforloeb_egen_kommune.yaml")


def _compare(fmt: str) -> str:
    result = CliRunner().invoke(app, ["compare", A, B, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_names_each_scenarios_discount_rule():
    out = _compare("table")
    assert "Aktivt fællesskab: Diskontering: fm_2013 (4,0 / 3,0 / 2,0 pct." in out
    assert ": Diskontering: fm_2021 (3,5 / 2,5 / 1,5 pct." in out
    assert "Aktivt fællesskab: Satser: rates_2020 (2020-priser" in out


def test_json_and_csv_carry_the_basis_per_scenario():
    payload = json.loads(_compare("json"))
    rules = sorted(meta["discount_rule"] for meta in payload["rate_basis"].values())
    assert rules == ["fm_2013", "fm_2021"]
    rows = list(csv.DictReader(io.StringIO(_compare("csv"))))
    by_scenario = {r["scenario"]: r["rate_basis"] for r in rows if r["table"] == "totals"}
    assert by_scenario["Aktivt fællesskab"].endswith("discount fm_2013")
    assert any(v.endswith("discount fm_2021") for k, v in by_scenario.items() if k != "Aktivt fællesskab")
