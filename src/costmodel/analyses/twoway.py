"""Two-way sensitivity: two parameters over ranges, every combination, all else at base."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..prospective import parameters as prm
from .vectorized import Evaluator
from .base import AnalysisResult, MEASURE_LABELS, check_measure, prospective_rates


def twoway(scenario, x: str, x_values, y: str, y_values, measure: str = "net_per_participant",
           progress: bool = False) -> AnalysisResult:
    """Two-way analysis: two parameters over ranges, every combination evaluated.

    Parameters
    ----------
    scenario : Scenario
        A loaded prospective scenario.
    x, y : str
        Dotted paths of the two parameters (columns and rows); they must differ.
    x_values, y_values : sequence of float
        Their values [each parameter's unit].
    measure : str
        Default ``net_per_participant`` [kr., NNV].
    progress : bool
        Show a progress bar on a terminal.

    Returns
    -------
    AnalysisResult
        `frame`: one row per combination with the result [kr.]; `meta["grid"]`: the same as a y-by-x table.
    """
    check_measure(measure, scenario)
    if x == y:
        raise InputError("the two parameters of a two-way analysis must differ")
    from itertools import islice

    from ..io.limits import MAX_GRID

    # at most MAX_GRID values of each are read (a range of 1e12 is never listed), then the grid is bounded
    x_values = [float(v) for v in islice(x_values, MAX_GRID + 1)]
    y_values = [float(v) for v in islice(y_values, MAX_GRID + 1)]
    if not x_values or not y_values:
        raise InputError("give at least one value for each parameter")
    if len(x_values) * len(y_values) > MAX_GRID:
        nx = f"{len(x_values):,}" if len(x_values) <= MAX_GRID else f"more than {MAX_GRID:,}"
        ny = f"{len(y_values):,}" if len(y_values) <= MAX_GRID else f"more than {MAX_GRID:,}"
        raise InputError(f"{nx} x {ny} combinations, above the bound of {MAX_GRID:,}")
    rates = prospective_rates(scenario)
    xs, ys = np.meshgrid(np.array(x_values), np.array(y_values))  # rows: y, columns: x
    values = np.column_stack([xs.ravel(), ys.ravel()])
    evaluator = Evaluator(scenario, [x, y], rates)
    from .progress import bar

    with bar(len(values), "Tovejsanalyse", progress) as advance:
        result = evaluator(values, advance)[measure]
    frame = pd.DataFrame({"x_value": values[:, 0], "y_value": values[:, 1], "result": result})
    grid = pd.DataFrame(result.reshape(len(y_values), len(x_values)), index=pd.Index(y_values, name=y),
                        columns=pd.Index(x_values, name=x))
    meta = {"grid": grid, "x": x, "y": y, "x_label": prm.label(scenario, x), "y_label": prm.label(scenario, y),
            "x_unit": prm.unit(x), "y_unit": prm.unit(y), "measure_label": MEASURE_LABELS[measure],
            "base_x": prm.base_value(scenario, x, rates), "base_y": prm.base_value(scenario, y, rates),
            "notes": list(evaluator.notes)}
    return AnalysisResult("twoway", f"Tovejsanalyse: {scenario.title}", measure, frame, scenario.price_year, meta)
