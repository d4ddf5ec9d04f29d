"""Every number that leaves the tool as CSV or JSON says which year's prices it is in (brief: money crosses a
boundary only with its price year)."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()
AKTIVT = "scenarios/aktivt_faellesskab.yaml"  # report 000: 2020 prices
THISTED = "scenarios/lovende_praksis_thisted.yaml"  # report 002: 2019 prices


def _out(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", [
    ["run", AKTIVT, "--format", "csv"],
    ["run", AKTIVT, "--lines"],
    ["sweep", AKTIVT, "--format", "csv"],
    ["tornado", AKTIVT, "--format", "csv"],
    ["spider", AKTIVT, "--format", "csv"],
    ["psa", AKTIVT, "--format", "csv", "--draws", "200"],
])
def test_csv_rows_carry_2020_prices(root, command):
    command = [root / c if c == AKTIVT else c for c in command]
    frame = pd.read_csv(io.StringIO(_out(*command)))
    assert set(frame["price_year"]) == {2020}


def test_expost_sweep_csv_and_json_carry_2019_prices(root):
    assert set(pd.read_csv(io.StringIO(_out("sweep", root / THISTED, "--format", "csv")))["price_year"]) == {2019}
    assert {t["price_year"] for t in json.loads(_out("sweep", root / THISTED, "--format", "json"))} == {2019}


@pytest.mark.parametrize("command", [["run"], ["sweep"], ["tornado"], ["breakeven", "-p", "forloeb.deltagere_pr_forloeb",
                                                                      "--low", "4", "--high", "12"]])
def test_json_carries_2020_prices(root, command):
    payload = json.loads(_out(command[0], root / AKTIVT, "--format", "json", *command[1:]))
    years = {t["price_year"] for t in payload} if isinstance(payload, list) else {payload["price_year"]}
    assert years == {2020}
