"""Structural parameters on the array path: the schedule as arrays over draws.

A parameter that moves forløb in time (forløb length, horizon, forløb per year or in all, the start and length
of a `during` or `active` window) changes which cost lines exist and in which year, so it is no power of the
lines (analyses.vectorized). But it changes only *how many times* an item occurs in each calendar year, never
what one occurrence costs. Each cost line of the engine is

    kroner(item, team, year) = coefficient(item, team; smooth parameters) × source(item; schedule)[year]

where the source is one of a handful of schedule quantities (schedule.py): year 0 only, the share of each year
inside the horizon, forløb starts, team-years of running forløb, years of a window after each start,
deltagere counted by year, possibly times an `active` window's share and, for `weeks: forloeb`, the forløb's
length. A full-time post or an investment follows no forløb: its source is its own window (the share of each
year the post runs) or its purchases less the restværdi share, and of the schedule parameters only the horizon
moves it. This module

1. takes every line's exponents in the smooth parameters from vectorized.line_exponents (at the base);
2. divides each line by its source at the base and checks that this coefficient is one number for all the
   years of an item (lines that share exponents, category and source are one family);
3. for N draws computes every source as an N × years array from the drawn schedule values (all slots of all
   draws at once), discounts it per draw and sums: result = Σ_families power(smooth) × coefficient ×
   Σ_years source × discount.

Nothing is approximated: the sources are the engine's own formulas over arrays, and tests hold the result to
the plain engine (tests/analyses/test_schedule_model.py). A parameter this cannot carry (one that is no power law
for another reason) leaves the evaluator on its older paths.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..prospective import parameters as prm
from ..prospective.schedule import EPS as _EPS  # the engine's tolerance in schedule comparisons
from ..prospective.schedule import START_EPS as _START_EPS  # ... and for a forløb's start before the horizon's end
from ..prospective.schedule import n_years as _n_years
from ..prospective.schedule import overlap_by_year as _overlap  # begin, end N × S -> N × S × years

LENGTH, PER_YEAR, IN_ALL = "forloeb.laengde_aar", "forloeb.pr_fagteam_pr_aar", "forloeb.i_alt_pr_fagteam"
HORIZON = "horizon_years"
START = "forloeb.start_aar"
from .lines import N_COLUMNS, PEOPLE, _CATEGORIES  # noqa: E402 - the array models' columns, in one place


class NotSchedule(ValueError):
    """The scenario or a parameter does not fit the schedule model; the evaluator uses its older paths."""


def _window_paths(scenario, path: str) -> tuple[tuple[str, int], str, str] | None:
    """(item ref, 'during'|'active', 'start_years'|'years') for a window parameter path, else None."""
    parts = path.split(".")
    if len(parts) < 4 or parts[-2] not in ("during", "active") or parts[-1] not in ("start_years", "years"):
        return None
    nodes = prm._walk(scenario, path)
    item = nodes[-3]
    for category, i, it in scenario.items():
        if it is item:
            return (category, i), parts[-2], parts[-1]
    return None


def _post_paths(scenario, path: str) -> tuple[int, str] | None:
    """(index in stillinger, 'start_aar'|'aar') for a post's window parameter path, else None."""
    parts = path.split(".")
    if len(parts) != 3 or parts[0] != "stillinger" or parts[-1] not in ("start_aar", "aar"):
        return None
    post = prm._walk(scenario, path)[-2]
    return next(((i, parts[-1]) for i, p in enumerate(scenario.stillinger) if p is post), None)


def is_schedule_path(scenario, path: str) -> bool:
    """Whether `path` is a schedule parameter this model carries: forløb length [years], per year or in all
    [antal], horizon [years], the set-up before the first forløb [years], the start or length [years] of an
    item's `during`/`active` window, or a post's `start_aar` or `aar` [years]."""
    return (path in (LENGTH, PER_YEAR, IN_ALL, HORIZON, START) or _window_paths(scenario, path) is not None
            or _post_paths(scenario, path) is not None)


def _source_of(item, cut: str = "alle") -> tuple[str, bool, bool]:
    """(kind, times an `active` window's share, times the forløb's length) for an item's q (engine._quantity);
    `cut` is the scenario's `afkortede_forloeb` (per-participant items of a cut forløb count as its deltagere)."""
    from ..prospective.model import CourseItem, HoursItem

    if isinstance(item, CourseItem) or item.per in ("once", "team"):
        kind = "first"
    elif item.per in ("team_year", "year"):
        kind = "fractions"
    elif item.per == "team_week":
        kind = "active"
    elif item.per in ("team_year_week", "year_week"):
        kind = "forloeb_years"
    elif item.per in ("forloeb", "session", "participant"):
        kind = "window" if getattr(item, "during", None) is not None else "starts"
        if kind == "starts" and item.per == "participant" and cut != "alle":
            kind = "counted_starts"
    else:  # a kind of item this model does not know: the evaluator's older paths take it
        raise NotSchedule(f"per: {item.per}")
    by_length = (isinstance(item, HoursItem) and item.hours is None and item.days is None
                 and item.during is None and item.weeks == "forloeb")
    if by_length and kind in ("starts", "counted_starts"):  # engine.by_forloeb_length: spread over the forløb
        kind = "spread_people" if item.per == "participant" else "spread"
    return kind, getattr(item, "active", None) is not None, by_length


def _own_source(scenario, row: dict, drawn_posts: set[int] = frozenset()) -> tuple:
    """The source of a line that belongs to no item: a full-time post ("post", its index in stillinger), an
    investment ("investment", year of purchase and lifetime [years], genanskaffes, restvaerdi) or a grant ("grant",
    its year). None follows the forløb: a post runs from its own `start_aar` for `aar` years (or to the horizon),
    an investment is bought in its `aar` and again when its lifetime ends, a grant is paid in the years it lists.
    Of the schedule parameters only the horizon moves them (it cuts a post, decides re-purchases and the
    restværdi, and which of a grant's years fall inside), and a post's own `start_aar`/`aar` when they are drawn
    (`drawn_posts`); their kroner per unit (årsværk × hours × wage, the amount) are the smooth parameters'
    business like any line's. NotSchedule for anything else (the `effekter:` block's lines follow the deltagere)
    or for two posts or investments the line cannot tell apart."""
    from ..prospective.posts import lifetime

    kind = row.get("kind")
    if kind == "stilling":
        found = [i for i, p in enumerate(scenario.stillinger)
                 if p.enabled and p.item == row["item"] and p.id == row["item_id"] and p.who == row["who"]]
        alike = len({(scenario.stillinger[i].start_aar, scenario.stillinger[i].aar) for i in found}) == 1
        # a drawn post with a twin its lines cannot be told from: the twin's lines must not follow its draws
        if found and alike and not (len(found) > 1 and drawn_posts.intersection(found)):
            return "post", False, False, found[0]
        source = None
    elif kind in ("investering", "restvaerdi"):
        found = {(inv.aar, lifetime(inv), inv.genanskaffes, inv.restvaerdi) for inv in scenario.investeringer
                 if inv.enabled and inv.id == row["item_id"]
                 and row["item"] in (inv.item, f"{inv.item}: restværdi")}
        source = ("investment",) + next(iter(found)) if len(found) == 1 else None
    elif kind == "tilskud":  # a grant's amount in its year, if the horizon reaches that year
        return "grant", False, False, int(row["year"])
    else:
        raise NotSchedule(f"lines of kind {kind!r} follow no item's schedule (effekter follow the deltagere)")
    if source is None:
        raise NotSchedule(f"{row['item']}: cannot tell which post or investment the line is")
    return source[0], False, False, source[1:]


def _post_years(start: np.ndarray, years: np.ndarray | None, horizon: np.ndarray, n_years: int) -> np.ndarray:
    """posts.post_lines' years for arrays: the share of each calendar year a post runs, N × years."""
    end = horizon if years is None else np.minimum(start + years, horizon)
    return _overlap(start[:, None], end[:, None], n_years)[:, 0, :]


def _investment_years(when: float, life: float, again: bool, rest: bool, horizon: np.ndarray,
                      n_years: int) -> np.ndarray:
    """posts.investment_lines for arrays: purchases in each calendar year less the restværdi share in the last
    year of each draw's own horizon, N × years (× the amount gives the lines' kroner)."""
    n = len(horizon)
    own = np.maximum(1, np.ceil(horizon - _EPS)).astype(int)  # schedule.n_years of each draw
    out = np.zeros((n, n_years))
    rows = np.arange(n)
    last = np.full(n, float(when))
    np.add.at(out, (rows, np.minimum(int(math.floor(when + _EPS)), own - 1)), 1.0)
    buying = np.full(n, bool(again))
    while again:
        buying &= last + life < horizon - _EPS  # the engine's test, on the running sum as it keeps it
        if not buying.any():
            break
        last = np.where(buying, last + life, last)
        year = np.minimum(np.floor(last + _EPS).astype(int), own - 1)
        np.add.at(out, (rows[buying], year[buying]), 1.0)
    if rest:
        left = np.maximum(0.0, 1.0 - (horizon - last) / life)
        left = np.where(left > 1e-12, left, 0.0)
        np.add.at(out, (rows, own - 1), -left)
    return out


@dataclass
class Schedules:
    """The schedule values of N draws: forløb length, horizon, forløb per year or in all, and windows."""

    length: np.ndarray
    horizon: np.ndarray
    per_year: np.ndarray | None
    in_all: np.ndarray | None
    windows: dict[tuple, tuple[np.ndarray, np.ndarray]]  # (ref, 'during'|'active') -> (start_years, years)
    rule: str
    offset: np.ndarray | float = 0.0  # forloeb.start_aar: years of set-up before the first forløb (N or one)
    cut: str = "alle"  # forloeb.afkortede_forloeb: how forløb the horizon cuts are counted
    posts: dict = field(default_factory=dict)  # index in stillinger -> (start_aar N, aar N or None)

    def __len__(self) -> int:
        return len(self.length)

    def years(self) -> int:
        """Calendar years of the longest horizon among the draws (schedule.n_years) [years]."""
        return _n_years(float(self.horizon.max()))

    def slots(self, n_years: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start, end, weight), each N × S: schedule.slots for every draw; weight 0 for slots that do not run."""
        n = len(self)
        offset = np.asarray(self.offset, dtype=float).reshape(-1, 1) if np.ndim(self.offset) else self.offset
        if self.in_all is not None:
            m = int(self.in_all.max())
            j = np.arange(m, dtype=float)[None, :]
            start = offset + j * self.length[:, None]
            on = (j < self.in_all[:, None]) & (start < self.horizon[:, None] - _START_EPS)
            weight = on.astype(float)
        else:
            k = self.per_year
            per = int(math.ceil(float(k.max()) - _EPS))
            t = np.repeat(np.arange(n_years, dtype=float), per)[None, :]
            i = np.tile(np.arange(per, dtype=float), n_years)[None, :]
            start = offset + t + i / k[:, None]
            on = (i < np.ceil(k[:, None] - _EPS)) & (start < self.horizon[:, None] - _START_EPS)
            weight = np.where(on, np.minimum(1.0, k[:, None] - i), 0.0)
            start = np.broadcast_to(start, (n, start.shape[1]))
        end = np.minimum(start + self.length[:, None], self.horizon[:, None])
        return start, end, weight


def _by_year(year: np.ndarray, weight: np.ndarray, n_years: int) -> np.ndarray:
    """Σ weight into its year, per draw: year, weight N × S -> N × years."""
    n = len(year)
    index = (np.arange(n)[:, None] * n_years + year).ravel()
    return np.bincount(index, weights=weight.ravel(), minlength=n * n_years).reshape(n, n_years)


def sources(sch: Schedules, wanted: list[tuple], n_years: int) -> dict[tuple, np.ndarray]:
    """Each wanted source (kind, active, by_length, ref) as N × years, computed as the engine does per draw."""
    n = len(sch)
    t = np.arange(n_years, dtype=float)
    fractions = np.clip(sch.horizon[:, None] - t, 0.0, 1.0)
    start, end, weight = sch.slots(n_years)
    first_year = np.floor(start + _EPS).astype(int)
    first_year = np.where(weight > 0, first_year, 0)
    cache: dict = {}

    def counted_weight() -> np.ndarray:
        """schedule.counted_weight: a forløb the horizon cuts counts in part or not, N × S."""
        if sch.cut == "alle":
            return weight
        whole = end - start >= sch.length[:, None] - _EPS
        part = (end - start) / sch.length[:, None] if sch.cut == "andel" else 0.0
        return np.where(whole, weight, weight * part)

    def base(kind: str, ref) -> np.ndarray:
        key = (kind, ref if kind in ("window", "post", "investment", "grant") else None)
        if key in cache:
            return cache[key]
        if kind == "first":
            out = np.zeros((n, n_years))
            out[:, 0] = 1.0
        elif kind == "fractions":
            out = fractions
        elif kind == "starts":
            out = _by_year(first_year, weight, n_years)
        elif kind == "counted":
            if sch.rule == "start":
                year = first_year
            else:
                last = np.maximum(1, np.ceil(sch.length - _EPS)).astype(int)[:, None] - 1
                n_own = np.maximum(1, np.ceil(sch.horizon - _EPS)).astype(int)[:, None]
                year = np.where(weight > 0, np.minimum(first_year + last, n_own - 1), 0)
            out = _by_year(year, counted_weight(), n_years)
        elif kind == "counted_starts":  # schedule.counted_by_start_year
            out = _by_year(first_year, counted_weight(), n_years)
        elif kind in ("spread", "spread_people"):  # schedule.spread_by_year
            length = sch.length[:, None]
            whole = end - start >= length - _EPS
            single = whole & (end <= first_year + 1 + _EPS)
            out = _by_year(first_year, np.where(single, weight, 0.0), n_years)
            spread = weight * ~single
            if kind == "spread_people" and sch.cut == "ingen":
                spread = spread * whole
            out = out + np.einsum("ns,nsy->ny", spread / length, _overlap(start, end, n_years))
            if sch.cut == "alle" or kind == "spread":
                rest = np.where(whole, 0.0, weight * (length - (end - start)) / length)
                n_own = np.maximum(1, np.ceil(sch.horizon - _EPS)).astype(int)
                out[np.arange(n), n_own - 1] += rest.sum(axis=1)
        elif kind == "forloeb_years":
            running = np.einsum("ns,nsy->ny", weight, _overlap(start, end, n_years)) > _EPS
            out = fractions * running
        elif kind == "active":
            out = np.einsum("ns,nsy->ny", weight, _overlap(start, end, n_years))
        elif kind == "post":
            out = _post_years(*sch.posts[ref], sch.horizon, n_years)
        elif kind == "investment":
            out = _investment_years(*ref, sch.horizon, n_years)
        elif kind == "grant":  # engine.grant_rows: pr_aar[: the draw's own years]
            out = np.zeros((n, n_years))
            if ref < n_years:
                out[:, ref] = np.ceil(sch.horizon - _EPS) > ref
        elif kind == "window":
            w_start, w_years = sch.windows[(ref, "during")]
            begin = start + w_start[:, None]
            stop = np.minimum(begin + w_years[:, None], sch.horizon[:, None])
            out = np.einsum("ns,nsy->ny", weight, _overlap(begin, stop, n_years))
        else:  # pragma: no cover - the kinds above are all _source_of gives
            raise NotSchedule(kind)
        cache[key] = out
        return out

    out = {}
    for key in wanted:
        kind, active, by_length, ref = key
        q = base(kind, ref)
        if active:
            a_start, a_years = sch.windows[(ref, "active")]
            inside = _overlap(a_start[:, None], (a_start + a_years)[:, None], n_years)[:, 0, :]
            q = q * np.divide(inside, fractions, out=np.zeros_like(inside), where=fractions > 0)
        if by_length:
            q = q * sch.length[:, None]
        out[key] = q
    return out


@dataclass
class ScheduleModel:
    """Exact array model of a scenario in smooth parameters `paths` and schedule parameters `schedule_paths`."""

    scenario: object
    paths: list[str]
    schedule_paths: list[str]
    base: np.ndarray  # base value of each smooth path
    exps: np.ndarray  # F × P: exponents of each family in the smooth parameters
    coef: np.ndarray  # F × N_COLUMNS: kroner per unit of the family's source at the base (categories) or deltagere
    family_source: list[tuple]  # F source keys
    shift: float  # 1 when the first year is discounted

    @classmethod
    def build(cls, scenario, rates, paths: Sequence[str], schedule_paths: Sequence[str]) -> "ScheduleModel":
        """The model of `scenario` in smooth `paths` and `schedule_paths`; NotSchedule (or NotPowerLaw) where a
        line is no multiple of its item's schedule quantity or a parameter is no power law."""
        from ..prospective.engine import cost_rows
        from .lines import line_exponents

        for p in schedule_paths:
            if not is_schedule_path(scenario, p):
                raise NotSchedule(f"{p}: not a schedule parameter")
        drawn_posts = {found[0] for found in map(lambda p: _post_paths(scenario, p), schedule_paths) if found}
        keys, k0, people0, E, Ep = line_exponents(scenario, rates, paths)
        rows = cost_rows(scenario, rates)
        items = {(c, i): it for c, i, it in scenario.items()}
        n_base = len(rows)
        line_sources = []
        for row in rows:
            if "ref" not in row:  # a full-time post or an investment: its own window, not the forløb schedule
                line_sources.append(_own_source(scenario, row, drawn_posts))
                continue
            kind, active, by_length = _source_of(items[row["ref"]], scenario.forloeb.afkortede_forloeb)
            ref = row["ref"] if kind == "window" or active else None
            line_sources.append((kind, active, by_length, ref))
        at_base = _schedules(scenario, {}, 1)
        n_years = at_base.years()
        wanted = sorted(set(line_sources), key=repr) + [("counted", False, False, None)]
        src = {k: v[0] for k, v in sources(at_base, wanted, n_years).items()}
        families: dict[tuple, np.ndarray] = {}  # (exps, category, source) -> kroner by year
        for i, (key, kr) in enumerate(zip(keys, k0)):
            source = line_sources[i % n_base]
            fam = (tuple(E[i]), _CATEGORIES.index(key[0]), source)
            families.setdefault(fam, np.zeros(n_years))[int(key[6])] += kr
        n_people_years = len(people0)
        for i, people in enumerate(people0):
            fam = (tuple(Ep[i]), PEOPLE, ("counted", False, False, None))
            families.setdefault(fam, np.zeros(n_years))[i % n_years] += people
        if n_people_years % n_years:
            raise NotSchedule("deltagere by year do not match the horizon")
        exps, coef, fam_src = [], [], []
        for (e, column, source), by_year in families.items():
            s = src[source]
            on = s != 0
            if np.any(by_year[~on] != 0):
                raise NotSchedule(f"lines of {source} fall in years where its schedule has none")
            ratio = by_year[on] / s[on]
            if len(ratio) and not np.allclose(ratio, ratio[0], rtol=1e-9, atol=1e-9 * np.abs(ratio).max()):
                raise NotSchedule(f"lines of {source} are not one multiple of its schedule")
            row = np.zeros(N_COLUMNS)
            row[column] = float(ratio.mean()) if len(ratio) else 0.0
            exps.append(e)
            coef.append(row)
            fam_src.append(source)
        base = np.array([prm.base_value(scenario, p, rates) for p in paths], dtype=float)
        shift = 1.0 if rates.discounting.first_year_discounted else 0.0
        return cls(scenario, list(paths), list(schedule_paths), base,
                   np.array(exps, dtype=float).reshape(len(exps), len(paths)), np.array(coef).reshape(-1, N_COLUMNS), fam_src,
                   shift)

    def lengths_and_horizons(self, schedule_values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Forløb length and horizon [years] of each row of schedule values (the scenario's where not drawn)."""
        sch = _schedules(self.scenario, dict(zip(self.schedule_paths, schedule_values.T)), len(schedule_values))
        return sch.length, sch.horizon

    def evaluate(self, values: np.ndarray, schedule_values: np.ndarray, discount_rate: np.ndarray,
                 chunk: int = 2_000, discounting=None) -> dict[str, np.ndarray]:
        """Measures for N rows: smooth values (N × P), schedule values (N × S), discount rates (N); or, with
        `discounting` (a rate table's stepped rule), that rule's factors for every row."""
        from .lines import _log_ratios, _measures

        n = len(values)
        out = np.empty((n, N_COLUMNS))
        keys = sorted(set(self.family_source), key=repr)
        index = np.array([keys.index(s) for s in self.family_source], dtype=int)
        # Rows × slots × years arrays: keep each near 2^22 numbers (32 MB), however many slots and years the
        # drawn schedules have (250 forløb a year over 50 years are 12.500 slots).
        every = _schedules(self.scenario, dict(zip(self.schedule_paths, schedule_values.T)), n) if n else None
        if every is not None:
            years = every.years()
            slots = (int(every.in_all.max()) if every.in_all is not None
                     else int(math.ceil(float(every.per_year.max()) - _EPS)) * years)
            chunk = max(1, min(chunk, (1 << 22) // max(1, slots * years)))
        for lo in range(0, n, chunk):
            sl = slice(lo, min(lo + chunk, n))
            sch = _schedules(self.scenario, dict(zip(self.schedule_paths, schedule_values[sl].T)), sl.stop - lo)
            n_years = sch.years()
            src = sources(sch, keys, n_years)
            if discounting is not None:
                disc = np.asarray(discounting.factors(n_years), dtype=float)[None, :]
            else:
                t = np.arange(n_years, dtype=float) + self.shift
                disc = (1.0 + discount_rate[sl])[:, None] ** -t
            per_source = np.column_stack([np.einsum("ny,ny->n", src[k], disc) for k in keys])  # N × K
            logs = _log_ratios(values[sl], self.base) if self.paths else np.zeros((sl.stop - lo, 0))
            power = np.exp(logs @ self.exps.T) if self.paths else np.ones((sl.stop - lo, len(index)))
            out[sl] = (power * per_source[:, index]) @ self.coef
        return _measures(out[:, :PEOPLE], out[:, PEOPLE])


def _schedules(scenario, given: dict[str, np.ndarray], n: int) -> Schedules:
    """The schedule values of n draws: `given` columns, the scenario's own values elsewhere."""
    f = scenario.forloeb

    def col(path: str, base: float | None) -> np.ndarray | None:
        if path in given:
            return np.asarray(given[path], dtype=float)
        return None if base is None else np.full(n, float(base))

    windows = {}
    for category, i, item in scenario.items():
        for name in ("during", "active"):
            window = getattr(item, name, None)
            if window is None:
                continue
            start = np.full(n, float(window.start_years))
            years = np.full(n, float(window.years))
            windows[((category, i), name)] = (start, years)
    for path, column in given.items():
        found = _window_paths(scenario, path)
        if found:
            ref, name, which = found
            start, years = windows[(ref, name)]
            windows[(ref, name)] = (column, years) if which == "start_years" else (start, column)
    in_all = col(IN_ALL, f.i_alt_pr_fagteam) if f.i_alt_pr_fagteam is not None else None
    per_year = col(PER_YEAR, f.pr_fagteam_pr_aar) if f.pr_fagteam_pr_aar is not None else None
    posts = {i: (np.full(n, float(p.start_aar)), None if p.aar is None else np.full(n, float(p.aar)))
             for i, p in enumerate(scenario.stillinger)}
    for path, column in given.items():
        found = _post_paths(scenario, path)
        if found:
            i, name = found
            start, years = posts[i]
            posts[i] = (np.asarray(column, dtype=float), years) if name == "start_aar" else \
                (start, np.asarray(column, dtype=float))
    offset = col(START, f.start_aar) if START in given else float(getattr(f, "start_aar", 0.0) or 0.0)
    return Schedules(col(LENGTH, f.laengde_aar), col(HORIZON, scenario.horizon_years), per_year, in_all, windows,
                     f.deltagere_taelles, offset, getattr(f, "afkortede_forloeb", "alle") or "alle", posts)
