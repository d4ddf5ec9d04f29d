"""What every analysis returns, and the measures it can report."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from .. import kinds
from ..prospective import parameters as prm
from ..prospective.result import LABELS

MEASURES = ("net_total", "net_per_participant", "gross_total", "gross_per_participant")
# The measures an analysis can report, labelled as the result summary labels them.
MEASURE_LABELS = {m: LABELS[m] for m in (*MEASURES, "savings_total", "savings_per_participant")}


@dataclass
class AnalysisResult:
    """What every analysis returns (tornado, spider, twoway, breakeven, psa).

    Attributes
    ----------
    kind : str
        ``tornado``, ``spider``, ``twoway``, ``breakeven`` or ``psa``.
    title : str
        Danish title for tables and plots.
    measure : str
        The measure the frame reports, e.g. ``net_per_participant`` [kr.] (PSA: all of MEASURES).
    frame : pandas.DataFrame
        One row per parameter, change, grid cell or measure; amounts [kr.] in `price_year` prices, NNV.
    price_year : int
        The price year of every amount [year].
    meta : dict
        Analysis-specific numbers (base values, grid, draws, seed, P(net cost < 0) [0-1]).
    samples : pandas.DataFrame or None
        PSA only: every draw and its results [kr.].
    statements : list of dict
        Break-even only: what each row found, as numbers; ``report.analysis_text.worded`` writes it in Danish.

    Units and Danish terms: docs/glossary.md.
    """
    kind: str  # tornado, spider, twoway, breakeven, psa
    title: str  # Danish
    measure: str  # the measure the frame reports (psa: all of MEASURES)
    frame: pd.DataFrame
    price_year: int
    meta: dict = field(default_factory=dict)
    samples: pd.DataFrame | None = None
    # What each frame row found, as numbers (break-even: which case, where, which way); report/ words it
    statements: list[dict] = field(default_factory=list)


def check_measure(measure: str) -> str:
    """Return `measure` if an analysis can report it, else raise ValueError naming the measures it can."""
    if measure not in MEASURE_LABELS:
        raise InputError(f"unknown measure {measure!r}; use one of {', '.join(MEASURE_LABELS)}")
    return measure


def prospective_rates(scenario):
    """The rate table of a prospective scenario (ValueError for an ex-post one: the suite's parameters are the
    prospective model's fields)."""
    kinds.require_prospective(scenario)
    return prm.load_rates_for(scenario)
