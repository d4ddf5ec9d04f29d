"""A table for people and machines alike: the shape every sensitivity analysis returns."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class SweepTable:
    """One sensitivity table: a `row` key column, a Danish `label` column, then value columns.

    `units` gives each value column's unit ("kr.", "antal", "pct."); `note` says e.g. which parts scale.
    """

    key: str
    title: str
    frame: pd.DataFrame
    units: dict[str, str] = field(default_factory=dict)
    note: str = ""
    source: str | None = None
    price_year: int | None = None  # kroner columns are in this year's prices
    rate_basis: dict | None = None  # rate table, its indexation and the discount rule (rates.table.basis_of)
    headers: dict[str, str] = field(default_factory=dict)  # column headings for people where labels.COLUMNS has none
