"""The workbook for a controller: whole kroner, labels not keys, per cent as per cent, numeric grid headers, an
autofilter on every sheet, and the business-case sheets (by year, by payer, payback, SØM hand-off)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import costmodel
from costmodel.analyses.standard import standard_analyses
from costmodel.report import export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def book():
    scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")
    result = costmodel.evaluate(scenario)
    found = standard_analyses(scenario, draws=300).all()
    return export.build_workbook(scenario, result, costmodel.sweep(scenario), found), result


def _header(ws):
    return [c.value for c in ws[4] if c.value is not None]


def test_every_sheet_has_an_autofilter_on_its_table(book):
    wb, _ = book
    for ws in wb.worksheets:
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A4:"), ws.title


def test_kroner_are_whole_and_per_cent_is_per_cent(book):
    wb, _ = book
    formats = {c.number_format for ws in wb.worksheets for row in ws.iter_rows(min_row=5) for c in row
               if isinstance(c.value, float)}
    assert export.KR_DECIMAL_FORMAT not in formats and export.KR_FORMAT in formats
    spider = wb["Spindel"]
    column = _header(spider).index("Ændring") + 1
    assert {spider.cell(r, column).number_format for r in range(5, spider.max_row + 1)
            if spider.cell(r, column).value is not None} == {export.PCT_FORMAT}


def test_no_keys_or_dotted_paths_in_the_sheets_a_person_reads(book):
    wb, _ = book
    dotted = re.compile(r"^[a-z_]+\.[a-z_]+")
    for name in ("Tornado", "Spindel", "Break-even", "PSA", "Resultat"):
        ws = wb[name]
        assert "Parameter" not in _header(ws) and "Mål" not in _header(ws) and "Nøgle" not in _header(ws), name
        texts = [c.value for row in ws.iter_rows(min_row=5) for c in row if isinstance(c.value, str)]
        assert not [t for t in texts if dotted.match(t)], name
    lines = wb["Omkostningslinjer"]
    column = _header(lines).index("Kategori") + 1
    assert lines.cell(5, column).value == "Etablering"


def test_grid_headers_are_numbers(book):
    wb, _ = book
    header = _header(wb["Tovejs (gitter)"])
    assert all(isinstance(v, (int, float)) for v in header[1:]) and len(header) >= 3


def test_business_case_sheets_hold_numbers_that_add_up(book):
    wb, result = book
    years = wb["Pr. år (NNV)"]
    head = _header(years)
    assert head[0] == "Budgetår"
    col = head.index("Netto (NNV)") + 1
    total = sum(years.cell(r, col).value for r in range(5, 8))
    # report 000, Figur 10: ca. -958.300 kr. net in NNV (0,5 pct. as the golden tests allow for totals)
    assert total == pytest.approx(-958_300, rel=0.005)
    payers = wb["Pr. betaler"]
    head = _header(payers)
    assert payers.cell(5, head.index("Betaler") + 1).value == "Kommune"
    som = wb["Til SØM"]
    head = _header(som)
    people = [som.cell(r, head.index("Gennemførte deltagere") + 1).value for r in range(5, 8)]
    assert people == [90, 90, 90]  # 3 teams x 3 forløb x 10 deltagere a year (report 000, Tabel 6)


def test_years_print_readably_kroner_and_nnv_on_sheets_of_their_own(book):
    """trial2 X2: twenty columns on one A4 landscape page printed at about 4 pt. Kroner on one sheet, NNV on the
    next, each few enough columns for a readable page; the NNV column sums are the result's totals."""
    wb, result = book
    kroner, nnv = _header(wb["Pr. år"]), _header(wb["Pr. år (NNV)"])
    assert kroner[0] == nnv[0] == "Budgetår"
    assert len(kroner) <= 11 and len(nnv) <= 11, (kroner, nnv)
    assert not [h for h in kroner if "NNV" in h or h == "Diskonteringsfaktor"], kroner
    assert "Diskonteringsfaktor" in nnv and all("NNV" in h for h in nnv[3:]), nnv
    ws = wb["Pr. år (NNV)"]
    col = nnv.index("Omkostninger (NNV)") + 1
    assert sum(ws.cell(r, col).value for r in range(5, 8)) == pytest.approx(result["gross_total"])
    # with investments and grants (the widest case): still at most ten columns a sheet
    scenario = costmodel.load(ROOT / "examples" / "investering_og_tilskud.yaml")
    wb = export.build_workbook(scenario, costmodel.evaluate(scenario))
    kroner, nnv = _header(wb["Pr. år"]), _header(wb["Pr. år (NNV)"])
    assert {"Tilskud", "Heraf investering i materiel"} <= set(kroner) and "Tilskud (NNV)" in nnv
    assert len(kroner) <= 10 and len(nnv) <= 10, (kroner, nnv)
    # the note below the table wraps within the table's width instead of running to the right of it (a page
    # is fitted to all that shows)
    merged = [m for m in wb["Pr. år"].merged_cells.ranges if m.min_col == 1]
    assert merged and merged[0].max_col == len(kroner)
    assert wb["Pr. år"].cell(merged[0].min_row, 1).alignment.wrap_text
