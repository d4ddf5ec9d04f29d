"""Default lifetimes of investments (salary_tables/levetider/oes.yaml, Økonomistyrelsen), each with its source."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field

from ..io.paths import salary_tables_dir
from .dated import _Strict


class Lifetime(_Strict):
    """A default lifetime [years] with its source."""
    value: float = Field(gt=0, le=100, allow_inf_nan=False)
    unit: str
    source: str


class Lifetimes(_Strict):
    """Default lifetimes of kinds of asset."""
    name: str
    description: str
    source: str
    lifetimes: dict[str, Lifetime] = Field(min_length=1)


def lifetimes_path(name: str = "oes") -> Path:
    """Path of a lifetimes file in salary_tables/levetider/."""
    return salary_tables_dir() / "levetider" / f"{name}.yaml"


@lru_cache(maxsize=2)
def load_lifetimes(name: str = "oes") -> Lifetimes:
    """The default lifetimes (validated, cached)."""
    from ..io.validate import validate_file

    return validate_file(lifetimes_path(name), Lifetimes)


def default_lifetime(kind: str) -> float:
    """The default lifetime [years] of a kind of asset (ValueError for an unknown kind)."""
    table = load_lifetimes()
    if kind not in table.lifetimes:
        raise ValueError(f"no default lifetime for type {kind!r}; known: {', '.join(table.lifetimes)}")
    return table.lifetimes[kind].value
