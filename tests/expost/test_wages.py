"""Report 002, annex 10.3: hourly rate = monthly wage cost x 12 x 1,2 / 1.418 (Table 10-7, Tabel 10-6)."""
from __future__ import annotations

import pytest

from costmodel.rates.wages import load_wage_table

# Table 10-7 spells groups per municipality; map them to the wage table's keys.
GROUP_KEYS = {
    "psykolog": "psykolog",
    "sundhedsplejerske": "sundhedsplejerske",
    "pædagog": "paedagog",
    "socialrådgiver": "socialraadgiver",
    "socialrådgiver_ungdomskons": "socialraadgiver",
    "ergoterapeut": "ergoterapeut",
    "leder_socialrådgiver": "leder",
}


def test_every_printed_hourly_rate_of_table_10_7(published_002):
    """All 19 printed rates of report 002, Table 10-7 equal round(monthly x 12 x 1,2 / 1.418)."""
    table = load_wage_table("krl_2019_report002")
    rows = published_002[(published_002["source"] == "Table 10-7") & (published_002["measure"] == "hourly_rate")]
    assert len(rows) == 19
    for rec in rows.itertuples():
        group = GROUP_KEYS[rec.row.split(":", 1)[1]]
        assert round(table.hourly_rate(group)) == rec.value, f"Table 10-7 {rec.row}: printed {rec.value:g} kr./time"


def test_monthly_wage_costs_match_table_10_7(published_002):
    table = load_wage_table("krl_2019_report002")
    rows = published_002[(published_002["source"] == "Table 10-7") & (published_002["measure"] == "monthly_wage_cost")]
    for rec in rows.itertuples():
        assert table.monthly(GROUP_KEYS[rec.row.split(":", 1)[1]]) == rec.value


def test_overhead_and_hour_norm_match_tabel_10_6(published_002):
    table = load_wage_table("krl_2019_report002")
    t106 = published_002[published_002["source"] == "Tabel 10-6"].set_index("measure")["value"]
    assert table.overhead.value * 100 == t106["overhead_pct"]
    assert table.effective_hours_per_year.value == t106["effective_hours_per_year"]
    assert table.price_year == t106["price_level_year"]


def test_blended_group_is_average_of_three_wages():
    """Table 10-7 notes a/b: gruppeledere / familieterapeuter = average of pædagog, sundhedsplejerske,
    socialrådgiver. Not printed; (35.509 + 40.945 + 37.592) / 3 = 38.015,33 kr./md. -> 386,05 kr./time."""
    table = load_wage_table("krl_2019_report002")
    assert table.monthly("gruppeleder") == pytest.approx((35509 + 40945 + 37592) / 3)
    assert table.hourly_rate("gruppeleder") == pytest.approx(386.05, abs=0.01)


def test_unknown_staff_group_names_the_known_ones():
    table = load_wage_table("krl_2019_report002")
    with pytest.raises(ValueError, match="unknown staff group 'laerer'.*socialraadgiver"):
        table.hourly_rate("laerer")
