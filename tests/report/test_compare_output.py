"""`costmodel compare` in its machine and Markdown forms (review R2): the CSV is written at all, with plain numbers,
and a compare note (which may quote a scenario's title) stays text in Markdown and on the terminal."""
from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

import costmodel
from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]
AKTIVT = ROOT / "scenarios" / "aktivt_faellesskab.yaml"
TRIVSEL = ROOT / "scenarios" / "trivsel_gennem_netvaerk.yaml"


def test_compare_csv_is_written_with_plain_numbers():
    out = CliRunner().invoke(app, ["compare", str(AKTIVT), str(TRIVSEL), "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    net = {r["scenario"]: float(r["value"]) for r in rows if r["table"] == "totals" and r["row"] == "net_per_participant"}
    # report 000: Aktivt fællesskab -3.700 kr., Trivsel gennem netværk 14.500 kr. per deltager (printed rounded to
    # hundreds, so +-50 kr.); a plain number, never '-3.700 kr.'
    assert net["Aktivt fællesskab"] == pytest.approx(-3_700, abs=50)
    assert net["Trivsel gennem netværk"] == pytest.approx(14_500, abs=50)
    assert {r["price_year"] for r in rows} == {"2020"}


def test_compare_notes_stay_text():
    from costmodel.analyses.compare import compare
    from costmodel.report.render import compare_text

    c = compare([costmodel.load(AKTIVT), costmodel.load(TRIVSEL)])
    note = "<script>alert(1)</script> [x](javascript:alert(1))\n# Overskrift"
    c = dataclasses.replace(c, notes=[note])
    md = compare_text(c, "markdown")
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == md.count("\n## ") + md.count("\n### ") + md.startswith("## ")  # only the document's own
    assert not any(t.type == "html_block" for t in tokens)
    for t in tokens:
        assert not any(ch.type in ("html_inline", "link_open") for ch in t.children or [])
    table = compare_text(c, "table")
    assert "Bemærk: <script>alert(1)</script> [x](javascript:alert(1)) # Overskrift" in table  # one line


def test_compare_csv_says_each_scenarios_price_year():
    # trial/gruppeforloeb.yaml is in 2024 prices, examples/investering_og_tilskud.yaml in 2020 prices (their
    # price_year); a CSV value without its year could not be compared or restated
    out = CliRunner().invoke(app, ["compare", str(ROOT / "trial/gruppeforloeb.yaml"),
                                   str(ROOT / "examples/investering_og_tilskud.yaml"), "--format", "csv"])
    assert out.exit_code == 0, out.output
    years = {(r["scenario"], r["price_year"]) for r in csv.DictReader(io.StringIO(out.output))}
    assert years == {("Gruppeforløb", "2024"), ("Gruppeforløb med investering og tilskud (eksempel)", "2020")}

