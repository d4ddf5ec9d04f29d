"""Scenarios side by side, against the basisalternativ, and several interventions added up (a portfolio).

Numbers only (frames); `report.compare_text` words them. The first scenario is the basisalternativ: every other
column gets its difference against it. A scenario that names its own `basisalternativ:` (a scenario file relative
to it) is compared against that one when it is given first or alone. Sign convention as `Result.by_year`: costs
positive, savings negative, net = cost + savings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import kinds

MAX_SCENARIOS = 20  # a committee compares a handful; each one is a full evaluation
TOTAL_MEASURES = ("gross_total", "savings_total", "net_total", "participants", "participants_discounted",
                  "gross_per_participant", "savings_per_participant", "net_per_participant")


@dataclass
class Comparison:
    """Scenarios side by side: frames by measure, year and payer [kr., NNV unless named undiscounted], one column
    per scenario (plus differences against the first, or "I alt" for a portfolio)."""

    names: list[str]  # column names, the basisalternativ first
    price_years: list[int]
    totals: pd.DataFrame  # measure x scenario (+ difference columns "Forskel: <name>", against the first)
    by_year: pd.DataFrame  # year label x scenario: net [kr., NNV]
    by_year_nominal: pd.DataFrame  # year label x scenario: net [kr., undiscounted]
    by_payer: pd.DataFrame  # payer x scenario: net [kr., NNV]
    payback: pd.DataFrame  # payer x scenario: years until cumulative net stays negative to the horizon (NaN: never)
    portfolio: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def basis(self) -> str:
        """The basisalternativ's name: the first column."""
        return self.names[0]


def with_basisalternativ(scenarios: list) -> list:
    """Put the first scenario's named basisalternativ in front, loaded relative to its file, unless given."""
    from ..loader import load

    if not scenarios:
        return scenarios
    first = scenarios[0]
    name = getattr(first, "basisalternativ", None)
    if not name:
        return scenarios
    base_dir = Path(getattr(first, "_source_path", None) or ".").parent
    path = (base_dir / name).resolve()
    given = {Path(p).resolve() for p in (getattr(s, "_source_path", None) for s in scenarios) if p}
    if path in given:
        return scenarios
    return [load(path), *scenarios]


def _names(scenarios: list) -> list[str]:
    names, seen = [], {}
    for s in scenarios:
        name = s.title
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def compare(scenarios: list, portfolio: bool = False) -> Comparison:
    """Evaluate prospective scenarios and lay their totals, years and payers side by side.

    With `portfolio`, the interventions are one municipality's set of choices: a column "I alt" adds them up
    (they must share a price year) and nothing is taken as basisalternativ.
    """
    from ..errors import Problem, ScenarioError

    if not 1 <= len(scenarios) <= MAX_SCENARIOS:
        raise ScenarioError("compare", [Problem("", f"give 1 to {MAX_SCENARIOS} scenarios (got {len(scenarios)})")])
    for s in scenarios:
        if not kinds.is_prospective(s):
            raise ScenarioError(str(getattr(s, "_source_path", s.title)),
                                [Problem("kind", "compare takes prospective scenarios (an ex-post opgørelse has "
                                                 "no years or payers to compare)")])
    results = [kinds.evaluate(s) for s in scenarios]
    names = _names(scenarios)
    price_years = [r.price_year for r in results]
    notes: list[str] = []
    same_prices = len(set(price_years)) == 1
    if portfolio and not same_prices:
        raise ScenarioError("compare", [Problem("", "a portfolio adds kroner: its scenarios must share a price year "
                                                    f"(got {', '.join(map(str, price_years))})")])

    totals = pd.DataFrame({n: [r.measures[m] for m in TOTAL_MEASURES] for n, r in zip(names, results)},
                          index=list(TOTAL_MEASURES))
    horizon = max(len(r.participants_by_year) for r in results)
    labels = max((r.year_labels() for r in results), key=len)

    def per_year(column: str) -> pd.DataFrame:
        frame = pd.DataFrame({n: r.by_year()[column].reindex(range(horizon), fill_value=0.0).to_numpy()
                              for n, r in zip(names, results)}, index=labels[:horizon])
        return frame

    by_year, by_year_nominal = per_year("net_nnv"), per_year("net")
    by_payer = pd.concat({n: r.by_payer().groupby("payer", sort=False)["net"].sum() for n, r in zip(names, results)},
                         axis=1).fillna(0.0)
    payback = pd.concat({n: r.payback().set_index("payer")["years"] for n, r in zip(names, results)}, axis=1)

    if portfolio:
        for frame in (by_year, by_year_nominal, by_payer):
            frame["I alt"] = frame[names].sum(axis=1)
        total = {m: totals.loc[m, names].sum() for m in ("gross_total", "savings_total", "net_total",
                                                           "participants", "participants_discounted")}
        people = total["participants_discounted"]
        for m in ("gross", "savings", "net"):
            total[f"{m}_per_participant"] = total[f"{m}_total"] / people if people > 0 else float("nan")
        totals["I alt"] = pd.Series(total)
        from ..prospective.result import payback_table

        summed = pd.concat([r.payer_years().reindex(range(horizon), fill_value=0.0) for r in results]) \
            .groupby(level=0).sum().fillna(0.0)
        payback["I alt"] = payback_table(summed, labels[:horizon]).set_index("payer")["years"]
        rates = {r.discount_rate for r in results}
        if len(rates) > 1:
            notes.append("Indsatserne er tilbagediskonteret med forskellige renter; NNV i alt lægger dem sammen, "
                         "som de er.")
    elif len(results) > 1:
        if not same_prices:
            notes.append("Scenarierne har forskellige prisår; forskelle er ikke beregnet.")
        else:
            for n in names[1:]:
                diff = f"Forskel: {n}"
                totals[diff] = totals[n] - totals[names[0]]
                by_year[diff] = by_year[n] - by_year[names[0]]
                by_year_nominal[diff] = by_year_nominal[n] - by_year_nominal[names[0]]
                by_payer[diff] = by_payer[n] - by_payer[names[0]]
    if len({len(r.participants_by_year) for r in results}) > 1:
        notes.append("Scenarierne har forskellige tidshorisonter; år uden for en horisont tæller som 0 kr.")
    return Comparison(names, price_years, totals, by_year, by_year_nominal, by_payer, payback, portfolio, notes)
