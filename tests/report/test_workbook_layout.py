"""The workbook as a controller sees it on screen and on paper (looked at in LibreOffice Calc, Danish locale):
Danish number formats, no '#####', a frozen header, Danish headers, sheet names that say what the sheet is,
wrapped long text in rows high enough for it, and a print setup that puts a sheet's columns on one page's width.

Widths are checked against the characters a cell shows, computed here from the value (not from the exporter's
own width function), so a column the exporter makes too narrow fails.
"""
from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path

import pytest

import costmodel
from costmodel.analyses.standard import standard_analyses
from costmodel.report import export

ROOT = Path(__file__).resolve().parents[2]
HEADER_ROW = 4


def _build(path: str, analyses: bool = True):
    scenario = costmodel.load(ROOT / path)
    result = costmodel.evaluate(scenario)
    found = standard_analyses(scenario, draws=200).all() if analyses else ()
    return export.build_workbook(scenario, result, costmodel.sweep(scenario), found)


@pytest.fixture(scope="module")
def books():
    return {"aktivt": _build("scenarios/aktivt_faellesskab.yaml"),
            "effekt": _build("examples/effekt_og_betalere.yaml"),
            "expost": _build("examples/expost_eget_eksempel.yaml", analyses=False),
            "thisted": _build("scenarios/lovende_praksis_thisted.yaml", analyses=False)}


def _sheets(books):
    return [(name, ws) for name, wb in books.items() for ws in wb.worksheets]


def _shown(value: float, fmt: str) -> int:
    """What the cell shows, in characters, with Danish separators."""
    if "%" in fmt:
        return len(f"{value * 100:.1f} %")
    if fmt == "0":
        return len(str(int(value)))
    decimals = 0 if fmt.endswith(("#,##0", '#,##0 "kr."')) else 4
    text = f"{value:,.{decimals}f}" + (" kr." if fmt.endswith('"kr."') else "")
    return len(text)


def test_number_formats_are_danish_whole_kroner_and_per_cent(books):
    for name, ws in _sheets(books):
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    fmt = c.number_format
                    assert fmt == "0" or fmt.startswith("[$-406]"), (name, ws.title, c.coordinate, fmt)
                    assert ".00 \"kr.\"" not in fmt, (name, ws.title, c.coordinate)  # kroner are whole
    # a share is per cent: the aktivt scenario's discount rate 0,04 shows as 4,0 % (report 000 uses 4 pct.)
    ws = books["aktivt"]["Resultat"]
    rate = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "Diskonteringsrente")
    assert rate[1].value == pytest.approx(0.04) and rate[1].number_format == export.PCT_FORMAT
    assert export.PCT_FORMAT.endswith("0.0 %")


def test_no_hash_marks_every_number_fits_its_column(books):
    for name, ws in _sheets(books):
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and c.number_format:
                    width = ws.column_dimensions[c.column_letter].width
                    assert width and _shown(c.value, c.number_format) <= width - 1, \
                        (name, ws.title, c.coordinate, c.value, width)


def test_every_sheet_freezes_its_header_and_prints_on_one_page_width(books):
    for name, ws in _sheets(books):
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}", (name, ws.title)
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", (name, ws.title)
        assert "&P" in ws.oddFooter.center.text


def test_headers_are_danish_words_not_keys(books):
    key = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^[xy]$")  # snake_case keys, and the two-way's bare x and y
    for name, ws in _sheets(books):
        headers = [c.value for c in ws[HEADER_ROW] if isinstance(c.value, str)]
        assert headers and not [h for h in headers if key.match(h)], (name, ws.title, headers)
    # the ex-post cost lines: activity in words, period columns named
    lines = books["expost"]["Omkostningslinjer"]
    headers = [c.value for c in lines[HEADER_ROW]]
    assert {"Aktivitet", "Personalegruppe", "Timer i perioden", "Kroner i perioden"} <= set(headers)
    activity = headers.index("Aktivitet") + 1
    assert lines.cell(HEADER_ROW + 1, activity).value == "Aktiviteter med deltagere"
    assert "NNV" not in lines["A2"].value  # an ex-post result is not discounted
    # the two-way table names its two parameters
    twoway = [c.value for c in books["aktivt"]["Tovejs"][HEADER_ROW]]
    assert "Deltagere pr. forløb" in twoway


def test_long_titles_give_sheet_names_that_say_which_table():
    taken: set[str] = set()
    assert export._sheet_name("Tabel 7: Analyse af ændringer i antal deltagere pr. forløb", taken) == "Tabel 7"
    name = export._sheet_name("Analyse af ændringer i antal deltagere pr. forløb", taken)
    assert name == "Analyse af ændringer i antal…" and len(name) <= 31
    assert export._sheet_name("Tabel 7: noget andet, også for langt til et faneblad", taken) == "Tabel 7 (2)"


def test_long_text_wraps_in_a_row_high_enough_for_it(books):
    ws = books["aktivt"]["Forudsætninger"]
    wrapped = [c for row in ws.iter_rows(min_row=HEADER_ROW + 1) for c in row
               if isinstance(c.value, str) and c.alignment.wrap_text]
    assert wrapped
    for c in wrapped:
        width = ws.column_dimensions[c.column_letter].width
        assert width <= max(export.WIDE_TEXT_WIDTH.values()) + 3
        # at least one line per 1,5 widths of text: never a single line for a long source
        lines = math.ceil(len(c.value) / (1.5 * width))
        assert (ws.row_dimensions[c.row].height or 15) >= lines * 15 * 0.99, (c.coordinate, c.value)


def test_sources_get_a_wide_column_and_rows_no_higher_than_their_text(books):
    """trial2 X1: at 32 characters a 100-character source wrapped to four lines and every assumption became a
    row of four, most of it empty. Here a row is at most as high as its longest wrapped cell needs at one
    character per unit of its column's width (text is narrower than the digit 0 a width counts, so this is an
    upper bound of the lines), and the Kilde column is wide enough for two such sources' worth in three lines."""
    for name in ("aktivt", "effekt"):
        ws = books[name]["Forudsætninger"]
        headers = [c.value for c in ws[HEADER_ROW]]
        kilde = ws.cell(HEADER_ROW, headers.index("Kilde") + 1).column_letter
        assert ws.column_dimensions[kilde].width >= 45, name
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            needed = [len(textwrap.wrap(c.value, int(ws.column_dimensions[c.column_letter].width) - 2))
                      for c in row if isinstance(c.value, str) and c.alignment.wrap_text]
            if needed:
                assert ws.row_dimensions[row[0].row].height <= max(needed) * 15, (name, row[0].row)


def test_a_later_table_never_narrows_an_earlier_ones_column(books):
    ws = books["aktivt"]["Resultat"]  # the summary, then the categories below it
    labels = []
    for c in ws["A"][HEADER_ROW:]:  # the summary's rows, down to the empty row after it
        if c.value is None:
            break
        labels.append(c.value)
    assert "Nettoomkostninger pr. deltager" in labels
    assert ws.column_dimensions["A"].width >= max(len(t) for t in labels) * 0.9


def test_expost_input_sections_are_words(books):
    ws = books["thisted"]["Forudsætninger"]
    sections = {c.value for c in ws["A"][HEADER_ROW:] if c.value}
    assert {"Deltagere", "Drift", "Varianter", "Følsomhed"} <= sections
    assert not {s for s in sections if s.islower()}  # no YAML key (deltagere, sensitivity) as an Afsnit
