"""Discount cost lines to NNV and summarise them: gross, savings and net, in total and per deltager."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from ..rates.discounting import discount_factors
from .engine import cost_lines, participants
from .model import Scenario
from ..rates.table import RateTable

GROSS_CATEGORIES = ("etablering", "uddannelse", "drift")
CATEGORY_MEASURES = {
    "etablering": "establishment",
    "uddannelse": "training",
    "drift": "operation",
    "sparede_omkostninger": "savings",
}
LABELS = {
    "net_total": "Nettoomkostninger i alt",
    "net_per_participant": "Nettoomkostninger pr. deltager",
    "gross_total": "Bruttoomkostninger i alt",
    "gross_per_participant": "Bruttoomkostninger pr. deltager",
    "savings_total": "Sparede omkostninger i alt",
    "savings_per_participant": "Sparede omkostninger pr. deltager",
    "establishment_per_participant": "Etablering pr. deltager",
    "training_per_participant": "Uddannelse pr. deltager",
    "operation_per_participant": "Drift pr. deltager",
    "establishment_total": "Etablering i alt",
    "training_total": "Uddannelse i alt",
    "operation_total": "Drift i alt",
    "participants": "Deltagere i alt (antal)",
    "participants_discounted": "Deltagere, tilbagediskonteret (NNV)",
    "horizon_years": "Tidshorisont",
    "discount_rate": "Diskonteringsrente",
}


@dataclass
class Result:
    """A cost assessment: cost lines (tidy frame) and the NNV summary, in `price_year` kroner."""

    kind: ClassVar[str] = "prospective"
    scenario: Scenario
    rates: RateTable
    lines: pd.DataFrame
    participants_by_year: np.ndarray
    discount_rate: float
    measures: dict[str, float] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.scenario.title

    @property
    def price_year(self) -> int:
        return self.scenario.price_year

    def __getitem__(self, measure: str) -> float:
        """`result["net_per_participant"]` [kr.]: the value of one measure."""
        return self.measures[measure]

    def value(self, measure: str) -> float:
        """The value of one measure [kr., or the measure's unit], as an ex-post result answers."""
        return self.measures[measure]

    def summary_frame(self) -> pd.DataFrame:
        units = {"participants": "antal", "participants_discounted": "antal", "horizon_years": "år",
                 "discount_rate": "pct."}
        rows = [
            dict(measure=m, label=LABELS.get(m, m), value=v, unit=units.get(m, "kr."))
            for m, v in self.measures.items()
        ]
        return pd.DataFrame(rows, columns=["measure", "label", "value", "unit"])

    def by_category(self) -> pd.DataFrame:
        """NNV per category, in total and per deltager (savings negative, as the reports print them)."""
        rows = []
        for category, key in CATEGORY_MEASURES.items():
            rows.append(dict(category=category, total=self.measures[f"{key}_total"],
                             per_participant=self.measures[f"{key}_per_participant"]))
        return pd.DataFrame(rows)

    def by_year(self) -> pd.DataFrame:
        frame = self.lines.pivot_table(index="year", columns="category", values="kroner", aggfunc="sum",
                                       fill_value=0.0)
        frame["deltagere"] = pd.Series(self.participants_by_year, index=range(len(self.participants_by_year)))
        return frame.fillna(0.0)


def evaluate_with(scenario: Scenario, rates: RateTable) -> Result:
    lines = cost_lines(scenario, rates)
    people = participants(scenario)
    years = len(people)
    rate = scenario.discount_rate if scenario.discount_rate is not None else rates.discounting.rate
    factors = discount_factors(years, rate, rates.discounting.first_year_discounted)
    lines["discount_factor"] = factors[lines["year"].to_numpy()] if len(lines) else []
    lines["nnv"] = lines["kroner"] * lines["discount_factor"]
    people_nnv = float(people @ factors)

    totals = lines.groupby("category")["nnv"].sum()
    m: dict[str, float] = {}
    for category, key in CATEGORY_MEASURES.items():
        m[f"{key}_total"] = float(totals.get(category, 0.0))
    gross = sum(m[f"{CATEGORY_MEASURES[c]}_total"] for c in GROSS_CATEGORIES)
    savings = m["savings_total"]

    def per(x: float) -> float:
        return x / people_nnv if people_nnv > 0 else float("nan")

    summary = {
        "net_total": gross - savings,
        "net_per_participant": per(gross - savings),
        "gross_total": gross,
        "gross_per_participant": per(gross),
        "savings_total": -savings,
        "savings_per_participant": -per(savings),
    }
    for category in GROSS_CATEGORIES:
        key = CATEGORY_MEASURES[category]
        summary[f"{key}_total"] = m[f"{key}_total"]
        summary[f"{key}_per_participant"] = per(m[f"{key}_total"])
    summary["participants"] = float(people.sum())
    summary["participants_discounted"] = people_nnv
    summary["horizon_years"] = float(scenario.horizon_years)
    summary["discount_rate"] = float(rate)
    return Result(scenario, rates, lines, people, rate, summary)
