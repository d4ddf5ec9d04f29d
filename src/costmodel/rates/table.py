"""The rate table: wages per wage group, working time, travel rates and discounting, each with its source.

A rate table is one YAML file in `salary_tables/`. Every value carries `source:`; values the reports do not
print say what they were implied by (see docs/derivations.md).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem, ScenarioError
from ..io.paths import salary_tables_dir
from ..io.validate import validate_file
from .wages import load_wage_table


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
    """A wage group (lønkategori): its hourly rate [kr./h, incl. overhead] and source."""
    label: str
    hourly: float = Field(gt=0, allow_inf_nan=False, description="kr. per hour incl. 20 pct. overhead")
    source: str
    derivation: str | None = None


class Discounting(_Strict):
    """The discount rate [fraction per year] and whether the first year is discounted."""
    rate: float = Field(ge=0, lt=1, allow_inf_nan=False)
    first_year_discounted: bool = False
    source: str
    derivation: str | None = None


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
            if value < 0:
                raise ValueError(f"{name} must not be negative (got {value:g})")
        return self

    def hourly(self, group: str) -> float:
        """The hourly rate of a wage group [kr./h]."""
        return self.wage_groups[group].hourly


def available_tables() -> list[str]:
    """Names of the shipped tables in salary_tables/."""
    return sorted(p.stem for p in salary_tables_dir().glob("*.yaml"))


def resolve_path(name: str, base_dir: Path | None = None) -> Path:
    """A rate table is named (a file in salary_tables/) or given as a path relative to the scenario."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml"):
        return candidate if candidate.is_absolute() or base_dir is None else base_dir / candidate
    return salary_tables_dir() / f"{name}.yaml"


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: float) -> RateTable:
    return validate_file(path, RateTable)


def load_rates(name: str, base_dir: Path | None = None) -> RateTable:
    """Read and validate a rate table by name or path (cached while the file is unchanged); a missing table is a
    ScenarioError listing the available ones.
    """
    path = resolve_path(name, base_dir).resolve()
    if not path.exists():
        raise ScenarioError(
            str(path),
            [Problem("rates", f"no rate table {name!r}; available: {', '.join(available_tables()) or 'none'}")],
        )
    return _load_cached(path, path.stat().st_mtime)


def rates_for(scenario) -> RateTable:
    """The rate table a scenario names: the one resolved when it was loaded, or (for a scenario built in code)
    read now, a relative path being relative to the scenario's file."""
    attached = getattr(scenario, "_rate_table", None)
    if attached is not None:
        return attached
    base = getattr(scenario, "_source_path", None)
    return load_rates(scenario.rates, Path(base).parent if base else None)


def describe_tables() -> str:
    """'rates_2020 (2020 prices), ...' for every table in salary_tables/ that loads."""
    out = []
    for name in available_tables():
        try:
            out.append(f"{name} ({load_rates(name).price_year} prices)")
        except ScenarioError:
            try:  # report 002's table is a wage table of another shape
                out.append(f"{name} ({load_wage_table(name).price_year} prices)")
            except (ScenarioError, ValueError):
                out.append(name)
    return ", ".join(out)
