"""`hours_per_week` + `weeks: forloeb` over forløb longer than the rest of their start year (trial2/FINDINGS.md
finding 3): the hours fall in the years the forløb runs, not all in the year it starts, and a forløb the horizon
cuts brings its hours inside the horizon (afkortede_forloeb: andel), as `during: {start_years: 0, years: <laengde>}`
writes the same saving."""
from __future__ import annotations

from pathlib import Path

import pytest

import costmodel

ROOT = Path(__file__).resolve().parents[2]


def _hours_by_year(result, item: str) -> dict[int, float]:
    lines = result.lines[result.lines["item"] == item]
    return lines.groupby("year")["hours"].sum().to_dict()


def test_one_forloeb_of_18_months_from_mid_year_is_spread_over_its_years(tmp_path):
    # one forløb from 1 July of year 1 (start_aar 0,5) for 1,5 years, 4 h a week for its 1 deltager: a third of
    # its weeks fall in year 1, two thirds in year 2, none in year 3; in all 4 h x 1,5 years of working weeks
    text = (ROOT / "trial2/hf_icm_weeks_forloeb.yaml").read_text(encoding="utf-8")
    text = text[:text.index("\nsensitivity:")]  # its caseload table sets pr_fagteam_pr_aar
    text = text.replace("pr_fagteam_pr_aar: 21.3333", "i_alt_pr_fagteam: 1")
    path = tmp_path / "one.yaml"
    path.write_text(text, encoding="utf-8")
    result = costmodel.evaluate(costmodel.load(path))
    hours = _hours_by_year(result, "Sparet § 85-støtte")
    total = sum(hours.values())
    assert hours[0] == pytest.approx(total / 3, rel=1e-12)
    assert hours[1] == pytest.approx(2 * total / 3, rel=1e-12)
    assert set(hours) == {0, 1}


def test_weeks_forloeb_equals_during_over_the_forloeb():
    # the trial's two ways of writing 4 h § 85 støtte a week per borger over 18-month forløb, afkortede_forloeb:
    # andel: the savings must be the same kroner in every year (the during: version is the reference)
    by_weeks = costmodel.evaluate(costmodel.load(ROOT / "trial2/hf_icm_weeks_forloeb.yaml"))
    by_during = costmodel.evaluate(costmodel.load(ROOT / "trial2/hf_icm.yaml"))
    assert by_weeks["savings_total"] == pytest.approx(by_during["savings_total"], rel=1e-9)
    years_w, years_d = by_weeks.by_year(), by_during.by_year()
    assert list(years_w["savings"]) == pytest.approx(list(years_d["savings"]), rel=1e-9)
