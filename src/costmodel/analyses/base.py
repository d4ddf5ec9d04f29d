"""What every analysis returns, and the measures it can report."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from .. import kinds
from ..prospective import parameters as prm
from ..prospective.result import LABELS

MEASURES = ("net_total", "net_per_participant", "gross_total", "gross_per_participant")
# Measures only a scenario with a `tilskud:` block, or with a completion share, has (issue 14 follow-up).
GRANT_MEASURES = ("net_after_grants_total", "net_after_grants_per_participant")
COMPLETER_MEASURES = ("gross_per_completer", "net_per_completer", "net_after_grants_per_completer")
COMPLETION_SHARE = "forloeb.gennemfoerelsesandel"
# The measures an analysis can report, labelled as the result summary labels them.
MEASURE_LABELS = {m: LABELS[m] for m in (*MEASURES, "savings_total", "savings_per_participant", *GRANT_MEASURES,
                                         *COMPLETER_MEASURES)}


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


def check_measure(measure: str, scenario=None) -> str:
    """Return `measure` if an analysis can report it (for `scenario`, when given), else raise InputError naming
    the measures it can: net after grants needs a `tilskud:` block, per completing deltager a completion share."""
    if measure not in MEASURE_LABELS:
        raise InputError(f"unknown measure {measure!r}; use one of {', '.join(MEASURE_LABELS)}")
    if scenario is not None:
        if "after_grants" in measure and not getattr(scenario, "tilskud", None):
            raise InputError(f"measure {measure!r}: the scenario has no tilskud: block (net after grants is its net; "
                             "use net_total or net_per_participant)")
        if measure in COMPLETER_MEASURES and getattr(getattr(scenario, "forloeb", None), "gennemfoerelsesandel",
                                                     None) is None:
            raise InputError(f"measure {measure!r}: the scenario gives no forloeb.gennemfoerelsesandel (the share "
                             "of deltagere who complete)")
    return measure


def analysis_measures(scenario) -> tuple[str, ...]:
    """The measures a PSA reports for `scenario`: MEASURES, net after grants where it has tilskud, and per
    completing deltager where it gives a completion share."""
    grants = bool(getattr(scenario, "tilskud", None))
    out = MEASURES + (GRANT_MEASURES if grants else ())
    if getattr(getattr(scenario, "forloeb", None), "gennemfoerelsesandel", None) is not None:
        out += COMPLETER_MEASURES if grants else COMPLETER_MEASURES[:2]
    return out


def prospective_rates(scenario):
    """The rate table of a prospective scenario (ValueError for an ex-post one: the suite's parameters are the
    prospective model's fields)."""
    kinds.require_prospective(scenario)
    return prm.load_rates_for(scenario)
