"""Exports: the workbook reopens with every assumption sourced, CSV dialects parse back to the same numbers,
JSON and Markdown carry the price year."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import costmodel
from costmodel.report import export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def aktivt():
    scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")
    return scenario, costmodel.evaluate(scenario), costmodel.sweep(scenario)


@pytest.fixture(scope="module")
def workbook(aktivt, tmp_path_factory):
    scenario, result, tables = aktivt
    path = tmp_path_factory.mktemp("wb") / "aktivt.xlsx"
    export.write_workbook(path, scenario, result, tables)
    return openpyxl.load_workbook(path)


def _table(ws) -> pd.DataFrame:
    """The sheet's first table (header on row 4) as a frame, cells as stored."""
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    header, body = rows[0], []
    for r in rows[1:]:
        if all(v is None for v in r):
            break
        body.append(r)
    return pd.DataFrame(body, columns=header)


def test_workbook_sheets(workbook):
    assert workbook.sheetnames[:3] == ["Forudsætninger", "Resultat", "Omkostningslinjer"]
    # then the business case (by year, by payer, payback, SØM hand-off) and Tabel 7 and Tabel 8
    assert workbook.sheetnames[3:8] == ["Pr. år", "Pr. år (NNV)", "Pr. betaler", "Tilbagebetalingstid", "Til SØM"]
    assert len(workbook.sheetnames) == 10
    for ws in workbook.worksheets:
        assert "2020-priser" in ws["A2"].value, ws.title


def test_every_input_has_a_value_unit_or_text_and_a_source(workbook, aktivt):
    scenario, _, _ = aktivt
    inputs = _table(workbook["Forudsætninger"])
    assert inputs["Kilde"].map(lambda s: isinstance(s, str) and len(s.strip()) > 5).all()
    # every enabled cost item of the scenario is listed, with its own source from the YAML
    items = list(scenario.items())
    listed = inputs.loc[inputs["Afsnit"].isin(["Etablering", "Uddannelse", "Drift", "Sparede omkostninger"])]
    assert len(listed) == len(items)
    for (_, _, item), source in zip(items, listed["Kilde"]):
        assert source == item.source
    # the wage groups used, with the rate table's value and source
    wage = inputs.loc[inputs["Afsnit"] == "Satser: løn"].set_index("Lønkategori")  # by name, not key
    assert wage.loc["Socialpædagog", "Værdi"] == pytest.approx(383.78)
    assert "report 000" in wage.loc["Socialpædagog", "Kilde"]
    # the scenario's named assumptions
    assert (inputs["Afsnit"] == "Antagelser").sum() == len(scenario.assumptions)


def test_result_cells_are_numbers_with_a_kroner_format(workbook):
    ws = workbook["Resultat"]
    summary = _table(ws)
    net = summary.set_index("Betegnelse").loc["Nettoomkostninger pr. deltager", "Værdi"]
    assert isinstance(net, float)
    # report 000, Tabel 6 / Figur 10: net -3.700 kr. per deltager (printed to whole hundreds)
    assert round(net, -2) == -3700
    cell = next(c for c in ws["B"] if c.value == net)
    # whole kroner; the row's unit stands in the next column, so the cell does not say "kr." a second time
    assert cell.number_format == export.KR_BARE_FORMAT
    assert ws.cell(cell.row, cell.column + 1).value == "kr."


def test_sweep_sheets_hold_the_tables(workbook, aktivt):
    _, _, tables = aktivt
    ws = next(ws for ws in workbook.worksheets if ws.title.startswith("Tabel 7"))
    frame = _table(ws)
    assert list(frame["Nettoomk. pr. deltager"]) == pytest.approx(list(tables[0].frame["net_per_participant"]))
    assert tables[0].source in ws["A2"].value


def test_danish_csv_parses_back_to_the_same_numbers(tmp_path, aktivt):
    _, result, tables = aktivt
    frame = tables[0].frame
    path = export.write_csv(tmp_path / "t.csv", frame, dialect="danish", price_year=result.price_year)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens æøå right
    text = raw.decode("utf-8-sig")
    assert ";" in text.splitlines()[0] and "," in text.splitlines()[1]
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    assert list(back["label"]) == list(frame["label"])  # æøå survive
    for col in ("net_total", "net_per_participant", "gross_total"):
        assert list(back[col]) == pytest.approx(list(frame[col]), rel=1e-9)
    assert (back["price_year"] == 2020).all()


def test_plain_csv_parses_back(aktivt):
    _, result, tables = aktivt
    text = export.csv_text(tables[1].frame, price_year=result.price_year)
    back = pd.read_csv(io.StringIO(text))
    assert list(back["net_per_participant"]) == pytest.approx(list(tables[1].frame["net_per_participant"]))


def test_unknown_csv_dialect():
    with pytest.raises(ValueError, match="danish"):
        export.csv_text(pd.DataFrame({"a": [1]}), dialect="excel")


def test_json_and_markdown(aktivt):
    scenario, result, tables = aktivt
    payload = json.loads(export.json_text(scenario, result, tables))
    assert payload["price_year"] == 2020
    assert payload["summary"]["net_per_participant"] == pytest.approx(result["net_per_participant"])
    assert [t["key"] for t in payload["tables"]] == ["deltagere_pr_forloeb", "teams"]
    assert all(row["source"] for row in payload["inputs"])
    text = export.markdown_text(scenario, result, tables)
    assert "2020-priser" in text
    # report 000, Figur 10: net -3.700 kr. per deltager (the total, -958.300 kr., is printed in the same figure)
    assert re.search(r"\| Nettoomkostninger \| -95\d\.\d00 kr\. \| -3\.700 kr\. \|", text)


def test_expost_workbook_has_no_category_table_but_opens(tmp_path):
    scenario = costmodel.load(ROOT / "scenarios" / "lovende_praksis_thisted.yaml")
    result = costmodel.evaluate(scenario)
    path = export.write_workbook(tmp_path / "e.xlsx", scenario, result, costmodel.sweep(scenario))
    wb = openpyxl.load_workbook(path)
    inputs = _table(wb["Forudsætninger"])
    assert inputs["Kilde"].map(lambda s: isinstance(s, str) and s.strip() != "").all()
    assert 383000 in list(inputs["Værdi"])  # Tablet 8-5, with its source
    assert "2019-priser" in wb["Resultat"]["A2"].value


def test_inputs_list_the_uncertainty_ranges_with_their_sources():
    scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")
    frame = export.inputs_frame(scenario)
    ranges = frame[frame["section"] == "Usikkerhed"]
    assert len(ranges) == len(scenario.uncertainty)
    assert ranges["source"].str.len().min() > 0
    deltagere = ranges[ranges["item"] == "Deltagere pr. forløb"].iloc[0]  # by label: no dotted path in the sheet
    # the base value is the scenario's (report 000, Tabel 6: 10 deltagere pr. forløb); the range Tabel 7's 8-12
    assert deltagere["value"] == 10 and "fra 8 til 12" in deltagere["detail"]
