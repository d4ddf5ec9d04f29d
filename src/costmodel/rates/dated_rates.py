"""Dated rate tables (`kind: dated_rates`): public wage statistics and conventions by year, each value with its
source, turned into the RateTable of any price year.

hourly rate [kr./h] = monthly wage cost [kr./month] × months_per_year × (1 + overhead) / effective hours a year,
Socialstyrelsen's convention (report 002, annex 10.3), so one full-time post (årsværk) costs hourly rate × 1.418.
For a price year P every series takes its value of the year nearest to P (dated.Series.at) and indexes it to P:
wages with the wage index, travel with the general PL index (price_index.py). The RateTable says which years,
index and factors were used (`indexation`).
"""
from __future__ import annotations

from pydantic import Field, model_validator

from ..io.numbers import danish_number
from .dated import Series, _Strict
from .price_index import DEFAULT_INDEX, PRICE_SERIES, WAGE_SERIES, restate


class WageSeries(Series):
    """A staff group's monthly wage cost [kr./month] by year, with its Danish label."""
    label: str  # Danish name of the staff group


class DatedTravel(_Strict):
    """Travel rates by year: overnight stay [kr./night] and per diem [kr./døgn]."""
    overnight_stay: Series  # kr. per night
    per_diem: Series  # kr. per døgn (timedagpenge)


class DatedRateTable(_Strict):
    """A dated rate table (`kind: dated_rates`): wages, working time and travel by year, each value sourced."""
    kind: str = Field(pattern="^dated_rates$")
    name: str
    description: str
    index: str = DEFAULT_INDEX  # salary_tables/index/<index>.yaml
    overhead: Series  # share added to wage costs (0.20 = 20 pct.)
    effective_hours_per_year: Series  # hours a full-time post works effectively (1.418)
    months_per_year: Series
    hours_per_week: Series
    hours_per_day: Series
    weeks_per_year: Series
    travel: DatedTravel
    wage_groups: dict[str, WageSeries] = Field(min_length=1)

    @model_validator(mode="after")
    def _sane(self) -> "DatedRateTable":
        checks = [("overhead", self.overhead, 0, 1), ("effective_hours_per_year", self.effective_hours_per_year, 1, 8784),
                  ("months_per_year", self.months_per_year, 1, 12), ("hours_per_week", self.hours_per_week, 1, 168),
                  ("hours_per_day", self.hours_per_day, 0.5, 24), ("weeks_per_year", self.weeks_per_year, 1, 53)]
        checks += [(f"wage_groups.{k}", g, 1, 10_000_000) for k, g in self.wage_groups.items()]
        for name, series, low, high in checks:
            for year, v in series.values.items():
                if not low <= v.value <= high:
                    raise ValueError(f"{name}.values.{year}.value is {v.value:g}; expected {low:g} to {high:g}")
        return self

    def latest_year(self) -> int:
        """The latest year with a wage [year]."""
        return max(y for g in self.wage_groups.values() for y in g.values)

    def _indexed(self, series: Series, what: str, index_series: str, year: int,
                 restatements: dict[tuple, dict]) -> tuple[float, str]:
        """The series' value of the year nearest `year`, indexed to `year` [its unit], and its source text;
        the restatement used is recorded in `restatements` (one per what and year)."""
        from ..errors import Problem, ScenarioError

        chosen, v = series.at(year)
        try:
            r = restate(what, index_series, chosen, year, self.index)
        except ValueError as exc:
            raise ScenarioError(self.name, [Problem("price_year", f"cannot bring {what} from {chosen} to {year} "
                                                    f"prices: {exc}")]) from None
        if chosen != year:
            restatements.setdefault((what, chosen), r.as_dict())
        skon = " (skøn)" if v.estimate else ""
        how = "" if chosen == year else f"; {chosen}-værdi × {danish_number(r.factor, 4)} ({r.index})"
        return v.value * r.factor, f"{v.source}{skon}{how}"

    def monthly_wage_fields(self, price_year: int) -> dict:
        """The fields of a monthly wage table (wages.WageTable) in `price_year` prices: each wage group's monthly
        wage cost [kr./month] of the year nearest `price_year`, indexed with the wage index, and the overhead
        [fraction], effective hours [h/year] and months a year of the years nearest it, each with its source;
        `indexation` says which years, index and factors were used."""
        restatements: dict[tuple, dict] = {}
        groups = {}
        for key, g in self.wage_groups.items():
            monthly, src = self._indexed(g, "løn", WAGE_SERIES, price_year, restatements)
            groups[key] = dict(label=g.label, monthly_wage_cost=monthly, source=f"{self.name}.{key}: {src}")
        fields = {}
        for name in ("overhead", "effective_hours_per_year", "months_per_year"):
            chosen, v = getattr(self, name).at(price_year)
            fields[name] = dict(value=v.value, source=f"{self.name}: {v.source} ({chosen})"
                                                      f"{' (skøn)' if v.estimate else ''}")
        return dict(name=self.name, price_year=price_year, description=self.description, **fields,
                    wage_groups=groups, indexation=tuple(restatements.values()), dated=True)

    def for_year(self, price_year: int | None = None) -> dict:
        """The fields of the RateTable in `price_year` prices (default: the year of the latest wage); table.py
        builds the RateTable from them."""
        year = price_year or self.latest_year()
        restatements: dict[tuple, dict] = {}

        def indexed(series: Series, what: str, index_series: str) -> tuple[float, str]:
            return self._indexed(series, what, index_series, year, restatements)

        def plain(series: Series) -> tuple[float, str]:
            chosen, v = series.at(year)
            return v.value, f"{v.source} ({chosen}){' (skøn)' if v.estimate else ''}"

        overhead, overhead_src = plain(self.overhead)
        hours, hours_src = plain(self.effective_hours_per_year)
        months, _ = plain(self.months_per_year)
        groups = {}
        for key, g in self.wage_groups.items():
            monthly, src = indexed(g, "løn", WAGE_SERIES)
            hourly = monthly * months * (1 + overhead) / hours
            groups[key] = dict(label=g.label, hourly=hourly, source=src, derivation=(
                f"{danish_number(monthly)} kr./md. × {danish_number(months, None)} × "
                f"(1 + {danish_number(overhead, None)}) / {danish_number(hours, None)} timer"))
        night, night_src = indexed(self.travel.overnight_stay, "rejsesatser", PRICE_SERIES)
        diem, diem_src = indexed(self.travel.per_diem, "rejsesatser", PRICE_SERIES)
        hpd, hpd_src = plain(self.hours_per_day)
        wpy, wpy_src = plain(self.weeks_per_year)
        return dict(
            name=self.name, price_year=year, description=self.description, overhead_included=overhead,
            hours_per_day=dict(value=hpd, unit=self.hours_per_day.unit, source=hpd_src),
            weeks_per_year=dict(value=wpy, unit=self.weeks_per_year.unit, source=wpy_src),
            # placeholder: rates_for gives every scenario its own rule (discount_rules.py)
            discounting=dict(rate=0.035, source="replaced by the scenario's discount rule"),
            travel=dict(overnight_stay=dict(value=night, unit=self.travel.overnight_stay.unit, source=night_src),
                        per_diem=dict(value=diem, unit=self.travel.per_diem.unit, source=diem_src)),
            wage_groups=groups,
            effective_hours_per_year=dict(value=hours, unit=self.effective_hours_per_year.unit, source=hours_src),
            indexation=tuple(restatements.values()),
        )
