"""Typical staff time behind a group intervention, and how far a scenario sits from it.

What users rarely know is the all-in staff time (preparation, planning, documentation, supervision, travel)
behind a session. `metrics` works it out for a scenario from its own cost lines (drift, staff hours, whole
horizon, undiscounted); tools/typical_time.py computes it for the shipped assessments and writes
`typical_time.yaml` next to this module, each value with its scenario and source; `remarks` says where a
scenario sits far outside the shipped range (a remark for `costmodel validate`, not an error).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "typical_time.yaml"
METRICS = {
    "per_session_per_facilitator": "timer pr. session pr. facilitator (alt inklusive)",
    "per_forloeb": "medarbejdertimer pr. forløb",
    "per_participant": "medarbejdertimer pr. deltager",
    "per_team_year": "medarbejdertimer pr. fagteam pr. år",
}
FAR = 2.0  # a value below half the smallest or above twice the largest shipped value is "far outside"


def metrics(scenario, rates=None) -> dict[str, float | None]:
    """Staff hours in drift [h], per session and facilitator, per forløb, per deltager, per team and year.

    Sessions are the forløb's sessioner_pr_forloeb or, for a weekly group without one, the weeks its first
    weekly drift item (per: team_week or team_year_week) runs."""
    from ..rates.table import rates_for
    from . import schedule as sch
    from .engine import cost_rows

    # the engine's rows, not its frame: `costmodel validate` prints these remarks without importing pandas
    rates = rates or rates_for(scenario)
    staff = [r for r in cost_rows(scenario, rates) if r["category"] == "drift" and r["kind"] in ("timer", "stilling")]
    team_hours = float(sum(r["hours"] for r in staff if r["team"] != ""))
    all_hours = float(sum(r["hours"] for r in staff))
    teams = sum(t.count for t in scenario.fagteams)
    slots = sch.slots(scenario.forloeb, scenario.horizon_years)
    n_forloeb = sum(s.weight for s in slots) * teams
    people = float(sch.participants_total(scenario))
    facilitators = sum(t.count * sum(len(r.groups()) for r in t.medarbejdere.values()) for t in scenario.fagteams)
    sessions = n_forloeb * scenario.forloeb.sessioner_pr_forloeb
    if sessions == 0:  # a weekly group (ADHD, Kvindenetværk, Brugerstyret): one session in each week it meets
        weekly = [it for c, _, it in scenario.items()
                  if c == "drift" and getattr(it, "per", None) in ("team_week", "team_year_week")]
        if weekly:
            seen: set = set()  # the first line of each team and year, as drop_duplicates(["team", "year"]) keeps
            for r in staff:
                if r["item"] == weekly[0].item and (r["team"], r["year"]) not in seen:
                    seen.add((r["team"], r["year"]))
                    sessions += float(r["quantity"])
    per_session = team_hours / (sessions / teams * facilitators) if sessions > 0 and facilitators else None
    return {
        "per_session_per_facilitator": per_session,
        "per_forloeb": all_hours / n_forloeb if n_forloeb else None,
        "per_participant": all_hours / people if people else None,
        "per_team_year": team_hours / (teams * scenario.horizon_years) if teams else None,
    }


@lru_cache(maxsize=1)
def shipped() -> dict:
    """The typical staff time of the shipped assessments (typical_time.yaml)."""
    from ..io.yamlio import load_yaml

    data, _ = load_yaml(DATA)
    return data


def ranges() -> dict[str, tuple[float, float]]:
    """(smallest, largest) shipped value of each metric."""
    out = {}
    for key in METRICS:
        values = [row["value"] for row in shipped()["values"].get(key, []) if row.get("value") is not None]
        if values:
            out[key] = (min(values), max(values))
    return out


def remarks(scenario) -> list[str]:
    """Where the scenario's staff time sits far outside the shipped assessments (Danish, one line each); none for
    a scenario without group sessions, which the shipped group programmes do not describe."""
    out = []
    mine = metrics(scenario)
    if mine.get("per_session_per_facilitator") is None:
        # No group sessions (individual case management such as CTI, full-time teams): the shipped values are
        # group programmes, so they are no yardstick for this scenario and no remark is made.
        return out
    for key, (low, high) in ranges().items():
        value = mine.get(key)
        if value is None:
            continue
        if value < low / FAR or value > high * FAR:
            out.append(f"{METRICS[key]}: {_da(value)} ligger langt uden for de {len(shipped()['values'][key])} "
                       f"leverede vurderingers {_da(low)}-{_da(high)} (docs/egen_indsats.md, trin 5); tjek at "
                       "forberedelse, planlægning, dokumentation, supervision og transport er med")
    return out


def _da(value: float) -> str:
    """One decimal with a decimal comma (8,2), as Danish text writes it."""
    return f"{value:.1f}".replace(".", ",")
