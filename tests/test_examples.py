"""The shipped examples run as documented."""
from __future__ import annotations

import runpy

import pytest

import costmodel


def test_own_municipality_example_runs_and_counts_half_a_year(root):
    result = costmodel.evaluate(costmodel.load(root / "examples/gruppeforloeb_egen_kommune.yaml"))
    # 2 forløb a year x 8 deltagere over 2,5 years: 16 + 16 + 8 (the forløb starting at 2,5 is outside).
    assert result["participants"] == pytest.approx(40)
    assert result["net_total"] == pytest.approx(result["gross_total"] + result["savings_total"])


def test_library_example_runs(root, capsys):
    runpy.run_path(str(root / "examples/brug_som_bibliotek.py"), run_name="__main__")
    assert "-3.700 kr. pr. deltager" in capsys.readouterr().out
