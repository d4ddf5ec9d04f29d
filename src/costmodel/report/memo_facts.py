"""Find what a budget memo says: every number and every fact, computed once (memo_layout.py lays them out).

Nothing here is worded for people beyond the scenario's own names; `memo_layout.py` turns these facts into Danish
blocks and `memo.py` writes them as Markdown and HTML.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import kinds



@dataclass
class Facts:
    """Everything a memo shows, found once: the result, tables, analyses, by year and payer, payback, verdict."""

    scenario: object
    result: object
    tables: list
    found: object  # analyses.standard.StandardAnalyses
    expost: bool
    by_year: pd.DataFrame | None = None
    by_payer: pd.DataFrame | None = None
    payback: pd.DataFrame | None = None
    verdict: str = ""  # "no_savings" (none counted by design), "gain" (net below zero), "cost"
    buys: dict = field(default_factory=dict)  # what the money buys: teams, forløb, deltagere, courses, top items
    psa_skew: list[dict] = field(default_factory=list)  # parameters whose drawn mean differs from the base value
    effect_breakevens: list = field(default_factory=list)  # break-even on each effect's success rate

    @property
    def analyses(self) -> list:
        """The analyses for the workbook: the standard ones and the break-even of each effect."""
        return self.found.all() + self.effect_breakevens


def find(scenario, draws: int = 10_000, seed: int = 20201) -> Facts:
    """Evaluate the scenario and every analysis the memo shows."""
    import costmodel

    from ..analyses.standard import standard_analyses

    result = costmodel.evaluate(scenario)
    facts = Facts(scenario, result, costmodel.sweep(scenario), standard_analyses(scenario, draws=draws, seed=seed),
                  kinds.is_expost(scenario))
    if facts.expost:
        return facts
    facts.by_year = result.by_year()
    facts.by_payer = result.by_payer()
    facts.payback = result.payback()
    counts_savings = bool(scenario.sparede_omkostninger) or any(e.enabled for e in scenario.effekter)
    net = result.measures["net_total"]
    facts.verdict = "no_savings" if not counts_savings else ("gain" if net < 0 else "cost")
    facts.buys = _buys(scenario, result)
    facts.psa_skew = _psa_skew(facts.found.psa)
    facts.effect_breakevens = _effect_breakevens(scenario)
    return facts


def _buys(scenario, result) -> dict:
    """What the money buys, from the scenario: teams and their staff, forløb, deltagere, courses, largest items."""
    f = scenario.forloeb
    weeks = f.laengde_aar * result.rates.weeks_per_year.value
    teams = []
    for t in scenario.fagteams:
        staff = [(role.label or name, role.count, sorted({result.rates.wage_groups[g].label for g in role.groups()
                                                          if g in result.rates.wage_groups}))
                 for name, role in t.medarbejdere.items()]
        teams.append(dict(name=t.name, count=t.count, staff=staff))
    drift = result.lines[result.lines["category"] == "drift"].groupby("item", sort=False)["nnv"].sum()
    return dict(teams=teams, per_year=f.pr_fagteam_pr_aar, in_all=f.i_alt_pr_fagteam,
                per_forloeb=f.deltagere_pr_forloeb, sessions=f.sessioner_pr_forloeb, weeks=weeks,
                participants=float(result.participants_by_year.sum()), horizon=scenario.horizon_years,
                courses=[getattr(it, "course") for c, _, it in scenario.items() if c == "uddannelse" and hasattr(it, "course")],
                top_drift=[(name, float(v)) for name, v in drift.sort_values(ascending=False).head(3).items()])


def _psa_skew(psa) -> list[dict]:
    """Uncertain parameters whose drawn mean lies off their base value (more than 0,5 pct.): why the PSA's mean
    differs from the headline, together with the result not being linear in every parameter."""
    if psa is None or psa.samples is None:
        return []
    out = []
    for p in psa.meta["parameters"]:
        base = p["base_value"]
        mean = float(psa.samples[p["parameter"]].mean())
        if base and abs(mean - base) > 0.005 * abs(base):
            out.append(dict(label=p["label"], unit=p["unit"], base=base, mean=mean))
    return out


def _effect_breakevens(scenario) -> list:
    from ..analyses.breakeven import breakeven

    out = []
    for e in scenario.effekter:
        if e.enabled:
            try:
                out.append(breakeven(scenario, f"effekter.{e.id}.success_rate", 0.0, 1.0))
            except ValueError:  # e.g. an effect whose consequences price to nothing
                continue
    return out
