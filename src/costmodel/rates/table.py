"""The rate table: wages per wage group, working time, travel rates and discounting, each with its source.

A rate table is one YAML file in `salary_tables/` (or `salary_tables/rates/`, or a path next to the scenario).
Two shapes: the fixed-year tables of the reproduced reports (`rates_2020.yaml`: hourly rates of one price year)
and dated tables (`kind: dated_rates`, dated_rates.py: monthly wage costs etc. by year, each with its source).
Either is turned into the RateTable of the scenario's price year, indexed where the years differ; the table
says how (`indexation`). Every value carries `source:`; values the reports do not print say what they were
implied by (see docs/derivations.md).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem, ScenarioError
from ..io.fields import not_negative
from ..io.paths import salary_tables_dir


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(_Strict):
    """A number with its unit and its source (and how it was derived, where it is implied rather than printed)."""
    value: float = Field(allow_inf_nan=False)
    unit: str
    source: str
    derivation: str | None = None  # where the value is implied rather than printed


def _positive(name: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{name} must be greater than 0 (got {value:g})")


class WageGroup(_Strict):
    """A wage group (lønkategori): its hourly rate [kr./h, incl. overhead] and source.

    A fixed-year table states a public wage once by naming it, `wage_from: <dated table>.<group>` (the dated
    table's observation of the year nearest the table's price year, indexed; resolved when the table is read),
    or gives `hourly` and `source` itself (a value that is not a public statistic, e.g. report 000's
    socialpædagog interval).
    """
    label: str
    hourly: float = Field(gt=0, allow_inf_nan=False, description="kr. per hour incl. 20 pct. overhead")
    source: str
    derivation: str | None = None
    wage_from: str | None = None  # "<dated table>.<group>" the hourly rate was read from


def split_wage_from(ref: object) -> tuple[str, str]:
    """`kommunale_satser.sygeplejerske` -> (table name, group); a ValueError naming the form otherwise."""
    if not isinstance(ref, str) or ref.count(".") != 1 or not all(ref.split(".")):
        raise ValueError(f"wage_from must be '<dated table>.<wage group>', e.g. 'kommunale_satser.psykolog' (got {ref!r})")
    table, group = ref.split(".")
    return table, group


def dated_wage_group(ref: object):
    """(table name, group key, DatedRateTable) of a `wage_from` reference; ValueError if it leads nowhere."""
    from .dated_rates import DatedRateTable

    name, group = split_wage_from(ref)
    if not resolve_path(name).exists():
        raise ValueError(f"wage_from names no rate table {name!r}; available: {', '.join(available_tables())}")
    dated = load_source_table(name)
    if not isinstance(dated, DatedRateTable):
        raise ValueError(f"wage_from must name a dated table (kind: dated_rates); {name!r} is not one")
    if group not in dated.wage_groups:
        raise ValueError(f"wage_from: {name} has no wage group {group!r}; it has {', '.join(sorted(dated.wage_groups))}")
    return name, group, dated


def _resolve_wage_from(data: object) -> object:
    """Fill `hourly`, `source` and `derivation` of every group that names `wage_from`, from the dated table in
    the table's price year (dated_rates.DatedRateTable.for_year), so the public wage is stated in one place."""
    if not isinstance(data, dict) or not isinstance(data.get("wage_groups"), dict):
        return data
    year, overhead = data.get("price_year"), data.get("overhead_included")
    problems, groups = [], dict(data["wage_groups"])
    for key, group in groups.items():
        if not isinstance(group, dict) or "wage_from" not in group:
            continue
        loc = ("wage_groups", key, "wage_from")
        if "hourly" in group:
            problems.append((loc, "give wage_from or hourly, not both (the wage is stated in the dated table)"))
            continue
        if not isinstance(year, int):
            continue  # price_year's own error is reported
        try:
            name, dated_key, dated = dated_wage_group(group["wage_from"])
            fields = dated.for_year(year)
        except (ValueError, ScenarioError) as exc:
            problems.append((loc, str(exc)))
            continue
        if isinstance(overhead, (int, float)) and abs(fields["overhead_included"] - overhead) > 1e-9:
            problems.append((loc, f"{name} converts wages with overhead {fields['overhead_included']:g}; "
                                  f"this table's overhead_included is {overhead:g}"))
            continue
        resolved = fields["wage_groups"][dated_key]
        # the dated source already says which year's value and which index factor were used
        groups[key] = {**group, "hourly": resolved["hourly"], "source": f"{name}.{dated_key}: {resolved['source']}",
                       "derivation": resolved["derivation"]}
    if problems:
        from ..errors import FieldProblems

        raise FieldProblems(problems)
    return {**data, "wage_groups": groups}


class Discounting(_Strict):
    """The discount rate [fraction per year] and whether the first year is discounted; for a dated rule
    (discount_rules.py) also its key, label and (from_year, rate) steps."""
    rate: float = Field(ge=0, lt=1, allow_inf_nan=False)  # the rate of the first years (the only one if no steps)
    first_year_discounted: bool = False
    source: str
    derivation: str | None = None
    # Set when the rate comes from a dated rule (discount_rules.py): its key, label and (from_year, rate) steps.
    rule: str | None = None
    label: str | None = None
    steps: tuple[tuple[int, float], ...] | None = None

    def factors(self, n_years: int):
        """Discount factor of each calendar year (stepped rule or one rate)."""
        from .discount_rules import factors

        return factors(n_years, list(self.steps or [(0, self.rate)]), self.first_year_discounted)

    def steps_within(self, n_years: int) -> bool:
        """Whether a later step of the rule falls inside a horizon of `n_years` calendar years."""
        shift = 1 if self.first_year_discounted else 0
        return any(start < n_years - 1 + shift for start, _ in (self.steps or ())[1:])


class Travel(_Strict):
    """Travel rates: overnight stay [kr./night] and per diem (timedagpenge) [kr./day]."""
    overnight_stay: Sourced  # kr. per night (hotel)
    per_diem: Sourced  # timedagpenge, kr. per travel day


class RateTable(_Strict):
    """A rate table (salary_tables/<name>.yaml): wages per wage group [kr./h], hours per day [h/day], working weeks per
    year [weeks/year], travel [kr.] and discounting, in `price_year` prices, each value with its source.
    """
    name: str
    price_year: int = Field(ge=1990, le=2100)
    description: str
    overhead_included: float = Field(ge=0, le=1, allow_inf_nan=False)
    hours_per_day: Sourced
    weeks_per_year: Sourced
    discounting: Discounting
    travel: Travel
    wage_groups: dict[str, WageGroup]
    # Hours a full-time post (årsværk) is costed at: the 1.418-hour effective year of Socialstyrelsen's method.
    effective_hours_per_year: Sourced | None = None
    # How the table was brought to this price year (price_index.Restatement.as_dict); empty: as published.
    indexation: tuple[dict, ...] = ()
    source_file: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _wages_from_dated_table(cls, data: object) -> object:
        return _resolve_wage_from(data)

    @field_validator("wage_groups")
    @classmethod
    def _not_empty(cls, v: dict) -> dict:
        if not v:
            raise ValueError("a rate table needs at least one wage group")
        return v

    @model_validator(mode="after")
    def _sane(self) -> "RateTable":
        # A zero or negative rate here would turn every cost into 0 or a division by zero downstream.
        _positive("hours_per_day.value", self.hours_per_day.value)
        _positive("weeks_per_year.value", self.weeks_per_year.value)
        if self.hours_per_day.value > 24:
            raise ValueError(f"hours_per_day.value is {self.hours_per_day.value:g}; a day has 24 hours")
        if self.weeks_per_year.value > 53:
            raise ValueError(f"weeks_per_year.value is {self.weeks_per_year.value:g}; a year has 52 weeks")
        for name, value in (("travel.overnight_stay.value", self.travel.overnight_stay.value),
                            ("travel.per_diem.value", self.travel.per_diem.value)):
            not_negative(name, value)
        return self

    def hourly(self, group: str) -> float:
        """The hourly rate of a wage group [kr./h]."""
        return self.wage_groups[group].hourly


def available_tables() -> list[str]:
    """Names of the shipped tables in salary_tables/ and salary_tables/rates/."""
    here = salary_tables_dir()
    return sorted({p.stem for p in [*here.glob("*.yaml"), *(here / "rates").glob("*.yaml")]})


def loadable_tables(load=None) -> list[str]:
    """The shipped tables a reader can load, by name: what an error may offer (trial F15). `load` is the reader
    (default: this module's, which reads tables of hourly rates and dated tables, not a table of monthly wage
    costs such as krl_2019_report002); a table it refuses is left out."""
    load = load or load_source_table
    names = []
    for name in available_tables():
        try:
            load(name)
        except (ValueError, ScenarioError):
            continue
        names.append(name)
    return names


def resolve_path(name: str, base_dir: Path | None = None) -> Path:
    """A rate table is named (a file in salary_tables/ or salary_tables/rates/) or given as a path ending in .yaml
    relative to the scenario's folder (a user's own table next to the scenario)."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml"):
        return candidate if candidate.is_absolute() or base_dir is None else base_dir / candidate
    flat = salary_tables_dir() / f"{name}.yaml"
    dated = salary_tables_dir() / "rates" / f"{name}.yaml"
    return dated if not flat.exists() and dated.exists() else flat


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: float):
    from ..io.validate import validate_data
    from ..io.yamlio import load_yaml

    data, lines = load_yaml(path)  # parsed once (validate_file would parse it again: pure-Python YAML is slow)
    if isinstance(data, dict) and data.get("kind") == "dated_rates":
        from .dated_rates import DatedRateTable

        return validate_data(data, lines, DatedRateTable, str(path))
    return validate_data(data, lines, RateTable, str(path))


def load_source_table(name: str, base_dir: Path | None = None):
    """The table as written, by name or path (cached while the file is unchanged): a RateTable (one price year)
    or a dated_rates.DatedRateTable; a missing table is a ScenarioError listing the available ones."""
    path = resolve_path(name, base_dir).resolve()
    if not path.exists():
        raise ScenarioError(
            str(path),
            [Problem("rates", f"no rate table {name!r}; available: {', '.join(loadable_tables()) or 'none'}")],
        )
    return _load_cached(path, path.stat().st_mtime)


def load_rates(name: str, base_dir: Path | None = None, price_year: int | None = None) -> RateTable:
    """The rate table in `price_year` prices (default: the table's own year, or a dated table's latest wages).

    A table of another year is indexed: wages with the wage index, travel with the general PL index
    (price_index.py); `RateTable.indexation` says which index and factor.
    """
    table = load_source_table(name, base_dir)
    if not isinstance(table, RateTable):  # a dated table: its values of the years nearest price_year, indexed
        return RateTable.model_validate(table.for_year(price_year))
    table = _with_effective_hours(table)
    if price_year is None or price_year == table.price_year:
        return table
    return index_table(table, price_year)


DEFAULT_DATED_TABLE = "kommunale_satser"  # where a fixed-year table without them takes the 1.418 effective hours


def _with_effective_hours(table: RateTable) -> RateTable:
    """A fixed-year table (rates_2020) states no effective hours a year; full-time posts need them: the shipped
    dated table's (1.418, Socialstyrelsen's convention), read when the table is loaded, not when evaluating."""
    if table.effective_hours_per_year is not None:
        return table
    dated = load_source_table(DEFAULT_DATED_TABLE)
    year, value = dated.effective_hours_per_year.at(table.price_year)
    return table.model_copy(update={"effective_hours_per_year": Sourced(
        value=value.value, unit=dated.effective_hours_per_year.unit,
        source=f"{value.source} (from {DEFAULT_DATED_TABLE}, {year})")})


def index_table(table: RateTable, price_year: int) -> RateTable:
    """A one-year rate table restated in `price_year` prices (wages: løn index; travel: general PL index)."""
    from .price_index import PRICE_SERIES, WAGE_SERIES, restate

    try:
        wage = restate("timelønninger", WAGE_SERIES, table.price_year, price_year)
        price = restate("rejsesatser", PRICE_SERIES, table.price_year, price_year)
    except ValueError as exc:
        raise ScenarioError(table.source_file or table.name, [Problem("price_year", f"cannot index rate table "
                            f"{table.name} from {table.price_year} to {price_year}: {exc}")]) from None
    groups = {k: g.model_copy(update={"hourly": g.hourly * wage.factor}) for k, g in table.wage_groups.items()}
    travel = Travel(
        overnight_stay=table.travel.overnight_stay.model_copy(
            update={"value": table.travel.overnight_stay.value * price.factor}),
        per_diem=table.travel.per_diem.model_copy(update={"value": table.travel.per_diem.value * price.factor}),
    )
    return table.model_copy(update={"price_year": price_year, "wage_groups": groups, "travel": travel,
                                    "indexation": (wage.as_dict(), price.as_dict())})


def discounting_for(scenario, table: RateTable) -> Discounting:
    """The discounting a scenario gets: its own constant `discount_rate` (kept as the table's, which
    result.evaluate_with overrides), else the rule it names (`diskonteringsregel`), else the rule in force on its
    `vurderingsdato`, else the rule in force today (discount_rules.py)."""
    import datetime as dt

    from .discount_rules import load_rules

    rule_key = getattr(scenario, "diskonteringsregel", None)
    day = getattr(scenario, "vurderingsdato", None)
    rules = load_rules()
    if rule_key is None:
        when = day or dt.date.today()
        rule_key = rules.rule_for(when)
        why = f"in force on {when.isoformat()}" + ("" if day else " (today: the scenario gives no vurderingsdato)")
    else:
        why = "named by the scenario (diskonteringsregel)"
    rule = rules.rules[rule_key]
    return Discounting(rate=rule.steps[0].rate, first_year_discounted=rules.first_year.discounted,
                       source=f"{rule.source}; {why}", derivation=rules.first_year.source, rule=rule_key,
                       label=rule.label, steps=tuple((s.from_year, s.rate) for s in rule.steps))


def rates_for(scenario) -> RateTable:
    """The rate table a scenario names, in the scenario's price year (indexed where the table's year differs)
    and with the scenario's discount rule: the one resolved when it was loaded, or (for a scenario built in code)
    read now, a relative path being relative to the scenario's file."""
    attached = getattr(scenario, "_rate_table", None)
    if attached is not None:
        return attached
    return resolve_for(scenario)


def resolve_for(scenario, base_dir: Path | None = None) -> RateTable:
    """Read the scenario's rate table now: indexed to its price year, with its discount rule."""
    if base_dir is None:
        base = getattr(scenario, "_source_path", None)
        base_dir = Path(base).parent if base else None
    table = load_rates(scenario.rates, base_dir, getattr(scenario, "price_year", None))
    return table.model_copy(update={"discounting": discounting_for(scenario, table)})


def basis_of(rates: RateTable, own_discount_rate: float | None = None) -> dict:
    """Which rate table, indexation and discount rule a result rests on, as plain data (outputs print it)."""
    d = rates.discounting
    rule = d.rule if own_discount_rate is None else None
    return {
        "rate_table": rates.name,
        "rate_table_price_year": rates.price_year,
        "indexation": [dict(x) for x in rates.indexation],
        "restated": [],
        "discount_rule": rule,
        "discount_steps": [{"from_year": a, "rate": r} for a, r in d.steps] if rule and d.steps else None,
        "discount_rate": d.rate if own_discount_rate is None else own_discount_rate,
        "first_year_discounted": d.first_year_discounted,
    }
