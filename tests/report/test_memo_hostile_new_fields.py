"""Scenario text in the memo's newer places stays text (review R2): the grant's `item` and `modpart`, the receiving
`udvalg` and budget `line`, investment items and sources, the fagteam's name in the caseload sentence, role labels
bent into the plural, and the assumptions' Danish text and evidence. The scenarios are the two whose memos have all
of these (examples/investering_og_tilskud.yaml, trial/bostoette.yaml); each output is read by its own reader
(tests/test_neutralise.py's oracles: CommonMark, html.parser, openpyxl), not by costmodel's neutraliser."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from costmodel.cli import app
from tests.test_neutralise import _md, check_html, check_markdown, check_terminal, check_workbook, hostile_scenario

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"title", "municipality", "report", "source", "label", "item", "course", "text", "evidence", "modpart",
          "name", "udvalg", "line", "source_da", "text_da", "evidence_da"}
TEXTS = ["=HYPERLINK(\"javascript:alert(1)\") <b>fed</b> *x* [x](javascript:alert(1))\n# H\n```",
         "# H <b>fed</b> [x](javascript:alert(1))\n- liste\n```"]


def _headings(md: str) -> int:
    return sum(t.type == "heading_open" for t in _md.parse(md))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("base", [ROOT / "examples" / "investering_og_tilskud.yaml", ROOT / "trial" / "bostoette.yaml"])
def test_new_memo_text_stays_text(tmp_path, base, text):
    plain = CliRunner().invoke(app, ["report", str(base), "-o", str(tmp_path / "plain"), "--draws", "100"])
    assert plain.exit_code == 0, plain.output
    path = hostile_scenario(tmp_path, base, FIELDS, text)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "fagteams" in data:  # a role label of its own, which the memo bends into the plural
        for role in data["fagteams"][0]["medarbejdere"].values():
            role["label"] = f"{text} rådgiver"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "memo"
    result = CliRunner().invoke(app, ["report", str(path), "-o", str(out), "--draws", "100"])
    assert result.exit_code == 0, result.output
    check_terminal(result.output)
    md = (out / "notat.md").read_text(encoding="utf-8")
    check_markdown(md)
    # the memo's own headings and no more: a scenario's '# H' never becomes one; the hostile text is there, as text
    assert _headings(md) == _headings((tmp_path / "plain" / "notat.md").read_text(encoding="utf-8"))
    assert "javascript:alert(1)" in md
    html = (out / "notat.html").read_text(encoding="utf-8")
    assert "<b>fed</b>" not in html
    check_html(html)
    (workbook,) = out.glob("*.xlsx")
    check_workbook(load_workbook(workbook))
