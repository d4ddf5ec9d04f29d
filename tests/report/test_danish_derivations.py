"""Derivations a person reads are in Danish number format (trial2 X1): the workbook's "Forudsætninger" sheet
said "52,572 kr./md. x 12 x (1 + 0.2) / 1418 timer", which a Dane reads as 52 kroner. JSON and CSV keep their
numbers as plain numbers in their own fields (the hourly rate in `value`); the derivation is prose beside them.

The leder figure is report 002's Tabel 10-7 (KRL 2019, 'Leder, Socialrådgiver 53.466 kr.') brought back to 2018
with Finansministeriet's løn index (2019: +1,7 pct.): 53.466 / 1,017 = 52.572,3 kr./md., worked by hand in
trial2/FINDINGS.md (section 1, "Checked by hand").
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import costmodel
from costmodel.io.numbers import danish_number
from costmodel.rates.table import dated_wage_group
from costmodel.report import export

ROOT = Path(__file__).resolve().parents[2]

# an English-format number: a thousands comma (52,572) or a decimal point between digits (0.2, 1.0170)
ENGLISH = re.compile(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)|\d\.\d{4,}")


@pytest.mark.parametrize("value, decimals, text", [
    (52572.3, 0, "52.572"), (1418, None, "1.418"), (0.2, None, "0,2"), (12, None, "12"), (-3700, 0, "-3.700"),
    (-0.0001, 0, "0"), (0.98328, 4, "0,9833"), (1234567.25, None, "1.234.567,25"), (None, 0, "-")])
def test_danish_number(value, decimals, text):
    assert danish_number(value, decimals) == text


def test_dated_wage_derivation_reads_in_danish():
    _, key, dated = dated_wage_group("kommunale_satser.leder")
    group = dated.for_year(2018)["wage_groups"][key]
    assert group["derivation"] == "52.572 kr./md. × 12 × (1 + 0,2) / 1.418 timer"
    # the source says which year's value and which factor, in Danish too: 1 / 1,017 = 0,9833
    assert group["source"].endswith("2019-værdi × 0,9833 (fm_pl.loen)")
    assert abs(group["hourly"] - 52572.3 * 14.4 / 1418) < 0.05  # 533,88 kr./h by hand


def test_workbook_inputs_have_no_english_numbers_in_their_words():
    scenario = costmodel.load(ROOT / "examples" / "rr2_adhd_2018.yaml")
    result = costmodel.evaluate(scenario)
    ws = export.build_workbook(scenario, result)["Forudsætninger"]
    headers = [c.value for c in ws[4]]
    detail, source = headers.index("Detaljer") + 1, headers.index("Kilde") + 1
    wage_rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "Satser: løn"]
    assert wage_rows
    for r in wage_rows:
        text = ws.cell(r, detail).value
        assert "kr./md. × 12 × (1 + 0,2) / 1.418 timer" in text, text
        assert not ENGLISH.search(text), text
        assert not re.search(r"værdi × \d\.\d", ws.cell(r, source).value)
        assert isinstance(ws.cell(r, 3).value, float)  # the hourly rate stays a number


def test_memo_still_finds_the_year_a_wage_was_indexed_from():
    from costmodel.report.memo_facts import _indexed_from

    assert _indexed_from("KRL 2019; 2019-værdi × 0,9833 (fm_pl.loen)") == 2019
