"""Draw parameter values from the distributions of a scenario's `uncertainty:` block (numpy Generator, seeded).

Parameters are drawn in the order the block lists them, each all at once, from one Generator: the same seed
and block give the same draws. Normal and lognormal draws outside their bounds (and below 0: every parameter of
the cost model is non-negative) are drawn again until inside (truncation by rejection). Whole-number
parameters (team and staff counts) are rounded to the nearest whole number.
"""
from __future__ import annotations

import numpy as np

from ..errors import InputError
from ..prospective.uncertainty import Lognormal, Normal, Pert, Triangular, Uniform

MAX_ROUNDS = 1000


def _raw(entry, n: int, rng: np.random.Generator) -> np.ndarray:
    if isinstance(entry, Uniform):
        return rng.uniform(entry.low, entry.high, n)
    if isinstance(entry, Triangular):
        return rng.triangular(entry.low, entry.mode, entry.high, n)
    if isinstance(entry, Pert):
        width = entry.high - entry.low
        a = 1 + entry.shape * (entry.mode - entry.low) / width
        b = 1 + entry.shape * (entry.high - entry.mode) / width
        return entry.low + width * rng.beta(a, b, n)
    if isinstance(entry, Normal):
        return rng.normal(entry.mean, entry.sd, n)
    if isinstance(entry, Lognormal):
        mu, sigma = entry.log_params()
        return rng.lognormal(mu, sigma, n)
    raise TypeError(f"unknown distribution {type(entry).__name__}")


def _bounds(entry) -> tuple[float, float]:
    low = getattr(entry, "low", None)
    high = getattr(entry, "high", None)
    return (0.0 if low is None else max(low, 0.0)), (np.inf if high is None else high)


def sample(entry, n: int, rng: np.random.Generator) -> np.ndarray:
    """n draws of one parameter, inside its bounds."""
    values = _raw(entry, n, rng)
    low, high = _bounds(entry)
    for _ in range(MAX_ROUNDS):
        outside = (values < low) | (values > high)
        if not outside.any():
            return values
        values[outside] = _raw(entry, int(outside.sum()), rng)
    raise InputError(f"{entry.parameter}: the bounds [{low:g}, {high:g}] cut off nearly all of the distribution")


def draw(entries, n: int, seed: int | np.random.Generator, integer: list[bool] | None = None) -> np.ndarray:
    """n × len(entries) draws, from a seed or from a Generator already in use (the PSA draws in chunks, each
    chunk parameter by parameter from one Generator: one chunk gives the draws one call with the seed gives)."""
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    out = np.empty((n, len(entries)))
    for j, entry in enumerate(entries):
        out[:, j] = sample(entry, n, rng)
        if integer and integer[j]:
            out[:, j] = np.round(out[:, j])
    return out
