"""Break-even: the value of one parameter at which a measure (default net cost in total) is zero.

The measure is evaluated on a fine grid over [low, high] (as arrays); the first sign change is then narrowed by
bisection to a relative precision of 1e-12. Whole-number parameters (counts: deltagere, teams, ...) also get
the first whole value on the side where the measure is at or below zero.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import InputError
from ..prospective import parameters as prm
from .vectorized import Evaluator
from .base import AnalysisResult, MEASURE_LABELS, check_measure, prospective_rates

GRID_POINTS = 201
# whole_value: for counted parameters, the first whole value at which the measure is zero or below (else NaN);
# message: the answer in words, left empty here and written by costmodel.report.analysis_text.worded
COLUMNS = ["parameter", "label", "low", "high", "value", "found", "message", "whole_value"]


def _bisect(f, a: float, b: float, fa: float) -> float:
    for _ in range(200):
        mid = (a + b) / 2
        fm = f(mid)
        if fm == 0:
            return mid
        if (fm < 0) == (fa < 0):
            a, fa = mid, fm
        else:
            b = mid
        if abs(b - a) <= 1e-12 * max(1.0, abs(a), abs(b)):
            break
    return (a + b) / 2


def breakeven(scenario, parameter: str, low: float, high: float, measure: str = "net_total") -> AnalysisResult:
    """The value of one parameter at which a measure is zero (break-even, nulpunkt).

    Parameters
    ----------
    scenario : Scenario
        A loaded prospective scenario.
    parameter : str
        Dotted path, e.g. ``forloeb.deltagere_pr_forloeb`` [antal] or ``rates.wage_level`` [factor].
    low, high : float
        The range searched [the parameter's unit]; `low` < `high`.
    measure : str
        Default ``net_total`` [kr., NNV].

    Returns
    -------
    AnalysisResult
        One row: parameter, label, low, high, value (the zero, or for a whole-number parameter the first whole value
        at which the measure is zero or below), found, message (None; ``report.analysis_text.worded`` writes it),
        whole_value. `statements` holds the finding as numbers.

    Raises
    ------
    ValueError
        An empty range, an unknown measure, or an ex-post scenario.
    ParameterError
        A path that names no number of the scenario.
    """
    check_measure(measure, scenario)
    if not low < high:
        raise InputError(f"low ({low:g}) must be below high ({high:g})")
    rates = prospective_rates(scenario)
    base = prm.base_value(scenario, parameter, rates)
    integer = prm.is_integer(scenario, parameter)
    evaluator = Evaluator(scenario, [parameter], rates)
    label = prm.label(scenario, parameter)
    in_text = label[:1].lower() + label[1:]
    unit = prm.unit(parameter)
    counted = integer or unit == "antal"

    if integer:  # the model takes whole numbers only: search the whole values in the range
        grid = np.arange(math.ceil(low), math.floor(high) + 1, dtype=float)
        if len(grid) < 2:
            raise InputError(f"{parameter}: fewer than two whole values between {low:g} and {high:g}")
    else:
        grid = np.linspace(low, high, GRID_POINTS)
    values = evaluator(grid[:, None])[measure]

    def f(x: float) -> float:
        return float(evaluator(np.array([[x]]))[measure][0])

    what = MEASURE_LABELS[measure]
    sign = np.sign(values)
    crossing = np.nonzero(sign[:-1] * sign[1:] <= 0)[0]
    meta = {"measure_label": what, "base_value": base, "unit": unit, "grid": pd.DataFrame({"value": grid,
                                                                                         "result": values}),
            "notes": list(evaluator.notes)}
    if len(crossing) == 0:
        if np.allclose(values, values[0], rtol=1e-9, atol=1e-6):
            trend = "flat"
        else:
            trend = "falling" if values[-1] < values[0] else "rising"
        statement = dict(case="no_sign_change", what=what, in_text=in_text, unit=unit, low=low, high=high,
                         at_low=float(values[0]), at_high=float(values[-1]), trend=trend)
        row = dict(parameter=parameter, label=label, low=low, high=high, value=float("nan"), found=False,
                   message=None, whole_value=float("nan"))
        meta.update(whole_value=None)
        return AnalysisResult("breakeven", f"Break-even: {scenario.title}", measure, pd.DataFrame([row], columns=COLUMNS),
                              scenario.price_year, meta, statements=[statement])
    i = int(crossing[0])
    a, b = float(grid[i]), float(grid[i + 1])
    if values[i] == 0:
        root = a
    elif values[i + 1] == 0:
        root = b
    elif integer:
        root = float("nan")  # between two whole values; the model is not evaluated in between
    else:
        root = _bisect(f, a, b, float(values[i]))
    whole = None
    falling = bool(values[i + 1] < values[i])
    if counted:
        # The first whole value at which the measure is zero or below (on the side the sign change leads to).
        if integer:
            candidate = a if values[i] == 0 else (b if falling else a)
        else:
            candidate = math.ceil(root - 1e-9) if falling else math.floor(root + 1e-9)
        whole = float(candidate)
    statement = dict(case="zero", what=what, in_text=in_text, unit=unit, counted=counted, integer=integer, a=a, b=b,
                     at_a=float(values[i]), at_b=float(values[i + 1]), root=root, whole=whole, falling=falling,
                     several=len(crossing) > 1)
    value = whole if integer else root  # a whole-number parameter's break-even is the first whole value
    row = dict(parameter=parameter, label=label, low=low, high=high, value=value, found=True, message=None,
               whole_value=float("nan") if whole is None else whole)
    meta.update(whole_value=whole, bracket=(a, b))
    return AnalysisResult("breakeven", f"Break-even: {scenario.title}", measure, pd.DataFrame([row], columns=COLUMNS),
                          scenario.price_year, meta, statements=[statement])
