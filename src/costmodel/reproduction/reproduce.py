"""Published vs computed, for every printed result of a report (the reproduction the product is judged by)."""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import yaml

from ..io.paths import data_dir, scenarios_dir

COLUMNS = ["report", "intervention", "source", "row", "measure", "published", "computed", "basis"]
DETAIL = ["tolerance", "within", "used_for_calibration", "status", "note", "basis_reason"]

# The 146 results of report 000 that issue 2 counts; the prose savings and "changes vs base" are extra checks.
RESULT_MEASURES = {
    "net_total", "net_per_participant", "gross_total", "gross_per_participant", "establishment_per_participant",
    "training_per_participant", "operation_per_participant", "savings_per_participant",
}
EXTRA_MEASURES = {"savings_per_participant_undiscounted_text", "net_total_change_vs_base",
                  "net_per_participant_change_vs_base"}


def tolerance_000(measure: str, published: float) -> float:
    """±100 kr. per deltager; totals within ±0,5 % (at least ±100 kr.); prose changes ("knap", "ca.") ±10 %."""
    if measure.endswith("change_vs_base"):
        return max(100.0, 0.10 * abs(published))
    if measure.endswith("_total"):
        return max(100.0, 0.005 * abs(published))
    return 100.0


@lru_cache(maxsize=None)
def known_issues(report: str) -> tuple[dict, ...]:
    """The known misprints, calibration figures and misses of a report (reproduction/data/known_issues_<report>.yaml).
    """
    path = data_dir() / f"known_issues_{report}.yaml"
    if not path.exists():
        return ()
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["issues"])


def _matches(issue: dict, record: dict) -> bool:
    for key in ("intervention", "row", "measure"):
        if key in issue and issue[key] != record[key]:
            return False
    if "value_kr" in issue and float(issue["value_kr"]) != float(record["value_kr"]):
        return False
    if "source_startswith" in issue and not str(record["source"]).startswith(issue["source_startswith"]):
        return False
    return True


def issue_for(report: str, record: dict, kinds: tuple[str, ...]) -> dict | None:
    """The known issue of one of `kinds` that matches a published figure, if any."""
    for issue in known_issues(report):
        if issue["kind"] in kinds and _matches(issue, record):
            return issue
    return None


def published_000() -> pd.DataFrame:
    """Report 000's published result figures (reproduction/data/published_figures_000.csv)."""
    frame = pd.read_csv(data_dir() / "published_figures_000.csv")
    return frame[frame.measure.isin(RESULT_MEASURES | EXTRA_MEASURES)].reset_index(drop=True)


def _results_000():
    """Every scenario variant of report 000 that a published row refers to, evaluated once."""
    from .. import evaluate, load
    from ..prospective.sensitivity import variants

    results = {}
    for name in published_000().intervention.unique():
        scenario = load(scenarios_dir() / f"{name}.yaml")
        results[(name, "base")] = evaluate(scenario)
        for key, changed in variants(scenario):
            results[(name, key)] = evaluate(changed)
    return results


def _computed(results, record) -> float:
    name, row, measure = record["intervention"], record["row"], record["measure"]
    result = results.get((name, row))
    if result is None:
        return math.nan
    if measure == "savings_per_participant_undiscounted_text":
        return -result["savings_per_participant"]
    if measure.endswith("_change_vs_base"):
        base = results[(name, "base")]
        return result[measure.removesuffix("_change_vs_base")] - base[measure.removesuffix("_change_vs_base")]
    return result[measure]


def reproduce_000() -> pd.DataFrame:
    """Every published figure of report 000 against the computed one [kr.], with tolerance and status."""
    results = _results_000()
    rows = []
    for record in published_000().to_dict("records"):
        computed = _computed(results, record)
        published = float(record["value_kr"])
        tol = tolerance_000(record["measure"], published)
        within = bool(not math.isnan(computed) and abs(computed - published) <= tol)
        basis, basis_reason = basis_of("000", record)
        calibration = basis == "calibration"
        explained = issue_for("000", record, ("printed_wrong", "not_reproduced"))
        if calibration:
            status, note = "calibration", basis_reason
        elif within:
            status, note = "reproduced", ""
        elif explained:
            status, note = explained["kind"], explained["reason"]
        else:
            status, note = "unexplained", "miss not yet explained"
        rows.append(dict(report="000", intervention=record["intervention"], source=record["source"],
                         row=record["row"], measure=record["measure"], published=published,
                         computed=computed, tolerance=tol, within=within,
                         used_for_calibration=bool(calibration), status=status, note=note,
                         basis=basis, basis_reason=basis_reason,
                         counted=record["measure"] in RESULT_MEASURES))
    return pd.DataFrame(rows)


def reproduce(report: str) -> pd.DataFrame:
    """Published versus computed for report ``000`` or ``002``: one row per published figure (see COLUMNS, DETAIL)."""
    if report == "000":
        return reproduce_000()
    if report == "002":
        from .expost_002 import reproduce_rows

        frame = reproduce_rows()
        bases = [basis_of("002", dict(intervention=r.intervention, row=r.row, measure=r.measure,
                                      value_kr=r.published, source=r.source)) for r in frame.itertuples()]
        frame["basis"] = [b for b, _ in bases]
        frame["basis_reason"] = [reason for _, reason in bases]
        frame["used_for_calibration"] = frame["basis"] == "calibration"
        if "status" not in frame:
            frame["status"] = [
                "calibration" if c else ("reproduced" if w else "not_reproduced")
                for c, w in zip(frame["used_for_calibration"], frame["within"])
            ]
        frame["counted"] = True
        return frame
    raise ValueError(f"unknown report {report!r}; use 000, 002 or all")


@lru_cache(maxsize=None)
def _basis_table(report: str) -> dict:
    """(intervention, source, row, measure, value) -> (basis, reason) from reproduction/data/basis_<report>.csv."""
    path = data_dir() / f"basis_{report}.csv"
    frame = pd.read_csv(path, keep_default_na=False)
    value = "value_kr" if "value_kr" in frame else "value"
    return {(r.intervention, r.source, r.row, r.measure, float(getattr(r, value))): (r.basis, r.reason)
            for r in frame.itertuples()}


def basis_of(report: str, record: dict) -> tuple[str, str]:
    """Why a printed figure is counted (check, calibration, forced, reading) and the reason, as stored by
    tools/basis.py; a figure the stored file does not know is an error (re-run the tool)."""
    key = (record["intervention"], record["source"], record["row"], record["measure"], float(record["value_kr"]))
    try:
        return _basis_table(report)[key]
    except KeyError:
        raise LookupError(f"report {report}: no stored basis for {key}; run python tools/basis.py") from None


def distinct_results(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct published result (intervention, row, measure, printed value), as the issues count them.

    A result counts as reproduced when it is within tolerance and not used for calibration; where a
    result is printed twice (text and table), it counts once, reproduced if any printing is. Two different
    numbers printed for the same thing (Thisted's 56.000 beside 67.000 in report 002) count as two.
    """
    counted = frame[frame["counted"]]
    grouped = counted.groupby(["report", "intervention", "row", "measure", "published"], sort=False)
    out = grouped.agg(
        reproduced=("status", lambda s: bool((s == "reproduced").any())),
        within=("within", "any"),
        calibration=("used_for_calibration", "any"),
        basis=("basis", _distinct_basis),
    ).reset_index()
    out["check"] = (out["basis"] == "check") & out["within"]
    return out


def _distinct_basis(bases: pd.Series) -> str:
    """One basis for a figure printed several times: calibration, then reading, then check, then forced."""
    for basis in ("calibration", "reading", "check", "forced"):
        if (bases == basis).any():
            return basis
    return str(bases.iloc[0])
