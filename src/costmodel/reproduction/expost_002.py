"""Reproduce every published cost result of report 002 from the five shipped scenarios.

What counts as a published *result* (decided here, documented in docs/expost_method.md, "What is a result"):

* the kroner outcomes of an assessment: annual operating cost, cost per forløb, per participant (family,
  child, youth enrolled / discharged), per participant per month, and establishment cost — in the main
  result, in the alternative cost bases and in every row of the sensitivity tables;
* one result per (intervention, row, measure, printed value): a number repeated in a table, the text and a
  box counts once (all its sources are listed); a *different* number printed for the same quantity counts
  separately (Thisted's "56.000" next to 67.000).

Not results: inputs (participants, months, shares, wage table, course prices), dates, context figures, the
two chapter-2 figures filed under `method` (no intervention named), and Favrskov's "ca. 11.000 til ca.
21.000 kr." per child, which describe single courses from Figur 7-7 (not converted), not the assessment.
That leaves 83 results.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import yaml

from .. import kinds
from ..io.paths import data_dir, scenarios_dir
from ..expost.engine import evaluate
from ..expost.model import ExPostScenario
from ..expost.sensitivity import SweepTable, sweep

RESULT_MEASURES = {
    # published measure -> column of our result / sweep tables
    "annual_operating_cost": "annual_cost",
    "cost_per_course": "cost_per_course",
    "cost_per_family": "cost_per_participant",
    "cost_per_child": "cost_per_participant",
    "cost_per_youth_enrolled": "cost_per_participant",
    "cost_per_youth_discharged": "cost_per_participant_udskrevet",
    "cost_per_family_per_month": "cost_per_participant_per_month",
    "establishment_cost": "establishment_cost",
}
NOT_RESULT_ROWS = {"range_min_across_courses", "range_max_across_courses"}
TOLERANCE_KR = 1000.0  # printed "afrundet til hele tusinde kr."
TOLERANCE_MIO = 100000.0  # printed to 0,1 mio. kr.
COLUMNS = [
    "report", "intervention", "source", "row", "measure", "published", "computed", "tolerance",
    "within", "used_for_calibration", "note",
]


def published_frame() -> pd.DataFrame:
    """Report 002's published figures (reproduction/data/published_figures_002.csv)."""
    return pd.read_csv(data_dir() / "published_figures_002.csv", dtype={"value": float})


def published_results() -> pd.DataFrame:
    """The 83 distinct published results (see module docstring), sources joined with '; '."""
    pub = published_frame()
    pub = pub[
        pub["measure"].isin(RESULT_MEASURES)
        & (pub["intervention"] != "method")
        & ~pub["row"].isin(NOT_RESULT_ROWS)
    ]
    grouped = (
        pub.groupby(["intervention", "row", "measure", "value"], sort=False)
        .agg(source=("source", lambda s: "; ".join(dict.fromkeys(s))),
             as_printed=("as_printed", lambda s: " | ".join(dict.fromkeys(s))))
        .reset_index()
    )
    grouped["tolerance"] = [TOLERANCE_MIO if "mio" in p else TOLERANCE_KR for p in grouped["as_printed"]]
    return grouped


@lru_cache(maxsize=1)
def _scenarios_by_intervention() -> dict[str, ExPostScenario]:
    """The shipped ex-post scenarios by intervention key, read with the project's loader (one parse each)."""
    from ..loader import load

    out: dict[str, ExPostScenario] = {}
    for path in sorted(scenarios_dir().glob("lovende_praksis_*.yaml")):
        scenario = load(path)
        if kinds.is_expost(scenario) and scenario.intervention:
            out[scenario.intervention] = scenario
    return out


def _calibration_keys(scenario: ExPostScenario) -> set[str]:
    """'row:measure' keys of published figures some scenario value was inferred from."""
    keys: set[str] = set()

    def walk(obj: object) -> None:
        if hasattr(obj, "calibrated_from") and isinstance(getattr(obj, "calibrated_from"), list):
            keys.update(obj.calibrated_from)  # type: ignore[attr-defined]
        if hasattr(obj, "__pydantic_fields__"):
            for name in type(obj).model_fields:  # type: ignore[attr-defined]
                walk(getattr(obj, name))
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v)

    walk(scenario)
    return keys


def _lookup(scenario: ExPostScenario, summary: pd.DataFrame, tables: list[SweepTable], row: str, column: str) -> float:
    if row in ("base", scenario.base_key):
        hit = summary.loc[summary["measure"] == column, "value"]
        return float(hit.iloc[0]) if len(hit) else math.nan
    for table in tables:
        if table.key == "varianter" and row == scenario.base_key:
            continue
        match = table.frame[table.frame["row"] == row]
        if len(match) and column in match.columns:
            return float(match[column].iloc[0])
    return math.nan


@lru_cache(maxsize=1)
def _notes() -> dict[str, str]:
    path = data_dir() / "expost_002_notes.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _note_key(intervention: str, row: str, measure: str, value: float) -> str:
    return f"{intervention}|{row}|{measure}|{value:.0f}"


def reproduce_rows() -> pd.DataFrame:
    """Every published result of report 002 against the computed one [kr. or its unit], with tolerance and status."""
    results = published_results()
    scenarios = _scenarios_by_intervention()
    notes = _notes()
    rows = []
    cache: dict[str, tuple[pd.DataFrame, list[SweepTable], set[str]]] = {}
    for rec in results.itertuples(index=False):
        scenario = scenarios.get(rec.intervention)
        computed = math.nan
        calibrated = False
        if scenario is not None:
            if rec.intervention not in cache:
                cache[rec.intervention] = (
                    evaluate(scenario).summary_frame(), sweep(scenario), _calibration_keys(scenario)
                )
            summary, tables, calibration = cache[rec.intervention]
            computed = _lookup(scenario, summary, tables, rec.row, RESULT_MEASURES[rec.measure])
            calibrated = f"{rec.row}:{rec.measure}" in calibration
        within = (not math.isnan(computed)) and abs(computed - rec.value) <= rec.tolerance + 1e-6
        note = notes.get(_note_key(rec.intervention, rec.row, rec.measure, rec.value), "")
        if not note and calibrated:
            note = "input: the scenario value was inferred from this figure (used_for_calibration)"
        if not note and scenario is None:
            note = "no scenario for this intervention"
        rows.append({
            "report": "002",
            "intervention": rec.intervention,
            "source": rec.source,
            "row": rec.row,
            "measure": rec.measure,
            "published": float(rec.value),
            "computed": computed,
            "tolerance": float(rec.tolerance),
            "within": bool(within),
            "used_for_calibration": bool(calibrated),
            "note": note,
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def summary_counts(frame: pd.DataFrame | None = None) -> dict[str, int]:
    """Counts of report 002's results: in all, within tolerance, within and not used for calibration, ..."""
    frame = reproduce_rows() if frame is None else frame
    return {
        "results": len(frame),
        "within": int(frame["within"].sum()),
        "within_not_calibration": int((frame["within"] & ~frame["used_for_calibration"]).sum()),
        "used_for_calibration": int(frame["used_for_calibration"].sum()),
        "missed": int((~frame["within"]).sum()),
    }
