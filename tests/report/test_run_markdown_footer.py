"""`costmodel run --format markdown`: each footer line is a sentence with one full stop (review R2)."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_markdown_footer_lines_end_in_one_full_stop():
    # examples/investering_og_tilskud.yaml has a completion share and tilskud: its footer line ends in "6.500 kr."
    # and the Markdown made it "6.500 kr.." (review R2)
    out = CliRunner().invoke(app, ["run", str(ROOT / "examples" / "investering_og_tilskud.yaml"), "-f", "markdown"])
    assert out.exit_code == 0, out.output
    assert "netto efter tilskud 6.500 kr.\n" in out.output
    assert "kr.." not in out.output and "pct.." not in out.output
