"""When forløb run: from a scenario's forløb block to quantities per calendar year.

Each fagteam kind runs its forløb either `pr_fagteam_pr_aar` (evenly spaced in every year of the horizon) or
`i_alt_pr_fagteam` back to back from the start. A forløb's fixed items fall in the year it starts; its
deltagere are counted in the year it ends (or starts, if the scenario says so), which is what report 000's
figures imply for forløb longer than a year (Brugerstyret gruppeindsats, see docs/derivations.md).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Forloeb, Scenario

if TYPE_CHECKING:
    import numpy as np

EPS = 1e-9  # tolerance of every comparison of times here [years]: sums like 10 × 0,1 land a hair off a whole year
# a forløb starting less than this before the horizon's end starts outside it [years] (about 30 seconds): a start
# written rounded (1/3 as 0.333333) must not bring a forløb of no length inside the horizon (trial3 #1)
START_EPS = 1e-6


@dataclass(frozen=True)
class Slot:
    """One forløb of one team (weight < 1 for a fractional number of forløb a year)."""

    start: float
    end: float  # already cut at the horizon
    weight: float


def n_years(horizon: float) -> int:
    """Calendar years the horizon touches [years] (2,5 years: 3)."""
    return max(1, math.ceil(horizon - EPS))


def year_fractions(horizon: float) -> np.ndarray:
    """Share of each calendar year inside the horizon (the last one may be partial, e.g. 2,5 years)."""
    import numpy as np

    years = np.arange(n_years(horizon), dtype=float)
    return np.clip(horizon - years, 0.0, 1.0)


def slots(forloeb: Forloeb, horizon: float) -> list[Slot]:
    """Every forløb of one fagteam within the horizon: start [years] and weight (a partial last forløb counts in
    part). The first starts after the set-up period (`start_aar`, default 0); forløb per year are spaced evenly in
    each year counted from there.
    """
    length = forloeb.laengde_aar
    offset = getattr(forloeb, "start_aar", 0.0) or 0.0
    out: list[Slot] = []
    if forloeb.i_alt_pr_fagteam is not None:
        for j in range(forloeb.i_alt_pr_fagteam):
            start = offset + j * length
            if start >= horizon - START_EPS:
                break  # back to back: every later one starts after the horizon too
            out.append(Slot(start, min(start + length, horizon), 1.0))
        return out
    k = forloeb.pr_fagteam_pr_aar
    per_year = math.ceil(k - EPS)
    for t in range(n_years(horizon)):
        for i in range(per_year):
            start = offset + t + i / k
            if start < horizon - START_EPS:
                out.append(Slot(start, min(start + length, horizon), min(1.0, k - i)))
    return out


def counted_weight(slot: Slot, length: float, rule: str) -> float:
    """How much of a forløb's deltagere count: all of them, unless the horizon cuts the forløb and the scenario
    says `afkortede_forloeb: andel` (the share inside the horizon) or `ingen` (none)."""
    inside = slot.end - slot.start
    if rule == "alle" or inside >= length - EPS:
        return slot.weight
    return slot.weight * inside / length if rule == "andel" else 0.0


def start_year(slot: Slot) -> int:
    """The calendar year (0 = first) a forløb starts in."""
    return int(math.floor(slot.start + EPS))


def count_year(slot: Slot, rule: str, length: float, years: int) -> int:
    """Year a forløb's deltagere are counted in.

    "end": the year the forløb would end had it started at the beginning of its start year, i.e. the start
    year plus ceil(length) - 1. Short forløb are counted in their start year however they are spaced, a
    2,5-year forløb starting in year 0 in year 2 (cut at the horizon).
    """
    first = start_year(slot)
    if rule == "start":
        return first
    return min(first + max(math.ceil(length - EPS), 1) - 1, years - 1)


def overlap_by_year(begin, end, years: int) -> np.ndarray:
    """Years (as fractions) of the interval [begin, end) falling in each calendar year [years]: for one interval
    a value per year; for arrays of intervals (begin, end of any one shape, e.g. draws × forløb on the array path,
    analyses/schedule_model.py) the same with the years as a last axis."""
    import numpy as np

    t = np.arange(years, dtype=float)
    if isinstance(begin, np.ndarray) or isinstance(end, np.ndarray):  # (the engine's scalar calls skip this)
        begin, end = np.asarray(begin, dtype=float)[..., None], np.asarray(end, dtype=float)[..., None]
    return np.clip(np.minimum(end, t + 1) - np.maximum(begin, t), 0.0, None)


def per_forloeb_by_year(slots_: list[Slot], years: int) -> np.ndarray:
    """Number of forløb (per team) starting in each year."""
    import numpy as np

    out = np.zeros(years)
    for s in slots_:
        out[start_year(s)] += s.weight
    return out


def counted_by_start_year(slots_: list[Slot], years: int, length: float, cut: str) -> np.ndarray:
    """Forløb (per team) starting in each year, each by the share of its deltagere that counts (counted_weight):
    what a per-participant item multiplies, so that a forløb the horizon cuts brings as much of its
    per-participant costs and savings as of its deltagere (`afkortede_forloeb: andel` or `ingen`)."""
    import numpy as np

    out = np.zeros(years)
    for s in slots_:
        out[start_year(s)] += counted_weight(s, length, cut)
    return out


def spread_by_year(slots_: list[Slot], years: int, length: float, cut: str, counts_people: bool) -> np.ndarray:
    """Forløb (per team) by the share of each forløb's length that falls in each calendar year: what an item with
    `weeks: forloeb` multiplies, so that a forløb running into the next year brings its hours there (trial2
    finding 3). A forløb inside its start year counts 1 there. One the horizon cuts counts as much as before the
    spread (the afkortede_forloeb rule decides how much, not when): its share inside the horizon by year, and the
    rest in the last year (where its deltagere are counted too), except for a per-participant item
    (`counts_people`) under `andel` (the share inside only) or `ingen` (nothing, as its deltagere)."""
    import numpy as np

    out = np.zeros(years)
    for s in slots_:
        first = start_year(s)
        whole = s.end - s.start >= length - EPS
        if whole and s.end <= first + 1 + EPS:
            out[first] += s.weight
            continue
        if not whole and counts_people and cut == "ingen":
            continue
        out += s.weight * overlap_by_year(s.start, s.end, years) / length
        if not whole and (cut == "alle" or not counts_people):
            out[years - 1] += s.weight * (length - (s.end - s.start)) / length
    return out


def participants_by_year(slots_: list[Slot], years: int, per_forloeb: float, rule: str,
                         length: float, cut: str = "alle") -> np.ndarray:
    """Deltagere of one fagteam counted in each year [antal], by the counting rule (end or start of the forløb) and
    the rule for forløb the horizon cuts (`cut`: alle, andel, ingen)."""
    import numpy as np

    out = np.zeros(years)
    for s in slots_:
        out[count_year(s, rule, length, years)] += counted_weight(s, length, cut) * per_forloeb
    return out


def forloeb_years(slots_: list[Slot], years: int) -> np.ndarray:
    """1 for each calendar year in which the team runs (part of) a forløb, else 0."""
    return (active_years(slots_, years) > EPS).astype(float)


def active_years(slots_: list[Slot], years: int) -> np.ndarray:
    """Team-years spent running forløb in each calendar year (two concurrent forløb count twice)."""
    import numpy as np

    out = np.zeros(years)
    for s in slots_:
        out += s.weight * overlap_by_year(s.start, s.end, years)
    return out


def window_years(slots_: list[Slot], years: int, horizon: float, start: float, length: float) -> np.ndarray:
    """Years of a per-forløb window [start, start+length) after each forløb start, by calendar year."""
    import numpy as np

    out = np.zeros(years)
    for s in slots_:
        begin = s.start + start
        out += s.weight * overlap_by_year(begin, min(begin + length, horizon), years)
    return out


def participants_total(scenario: Scenario) -> float:
    """Deltagere counted within the horizon, all years and fagteams [antal]: what participants(scenario).sum()
    adds up, without numpy (loading checks it, and `costmodel validate` need not import numpy for that).

    Every forløb that starts within the horizon has its deltagere counted in some year of it (count_year cuts
    at the last year), so the total is Σ counted weights × deltagere per forløb × teams."""
    f = scenario.forloeb
    cut = getattr(f, "afkortede_forloeb", "alle")
    weights = sum(counted_weight(s, f.laengde_aar, cut) for s in slots(f, scenario.horizon_years))
    return weights * f.deltagere_pr_forloeb * sum(t.count for t in scenario.fagteams)


def participants(scenario: Scenario) -> np.ndarray:
    """Deltagere counted in each calendar year (all fagteams)."""
    years = n_years(scenario.horizon_years)
    slots_ = slots(scenario.forloeb, scenario.horizon_years)
    per_team = participants_by_year(
        slots_, years, scenario.forloeb.deltagere_pr_forloeb, scenario.forloeb.deltagere_taelles,
        scenario.forloeb.laengde_aar, scenario.forloeb.afkortede_forloeb,
    )
    return per_team * sum(t.count for t in scenario.fagteams)
