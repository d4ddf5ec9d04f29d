"""The scenario's `uncertainty:` block: a distribution for each uncertain parameter (validated, no sampling here).

Each entry names a parameter by dotted path (as costmodel.io.dotted walks it), a distribution and its
parameters, and the source of the range. Parameterisation (docs/analyses.md):

- uniform: low, high
- triangular: low, mode, high
- pert: low, mode, high, optional shape (lambda, default 4): Beta(1 + shape·(mode-low)/(high-low),
  1 + shape·(high-mode)/(high-low)) scaled to [low, high]
- normal: mean, sd; optional low/high cut the distribution (truncation)
- lognormal: mean, sd of the value itself (not of its log); optional low/high truncation

Every parameter of the cost model is non-negative, so draws are also truncated at 0.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import PathError
from ..io import dotted

Finite = Annotated[float, Field(allow_inf_nan=False)]


class _Base(BaseModel):
    # The string under each field is its description in the JSON Schema (costmodel.schema): an editor's hover text.
    model_config = ConfigDict(extra="forbid")

    parameter: str = Field(min_length=1)
    """Punktum-sti til den usikre parameter (fx forloeb.deltagere_pr_forloeb; listeelementer ved `id` eller `name`),
    eller `rates.wage_level`, `rates.wage_groups.<gruppe>.hourly`, `discount_rate`."""
    label: str | None = None  # Danish label for tables and plots (default: derived from the path)
    """Parameterens navn på dansk i tabeller og figurer. Standard: afledt af stien."""
    source: str = Field(min_length=1)
    """Hvor intervallet (fordelingen) kommer fra."""
    tool_assumption: bool = False  # the range (or its shape) is this tool's assumption, not the report's
    """`true`, når intervallet (eller dets form) er dette værktøjs antagelse, ikke rapportens. Standard: false."""
    source_da: str | None = None  # the source in Danish, for the memo (issue 11)
    """Kilden på dansk til budgetnotatet. Standard: `source` trykkes."""

    def range(self) -> tuple[float, float]:
        """Low and high for tornado and spider: the stated range, else the central 95 pct."""
        raise NotImplementedError

    def center(self) -> float:
        raise NotImplementedError


class _Bounded(_Base):
    low: Finite
    """Nedre grænse [parameterens enhed], mindst 0 og under `high`."""
    high: Finite
    """Øvre grænse [parameterens enhed]."""

    def range(self) -> tuple[float, float]:
        return self.low, self.high

    @model_validator(mode="after")
    def _ordered(self):
        mode = getattr(self, "mode", None)
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be below high ({self.high:g})")
        if mode is not None and not self.low <= mode <= self.high:
            raise ValueError(f"mode ({mode:g}) must lie between low ({self.low:g}) and high ({self.high:g})")
        if self.low < 0:
            raise ValueError(f"low ({self.low:g}) is negative; the cost model's parameters are all >= 0")
        return self


class Uniform(_Bounded):
    """Uniform between `low` and `high` [the parameter's unit]."""
    distribution: Literal["uniform"]
    """`uniform`: ligefordeling mellem `low` og `high`."""

    def center(self) -> float:
        """The midpoint [the parameter's unit]."""
        return (self.low + self.high) / 2


class Triangular(_Bounded):
    """Triangular with `low`, `mode`, `high` [the parameter's unit]."""
    distribution: Literal["triangular"]
    """`triangular`: trekantfordeling med `low`, `mode` og `high`."""
    mode: Finite
    """Typeværdien (den mest sandsynlige) [parameterens enhed], mellem `low` og `high`."""

    def center(self) -> float:
        """The mode [the parameter's unit]."""
        return self.mode


class Pert(_Bounded):
    """PERT (a scaled Beta) with `low`, `mode`, `high` and `shape` (lambda, default 4)."""
    distribution: Literal["pert"]
    """`pert`: PERT-fordeling (en skaleret betafordeling) med `low`, `mode`, `high` og `shape`."""
    mode: Finite
    """Typeværdien (den mest sandsynlige) [parameterens enhed], mellem `low` og `high`."""
    shape: float = Field(4.0, gt=0, allow_inf_nan=False)
    """PERT-fordelingens formparameter lambda [-], over 0; højere samler fordelingen om `mode`. Standard: 4."""

    def center(self) -> float:
        """The mode [the parameter's unit]."""
        return self.mode


class _Unbounded(_Base):
    mean: Finite
    """Middelværdien [parameterens enhed]; for en lognormalfordeling selve værdiens, ikke logaritmens."""
    sd: float = Field(gt=0, allow_inf_nan=False)
    """Standardafvigelsen [parameterens enhed], over 0."""
    low: Finite | None = None  # truncation
    """Nedre afskæring [parameterens enhed], mindst 0. Standard: 0 (alle parametre er ikke-negative)."""
    high: Finite | None = None
    """Øvre afskæring [parameterens enhed]. Kan udelades."""

    @model_validator(mode="after")
    def _bounds(self):
        lo = 0.0 if self.low is None else self.low
        if self.low is not None and self.low < 0:
            raise ValueError(f"low ({self.low:g}) is negative; the cost model's parameters are all >= 0")
        if self.high is not None and not lo < self.high:
            raise ValueError(f"high ({self.high:g}) must be above low ({lo:g})")
        if not (lo <= self.mean and (self.high is None or self.mean <= self.high)):
            raise ValueError(f"mean ({self.mean:g}) lies outside the bounds")
        return self

    def center(self) -> float:
        return self.mean

    def _z_range(self) -> tuple[float, float]:
        raise NotImplementedError

    def range(self) -> tuple[float, float]:
        lo, hi = self._z_range()
        lo = max(lo, self.low if self.low is not None else 0.0)
        hi = min(hi, self.high) if self.high is not None else hi
        return lo, hi


Z975 = 1.959963984540054


class Normal(_Unbounded):
    """Normal with `mean` and `sd` [the parameter's unit], optionally truncated at `low`/`high` (and at 0)."""
    distribution: Literal["normal"]
    """`normal`: normalfordeling med `mean` og `sd`, evt. afskåret ved `low`/`high` (og altid ved 0)."""

    def _z_range(self) -> tuple[float, float]:
        return self.mean - Z975 * self.sd, self.mean + Z975 * self.sd


class Lognormal(_Unbounded):
    """Lognormal with the `mean` and `sd` of the value itself [the parameter's unit], optionally truncated."""
    distribution: Literal["lognormal"]
    """`lognormal`: lognormalfordeling med selve værdiens `mean` (over 0) og `sd`, evt. afskåret ved `low`/`high`."""

    @model_validator(mode="after")
    def _positive_mean(self):
        if self.mean <= 0:
            raise ValueError("a lognormal needs mean > 0")
        return self

    @model_validator(mode="after")
    def _spread_bounded(self):  # sd/mean beyond this overflows the log-space parameters (nan draws)
        from ..io.limits import MAX_LOGNORMAL_CV

        if self.sd > MAX_LOGNORMAL_CV * self.mean:
            raise ValueError(f"sd ({self.sd:g}) is more than {MAX_LOGNORMAL_CV:g} times the mean ({self.mean:g}), "
                             "the bound on a lognormal's spread")
        return self

    def log_params(self) -> tuple[float, float]:
        """(mu, sigma) of log(value) for the stated mean and sd of the value."""
        import math

        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        return math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2)

    def _z_range(self) -> tuple[float, float]:
        import math

        mu, sigma = self.log_params()
        return math.exp(mu - Z975 * sigma), math.exp(mu + Z975 * sigma)


UncertainParameter = Annotated[
    Union[Uniform, Triangular, Pert, Normal, Lognormal], Field(discriminator="distribution")
]


def path_problems(scenario, entries, fields=()) -> list[tuple[tuple, str]]:
    """Entries whose parameter path does not resolve in `scenario` (a Scenario, or the dict of its validated
    fields), or that name one parameter twice. A path into one of `fields` that is missing from the dict
    failed its own validation, which is reported on its own. Each problem is (location in the list, message), so
    the loader can point at the entry's own line."""
    problems, seen = [], set()
    for i, entry in enumerate(entries):
        if entry.parameter in seen:
            problems.append(((i, "parameter"), f"{entry.parameter!r} is given twice"))
        seen.add(entry.parameter)
        if entry.parameter.startswith("rates."):
            parts = entry.parameter.split(".")
            if entry.parameter != "rates.wage_level" and not (len(parts) == 4 and parts[1] == "wage_groups"
                                                               and parts[3] == "hourly"):
                problems.append(((i, "parameter"), f"{entry.parameter!r}: rate parameters are "
                                 "rates.wage_level and rates.wage_groups.<group>.hourly"))
            continue  # the group is checked against the rate table when the analysis runs
        head = entry.parameter.split(".")[0]
        if isinstance(scenario, dict) and head not in scenario and head in fields:
            continue
        try:
            dotted.number_at(scenario, entry.parameter, none_ok=entry.parameter == "discount_rate")
        except PathError as exc:
            problems.append(((i, "parameter"), str(exc)))
    return problems
