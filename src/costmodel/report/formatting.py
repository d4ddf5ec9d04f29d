"""Danish number formatting for tables meant for people (machine output keeps plain numbers)."""
from __future__ import annotations

import math

from ..io.numbers import danish_number


def plain_value(value):
    """A value as JSON and a spreadsheet cell take it: a numpy scalar as the Python number it is, NaN and
    infinity as None (an empty cell, JSON null; neither format has a number for them), anything else as it is."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def format_number(value: float, decimals: int = 0) -> str:
    """1234567.8 -> '1.234.568'; -3700 -> '-3.700' (ASCII minus, thousands dot, decimal comma; io.numbers)."""
    return danish_number(value, decimals)


def round_to(value: float, step: float) -> float:
    """Round half away from zero to a multiple of `step` (the reports round to whole hundreds)."""
    if step <= 0:
        return value
    q = abs(value) / step
    return math.copysign(math.floor(q + 0.5) * step, value)


def format_kr(value: float, decimals: int = 0, round_step: float | None = None) -> str:
    """'14.500 kr.' / '-3.700 kr.'."""
    if round_step:
        value = round_to(value, round_step)
    return f"{format_number(value, decimals)} kr."


def singular(value: float, unit: str) -> str:
    """The unit for `value`: "1 time", not "1 timer" (also "1 time pr. uge"); other units as given."""
    if unit.startswith("timer") and value is not None and abs(float(value)) == 1:
        return "time" + unit[len("timer"):]
    return unit


def format_value(value: float, unit: str, round_step: float | None = None) -> str:
    """A value in Danish format for its unit (``kr.``, ``pct.``, ``timer``, ``antal``, ...)."""
    if unit == "kr.":
        return format_kr(value, round_step=round_step)
    if unit in ("pct.", "andel"):  # a fraction (0.035) shown as per cent
        return f"{format_number(value * 100, 1)} pct."
    if unit == "antal":  # a count says what it counts in its label: "270", never "270 antal"
        return format_number(value, 0 if float(value).is_integer() else 1)
    if unit in ("timer", "mdr.", "år"):
        decimals = 0 if float(value).is_integer() else 1
        return f"{format_number(value, decimals)} {singular(value, unit)}".rstrip()
    return format_number(value, 2)
