"""Evaluate a scenario for many parameter values at once, exactly, as numpy arrays.

For a fixed schedule (when forløb run), every cost line's kroner is a product of factors: hours × quantity ×
hourly wage × persons × teams × deltagere ... So each parameter enters each line as a power, mostly with
exponent 0 or 1. The evaluator

1. builds the cost lines and participants by year at the base values (the plain engine);
2. for each parameter, builds them again at two other values and reads each line's exponent at both; it
   accepts the parameter only if both agree (a clean power law on every line) and the lines keep their keys;
3. turns every line and every year's deltagere into a term (exponent vector, year) and sums terms that share
   both into one row of a weight matrix W (kroner by category, and deltagere);
4. for N rows of values computes exp([log(x / x0), log(1 + r)] @ [E, -t].T) @ W: discounting per row is one
   more power in the same product (the discount rate is a parameter of its own), giving NNV by category and
   discounted deltagere for every row at once.

Two sums in the engine are split first so that every part is a power law: the wages of a role with mixed wage
groups (when a group's wage is a parameter) and deltagere and course fees over several kinds of fagteam (when
their counts are parameters); see docs/analyses.md.

Parameters that move forløb in time (length, forløb per year, horizon, windows) or fail the power-law check
are "structural": rows are grouped by their structural values and a power model is built for each distinct
combination (tornado, spider and grids have few). With more distinct combinations than `max_models`
(a continuous distribution on a structural parameter in a PSA, a long grid axis) the schedule itself is
computed as arrays over the rows (analyses.schedule_model); only where that does not fit (a parameter that is
no power law for another reason) does every row go through the plain engine, one by one, and `notes` says so.
Tests hold the fast path to the plain engine (tests/analyses/test_vectorized.py, test_schedule_model.py).
"""
from __future__ import annotations

import math

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..errors import InputError
from .. import kinds
from .base import prospective_rates
from ..prospective import parameters as prm
from ..prospective.schedule import n_years as _n_years

from .lines import (  # noqa: F401 - re-exported: the evaluator's names as they were
    _CATEGORIES, _KEY_COLUMNS, _LOG_ZERO, N_COLUMNS, OUT_MEASURES, PEOPLE, NotPowerLaw, _exponents, _log_ratios,
    _measures, _probe_values, engine_lines, engine_measures, line_exponents,
)


@dataclass
class PowerModel:
    """Exact array model of one scenario (one schedule) in the smooth parameters `paths`."""

    paths: list[str]
    base: np.ndarray  # base value of each path
    # One row per distinct term: exponents of the P parameters and, last, of log(1 + discount rate) (-t).
    exps: np.ndarray  # T × (P + 1)
    # What each term adds at the base, undiscounted: kroner to each category (_CATEGORIES), and deltagere (last).
    weights: np.ndarray  # T × N_COLUMNS

    @classmethod
    def build(cls, scenario, rates, paths: Sequence[str]) -> "PowerModel":
        """Fit the exact power-law model of every cost line in `paths` (checked against the plain engine)."""
        keys0, k0, people0, E, Ep = line_exponents(scenario, rates, paths)
        base = np.array([prm.base_value(scenario, p, rates) for p in paths], dtype=float)
        # Cost lines and deltagere by year become terms: (exponents, -t) and what they add. Terms with the same
        # exponents and year share one exponential, whatever category they go to.
        shift = 1.0 if rates.discounting.first_year_discounted else 0.0
        cats = np.array([_CATEGORIES.index(k[0]) for k in keys0], dtype=int)
        years = np.array([k[_KEY_COLUMNS.index("year")] for k in keys0], dtype=float)
        n_years = _n_years(scenario.horizon_years)  # the years participants(scenario) has
        t_people = np.tile(np.arange(n_years, dtype=float), len(people0) // n_years)
        exps = np.vstack([np.column_stack([E, -(years + shift)]).reshape(-1, len(paths) + 1),
                          np.column_stack([Ep, -(t_people + shift)])])
        adds = np.zeros((len(exps), N_COLUMNS))
        adds[np.arange(len(k0)), cats] = k0
        adds[len(k0):, PEOPLE] = people0
        uniq, inverse = np.unique(exps, axis=0, return_inverse=True)
        inverse = np.asarray(inverse).reshape(-1)
        weights = np.zeros((len(uniq), N_COLUMNS))
        np.add.at(weights, inverse, adds)
        return cls(list(paths), base, uniq, weights)

    def evaluate(self, values: np.ndarray, discount_rate: np.ndarray, chunk: int = 5_000) -> dict[str, np.ndarray]:
        """Evaluate the model for rows of parameter values.

        Parameters
        ----------
        values : numpy.ndarray
            One row per evaluation, one column per path [each parameter's unit].
        discount_rate : numpy.ndarray
            The discount rate per row [fraction per year].
        chunk : int
            Rows per matrix product (bounds memory).

        Returns
        -------
        dict of str to numpy.ndarray
            Each measure per row [kr., NNV].
        """
        # Discounting folds into the same product: (1 + r)^-t = exp(log(1 + r) × -t), so one extra column of
        # log(1 + r) with "exponent" -t (t counted as the engine does) does it inside the matrix product.
        n = len(values)
        out = np.empty((n, N_COLUMNS))
        for start in range(0, n, chunk):
            sl = slice(start, min(start + chunk, n))
            logs = _log_ratios(values[sl], self.base) if self.paths else np.zeros((sl.stop - sl.start, 0))
            if np.any(discount_rate[sl] <= -1):
                raise InputError("a discount rate must be above -100 pct.")
            logs = np.column_stack([logs, np.log1p(discount_rate[sl])])
            terms = logs @ self.exps.T
            np.exp(terms, out=terms)
            out[sl] = terms @ self.weights
        return _measures(out[:, :PEOPLE], out[:, PEOPLE])


def _controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency; without it numpy decides
        return None
    return ThreadpoolController()


# Found once, when the module is imported (it reads /proc/self/maps): evaluating reads no file.
_CONTROLLER = _controller()


def one_blas_thread():
    """A context in which numpy's BLAS uses one thread.

    The evaluators multiply chunks of a few thousand rows by a few dozen terms: too small to share out. With two
    BLAS threads on this 2-core machine such a chunk took 10 × as long as with one (21 vs 2 ms, the other core
    busy; benchmarks/bench_scale.py measures it), so the evaluators ask for one (threadpoolctl)."""
    if _CONTROLLER is None:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()
    return _CONTROLLER.limit(limits=1, user_api="blas")


def plain(scenario, paths: Sequence[str], values: np.ndarray, rates=None,
          progress: Callable[[int], None] | None = None) -> dict[str, np.ndarray]:
    """The plain engine, one row at a time (the reference, and the fallback)."""
    rates = rates or prospective_rates(scenario)
    out = {m: np.empty(len(values)) for m in OUT_MEASURES}
    for i, row in enumerate(values):
        measures = engine_measures(prm.evaluate_at(scenario, dict(zip(paths, map(float, row))), rates).measures)
        for m in OUT_MEASURES:
            out[m][i] = measures[m]
        if progress is not None:
            progress(1)
    return out


def _plain_bounded(rows: int, structural: list[str], distinct: int) -> None:
    """Rows evaluated one by one by the plain engine (a tenth of a second each) are bounded: a million PSA draws
    of a structural parameter with a wide range would run for a day."""
    from ..io.limits import MAX_PLAIN_ROWS

    if rows > MAX_PLAIN_ROWS:
        raise InputError(f"{rows:,} rows would each need a full evaluation ({', '.join(structural)} take "
                         f"{distinct:,} different values), above the bound of {MAX_PLAIN_ROWS:,}; use fewer draws "
                         "or values, or a narrower range")


def _check_sound(out: dict[str, np.ndarray], paths: list[str], values: np.ndarray) -> None:
    """No analysis prints inf kr. or null: a row whose result is not finite or beyond limits.MAX_RESULT is refused,
    naming the values that gave it (an option or uncertainty range set them)."""
    from ..io.limits import MAX_RESULT

    for m, x in out.items():
        bad = ~np.isfinite(x) | (np.abs(np.nan_to_num(x, nan=np.inf)) > MAX_RESULT)
        if bad.any():
            i = int(np.argmax(bad))
            at = ", ".join(f"{p} = {v:g}" for p, v in zip(paths, values[i]))
            raise InputError(f"{m} is {x[i]:g} at {at}, beyond the bound of {MAX_RESULT:g} for any figure; "
                             "choose values closer to the scenario's own")


@dataclass
class Evaluator:
    """Evaluate `scenario` at rows of values for `paths` (N × P) -> {measure: array of N}."""

    scenario: object
    paths: list[str]
    rates: object = None
    max_models: int = 200
    force_models: bool = False  # build models even where the plain engine would be cheaper (tests)
    force_schedule: bool = False  # use the schedule model even for few structural values (tests, benchmarks)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        kinds.require_prospective(self.scenario)
        self.paths = list(self.paths)
        if len(set(self.paths)) != len(self.paths):
            raise prm.ParameterError("a parameter is named twice")
        self.rates = self.rates or prospective_rates(self.scenario)
        for path in self.paths:
            prm.check(self.scenario, path, self.rates)
        self.used_plain = False  # set when rows went through the plain engine one at a time
        self._taken: dict[str, tuple[float, float]] = {}  # smooth path -> least and greatest value the scenario took
        self._integer = [prm.is_integer(self.scenario, p) for p in self.paths]
        self.structural = [p for p in self.paths if prm.is_structural(p)]
        self._models: dict[tuple, PowerModel | None] = {}
        # Find parameters that are not a power law at the base (they become structural too).
        while True:
            smooth = self._smooth()
            try:
                self._models[tuple(prm.base_value(self.scenario, p, self.rates) for p in self.structural)] = \
                    PowerModel.build(self.scenario, self.rates, smooth)
                break
            except NotPowerLaw as exc:
                bad = exc.path
                self.structural.append(bad)
                self.notes.append(f"{bad} beregnes for hver værdi for sig (ikke en potens i modellen: {exc})")

    def _schedule_model(self):
        """The schedule model for these parameters (analyses.schedule_model), or None where it does not fit."""
        if not hasattr(self, "_schedule"):
            from .schedule_model import NotSchedule, ScheduleModel

            try:
                self._schedule = ScheduleModel.build(self.scenario, self.rates, self._smooth(), self.structural)
            except (NotSchedule, NotPowerLaw):
                self._schedule = None
        return self._schedule

    def _by_schedule(self, values, col, smooth_values, rate, progress, discounting=None) -> dict[str, np.ndarray]:
        """Every row through the schedule model (analyses.schedule_model), after the plain engine's checks."""
        n = len(values)
        # The plain engine would refuse a row out of bounds: so do we. Each bound is one-sided in one value,
        # so the rows holding each column's least and greatest value are checked whole, and the first row
        # whose forløb is longer than its horizon (the one bound on two values).
        schedule = values[:, [col[p] for p in self.structural]]
        length, horizon = self._schedule.lengths_and_horizons(schedule)
        longer = np.flatnonzero(length > horizon + 1e-9)[:1]
        for r in sorted({*schedule.argmin(axis=0), *schedule.argmax(axis=0), *longer}):
            prm.apply(self.scenario, dict(zip(self.structural, map(float, schedule[r]))), self.rates)
        part = self._schedule.evaluate(smooth_values, schedule, rate, discounting=discounting)
        if progress is not None:
            progress(n)
        _check_sound(part, self.paths, values)
        return part

    def _smooth(self) -> list[str]:
        return [p for p in self.paths if p not in self.structural and p != prm.DISCOUNT_RATE]

    def _model(self, combo: tuple) -> PowerModel | None:
        if combo not in self._models:
            try:
                s, r = prm.apply(self.scenario, dict(zip(self.structural, combo)), self.rates)
                self._models[combo] = PowerModel.build(s, r, self._smooth())
            except NotPowerLaw:
                self._models[combo] = None
        return self._models[combo]

    def __call__(self, values, progress: Callable[[int], None] | None = None) -> dict[str, np.ndarray]:
        # overflow to inf (extreme uncertainty ranges) is refused by _check_sound with the values that gave it;
        # numpy's RuntimeWarnings would only add noise to that message
        with one_blas_thread(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self._per_completer(self._evaluate(values, progress), values)

    def _per_completer(self, out: dict[str, np.ndarray], values) -> dict[str, np.ndarray]:
        """Add the measures per completing deltager [kr.] where the scenario gives a completion share: each per-
        deltager measure / the share (the row's own where the share is one of the parameters)."""
        from .base import COMPLETION_SHARE

        base = getattr(self.scenario.forloeb, "gennemfoerelsesandel", None)
        if base is None:
            return out
        values = np.asarray(values, dtype=float)
        share = values[:, self.paths.index(COMPLETION_SHARE)] if COMPLETION_SHARE in self.paths else \
            np.full(len(values), float(base))
        inverse = np.where(share > 0, 1.0 / np.where(share > 0, share, 1.0), np.nan)
        for per, done in (("gross_per_participant", "gross_per_completer"), ("net_per_participant", "net_per_completer"),
                          ("net_after_grants_per_participant", "net_after_grants_per_completer")):
            out[done] = out[per] * inverse
        return out

    def _check_smooth_bounds(self, values: np.ndarray) -> None:
        """Refuse what the plain engine refuses: a value of a smooth parameter the scenario model does not take (a
        completion share of 0 or over 1, a negative count). The array models never rebuild the scenario with it, so
        the least and greatest value of each such column is applied alone (each bound is one-sided in one value;
        structural values are checked where their schedules are built, wage rates by check_wage_change)."""
        taken = self._taken
        for j, path in enumerate(self.paths):
            if path in self.structural or path.startswith(prm.RATE_PREFIX) or not len(values):
                continue
            least, greatest = float(values[:, j].min()), float(values[:, j].max())
            lo, hi = taken.get(path, (math.inf, -math.inf))
            for v in {least, greatest}:
                if not lo <= v <= hi:  # a value between two the scenario took is taken too (bounds are one-sided)
                    prm.apply(self.scenario, {path: v}, self.rates)
            taken[path] = (min(lo, least), max(hi, greatest))

    def _evaluate(self, values, progress: Callable[[int], None] | None = None) -> dict[str, np.ndarray]:
        values = np.asarray(values, dtype=float)
        if values.ndim != 2 or values.shape[1] != len(self.paths):
            raise InputError(f"values must be N × {len(self.paths)}")
        n = len(values)
        for j, path in enumerate(self.paths):
            if self._integer[j] and np.any(values[:, j] != np.round(values[:, j])):
                raise prm.ParameterError(f"{path}: takes whole numbers only")
            if path.startswith(prm.RATE_PREFIX) and len(values):
                # the same bound the plain engine applies (a 1000 pct. wage "increase" is a slip)
                base = prm.base_value(self.scenario, path, self.rates)
                for v in (values[:, j].min(), values[:, j].max()):
                    prm.check_wage_change(path, float(v), base)
        self._check_smooth_bounds(values)
        col = {p: j for j, p in enumerate(self.paths)}
        smooth = self._smooth()
        smooth_values = values[:, [col[p] for p in smooth]]
        if prm.DISCOUNT_RATE in col:
            rate = values[:, col[prm.DISCOUNT_RATE]]
        else:
            base_rate = prm.base_value(self.scenario, prm.DISCOUNT_RATE, self.rates)
            rate = np.full(n, base_rate)
        out = {m: np.empty(n) for m in OUT_MEASURES}
        table_rule = prm.DISCOUNT_RATE not in col and self.scenario.discount_rate is None
        if table_rule and len(self.rates.discounting.steps or ()) > 1 and self.structural and \
                self._schedule_model() is not None:
            # A stepped rule and a drawn schedule (the horizon may cross a step): the schedule model discounts
            # with the rule's own factors, exactly.
            return self._by_schedule(values, col, smooth_values, rate, progress, self.rates.discounting)
        if table_rule and self.rates.discounting.steps_within(_n_years(self.scenario.horizon_years)):
            # A stepped rule (lower rates after year 35) is no single power of (1 + r): the plain engine does it.
            self.notes.append("diskonteringsreglens trin falder inden for tidshorisonten: hver række er beregnet "
                              "for sig med den almindelige beregning")
            self.used_plain = True
            return plain(self.scenario, self.paths, values, self.rates, progress)
        if not self.structural:
            combos, inverse = np.zeros((1, 0)), np.zeros(n, dtype=int)
        else:
            combos, inverse = np.unique(values[:, [col[p] for p in self.structural]], axis=0, return_inverse=True)
            inverse = np.asarray(inverse).reshape(-1)
        # Building a model costs about 2P + 1 engine runs; past that, the plain engine row by row is cheaper.
        many = len(combos) > self.max_models
        new_models = 0 if many else sum(tuple(float(x) for x in c) not in self._models for c in combos)
        many = many or (new_models * (2 * len(smooth) + 1) > n and not self.force_models)
        # One schedule model costs about what one power model does: past a couple of distinct schedules it wins.
        if (many or new_models > 2 or self.force_schedule) and self._schedule_model() is not None:
            return self._by_schedule(values, col, smooth_values, rate, progress)
        if many:
            self.notes.append(f"{len(combos)} forskellige værdier af {', '.join(self.structural)}: hver række er "
                              "beregnet for sig med den almindelige beregning (langsommere)")
            self.used_plain = True
            _plain_bounded(n, self.structural, len(combos))
            out = plain(self.scenario, self.paths, values, self.rates, progress)
            _check_sound(out, self.paths, values)
            return out
        for c, combo in enumerate(combos):
            rows = np.nonzero(inverse == c)[0]
            model = self._model(tuple(float(x) for x in combo))
            if model is None:
                self.used_plain = True
                _plain_bounded(len(rows), self.structural, len(combos))
                part = plain(self.scenario, self.paths, values[rows], self.rates, progress)
            else:
                part = model.evaluate(smooth_values[rows], rate[rows])
                if progress is not None:
                    progress(len(rows))
            for m in OUT_MEASURES:
                out[m][rows] = part[m]
        _check_sound(out, self.paths, values)
        return out


def evaluate_points(scenario, points: list[dict[str, float]], rates=None) -> dict[str, np.ndarray]:
    """Convenience: evaluate a list of {path: value} (all naming the same paths)."""
    paths = list(points[0]) if points else []
    ev = Evaluator(scenario, paths, rates)
    return ev(np.array([[p[k] for k in paths] for p in points], dtype=float))
