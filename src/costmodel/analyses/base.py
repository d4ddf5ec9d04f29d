"""What every analysis returns, and the measures it can report."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

MEASURES = ("net_total", "net_per_participant", "gross_total", "gross_per_participant")
MEASURE_LABELS = {
    "net_total": "Nettoomkostninger i alt",
    "net_per_participant": "Nettoomkostninger pr. deltager",
    "gross_total": "Bruttoomkostninger i alt",
    "gross_per_participant": "Bruttoomkostninger pr. deltager",
    "savings_total": "Sparede omkostninger i alt",
    "savings_per_participant": "Sparede omkostninger pr. deltager",
}


@dataclass
class AnalysisResult:
    kind: str  # tornado, spider, twoway, breakeven, psa
    title: str  # Danish
    measure: str  # the measure the frame reports (psa: all of MEASURES)
    frame: pd.DataFrame
    price_year: int
    meta: dict = field(default_factory=dict)
    samples: pd.DataFrame | None = None


def check_measure(measure: str) -> str:
    if measure not in MEASURE_LABELS:
        raise ValueError(f"unknown measure {measure!r}; use one of {', '.join(MEASURE_LABELS)}")
    return measure
