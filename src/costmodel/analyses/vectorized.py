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
no power law for another reason) does every row go through the plain engine, one by one, and `notes` says so. Tests hold the fast path to the plain engine (tests/test_vectorized.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..prospective import parameters as prm

OUT_MEASURES = (
    "net_total", "net_per_participant", "gross_total", "gross_per_participant", "savings_total",
    "savings_per_participant", "establishment_total", "training_total", "operation_total",
    "participants_discounted",
)
_CATEGORIES = ("etablering", "uddannelse", "drift", "sparede_omkostninger")
_LOG_ZERO = -1e6  # log(0) stand-in: exp(-1e6 × e) = 0 for any exponent e >= 1e-3, and -1e6 × 0 = 0
_KEY_COLUMNS = ["category", "item", "item_id", "team", "who", "kind", "year"]


class NotPowerLaw(ValueError):
    """A parameter that is not a clean power of every line (its path leads the message)."""

    @property
    def path(self) -> str:
        return str(self).split(": ", 1)[0]


def engine_lines(scenario, rates) -> tuple[list[tuple], list[str], np.ndarray]:
    """(keys, wage group labels, kroner) of every cost line, as engine.cost_lines has them, without building
    its DataFrame (four fifths of cost_lines' time)."""
    from ..prospective.engine import cost_rows

    rows = cost_rows(scenario, rates)
    keys = [tuple(row[c] for c in _KEY_COLUMNS) for row in rows]
    return keys, [row["wage_group"] for row in rows], np.array([row["kroner"] for row in rows], dtype=float)


def _measures(cat_totals: np.ndarray, people: np.ndarray) -> dict[str, np.ndarray]:
    """Measures from category NNV totals (N × 4, in _CATEGORIES order) and discounted deltagere (N)."""
    est, trn, opr, sav = (cat_totals[:, i] for i in range(4))
    gross = est + trn + opr
    net = gross - sav
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where(people > 0, 1.0 / np.where(people > 0, people, 1.0), np.nan)
    return {
        "net_total": net, "net_per_participant": net * per, "gross_total": gross,
        "gross_per_participant": gross * per, "savings_total": -sav, "savings_per_participant": -sav * per,
        "establishment_total": est, "training_total": trn, "operation_total": opr,
        "participants_discounted": people,
    }


def _log_ratios(values: np.ndarray, base: np.ndarray) -> np.ndarray:
    ratios = values / base[None, :]
    if np.any(ratios < 0):
        raise ValueError("negative parameter values: every parameter of the cost model is >= 0")
    with np.errstate(divide="ignore"):
        logs = np.log(ratios)
    logs[ratios == 0] = _LOG_ZERO
    return logs


def _probe_values(x0: float, integer: bool) -> tuple[float, float]:
    if integer:
        return x0 + 1, x0 + 2
    return x0 * 0.5, x0 * 0.75  # below the base: stays inside upper bounds such as shares <= 1


def _exponents(k0: np.ndarray, k1: np.ndarray, k2: np.ndarray, r1: float, r2: float, path: str) -> np.ndarray:
    out = np.zeros(len(k0))
    zero = k0 == 0
    if np.any(k1[zero] != 0) or np.any(k2[zero] != 0):
        raise NotPowerLaw(f"{path}: a line that is zero at the base value is not zero at another value")
    nz = ~zero
    q1, q2 = k1[nz] / k0[nz], k2[nz] / k0[nz]
    if np.any(q1 <= 0) or np.any(q2 <= 0):
        raise NotPowerLaw(f"{path}: a line changes sign or vanishes")
    e1, e2 = np.log(q1) / np.log(r1), np.log(q2) / np.log(r2)
    if not np.allclose(e1, e2, rtol=0, atol=1e-7):
        raise NotPowerLaw(f"{path}: lines are not a power of the parameter")
    e = (e1 + e2) / 2
    whole = np.round(e)
    e = np.where(np.abs(e - whole) < 1e-8, whole, e)
    out[nz] = e
    return out


def line_exponents(scenario, rates, paths: Sequence[str]):
    """(keys, kroner, deltagere by year, E, Ep): every cost line (split where a sum is no power law, see below)
    at the base, and the exponent of each parameter in it (E: lines × P; Ep: the same for deltagere by year).
    NotPowerLaw if a parameter is not a clean power of every line."""
    from ..prospective.engine import participants

    _, wages, _ = engine_lines(scenario, rates)
    # A role with mixed wage groups pays the sum of their wages: not a power of any one group's wage. When a
    # group's wage is a parameter, lines are split by linearity in the wages into a part without wages and
    # one part per wage group (the lines with only that group's wage non-zero, minus the part without).
    mixed = any("+" in label for label in wages) and any(p.startswith("rates.wage_groups.") for p in paths)
    groups = sorted({g for label in wages if label for g in label.split("+")}) if mixed else []
    # With several kinds of fagteam, deltagere and course fees add up over the kinds: linear in each kind's
    # count but no power of it. When counts are parameters, each quantity q is split into one part per
    # kind, (q(count + 1) - q(count)) × count, and the rest; each part is then a power law again.
    counts = [p for p in paths if len(scenario.fagteams) > 1 and p.startswith("fagteams.")
              and p.endswith(".count") and len(p.split(".")) == 3]

    def by_wage(s, r):
        keys, _, kroner = engine_lines(s, r)
        if not groups:
            return keys, kroner, participants(s)
        zero = {g: w.model_copy(update={"hourly": 0.0}) for g, w in r.wage_groups.items()}
        none = engine_lines(s, r.model_copy(update={"wage_groups": zero}))[2]
        parts, all_keys = [none], [k + ("",) for k in keys]
        for g in groups:
            only = r.model_copy(update={"wage_groups": {**zero, g: r.wage_groups[g]}})
            parts.append(engine_lines(s, only)[2] - none)
            all_keys += [k + (g,) for k in keys]
        return all_keys, np.concatenate(parts), participants(s)

    def lines_of(s, r):
        keys, kroner, people = by_wage(s, r)
        if not counts:
            return keys, kroner, people
        rest_kr, rest_pp = kroner.copy(), people.astype(float).copy()
        parts_kr, parts_pp, all_keys = [], [], [k + ("",) for k in keys]
        for path in counts:
            c = prm.base_value(s, path, r)
            up, _ = prm.apply(s, {path: c + 1}, r)
            keys1, kroner1, people1 = by_wage(up, r)
            if keys1 != keys or len(people1) != len(people):
                raise NotPowerLaw(f"{path}: changing it adds, removes or moves cost lines")
            part_kr, part_pp = (kroner1 - kroner) * c, (people1 - people) * c
            rest_kr -= part_kr
            rest_pp -= part_pp
            parts_kr.append(part_kr)
            parts_pp.append(part_pp)
            all_keys += [k + (path,) for k in keys]
        # Rounding leaves ~1e-16 of a line where a part took all of it: that is zero.
        rest_kr[np.abs(rest_kr) <= 1e-9 * np.abs(kroner)] = 0.0
        rest_pp[np.abs(rest_pp) <= 1e-9 * np.abs(people)] = 0.0
        return all_keys, np.concatenate([rest_kr, *parts_kr]), np.concatenate([rest_pp, *parts_pp])

    keys0, k0, people0 = lines_of(scenario, rates)
    base = np.array([prm.base_value(scenario, p, rates) for p in paths], dtype=float)
    E = np.zeros((len(k0), len(paths)))
    Ep = np.zeros((len(people0), len(paths)))
    for j, path in enumerate(paths):
        x0 = base[j]
        if x0 <= 0:
            raise NotPowerLaw(f"{path}: base value {x0:g} (a power law needs a positive base)")
        probes = []
        for x in _probe_values(x0, prm.is_integer(scenario, path)):
            try:
                s, r = prm.apply(scenario, {path: x}, rates)
            except prm.ParameterError as exc:
                raise NotPowerLaw(f"{path}: cannot probe it alone ({exc})") from None
            keys, kroner, people = lines_of(s, r)
            if keys != keys0 or len(people) != len(people0):
                raise NotPowerLaw(f"{path}: changing it adds, removes or moves cost lines")
            probes.append((x / x0, kroner, people))
        (r1, k1, p1), (r2, k2, p2) = probes
        E[:, j] = _exponents(k0, k1, k2, r1, r2, path)
        Ep[:, j] = _exponents(people0, p1, p2, r1, r2, path)
    return keys0, k0, people0, E, Ep


@dataclass
class PowerModel:
    """Exact array model of one scenario (one schedule) in the smooth parameters `paths`."""

    paths: list[str]
    base: np.ndarray  # base value of each path
    # One row per distinct term: exponents of the P parameters and, last, of log(1 + discount rate) (-t).
    exps: np.ndarray  # T × (P + 1)
    # What each term adds at the base, undiscounted: kroner to each of the 4 categories, and deltagere (column 5).
    weights: np.ndarray  # T × 5

    @classmethod
    def build(cls, scenario, rates, paths: Sequence[str]) -> "PowerModel":
        from ..prospective.engine import participants

        keys0, k0, people0, E, Ep = line_exponents(scenario, rates, paths)
        base = np.array([prm.base_value(scenario, p, rates) for p in paths], dtype=float)
        # Cost lines and deltagere by year become terms: (exponents, -t) and what they add. Terms with the same
        # exponents and year share one exponential, whatever category they go to.
        shift = 1.0 if rates.discounting.first_year_discounted else 0.0
        cats = np.array([_CATEGORIES.index(k[0]) for k in keys0], dtype=int)
        years = np.array([k[_KEY_COLUMNS.index("year")] for k in keys0], dtype=float)
        n_years = len(participants(scenario))
        t_people = np.tile(np.arange(n_years, dtype=float), len(people0) // n_years)
        exps = np.vstack([np.column_stack([E, -(years + shift)]).reshape(-1, len(paths) + 1),
                          np.column_stack([Ep, -(t_people + shift)])])
        adds = np.zeros((len(exps), 5))
        adds[np.arange(len(k0)), cats] = k0
        adds[len(k0):, 4] = people0
        uniq, inverse = np.unique(exps, axis=0, return_inverse=True)
        inverse = np.asarray(inverse).reshape(-1)
        weights = np.zeros((len(uniq), 5))
        np.add.at(weights, inverse, adds)
        return cls(list(paths), base, uniq, weights)

    def evaluate(self, values: np.ndarray, discount_rate: np.ndarray, chunk: int = 5_000) -> dict[str, np.ndarray]:
        # Discounting folds into the same product: (1 + r)^-t = exp(log(1 + r) × -t), so one extra column of
        # log(1 + r) with "exponent" -t (t counted as the engine does) does it inside the matrix product.
        n = len(values)
        out = np.empty((n, 5))
        for start in range(0, n, chunk):
            sl = slice(start, min(start + chunk, n))
            logs = _log_ratios(values[sl], self.base) if self.paths else np.zeros((sl.stop - sl.start, 0))
            if np.any(discount_rate[sl] <= -1):
                raise ValueError("a discount rate must be above -100 pct.")
            logs = np.column_stack([logs, np.log1p(discount_rate[sl])])
            terms = logs @ self.exps.T
            np.exp(terms, out=terms)
            out[sl] = terms @ self.weights
        return _measures(out[:, :4], out[:, 4])


_CONTROLLER: list = []


def one_blas_thread():
    """A context in which numpy's BLAS uses one thread.

    The evaluators multiply chunks of a few thousand rows by a few dozen terms: too small to share out. With two
    BLAS threads on this 2-core machine such a chunk took 10 × as long as with one (21 vs 2 ms, the other core
    busy; benchmarks/bench_scale.py measures it), so the evaluators ask for one (threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency; without it numpy decides
        import contextlib

        return contextlib.nullcontext()
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0].limit(limits=1, user_api="blas")


def plain(scenario, paths: Sequence[str], values: np.ndarray, rates=None,
          progress: Callable[[int], None] | None = None) -> dict[str, np.ndarray]:
    """The plain engine, one row at a time (the reference, and the fallback)."""
    rates = rates or prm.load_rates_for(scenario)
    out = {m: np.empty(len(values)) for m in OUT_MEASURES}
    for i, row in enumerate(values):
        result = prm.evaluate_at(scenario, dict(zip(paths, map(float, row))), rates)
        for m in OUT_MEASURES:
            out[m][i] = result.measures[m]
        if progress is not None:
            progress(1)
    return out


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
        if getattr(self.scenario, "kind", "prospective") != "prospective":
            raise ValueError("the sensitivity suite works on prospective scenarios (ex-post scenarios have their "
                             "own one-way tables: costmodel sweep)")
        self.paths = list(self.paths)
        if len(set(self.paths)) != len(self.paths):
            raise prm.ParameterError("a parameter is named twice")
        self.rates = self.rates or prm.load_rates_for(self.scenario)
        for path in self.paths:
            prm.check(self.scenario, path, self.rates)
        self.used_plain = False  # set when rows went through the plain engine one at a time
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
        with one_blas_thread():
            return self._call(values, progress)

    def _call(self, values, progress: Callable[[int], None] | None = None) -> dict[str, np.ndarray]:
        values = np.asarray(values, dtype=float)
        if values.ndim != 2 or values.shape[1] != len(self.paths):
            raise ValueError(f"values must be N × {len(self.paths)}")
        n = len(values)
        for j, path in enumerate(self.paths):
            if self._integer[j] and np.any(values[:, j] != np.round(values[:, j])):
                raise prm.ParameterError(f"{path}: takes whole numbers only")
        col = {p: j for j, p in enumerate(self.paths)}
        smooth = self._smooth()
        smooth_values = values[:, [col[p] for p in smooth]]
        if prm.DISCOUNT_RATE in col:
            rate = values[:, col[prm.DISCOUNT_RATE]]
        else:
            base_rate = prm.base_value(self.scenario, prm.DISCOUNT_RATE, self.rates)
            rate = np.full(n, base_rate)
        out = {m: np.empty(n) for m in OUT_MEASURES}
        if not self.structural:
            combos, inverse = np.zeros((1, 0)), np.zeros(n, dtype=int)
        else:
            combos, inverse = np.unique(values[:, [col[p] for p in self.structural]], axis=0, return_inverse=True)
            inverse = np.asarray(inverse).reshape(-1)
        # Building a model costs about 2P + 1 engine runs; past that, the plain engine row by row is cheaper.
        new_models = sum(tuple(float(x) for x in c) not in self._models for c in combos)
        many = len(combos) > self.max_models or (new_models * (2 * len(smooth) + 1) > n and not self.force_models)
        # One schedule model costs about what one power model does: past a couple of distinct schedules it wins.
        if (many or new_models > 2 or self.force_schedule) and self._schedule_model() is not None:
            for path in self.structural:  # the plain engine would refuse a value out of bounds: so do we
                column = values[:, col[path]]
                for x in (column.min(), column.max()):
                    prm.apply(self.scenario, {path: float(x)}, self.rates)
            part = self._schedule.evaluate(smooth_values, values[:, [col[p] for p in self.structural]], rate)
            if progress is not None:
                progress(n)
            return part
        if many:
            self.notes.append(f"{len(combos)} forskellige værdier af {', '.join(self.structural)}: hver række er "
                              "beregnet for sig med den almindelige beregning (langsommere)")
            self.used_plain = True
            return plain(self.scenario, self.paths, values, self.rates, progress)
        for c, combo in enumerate(combos):
            rows = np.nonzero(inverse == c)[0]
            model = self._model(tuple(float(x) for x in combo))
            if model is None:
                self.used_plain = True
                part = plain(self.scenario, self.paths, values[rows], self.rates, progress)
            else:
                part = model.evaluate(smooth_values[rows], rate[rows])
                if progress is not None:
                    progress(len(rows))
            for m in OUT_MEASURES:
                out[m][rows] = part[m]
        return out


def evaluate_points(scenario, points: list[dict[str, float]], rates=None) -> dict[str, np.ndarray]:
    """Convenience: evaluate a list of {path: value} (all naming the same paths)."""
    paths = list(points[0]) if points else []
    ev = Evaluator(scenario, paths, rates)
    return ev(np.array([[p[k] for k in paths] for p in points], dtype=float))
