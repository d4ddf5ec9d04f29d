"""Discount factors for net present value (NNV, nettonutidsværdi)."""
from __future__ import annotations

import numpy as np


def discount_factors(n_years: int, rate: float, first_year_discounted: bool = False) -> np.ndarray:
    """Factor for each calendar year of the horizon.

    Socialstyrelsen's cost model, as report 000's figures show, leaves the first year undiscounted:
    year t (0-based) is divided by (1 + rate) ** t.
    """
    t = np.arange(n_years, dtype=float) + (1.0 if first_year_discounted else 0.0)
    return (1.0 + rate) ** -t
