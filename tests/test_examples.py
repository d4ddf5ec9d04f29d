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


# CTI (Socialstyrelsen 2017, "Omkostningsvurdering af Critical Time Intervention", summary on sbst.dk): the printed
# result is "omkostningerne pr. gennemførte deltager er ca. 49.000 kr."; the scenario was written from the docs alone
# with the printed inputs (3 full-time staff, 5 years, 33 forløb a year, all complete) and public wages.
CTI_PUBLISHED_PER_COMPLETER = 49_000  # kr., Socialstyrelsen (2017), summary
CTI_TOLERANCE = 0.05  # issue 14's bar: within 5 pct. of the published total


@pytest.fixture(scope="module")
def cti_result():
    from pathlib import Path

    return costmodel.evaluate(costmodel.load(Path(__file__).parents[1] / "examples/cti_socialstyrelsen_2017.yaml"))


@pytest.mark.xfail(strict=True, reason=(
    "measured in 2017 prices -9,2 pct. (44.500 against 49.000 kr.): uddannelse and supervision are printed as cost "
    "categories without amounts and left out; the KRL pædagog wage stands in for socialpædagog, which "
    "Socialstyrelsen's model priced 4,9 pct. higher (docs/derivations.md, D-wage-sp), and is the 2019 wage indexed "
    "back to 2017 with the FM løn index (docs/method_official.md, 'CTI')"))
def test_cti_per_completing_deltager_within_5_pct_of_the_published_49000(cti_result):
    assert cti_result["net_per_completer"] == pytest.approx(CTI_PUBLISHED_PER_COMPLETER, rel=CTI_TOLERANCE)


def test_cti_full_time_posts_at_1418_hours_stay_below_the_published_total_the_1702_hour_reading_does_not(cti_result):
    """The published 49.000 kr. holds staff, uddannelse and supervision, so the staff alone must cost less. The
    full-time posts at the 1.418-hour convention (Vejledning 2021, section 2.3) do (-9,2 pct.); the natural reading
    of a post as 7,4 h x 5 days x 46 weeks = 1.702 hours would cost more than the whole published figure."""
    staff = cti_result["net_per_completer"]
    assert staff < CTI_PUBLISHED_PER_COMPLETER
    # the measured figure the docs and the xfail reason quote (a record, so they cannot drift from the tool)
    assert round(staff, -2) == 44_500
    assert staff * 1702 / 1418 > CTI_PUBLISHED_PER_COMPLETER * (1 + CTI_TOLERANCE)
    assert cti_result["participants"] == 165  # 33 forløb a year x 5 years, one borger each
    assert cti_result.discount_rate == 0.04  # the rule in force on the 2017 date of assessment (fm_2013)


# The variant with typical uddannelse and supervision (docs/egen_indsats.md, trin 5; rule docs/derivations.md,
# D-typical-training). A WEAKER check than the unseen one: it was written after the -9,2 pct. gap was known, by the
# session that derived the typical values (from the shipped assessments, not from CTI; nothing tuned to 49.000).
def test_cti_typical_values_variant_within_5_pct_of_the_published_49000(root):
    """Published: "omkostningerne pr. gennemførte deltager er ca. 49.000 kr." (Socialstyrelsen 2017, CTI summary,
    sbst.dk); tolerance 5 pct. (issue 14's bar). Measured 46.600 kr. (-4,9 pct.): inside the bar by about 30 kr.
    per completing deltager, so a narrow pass (docs/method_official.md, 'CTI')."""
    base = costmodel.evaluate(costmodel.load(root / "examples/cti_socialstyrelsen_2017.yaml"))
    typical = costmodel.evaluate(costmodel.load(root / "examples/cti_socialstyrelsen_2017_typiske_vaerdier.yaml"))
    assert typical["net_per_completer"] == pytest.approx(CTI_PUBLISHED_PER_COMPLETER, rel=CTI_TOLERANCE)
    # what was added is what the guide says for full-time posts: 3 x 75.698 kr. of course fees in year 0 and
    # 19.451 kr. of supervisor a year, discounted at 4 pct. (first year undiscounted); the staff's time is not added
    added = 3 * 75_698 + 19_451 * sum(1.04 ** -t for t in range(5))
    assert (typical["net_total"] - base["net_total"]) == pytest.approx(added, rel=1e-9)
