"""The budget memo: the headline figure, the plots it links exist, the workbook opens, the directory is written
whole or not at all and never overwritten by accident."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.report import memo, plots, plotstyle
from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]
AKTIVT = ROOT / "scenarios" / "aktivt_faellesskab.yaml"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()


@pytest.fixture(autouse=True, scope="module")
def low_resolution():
    """Memos here are read by tests, not people: small PNGs keep the suite fast."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plotstyle, "DPI", 40)
        yield


@pytest.fixture(scope="module")
def aktivt_memo(tmp_path_factory, low_resolution):
    out = tmp_path_factory.mktemp("memo") / "notat"
    result = runner.invoke(app, ["report", str(AKTIVT), "--output", str(out), "--draws", "1000"])
    assert result.exit_code == 0, result.output
    return out


def test_memo_shows_the_published_net_per_participant(aktivt_memo):
    text = (aktivt_memo / "notat.md").read_text(encoding="utf-8")
    # report 000, section 4.2.6 (Figur 10 / Tabel 6): net -3.700 kr. per deltager, 2020 prices, NNV
    assert "Nettoomkostninger pr. deltager: -3.700 kr." in text
    assert "2020-priser" in text and "Slagelse Kommune" in text
    # the scenario's one-way tables (report 000, Tabel 7: 8 deltagere -> -900 kr. per deltager)
    row = next(line for line in text.splitlines() if line.startswith("| 8 deltagere pr. forløb |"))
    assert row.split("|")[3].strip() == "-900 kr."


def test_memo_links_png_files_that_exist(aktivt_memo):
    text = (aktivt_memo / "notat.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert "tornado.png" in images and "kategorier.png" in images and len(images) >= 3
    for name in images:
        assert (aktivt_memo / name).read_bytes()[:8] == PNG_MAGIC, name


def test_memo_carries_the_analyses(aktivt_memo):
    text = (aktivt_memo / "notat.md").read_text(encoding="utf-8")
    for name in ("spider.png", "tovejs.png", "psa_histogram.png"):
        assert f"]({name})" in text
    assert "## Break-even" in text and "## Probabilistisk følsomhedsanalyse" in text
    assert "1.000 simuleringer, seed 20201" in text
    wb = openpyxl.load_workbook(aktivt_memo / "aktivt_faellesskab.xlsx")
    assert {"Tornado", "Spindel", "Tovejs", "Tovejs (gitter)", "Break-even", "PSA"} <= set(wb.sheetnames)
    psa = wb["PSA"]
    assert "Sandsynlighed for nettoomkostninger under 0" in " ".join(
        str(c.value) for row in psa.iter_rows() for c in row if c.value is not None)


def test_memo_workbook_opens_and_is_linked(aktivt_memo):
    text = (aktivt_memo / "notat.md").read_text(encoding="utf-8")
    assert "](aktivt_faellesskab.xlsx)" in text
    wb = openpyxl.load_workbook(aktivt_memo / "aktivt_faellesskab.xlsx")
    assert "Forudsætninger" in wb.sheetnames


def test_existing_directory_is_not_overwritten_without_force(aktivt_memo):
    before = sorted(p.name for p in aktivt_memo.iterdir())
    result = runner.invoke(app, ["report", str(AKTIVT), "--output", str(aktivt_memo)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert sorted(p.name for p in aktivt_memo.iterdir()) == before


def test_failure_leaves_no_partial_directory(tmp_path, monkeypatch):
    out = tmp_path / "notat"

    def broken(*args, **kwargs):
        raise RuntimeError("plot failed")

    monkeypatch.setattr(plots, "sweep_bars", broken)
    with pytest.raises(RuntimeError, match="plot failed"):
        memo.write_memo(costmodel.load(AKTIVT), out, draws=500)
    assert list(tmp_path.iterdir()) == []


def test_force_replaces_the_directory_whole_and_html_is_one_escaped_file(tmp_path):
    out = tmp_path / "notat"
    memo.write_memo(costmodel.load(AKTIVT), out, fmt="markdown", draws=500)
    path = memo.write_memo(costmodel.load(AKTIVT), out, fmt="html", force=True, draws=500)
    assert path == out / "notat.html"
    assert not (out / "notat.md").exists()  # the tool's own earlier memo is replaced (issue 9: never others')
    assert [p.name for p in tmp_path.iterdir()] == ["notat"]  # no temporary directory left beside it
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Nettoomkostninger pr. deltager: -3.700 kr." in text
    assert 'src="data:image/png;base64,' in text  # plots embedded: the file stands alone
    assert "&#x27;3 gruppeforløb&#x27;" in text  # the assumption's quotes are escaped


def test_html_escapes_markup():
    blocks = [memo.Block("p", "<script>alert(1)</script> & co")]
    out = memo.to_html(blocks, "<t>", {})
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; co" in out


def test_expost_scenario_gets_a_memo_with_what_applies(tmp_path):
    out = tmp_path / "thisted"
    result = runner.invoke(app, ["report", str(ROOT / "scenarios" / "lovende_praksis_thisted.yaml"),
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "notat.md").read_text(encoding="utf-8")
    # report 002, Tablet 8-5: 67.193 kr. per familie (printed to whole hundreds here)
    assert "Omkostninger pr. familie: 67.200 kr." in text
    assert "gælder ikke" in text
    assert (out / "tornado.png").exists()


def test_bad_scenario_gives_exit_2_and_no_directory(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: prospective\ntitle: x\n", encoding="utf-8")
    out = tmp_path / "notat"
    result = runner.invoke(app, ["report", str(bad), "--output", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_markdown_keeps_scenario_text_literal():
    blocks = [memo.Block("p", "see [x](y) and *this* and <b>"), memo.Block("table", headers=["", "a|b"],
                                                                              rows=[["1*2", "3"]])]
    out = memo.to_markdown(blocks)
    assert r"\[x\](y)" in out and r"\*this\*" in out and r"\<b" in out
    assert r"a\|b" in out and r"1\*2" in out


def test_memo_for_a_scenario_with_a_non_numeric_table(tmp_path):
    # Trivsel gennem netværk varies the wage group by name (Tabel 4): no two-way grid from it, but a memo
    path = memo.write_memo(costmodel.load(ROOT / "scenarios" / "trivsel_gennem_netvaerk.yaml"), tmp_path / "t")
    text = path.read_text(encoding="utf-8")
    assert "Nettoomkostninger pr. deltager:" in text and "](tornado.png)" in text
    assert "tovejs.png" not in text
