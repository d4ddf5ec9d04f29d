"""The workbook's "Tilbagebetalingstid" sheet labels its amount and says when there is no payback (trial2 X3:
with no payback the row showed only an unlabelled "Netto 2.755.058 kr." beside empty cells).

The amount is checked against the cumulative sum of the by-payer net per year, taken from `payer_years` here, not
from the payback table under test."""
from __future__ import annotations

from pathlib import Path

import pytest

import costmodel
from costmodel.report import export

ROOT = Path(__file__).resolve().parents[2]
HEADER_ROW = 4


def _sheet(path: str):
    scenario = costmodel.load(ROOT / path)
    result = costmodel.evaluate(scenario)
    ws = export.build_workbook(scenario, result)["Tilbagebetalingstid"]
    headers = [c.value for c in ws[HEADER_ROW]]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[0].value]
    return result, headers, {r[0]: dict(zip(headers, r)) for r in rows if len(r) == len(headers)}


def test_no_payback_says_so_and_labels_the_net_after_grants_at_the_horizon():
    result, headers, rows = _sheet("examples/investering_og_tilskud.yaml")  # has tilskud, never pays back
    net = "Akkumuleret netto efter tilskud ved horisonten (ikke tilbagediskonteret)"
    assert net in headers and "Netto" not in headers
    total = rows["I alt"]
    assert total["Budgetår"] == "ingen inden for horisonten"
    assert total["År til tilbagebetaling"] is None
    assert total[net] == pytest.approx(result.payer_years().to_numpy().sum(), abs=0.5)
    assert total[net] > 0


def test_a_payback_keeps_its_year_and_without_grants_says_net():
    _, headers, rows = _sheet("scenarios/aktivt_faellesskab.yaml")
    assert "Akkumuleret netto ved horisonten (ikke tilbagediskonteret)" in headers
    assert rows["I alt"]["Budgetår"] == "År 2" and rows["I alt"]["År til tilbagebetaling"] == 2
