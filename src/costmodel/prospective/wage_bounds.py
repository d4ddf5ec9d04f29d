"""How far a sensitivity may move a wage: one bound for the CLI analyses and a scenario's sensitivity block."""
from __future__ import annotations

from ..errors import PathError

RATE_PREFIX = "rates."
WAGE_LEVEL = "rates.wage_level"
# A wage change beyond this factor is a slip (a 1000 % "increase" is a factor 11), not a sensitivity [factor].
MAX_WAGE_FACTOR = 3.0


class WageChangeError(PathError):
    """A wage set outside 0 to MAX_WAGE_FACTOR times its base."""


def check_wage_change(path: str, value: float, base: float) -> None:
    """Refuse a negative wage or one above MAX_WAGE_FACTOR times its base."""
    if not 0 <= value <= base * MAX_WAGE_FACTOR:
        pct = (value / base - 1) * 100 if base else float("nan")
        raise WageChangeError(f"{path}: {value:g} is a change of {pct:+.0f} pct. from {base:g}; a wage sensitivity "
                              f"stays between 0 and {MAX_WAGE_FACTOR:g} times the base (write a 10 pct. increase as "
                              f"{base * 1.1:g})")


def rate_base(rates, path: str) -> float:
    """The base value of a rate parameter (KeyError/ValueError for an unknown one)."""
    if path == WAGE_LEVEL:
        return 1.0
    parts = path.split(".")
    if len(parts) != 4 or parts[1] != "wage_groups" or parts[3] != "hourly":
        raise ValueError(f"{path}: rate parameters are rates.wage_groups.<group>.hourly and {WAGE_LEVEL}")
    if parts[2] not in rates.wage_groups:
        raise ValueError(f"{path}: no wage group {parts[2]!r} (have {', '.join(rates.wage_groups)})")
    return float(rates.wage_groups[parts[2]].hourly)
