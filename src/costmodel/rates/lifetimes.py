"""Default lifetimes of investments (salary_tables/levetider/oes.yaml, Økonomistyrelsen), each with its source."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field

from ..io.paths import salary_tables_dir
from .dated import _Strict


class Lifetime(_Strict):
    value: float = Field(gt=0, le=100, allow_inf_nan=False)
    unit: str
    source: str


class Lifetimes(_Strict):
    name: str
    description: str
    source: str
    lifetimes: dict[str, Lifetime] = Field(min_length=1)


def lifetimes_path(name: str = "oes") -> Path:
    return salary_tables_dir() / "levetider" / f"{name}.yaml"


@lru_cache(maxsize=2)
def load_lifetimes(name: str = "oes") -> Lifetimes:
    from ..io.validate import validate_file

    return validate_file(lifetimes_path(name), Lifetimes)


def default_lifetime(kind: str) -> float:
    table = load_lifetimes()
    if kind not in table.lifetimes:
        raise ValueError(f"no default lifetime for type {kind!r}; known: {', '.join(table.lifetimes)}")
    return table.lifetimes[kind].value
