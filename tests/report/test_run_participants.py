"""`run` says as many deltagere as the memo (trial2 W4: "80 i alt" in `run` beside "80,5 deltagere" in the
memo and 80,4999 in the workbook). With `afkortede_forloeb: andel` the horizon cuts forløb into shares, so the
count of trial2/hf_icm.yaml is 80,5: 21,33 forløb a year from year 0,5 on, the last ones counted by the share
inside the horizon."""
from __future__ import annotations

from pathlib import Path

import costmodel
from costmodel.report.render import result_text

ROOT = Path(__file__).resolve().parents[2]


def test_a_fractional_count_keeps_its_decimal():
    result = costmodel.evaluate(costmodel.load(ROOT / "trial2" / "hf_icm.yaml"))
    assert "Deltagere: 80,5 i alt," in result_text(result, "table")


def test_a_whole_count_has_no_decimal():
    result = costmodel.evaluate(costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml"))
    assert "Deltagere: 270 i alt," in result_text(result, "table")  # 3 teams x 3 forløb x 10 x 3 years
