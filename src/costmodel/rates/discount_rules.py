"""Finansministeriet's discount rate by date of assessment and year of the horizon.

Data: `salary_tables/discounting/finansministeriet.yaml` (rules with their period in force, steps by horizon
year and sources; the first-year convention stated there). A scenario names a rule (`diskonteringsregel`) or
its date of assessment (`vurderingsdato`); without either it gets the rule in force today.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from .dated import _Strict
from ..io.paths import salary_tables_dir

if TYPE_CHECKING:
    import numpy as np

DEFAULT_RULES = "finansministeriet"


class Step(_Strict):
    """From this horizon year on [years], this rate [fraction per year]."""
    from_year: int = Field(ge=0)  # horizon years after this many years use `rate`
    rate: float = Field(ge=0, lt=1, allow_inf_nan=False)


class Rule(_Strict):
    """One discount rule: the period it was in force, its steps by horizon year, its source."""
    label: str
    in_force_from: dt.date
    in_force_to: dt.date | None = None
    steps: list[Step] = Field(min_length=1)
    source: str

    @model_validator(mode="after")
    def _steps_ordered(self) -> "Rule":
        years = [s.from_year for s in self.steps]
        if years[0] != 0 or years != sorted(set(years)):
            raise ValueError("steps start at from_year 0 and rise")
        return self

    def in_force(self, day: dt.date) -> bool:
        """Whether the rule was in force on `day`."""
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


class FirstYear(_Strict):
    """Whether the first year of the horizon is discounted, and why."""
    discounted: bool
    source: str


class DiscountRules(_Strict):
    """The discount rules of one authority (Finansministeriet), keyed by rule id."""
    name: str
    description: str
    first_year: FirstYear
    rules: dict[str, Rule] = Field(min_length=1)

    def rule_for(self, day: dt.date) -> str:
        """The id of the rule in force on `day` (ValueError if none was)."""
        for key, rule in self.rules.items():
            if rule.in_force(day):
                return key
        raise ValueError(f"no discount rule of {self.name} was in force on {day.isoformat()}")


def rules_path(name: str = DEFAULT_RULES) -> Path:
    """Path of a discount-rules file in salary_tables/discounting/."""
    return salary_tables_dir() / "discounting" / f"{name}.yaml"


def load_rules(name: str = DEFAULT_RULES) -> DiscountRules:
    """The discount rules (validated, cached)."""
    return _load(rules_path(name).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> DiscountRules:
    from ..io.validate import validate_file

    return validate_file(path, DiscountRules)


def factors(n_years: int, steps: list[tuple[int, float]], first_year_discounted: bool = False) -> np.ndarray:
    """Discount factor of each calendar year of the horizon under a stepped rate.

    Year t (0-based; t + 1 when the first year is discounted too) is divided by the product of (1 + r_s) over the
    years s = 1..t, r_s being the rate of the step that year falls in: years 1-35 at the first rate, 36-70 at the
    second, and so on (Finansministeriet's piecewise rule).
    """
    import numpy as np  # here: loading a scenario resolves its rule without numpy (issue 12)

    shift = 1 if first_year_discounted else 0
    out = np.empty(n_years)
    for t in range(n_years):
        periods = t + shift
        log = 0.0
        for i, (start, rate) in enumerate(steps):
            end = steps[i + 1][0] if i + 1 < len(steps) else None
            inside = max(0, (periods if end is None else min(periods, end)) - start)
            log += inside * np.log1p(rate)
        out[t] = np.exp(-log)
    return out
