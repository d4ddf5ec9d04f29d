"""The analyses a budget memo and an export show for a scenario by default, computed once for both.

With an `uncertainty:` block: tornado and spider over its parameters, break-even for the three widest tornado
bars, and the probabilistic analysis. With at least two one-way tables that each vary one number: the two-way
grid of the first two, every combination of their rows. Ex-post scenarios get none of them (they have neither
an uncertainty block nor the parameters these analyses move).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import kinds
from .base import AnalysisResult


@dataclass
class StandardAnalyses:
    """The analyses a scenario declares what they need for (memo and export): tornado and spider from the
    uncertainty block, a two-way grid from two numeric one-way tables, break-even per numeric table, PSA.
    """
    tornado: AnalysisResult | None = None
    spider: AnalysisResult | None = None
    twoway: AnalysisResult | None = None
    twoway_specs: tuple = ()  # the two one-way tables the grid crosses
    breakevens: list[AnalysisResult] = field(default_factory=list)
    psa: AnalysisResult | None = None
    problems: dict[str, str] = field(default_factory=dict)  # analysis -> why it could not be computed

    def all(self) -> list[AnalysisResult]:
        """Every analysis found, in the order the memo and the export show them."""
        single = [self.tornado, self.spider, self.twoway]
        return [a for a in single if a is not None] + self.breakevens + ([self.psa] if self.psa is not None else [])


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def crossable_tables(scenario) -> list:
    """One-way tables that vary a single parameter over numbers: the ones a two-way grid can cross."""
    return [spec for spec in getattr(scenario, "sensitivity", []) if spec.parameter
            and all(row.set is None and _is_number(row.value) for row in spec.rows)]


def standard_analyses(scenario, draws: int = 10_000, seed: int = 20201) -> StandardAnalyses:
    """Run the analyses a scenario declares what they need for (none for an ex-post scenario).

    Parameters
    ----------
    scenario : Scenario or ExPostScenario
    draws : int
        PSA draws.
    seed : int
        PSA seed.

    Returns
    -------
    StandardAnalyses
        What could be computed; `problems` says, in Danish, what could not and why.
    """
    out = StandardAnalyses()
    if kinds.is_expost(scenario):
        return out
    from .breakeven import breakeven
    from .psa import psa
    from .spider import spider
    from .tornado import tornado
    from .twoway import twoway

    if getattr(scenario, "uncertainty", None):
        out.tornado = tornado(scenario)
        out.spider = spider(scenario)
        for r in out.tornado.frame.head(3).itertuples():
            low, high = sorted([float(r.low_value), float(r.high_value)])
            try:
                out.breakevens.append(breakeven(scenario, r.parameter, low, high))
            except ValueError as exc:
                out.problems[f"breakeven:{r.parameter}"] = f"{r.label}: kunne ikke beregnes ({exc})."
        out.psa = psa(scenario, draws=draws, seed=seed)
    tables = crossable_tables(scenario)
    if len(tables) >= 2:
        x, y = tables[0], tables[1]
        out.twoway_specs = (x, y)
        try:
            out.twoway = twoway(scenario, x.parameter, [r.value for r in x.rows], y.parameter, [r.value for r in y.rows])
        except ValueError as exc:  # e.g. a combination the scenario model rejects
            out.problems["twoway"] = str(exc)
    return out
