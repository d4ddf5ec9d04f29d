"""The analyses a budget memo and an export show for a scenario by default, computed once for both.

With an `uncertainty:` block: tornado and spider over its parameters, break-even for the three widest tornado
bars, the probabilistic analysis, and a two-way grid of the two widest tornado bars over their ranges (the axes
where the result moves most). Without one, with at least two one-way tables that each vary one number: the
two-way grid of the two tables whose results spread most, every combination of their rows. Ex-post scenarios get none of them (they have neither
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
    twoway_specs: tuple = ()  # the two one-way tables the grid crosses (when it crosses tables)
    twoway_reason: str = ""  # why these two axes (Danish, for the memo)
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
    return [spec for spec in kinds.sensitivity_specs(scenario) if spec.parameter
            and all(row.set is None and _is_number(row.value) for row in spec.rows)]


def total_measure(measure: str) -> str:
    """The total a break-even looks for the zero of when the analyses report `measure`: a per-deltager or
    per-completer measure is zero where its total is (net_after_grants_per_completer -> net_after_grants_total)."""
    for tail in ("_per_participant", "_per_completer"):
        if measure.endswith(tail):
            return measure[: -len(tail)] + "_total"
    return measure


def standard_analyses(scenario, draws: int = 10_000, seed: int = 20201,
                      measure: str = "net_per_participant") -> StandardAnalyses:
    """Run the analyses a scenario declares what they need for (none for an ex-post scenario).

    Parameters
    ----------
    scenario : Scenario or ExPostScenario
    draws : int
        PSA draws.
    seed : int
        PSA seed.
    measure : str
        What tornado, spider and two-way report and (as its total, `total_measure`) where break-even looks for
        zero, e.g. ``net_after_grants_per_completer`` [kr.]; the PSA reports every measure the scenario has.

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

    from .base import COMPLETION_SHARE, check_measure

    check_measure(measure, scenario)
    if getattr(scenario, "uncertainty", None):
        out.tornado = tornado(scenario, measure=measure)
        out.spider = spider(scenario, measure=measure)
        # break-even on the parameters that move the result (a bar of no width has no zero to find); it looks for
        # the zero of a total, which the completion share never moves (it divides per-completer measures only)
        bars = out.tornado.frame
        moving = bars[(bars["swing"] > 0) & (bars["parameter"] != COMPLETION_SHARE)]
        for r in moving.head(3).itertuples():
            low, high = sorted([float(r.low_value), float(r.high_value)])
            try:
                out.breakevens.append(breakeven(scenario, r.parameter, low, high, measure=total_measure(measure)))
            except ValueError as exc:
                out.problems[f"breakeven:{r.parameter}"] = f"{r.label}: kunne ikke beregnes ({exc})."
        out.psa = psa(scenario, draws=draws, seed=seed)
    if out.tornado is not None and len(out.tornado.frame) >= 2:
        top = out.tornado.frame.head(2).itertuples()
        axes = [(r.parameter, _axis_values(scenario, r.parameter, r.low_value, r.high_value)) for r in top]
        (x, xs), (y, ys) = axes
        out.twoway_reason = "de to forudsætninger, der flytter resultatet mest (de bredeste bjælker i tornadodiagrammet)"
        try:
            out.twoway = twoway(scenario, x, xs, y, ys, measure=measure)
        except ValueError as exc:
            out.problems["twoway"] = str(exc)
        return out
    tables = crossable_tables(scenario)
    if len(tables) >= 2:
        from ..prospective.sensitivity import sweep

        column = measure
        spread = {t.key: float(t.frame[column].max() - t.frame[column].min())
                  for t in sweep(scenario) if column in t.frame}
        x, y = sorted(tables, key=lambda spec: -spread.get(spec.key, 0.0))[:2]
        out.twoway_specs = (x, y)
        out.twoway_reason = "de to følsomhedstabeller, hvis resultater spreder sig mest"
        try:
            out.twoway = twoway(scenario, x.parameter, [r.value for r in x.rows], y.parameter,
                                [r.value for r in y.rows], measure=measure)
        except ValueError as exc:  # e.g. a combination the scenario model rejects
            out.problems["twoway"] = str(exc)
    return out


def _axis_values(scenario, path: str, low: float, high: float, n: int = 5) -> list[float]:
    """n values from low to high; whole numbers only where the parameter counts something."""
    import numpy as np

    from ..prospective import parameters as prm

    low, high = sorted([float(low), float(high)])
    if prm.is_integer(scenario, path):
        values = sorted({float(v) for v in np.round(np.linspace(low, high, n))})
        return values if len(values) >= 2 else [low, high]
    return [float(v) for v in np.linspace(low, high, n)]
