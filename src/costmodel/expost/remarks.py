"""Remarks (bemærkninger) on an ex-post scenario that is valid but probably not what its author means: printed by
`costmodel validate` and `costmodel run` on stderr, never an error (exit 0).

Registered hours priced with wages of an earlier year (trial F2, code finding C2): hours registered in 2025
priced with a 2019 wage table come out 14 pct. too low, labelled "2019-priser", with nothing else to warn.
"""
from __future__ import annotations

from .model import ExPostScenario

# Hours registered more than this many years after the wages' price year get a remark.
MAX_YEARS_AFTER_WAGES = 1


def remarks(scenario: ExPostScenario) -> list[str]:
    """The scenario's remarks in Danish, one line each ([] if none)."""
    return [*_wages_older_than_hours(scenario)]


def _wages_older_than_hours(scenario: ExPostScenario) -> list[str]:
    """A remark when registration months lie more than a year after the wage table's price year: the hours are
    then priced at wages of years before they were worked."""
    reg = scenario.registreringer
    if reg is None:
        return []
    months = sorted(reg.table().months())
    if not months:
        return []
    last = months[-1]
    table = scenario.wage_table()
    wage_year, last_year = table.price_year, int(last[:4])
    if last_year - wage_year <= MAX_YEARS_AFTER_WAGES:
        return []
    if getattr(table, "dated", False):
        how = f"skriv price_year: {last_year} for at prissætte dem med {last_year}-lønninger (lønindeks)"
    else:
        how = (f"skriv price_year: {last_year} og rates: kommunale_satser for at prissætte dem med "
               f"{last_year}-lønninger (lønindeks)")
    return [f"price_year: timerne er registreret til og med {last}, men prissættes med lønningerne i {table.name} "
            f"i {wage_year}-priser ({last_year - wage_year} år før); {how}; --price-year {last_year} omregner kun "
            "resultatet med det generelle pris- og lønindeks"]
