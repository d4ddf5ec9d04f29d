"""Index series (wage, general PL) for restating kroner from one price year to another.

Data: `salary_tables/index/<name>.yaml` (annual per-cent changes, each with its source; see dated.py).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from .dated import Series, _Strict
from ..io.paths import salary_tables_dir

DEFAULT_INDEX = "fm_pl"
WAGE_SERIES = "loen"
PRICE_SERIES = "generel_pl"


class IndexSeries(_Strict):
    """Index series (løn, generel PL): annual change [pct.] by year from a base year."""
    name: str
    description: str
    base_year: int
    series: dict[str, Series] = Field(min_length=1)

    def level(self, series: str, year: int) -> float:
        """Index level in `year` with base_year = 1 (ValueError outside the years the series covers)."""
        s = self._series(series)
        first, last = self.base_year, max(s.values)
        if not first <= year <= last:
            raise ValueError(f"index {self.name}.{series} covers {first}-{last}, not {year}")
        level = 1.0
        for y in range(first + 1, year + 1):
            if y not in s.values:
                raise ValueError(f"index {self.name}.{series} has no change for {y}")
            level *= 1 + s.values[y].value / 100
        return level

    def factor(self, series: str, from_year: int, to_year: int) -> float:
        """Multiply kroner in `from_year` prices by this to get `to_year` prices (1 when the years are equal:
        a value already in the price year needs no index, even in a year the index does not cover)."""
        if from_year == to_year:
            self._series(series)  # an unknown series is still an error
            return 1.0
        # The changes between the two years only (equal to level(to) / level(from)): a factor then does not move in
        # its last bits when the series is extended back to an earlier base year.
        lo, hi = sorted((from_year, to_year))
        self.level(series, lo)  # both years inside the series and no gap between (ValueError otherwise)
        self.level(series, hi)
        values = self._series(series).values
        up = math.prod(1 + values[y].value / 100 for y in range(lo + 1, hi + 1))
        return up if to_year > from_year else 1 / up

    def estimated_years(self, series: str, from_year: int, to_year: int) -> list[int]:
        """Years between the two whose change is an estimate (skøn)."""
        lo, hi = sorted((from_year, to_year))
        s = self._series(series)
        return [y for y in range(lo + 1, hi + 1) if y in s.values and s.values[y].estimate]

    def _series(self, series: str) -> Series:
        if series not in self.series:
            raise ValueError(f"index {self.name} has no series {series!r} (has {', '.join(self.series)})")
        return self.series[series]


@dataclass(frozen=True)
class Restatement:
    """How kroner were moved between price years: which index, from and to which year, by what factor."""

    what: str  # e.g. "løn (timelønninger)", "resultat"
    index: str  # e.g. "fm_pl.loen"
    from_year: int
    to_year: int
    factor: float
    estimate_years: tuple[int, ...] = ()

    def text(self) -> str:
        """The restatement in one Danish line."""
        skon = f"; {', '.join(map(str, self.estimate_years))} er skøn" if self.estimate_years else ""
        return (f"{self.what}: {self.from_year} → {self.to_year} med indeks {self.index}, "
                f"faktor {self.factor:.4f}".replace(".", ",", 1) + skon)

    def as_dict(self) -> dict:
        """The restatement as plain data (JSON)."""
        return dict(what=self.what, index=self.index, from_year=self.from_year, to_year=self.to_year,
                    factor=self.factor, estimate_years=list(self.estimate_years))


def index_path(name: str) -> Path:
    """Path of an index-series file in salary_tables/index/."""
    return salary_tables_dir() / "index" / f"{name}.yaml"


def load_index(name: str = DEFAULT_INDEX) -> IndexSeries:
    """The index series (validated, cached)."""
    return _load(index_path(name).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> IndexSeries:
    from ..errors import Problem, ScenarioError
    from ..io.validate import validate_file

    if not path.is_file():
        raise ScenarioError(str(path), [Problem("", "no such index series file")])
    return validate_file(path, IndexSeries)


def restate(what: str, series: str, from_year: int, to_year: int, index: str = DEFAULT_INDEX) -> Restatement:
    """The factor from `from_year` to `to_year` prices on `index`.`series` (ValueError outside its years)."""
    table = load_index(index)
    return Restatement(what, f"{index}.{series}", from_year, to_year, table.factor(series, from_year, to_year),
                       tuple(table.estimated_years(series, from_year, to_year)))
