"""One schema for dated public data (wages, working time, travel, index series): each value has a value, a source
and, where it is only an estimate, `estimate: true`; series carry a unit and their values keyed by year.

OpenFisca-like: a parameter is a series of values by year, and a lookup for a year takes the nearest year given.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatedValue(_Strict):
    """One dated value: value, source, and whether it is an estimate (skøn)."""
    value: float = Field(allow_inf_nan=False)
    source: str
    estimate: bool = False  # "skøn": the source says why
    derivation: str | None = None


class Series(_Strict):
    """A value by year, e.g. a wage group's monthly wage cost in 2019 and in 2023."""

    unit: str
    label: str | None = None
    values: dict[int, DatedValue] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _years_sane(cls, v: dict[int, DatedValue]) -> dict[int, DatedValue]:
        for year in v:
            if not 1900 <= year <= 2100:
                raise ValueError(f"year {year} is not a year between 1900 and 2100")
        return v

    def nearest_year(self, year: int) -> int:
        """The year with a value nearest to `year` (the later one on a tie: newer data)."""
        return min(self.values, key=lambda y: (abs(y - year), -y))

    def at(self, year: int) -> tuple[int, DatedValue]:
        """(year, value) of the year nearest to `year`."""
        chosen = self.nearest_year(year)
        return chosen, self.values[chosen]
