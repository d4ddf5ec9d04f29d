"""`costmodel export`: the result, one-way tables and analyses as workbook, CSV (plain and Danish), JSON, Markdown."""
from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from costmodel.cli import app

AKTIVT = "scenarios/aktivt_faellesskab.yaml"
runner = CliRunner()


def _export(root, out, *extra):
    return runner.invoke(app, ["export", str(root / AKTIVT), "-o", str(out), "--draws", "200", *map(str, extra)])


def test_danish_csv_reads_back_to_the_plain_numbers(root, tmp_path):
    assert _export(root, tmp_path / "plain.csv").exit_code == 0
    assert _export(root, tmp_path / "dansk.csv", "--dialect", "danish").exit_code == 0
    raw = (tmp_path / "dansk.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Danish Excel reads æøå right
    danish = pd.read_csv(io.StringIO(raw.decode("utf-8-sig")), sep=";", decimal=",")
    plain = pd.read_csv(tmp_path / "plain.csv")
    pd.testing.assert_frame_equal(danish, plain)
    net = plain.query("table == 'resultat' and row == 'net_per_participant'")["value"].item()
    # report 000, Figur 10: net -3.700 kr. per deltager (±100 kr., the golden tests' tolerance)
    assert net == pytest.approx(-3700, abs=100)
    assert set(plain["price_year"]) == {2020}
    assert {"kategorier", "deltagere_pr_forloeb", "teams", "tornado", "psa"} <= set(plain["table"])


def test_workbook_json_and_markdown(root, tmp_path):
    for name in ("a.xlsx", "a.json", "a.md"):
        result = _export(root, tmp_path / name)
        assert result.exit_code == 0, result.output
    sheets = openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames
    assert sheets[:3] == ["Forudsætninger", "Resultat", "Omkostningslinjer"] and "Tornado" in sheets
    payload = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert payload["price_year"] == 2020 and payload["summary"]["net_per_participant"] < 0
    assert "-3.700 kr." in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_without_analyses_only_the_scenarios_tables(root, tmp_path):
    assert _export(root, tmp_path / "b.csv", "--no-analyses").exit_code == 0
    assert set(pd.read_csv(tmp_path / "b.csv")["table"]) == {"resultat", "kategorier", "deltagere_pr_forloeb", "teams"}


@pytest.mark.parametrize("name, message", [("x.pdf", "unknown export format '.pdf'"), ("x", "(no suffix)")])
def test_unknown_format_is_refused_and_nothing_written(root, tmp_path, name, message):
    result = _export(root, tmp_path / name)
    assert result.exit_code == 2 and message in result.output
    assert list(tmp_path.iterdir()) == []


def test_existing_file_kept_without_force(root, tmp_path):
    target = tmp_path / "c.json"
    target.write_text("mine", encoding="utf-8")
    result = _export(root, target)
    assert result.exit_code == 2 and "use --force" in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    assert _export(root, target, "--force").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["price_year"] == 2020
