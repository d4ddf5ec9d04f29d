"""Tornado: each parameter moved to its low and its high value, all others at base; widest swing first."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..prospective import parameters as prm
from .vectorized import Evaluator
from .base import AnalysisResult, MEASURE_LABELS, check_measure, prospective_rates

DEFAULT_PCT = 10.0
COLUMNS = ["parameter", "label", "unit", "base_value", "low_value", "high_value", "result_low", "result_high",
           "base_result", "swing"]


def _pct_range(scenario, path: str, base: float, pct: float) -> tuple[float, float]:
    low, high = base * (1 - pct / 100), base * (1 + pct / 100)
    if prm.is_integer(scenario, path):
        # Whole numbers only (teams, staff): round, but move at least one away from the base.
        low = min(round(low), base - 1)
        high = max(round(high), base + 1)
        low = max(low, 1.0 if base >= 1 else 0.0)
    return float(max(low, 0.0)), float(high)


def ranges(scenario, parameters=None, pct: float | None = None, rates=None) -> list[tuple[str, float, float, float]]:
    """(path, base, low, high) for each parameter: the uncertainty block's range, or ± pct of the base."""
    rates = rates or prospective_rates(scenario)
    block = {e.parameter: e for e in getattr(scenario, "uncertainty", [])}
    if parameters is None:
        if not block:
            raise InputError("the scenario has no uncertainty: block; name parameters (and --pct)")
        parameters = list(block)
    out = []
    for path in parameters:
        base = prm.base_value(scenario, path, rates)
        if pct is None and path in block:
            low, high = block[path].range()
        else:
            low, high = _pct_range(scenario, path, base, DEFAULT_PCT if pct is None else pct)
        out.append((path, base, float(low), float(high)))
    return out


def tornado(scenario, parameters=None, pct: float | None = None, measure: str = "net_per_participant") -> AnalysisResult:
    """Tornado: each parameter at its low and at its high value, all else at base; widest swing first.

    Parameters
    ----------
    scenario : Scenario
        A loaded prospective scenario.
    parameters : list of str, optional
        Dotted paths; default: the uncertainty block's parameters.
    pct : float, optional
        Move each parameter this many percent [pct.] up and down instead of using the block's ranges.
    measure : str
        Default ``net_per_participant`` [kr., NNV].

    Returns
    -------
    AnalysisResult
        One row per parameter: base, low and high value [the parameter's unit], result at each and swing [kr.].
    """
    check_measure(measure, scenario)
    rates = prospective_rates(scenario)
    spec = ranges(scenario, parameters, pct, rates)
    paths = [p for p, *_ in spec]
    base = np.array([b for _, b, _, _ in spec])
    rows = [base]
    for j, (_, _, low, high) in enumerate(spec):
        for value in (low, high):
            row = base.copy()
            row[j] = value
            rows.append(row)
    evaluator = Evaluator(scenario, paths, rates)
    result = evaluator(np.array(rows))[measure]
    base_result = float(result[0])
    records = []
    for j, (path, b, low, high) in enumerate(spec):
        r_low, r_high = float(result[1 + 2 * j]), float(result[2 + 2 * j])
        records.append(dict(parameter=path, label=prm.label(scenario, path), unit=prm.unit(path), base_value=b,
                            low_value=low, high_value=high, result_low=r_low, result_high=r_high,
                            base_result=base_result, swing=abs(r_high - r_low)))
    frame = pd.DataFrame(records, columns=COLUMNS).sort_values("swing", ascending=False, kind="stable")
    meta = {"measure_label": MEASURE_LABELS[measure], "pct": pct, "base_result": base_result,
            "notes": list(evaluator.notes),
            "range_source": "± pct af basisværdien" if pct is not None else "scenariets uncertainty-blok"}
    return AnalysisResult("tornado", f"Tornadodiagram: {scenario.title}", measure, frame.reset_index(drop=True),
                          scenario.price_year, meta)
