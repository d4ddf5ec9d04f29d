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


def test_sensitivity_example_runs_and_writes_its_plot(root, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["foelsomhed_som_bibliotek.py", str(tmp_path)])
    runpy.run_path(str(root / "examples/foelsomhed_som_bibliotek.py"), run_name="__main__")
    out = capsys.readouterr().out
    # Tabel 7 (report 000): 8 deltagere pr. forløb already gives a negative net total (-195.700 kr.)
    assert "fra 8" in out
    assert "sandsynlighed for under 0 kr.:" in out
    assert (tmp_path / "tornado.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rr2_adhd_example_in_2018_prices_with_set_up_and_the_rule_of_its_date(root):
    """Issue 14's done-when check as far as the published summary allows (it prints no hours, so no total is
    compared): the printed structure gives 2 teams x 2 forløb x 3 years x 8 = 96 deltagere; the 2018 date of
    assessment gives Finansministeriet's 4 pct.; the 2019 KRL wages are indexed back to 2018 (løn 2019: 1,7 pct.)."""
    import costmodel
    from costmodel.rates.table import rates_for

    scenario = costmodel.load(root / "examples" / "rr2_adhd_2018.yaml")
    result = costmodel.evaluate(scenario)
    assert result["participants"] == 96
    assert result.discount_rate == 0.04
    assert rates_for(scenario).hourly("socialpaedagog") == pytest.approx(35509 * 12 * 1.2 / 1418 / 1.017)
    assert result.participants_by_year[0] == 32  # the set-up quarter still leaves two forløb in year 0
    assert "net_per_completer" in result.measures
