"""Why each published result of report 002 is counted: `check`, `calibration`, `forced` or `reading`.

Report 002's scenarios cost no hours: each annual cost is a printed figure typed into the scenario (the
hours are only in the unconverted figures 5-9, 6-5, 7-7, 8-5 and 9-4). What the model adds is the report's
arithmetic: division by printed counts, the wage and volume sensitivities and their shares. The method
(docs/reproduction.md, "How basis is decided"):

* `calibration`: a scenario value was inferred from the figure (`calibrated_from` in the scenario).
* `reading`: the figure was in view when a reading of the text was chosen (`READINGS` below).
* Otherwise the figure is tried mechanically. The calibrated annual costs stay at the printed figures they
  were copied from (a calibrated total divided by a printed count can only reprint it). Each share of the
  annual cost that the report prints (or that follows from printed shares) is moved by 5 percentage points
  either way, the others scaled to keep the sum 1, and shares fitted to a printed cell are solved again from
  it; each fitted share is also moved to both ends of the interval its calibration cell's rounding allows.
  A figure that some move shifts by more than its tolerance is a `check`; one that no move shifts so far is
  `forced`.
* The same printed figure for the same scenario under a second name (Spydspidsen's `fte_based` and Tabel
  6-3's `base`) is `forced` as a reprint.
"""
from __future__ import annotations

import math
from typing import Iterator

import numpy as np
import pandas as pd

from .expost_002 import RESULT_MEASURES, _lookup, _scenarios_by_intervention, published_results

STEP = 0.05  # 5 percentage points of the annual cost moved into or out of one share

# Figures in view when a reading was chosen: (intervention, row, measure, value) -> reason.
READINGS = {
    ("spydspidsen_koebenhavn", "loen=+20pct", "cost_per_youth_discharged", 98000):
        "READING D-udskrevet: discharged youths as the exact mean (47 + 34) / 2 = 40,5, not the printed 41, "
        "chosen with this cell in view (with 41: 96.585, a miss)",
    ("boernegrupper_favrskov", "boern_pr_gruppe=4", "annual_operating_cost", 180000):
        "READING D-favrskov-fixed: the fixed share 66 pct. (gruppemøder 63 + øvrige 3) rather than 63 pct. "
        "alone, chosen with this cell in view (63 pct. gives 177.920)",
    ("spaedeindsats_holstebro", "familier_pr_aar=10", "annual_operating_cost", 2400000):
        "READING base 7,2 families: Tabel 9-5's base row says '8 familier pr. år'; 7,2 (text, Table 10-8) was "
        "chosen with this table in view (8 x 247.000 = 1.976.000 prints as 2,0 mio.)",
}
# A second name for the same scenario row: (intervention, row) -> the row it reprints.
SAME_ROW = {("spydspidsen_koebenhavn", "base"): "fte_based"}


def _half_rounding(tolerance: float) -> float:
    """Half the printed rounding: ±500 kr. for whole thousands, ±50.000 for 0,1 mio."""
    return 50_000.0 if tolerance >= 100_000 else 500.0


def _figures(scenario) -> dict:
    from ..expost.engine import evaluate
    from ..expost.sensitivity import sweep

    return {"summary": evaluate(scenario).summary_frame(), "tables": sweep(scenario)}


def _value(scenario, evaluated: dict, row: str, measure: str) -> float:
    return _lookup(scenario, evaluated["summary"], evaluated["tables"], row, RESULT_MEASURES[measure])


def _calibration_key(key: str) -> tuple[str, str]:
    row, measure = key.split(":")
    return row, measure


# ---------------------------------------------------------------------------------------------------------
# Parameters: shares of the annual cost, fitted or printed


def _with_shares(scenario, shares: dict[str, float]):
    drift = scenario.drift
    fordeling = {k: v.model_copy(update={"value": shares[k]}) for k, v in drift.fordeling.items()}
    return scenario.model_copy(update={"drift": drift.model_copy(update={"fordeling": fordeling})})


def _with_volume_share(scenario, value: float):
    vol = scenario.sensitivity.volume
    andel = vol.scaling_share.model_copy(update={"value": value})
    sensitivity = scenario.sensitivity.model_copy(update={"volume": vol.model_copy(update={"scaling_share": andel})})
    return scenario.model_copy(update={"sensitivity": sensitivity})


def _move_share(scenario, name: str, value: float):
    """Share `name` set to `value` (clipped to 0-1), the other shares scaled so all sum to 1."""
    shares = {k: v.value for k, v in scenario.drift.fordeling.items()}
    value = min(max(value, 0.0), 1.0)
    rest = sum(v for k, v in shares.items() if k != name)
    scale = (1 - value) / rest if rest else 0.0
    return _with_shares(scenario, {k: (value if k == name else v * scale) for k, v in shares.items()})


def fitted(scenario) -> list[tuple[str, str, str]]:
    """(kind, name, 'row:measure') of each share fitted to a printed cell."""
    out = []
    if scenario.drift is not None:
        for name, share in scenario.drift.fordeling.items():
            for key in share.calibrated_from:
                out.append(("share", name, key))
    vol = scenario.sensitivity.volume if scenario.sensitivity else None
    if vol is not None and vol.scaling_share is not None:
        for key in vol.scaling_share.calibrated_from:
            out.append(("volume", "skalerende_andel", key))
    return out


def printed_shares(scenario) -> list[tuple[str, str]]:
    """(kind, name) of each share the report prints or that follows from printed shares."""
    out = []
    fitted_names = {n for _, n, _ in fitted(scenario)}
    if scenario.drift is not None and len(scenario.drift.fordeling) > 1:
        out += [("share", n) for n in scenario.drift.fordeling if n not in fitted_names]
    vol = scenario.sensitivity.volume if scenario.sensitivity else None
    if vol is not None and vol.scaling_share is not None and not vol.scaling_share.calibrated_from:
        out.append(("volume", "skalerende_andel"))
    return out


def _current(scenario, kind: str, name: str) -> float:
    if kind == "share":
        return scenario.drift.fordeling[name].value
    return scenario.sensitivity.volume.scaling_share.value


def _set(scenario, kind: str, name: str, value: float):
    return _move_share(scenario, name, value) if kind == "share" else _with_volume_share(scenario, value)


def _solve(scenario, kind: str, name: str, key: str, target: float) -> float:
    """The value of a fitted share at which its calibration cell computes `target` (bisection, monotone)."""
    row, measure = _calibration_key(key)

    def f(x: float) -> float:
        return _value(_set(scenario, kind, name, x), _figures(_set(scenario, kind, name, x)), row, measure) - target

    lo, hi = 0.0, 1.0
    flo, fhi = f(lo), f(hi)
    if flo * fhi > 0:
        return _current(scenario, kind, name)
    for _ in range(40):
        mid = (lo + hi) / 2
        fm = f(mid)
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def _printed(intervention: str, key: str) -> tuple[float, float]:
    row, measure = _calibration_key(key)
    pub = published_results()
    hit = pub[(pub.intervention == intervention) & (pub.row == row) & (pub.measure == measure)]
    return float(hit.value.iloc[0]), float(hit.tolerance.iloc[0])


def resolve(scenario) -> object:
    """Every fitted share solved again from its calibration cell (after a printed share moved)."""
    for kind, name, key in fitted(scenario):
        value, _ = _printed(scenario.intervention, key)
        scenario = _set(scenario, kind, name, _solve(scenario, kind, name, key, value))
    return scenario


def moves(scenario) -> Iterator[tuple[str, object]]:
    """(description, moved scenario) for every move tried on one scenario."""
    for kind, name in printed_shares(scenario):
        base = _current(scenario, kind, name)
        for step in (-STEP, STEP):
            moved = resolve(_set(scenario, kind, name, base + step))
            yield f"{name} {base:.3f} -> {min(max(base + step, 0), 1):.3f}", moved
    for kind, name, key in fitted(scenario):
        value, tolerance = _printed(scenario.intervention, key)
        for edge in (-1, 1):
            x = _solve(scenario, kind, name, key, value + edge * _half_rounding(tolerance))
            yield f"{name} fitted to {key} at {value + edge * _half_rounding(tolerance):,.0f} ({x:.4f})", \
                _set(scenario, kind, name, x)


def classify_002() -> pd.DataFrame:
    """One row per published result of report 002 with its basis, the largest move and what caused it."""
    pub = published_results()
    scenarios = _scenarios_by_intervention()
    rows = []
    cache: dict[str, list[tuple[str, dict]]] = {}
    for rec in pub.itertuples(index=False):
        scenario = scenarios.get(rec.intervention)
        if scenario is None:
            continue
        if rec.intervention not in cache:
            cache[rec.intervention] = [("", _figures(scenario), scenario)] + [
                (label, _figures(moved), moved) for label, moved in moves(scenario)]
        runs = cache[rec.intervention]
        base = _value(scenario, runs[0][1], rec.row, rec.measure)
        largest, mover, escapes = 0.0, "", False
        for label, evaluated, moved in runs[1:]:
            if " fitted to " in label:
                # a fitted share inside its calibration interval: what only this moves is forced, not a check
                continue
            value = _value(moved, evaluated, rec.row, rec.measure)
            delta = abs(value - base)
            escapes = escapes or abs(value - rec.value) > rec.tolerance
            if not math.isnan(delta) and delta > largest:
                largest, mover = delta, label
        keys = {f"{rec.row}:{rec.measure}"}
        calibrated = any(k in keys for k in _all_calibration_keys(scenario))
        reading = READINGS.get((rec.intervention, rec.row, rec.measure, int(rec.value)))
        if calibrated:
            basis, reason = "calibration", "a scenario value was inferred from this figure (calibrated_from)"
        elif reading:
            basis, reason = "reading", reading
        elif (rec.intervention, rec.row) in SAME_ROW:
            basis = "forced"
            reason = f"reprints the same figure of the same scenario (row {SAME_ROW[(rec.intervention, rec.row)]})"
        elif largest > rec.tolerance and escapes:
            basis, reason = "check", f"moves {largest:,.0f} kr. (tolerance {rec.tolerance:,.0f}) when {mover}"
        else:
            basis = "forced"
            reason = (f"no move shifts it by its tolerance ({rec.tolerance:,.0f} kr.; largest {largest:,.0f} kr."
                      f"{', ' + mover if mover else ''}): the calibrated annual cost and printed counts fix it")
        rows.append(dict(intervention=rec.intervention, source=rec.source, row=rec.row, measure=rec.measure,
                         value=float(rec.value), basis=basis, largest_move=round(largest, 1), move=mover,
                         reason=reason))
    return pd.DataFrame(rows)


def _all_calibration_keys(scenario) -> set[str]:
    from .expost_002 import _calibration_keys

    return _calibration_keys(scenario)


def moved_values(intervention: str, row: str, measure: str) -> np.ndarray:
    """The figure's computed value under every move of a printed share (for the mutation test)."""
    scenario = _scenarios_by_intervention()[intervention]
    return np.array([_value(m, _figures(m), row, measure) for label, m in moves(scenario)
                     if " fitted to " not in label])
