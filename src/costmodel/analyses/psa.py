"""Probabilistic sensitivity analysis: draw the scenario's uncertain parameters, evaluate every draw (as arrays),
report mean, sd and percentiles of net and gross cost, in total and per deltager, and P(net < 0)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..prospective import parameters as prm
from ..errors import InputError, single
from .vectorized import Evaluator
from .base import AnalysisResult, MEASURE_LABELS, analysis_measures, prospective_rates
from .distributions import draw
from .progress import bar

PERCENTILES = {"p2_5": 2.5, "p5": 5, "p50": 50, "p95": 95, "p97_5": 97.5}


def _entries(scenario):
    entries = list(getattr(scenario, "uncertainty", []) or [])
    if not entries:
        file = str(getattr(scenario, "_source_path", None) or scenario.title)
        raise single(file, "the scenario has no uncertainty: block to draw from (see docs/analyses.md)",
                     "uncertainty")
    return entries


# Draws evaluated at a time: memory is this chunk's arrays (~50 MB) plus the summarised measures (four, more with tilskud or a completion share) of each draw
# (32 bytes), not every intermediate of every draw. Up to one chunk the draws are those of one call to draw(seed).
CHUNK = 250_000


def psa(scenario, draws: int = 10_000, seed: int = 20201, progress: bool = False,
        keep_samples: bool = True) -> AnalysisResult:
    """Probabilistic sensitivity analysis: draws from the scenario's `uncertainty:` block, evaluated exactly.

    Parameters
    ----------
    scenario : Scenario
        A loaded prospective scenario with an uncertainty block.
    draws : int
        Number of draws (1 to io.limits.MAX_DRAWS). They are drawn and evaluated CHUNK at a time, so memory does
        not grow with every intermediate of every draw: 1e7 draws fit in well under 1 GB (benchmarks/bench_scale.py).
    seed : int
        Seed of numpy's random generator (0 to io.limits.MAX_SEED): the same seed gives the same numbers.
    progress : bool
        Show a progress bar on a terminal.
    keep_samples : bool
        Keep every drawn parameter value in `samples` (the CLI asks for it with --samples). Without, `samples`
        holds only the summarised measures (four, more with tilskud or a completion share) of each draw [kr.] (exact percentiles need them; 32 bytes a draw).

    Returns
    -------
    AnalysisResult
        `frame`: per measure the mean and percentiles [kr., NNV]; `meta["prob_net_below_zero"]` [0-1];
        `samples`: every draw with its parameter values (see keep_samples) and results [kr.].
    """
    from ..io.limits import MAX_DRAWS, MAX_SEED

    if not 1 <= draws <= MAX_DRAWS:
        raise InputError(f"draws must be from 1 to {MAX_DRAWS:,} (got {draws:,})")
    if not 0 <= seed <= MAX_SEED:
        raise InputError(f"the seed must be a whole number from 0 to {MAX_SEED} (got {seed})")
    entries = _entries(scenario)
    rates = prospective_rates(scenario)
    paths = [e.parameter for e in entries]
    evaluator = Evaluator(scenario, paths, rates)
    measures = analysis_measures(scenario)  # with tilskud: after grants too; with a completion share: per completer
    integer = [prm.is_integer(scenario, p) for p in paths]
    rng = np.random.default_rng(seed)
    kept = {m: np.empty(draws) for m in measures}
    values = np.empty((draws, len(paths))) if keep_samples else None
    with bar(draws, "Probabilistisk analyse", progress) as advance:
        for lo in range(0, draws, CHUNK):
            hi = min(lo + CHUNK, draws)
            chunk = draw(entries, hi - lo, rng, integer)
            results = evaluator(chunk, advance)
            for m in measures:
                kept[m][lo:hi] = results[m]
            if values is not None:
                values[lo:hi] = chunk
            del chunk, results
    rows = []
    for m in measures:
        x = kept[m]
        qs = np.percentile(x, list(PERCENTILES.values()))
        rows.append(dict(measure=m, mean=float(np.mean(x)), sd=float(np.std(x, ddof=1)) if draws > 1 else 0.0,
                         **{k: float(q) for k, q in zip(PERCENTILES, qs)}, label=MEASURE_LABELS[m]))
    frame = pd.DataFrame(rows, columns=["measure", "mean", "sd", *PERCENTILES, "label"])
    prob = float(np.mean(kept["net_total"] < 0))
    if values is not None:
        samples = pd.DataFrame(values, columns=paths)
        del values
        for m in measures:
            samples[m] = kept[m]
    else:
        samples = pd.DataFrame(kept, copy=False)
    del kept
    base = prm.evaluate_at(scenario, {}, rates)
    meta = {
        "draws": draws,
        "seed": seed,
        "prob_net_below_zero": prob,
        "base": {m: float(base.measures[m]) for m in measures},
        "parameters": [
            dict(parameter=e.parameter, label=prm.label(scenario, e.parameter), unit=prm.unit(e.parameter),
                 distribution=e.distribution, base_value=prm.base_value(scenario, e.parameter, rates),
                 settings={k: v for k, v in e.model_dump().items()
                           if k not in ("parameter", "label", "source", "source_da", "tool_assumption", "distribution")},
                 source=e.source, tool_assumption=e.tool_assumption)
            for e in entries
        ],
        "notes": list(evaluator.notes),
    }
    return AnalysisResult("psa", f"Probabilistisk følsomhedsanalyse: {scenario.title}", "net_per_participant",
                          frame, scenario.price_year, meta, samples)
