"""The memo and terminal Danish that trial3 found wanting (trial3/FINDINGS.md #10), on trial3's own scenario:
"1 time", the break-even sentence counting its forudsætninger, no "kr..", the payer table in the Vejledning's order
of categories, a post named by its role, and each indexed travel rate named."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()
SCENARIO = Path(__file__).resolve().parents[1] / "trial3" / "forældregruppe_2023.yaml"


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("memo") / "notat"
    out = runner.invoke(app, ["report", str(SCENARIO), "-o", str(out_dir), "--draws", "200"])
    assert out.exit_code == 0, out.output
    return (out_dir / "notat.md").read_text(encoding="utf-8")


def test_one_hour_is_singular(memo):
    assert not re.search(r"\b1 timer\b", memo)
    assert "mellem 1 time og 3,5 timer" in memo


def test_the_breakeven_sentence_counts_its_forudsaetninger(memo):
    assert "For de tre forudsætninger" not in memo
    assert "For den forudsætning, der betyder mest: den værdi" in memo


def test_payer_rows_follow_the_categories_order(memo):
    rows = [line.split("|")[3].strip() for line in memo.splitlines() if line.startswith("| Kommune | Service |")]
    assert rows == ["Etablering", "Uddannelse", "Drift"], rows


def test_a_post_names_its_role(memo):
    assert "Stillinger (nettonutidsværdi): socialrådgiver (koordinator) 0,2 årsværk" in memo


def test_each_indexed_travel_rate_is_named(memo):
    assert "- Rejsesatser (overnatning) omregnet fra 2021-priser til 2023-priser" in memo
    assert "- Rejsesatser (timedagpenge) omregnet fra 2019-priser til 2023-priser" in memo


def test_run_markdown_has_no_double_full_stop():
    out = runner.invoke(app, ["run", str(SCENARIO), "--format", "markdown"])
    assert out.exit_code == 0
    assert "kr.." not in out.stdout and "netto 17.600 kr.\n" in out.stdout
