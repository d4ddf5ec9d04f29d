"""Spider: each parameter changed by the same percentages of its base value, one line per parameter."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..prospective import parameters as prm
from .vectorized import Evaluator
from .base import AnalysisResult, MEASURE_LABELS, check_measure, prospective_rates

DEFAULT_CHANGES = (-0.2, -0.1, 0.0, 0.1, 0.2)
COLUMNS = ["parameter", "label", "change", "value", "result"]


def _values(scenario, path: str, base: float, changes) -> list[tuple[float, float]]:
    """(change, value) pairs; whole-number parameters are rounded and the change is the one actually made."""
    out = []
    for c in changes:
        value = base * (1 + c)
        if prm.is_integer(scenario, path):
            value = float(round(value))
            c = value / base - 1 if base else 0.0
        if value < 0:
            continue
        if not any(abs(v - value) < 1e-12 for _, v in out):
            out.append((float(c), float(value)))
    return out


def spider(scenario, parameters=None, changes=None, measure: str = "net_per_participant") -> AnalysisResult:
    """Spider analysis: each parameter changed by the same fractions of its base value, one at a time.

    Parameters
    ----------
    scenario : Scenario
        A loaded prospective scenario.
    parameters : list of str, optional
        Dotted paths; default: the uncertainty block's parameters.
    changes : list of float, optional
        Changes as fractions of the base value [-], e.g. ``[-0.2, -0.1, 0, 0.1, 0.2]``.
    measure : str
        Default ``net_per_participant`` [kr., NNV].

    Returns
    -------
    AnalysisResult
        One row per parameter and change: value [the parameter's unit] and result [kr.].
    """
    check_measure(measure, scenario)
    rates = prospective_rates(scenario)
    if parameters is None:
        parameters = [e.parameter for e in getattr(scenario, "uncertainty", [])]
        if not parameters:
            raise InputError("the scenario has no uncertainty: block; name the parameters")
    changes = DEFAULT_CHANGES if changes is None else tuple(changes)
    from ..io.limits import MAX_OPTION_VALUES, MAX_PCT

    if len(changes) > MAX_OPTION_VALUES or not all(np.isfinite(c) and abs(c) <= MAX_PCT / 100 for c in changes):
        raise InputError(f"changes: at most {MAX_OPTION_VALUES:,} finite fractions within ±{MAX_PCT / 100:g}")
    if any(c <= -1 for c in changes):
        raise InputError("changes are fractions of the base value above -1 (e.g. -0.2 for -20 pct.)")
    base = np.array([prm.base_value(scenario, p, rates) for p in parameters], dtype=float)
    rows, index = [], []
    for j, path in enumerate(parameters):
        for change, value in _values(scenario, path, base[j], changes):
            row = base.copy()
            row[j] = value
            rows.append(row)
            index.append((path, change, value))
    evaluator = Evaluator(scenario, list(parameters), rates)
    result = evaluator(np.array(rows))[measure]
    frame = pd.DataFrame(
        [dict(parameter=p, label=prm.label(scenario, p), change=c, value=v, result=float(r))
         for (p, c, v), r in zip(index, result)], columns=COLUMNS)
    meta = {"measure_label": MEASURE_LABELS[measure], "changes": list(changes), "notes": list(evaluator.notes),
            "units": {p: prm.unit(p) for p in parameters}}
    return AnalysisResult("spider", f"Spindeldiagram: {scenario.title}", measure, frame, scenario.price_year, meta)
