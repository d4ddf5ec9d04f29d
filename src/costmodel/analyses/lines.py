"""Cost lines and their exponents: what the array models (analyses.vectorized, analyses.schedule_model) share.

`line_exponents` reads every cost line of the plain engine at the base and the exponent of each parameter in it;
`_measures` turns category totals and discounted deltagere into the measures. See vectorized.py for the method.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import InputError
from ..prospective import parameters as prm

OUT_MEASURES = (
    "net_total", "net_per_participant", "gross_total", "gross_per_participant", "savings_total",
    "savings_per_participant", "establishment_total", "training_total", "operation_total",
    "investment_total", "net_after_grants_total", "net_after_grants_per_participant",
    "participants_discounted",
)
# The categories of the cost lines, in the column order of the array models; tilskud lines are signed as costs
# (a grant received is negative), so net after grants = net + the tilskud column.
_CATEGORIES = ("etablering", "uddannelse", "drift", "investering", "sparede_omkostninger", "tilskud")
N_COLUMNS = len(_CATEGORIES) + 1  # the array models' columns: one per category, and deltagere last
PEOPLE = len(_CATEGORIES)  # the deltagere column
_LOG_ZERO = -1e6  # log(0) stand-in: exp(-1e6 × e) = 0 for any exponent e >= 1e-3, and -1e6 × 0 = 0
_KEY_COLUMNS = ["category", "item", "item_id", "team", "who", "kind", "year"]


class NotPowerLaw(ValueError):
    """A parameter that is not a clean power of every line (its path leads the message)."""

    @property
    def path(self) -> str:
        """The parameter path the message is about."""
        return str(self).split(": ", 1)[0]


def engine_lines(scenario, rates) -> tuple[list[tuple], list[str], np.ndarray]:
    """(keys, wage group labels, kroner) of every cost line, as engine.cost_lines has them, without building
    its DataFrame (four fifths of cost_lines' time)."""
    from ..prospective.engine import cost_rows

    rows = cost_rows(scenario, rates)
    keys = [tuple(row[c] for c in _KEY_COLUMNS) for row in rows]
    return keys, [row["wage_group"] for row in rows], np.array([row["kroner"] for row in rows], dtype=float)


def _measures(cat_totals: np.ndarray, people: np.ndarray) -> dict[str, np.ndarray]:
    """Measures from category NNV totals (N × 6, in _CATEGORIES order) and discounted deltagere (N)."""
    est, trn, opr, inv, sav, grants = (cat_totals[:, i] for i in range(len(_CATEGORIES)))
    gross = est + trn + opr + inv
    net = gross - sav
    after = net + grants
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where(people > 0, 1.0 / np.where(people > 0, people, 1.0), np.nan)
    return {
        "net_total": net, "net_per_participant": net * per, "gross_total": gross,
        "gross_per_participant": gross * per, "savings_total": -sav, "savings_per_participant": -sav * per,
        "establishment_total": est, "training_total": trn, "operation_total": opr, "investment_total": inv,
        "net_after_grants_total": after, "net_after_grants_per_participant": after * per,
        "participants_discounted": people,
    }


def engine_measures(measures: dict[str, float]) -> dict[str, float]:
    """The plain engine's measures as the array models give them: investment 0 and net after grants = net where
    the scenario has no investments or tilskud (its result then has no such measures)."""
    out = dict(measures)
    out.setdefault("investment_total", 0.0)
    out.setdefault("net_after_grants_total", out["net_total"])
    out.setdefault("net_after_grants_per_participant", out["net_per_participant"])
    return out


def _log_ratios(values: np.ndarray, base: np.ndarray) -> np.ndarray:
    ratios = values / base[None, :]
    if np.any(ratios < 0):
        raise InputError("negative parameter values: every parameter of the cost model is >= 0")
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


_LAST: list = []  # (scenario, rates, paths, result) of the last call: the power and schedule models ask alike


def line_exponents(scenario, rates, paths: Sequence[str]):
    """(keys, kroner, deltagere by year, E, Ep): every cost line (split where a sum is no power law, see below)
    at the base, and the exponent of each parameter in it (E: lines × P; Ep: the same for deltagere by year).
    NotPowerLaw if a parameter is not a clean power of every line.

    The last answer is kept (for the very same scenario and rate objects): an evaluator builds its power model
    and then its schedule model from the same lines, and each costs 2P + 1 runs of the engine."""
    paths = list(paths)
    if _LAST and _LAST[0][0] is scenario and _LAST[0][1] is rates and _LAST[0][2] == paths:
        return _LAST[0][3]
    result = _line_exponents(scenario, rates, paths)
    _LAST[:] = [(scenario, rates, paths, result)]
    return result


def _line_exponents(scenario, rates, paths: list[str]):
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


