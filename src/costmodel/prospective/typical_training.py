"""Typical uddannelse (training) and supervision of the shipped assessments, and a remark when a scenario has none.

`metrics` works them out for a scenario from its own cost lines (undiscounted, kroner in the scenario's price
year); tools/typical_time.py computes them for the shipped assessments, adds the values report 002 prints, and
writes `typical_training.yaml` next to this module, each value with its scenario and source. The rule (what is
measured, the median, how a user applies it) is docs/derivations.md, D-typical-training. `remarks` says when a
scenario with staff has no uddannelse or no supervision at all (a remark for `costmodel validate`, not an error).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from statistics import median

DATA = Path(__file__).resolve().parent / "typical_training.yaml"
METRICS = {
    "uddannelse_kr_pr_medarbejder": "uddannelse i alt pr. uddannet medarbejder (gebyr, rejse, medarbejdertid) [kr.]",
    "uddannelse_udgifter_pr_medarbejder": "uddannelsesudgifter pr. uddannet medarbejder (gebyr, rejse, uden "
                                          "medarbejdertid) [kr.]",
    "uddannelse_dage_pr_medarbejder": "uddannelsesdage pr. uddannet medarbejder [dage à 7,4 timer]",
    "supervision_timer_pr_medarbejder_aar": "supervision pr. medarbejder pr. år, medarbejderens egen tid [timer]",
    "supervisor_kr_pr_fagteam_aar": "supervisor (psykolog) pr. fagteam pr. år [kr.]",
    "supervision_andel_af_driftsloen": "supervision i alt som andel af driftens lønomkostninger [andel]",
}
SUPERVISION = "supervision"  # a cost line is supervision when its item names it (all shipped scenarios do)


def is_supervision(item_text: str) -> bool:
    """Whether a cost line's item text names supervision (case-insensitive)."""
    return SUPERVISION in item_text.lower()


def _team_persons(scenario, roles: set[str]) -> float:
    """Persons of the given fagteam roles over all teams [persons] (role count × team count)."""
    return float(sum(t.count * r.count for t in scenario.fagteams for name, r in t.medarbejdere.items()
                     if name in roles))


def metrics(scenario, rates=None) -> dict[str, float | None]:
    """Uddannelse [kr., days] per trained medarbejder and supervision [h/year, kr./year, share] of one scenario.

    Trained medarbejdere: the persons of the fagteam roles that attend its uddannelse lines; supervised: those of
    the fagteam roles with supervision hours. A full year is the year with the most supervision. None where the
    scenario has nothing to measure."""
    from ..rates.table import rates_for
    from .engine import cost_rows

    rates = rates or rates_for(scenario)
    rows = cost_rows(scenario, rates)
    team_roles = {name for t in scenario.fagteams for name in t.medarbejdere}
    training = [r for r in rows if r["category"] == "uddannelse"]
    trained = _team_persons(scenario, {r["who"] for r in training if r["kind"] == "timer"} & team_roles)
    total = float(sum(r["kroner"] for r in training))
    staff_time = [r for r in training if r["kind"] == "timer"]
    hours_per_day = float(rates.hours_per_day.value)

    drift = [r for r in rows if r["category"] == "drift"]
    sup = [r for r in drift if is_supervision(r["item"])]
    own = [r for r in sup if r["kind"] == "timer" and r["who"] in team_roles]
    supervisor = [r for r in sup if r not in own]
    supervised = _team_persons(scenario, {r["who"] for r in own})
    teams = sum(t.count for t in scenario.fagteams)

    def full_year(lines, by) -> float | None:
        per_year: dict[int, float] = {}
        for r in lines:
            per_year[r["year"]] = per_year.get(r["year"], 0.0) + float(r[by])
        return max(per_year.values()) if per_year else None

    own_hours = full_year(own, "hours")
    supervisor_kr = full_year(supervisor, "kroner")
    drift_staff = float(sum(r["kroner"] for r in drift if r["kind"] in ("timer", "stilling")))
    return {
        "uddannelse_kr_pr_medarbejder": total / trained if trained and training else None,
        "uddannelse_udgifter_pr_medarbejder": (
            float(sum(r["kroner"] for r in training if r["kind"] != "timer")) / trained if trained and training
            else None),
        "uddannelse_dage_pr_medarbejder": (
            float(sum(r["hours"] for r in staff_time)) / hours_per_day / trained if trained else None),
        "supervision_timer_pr_medarbejder_aar": own_hours / supervised if own_hours and supervised else None,
        "supervisor_kr_pr_fagteam_aar": supervisor_kr / teams if supervisor_kr and teams else None,
        "supervision_andel_af_driftsloen": (
            float(sum(r["kroner"] for r in sup)) / drift_staff if sup and drift_staff else None),
    }


@lru_cache(maxsize=1)
def shipped() -> dict:
    """The typical uddannelse and supervision of the shipped assessments (typical_training.yaml)."""
    from ..io.yamlio import load_yaml

    data, _ = load_yaml(DATA)
    return data


def typical() -> dict[str, tuple[float, float, float, int]]:
    """(median, smallest, largest, how many) of each metric over the shipped assessments (D-typical-training)."""
    out = {}
    for key in METRICS:
        values = [row["value"] for row in shipped()["values"].get(key, []) if row.get("value") is not None]
        if values:
            out[key] = (median(values), min(values), max(values), len(values))
    return out


def training_lines() -> tuple[str, str]:
    """The typical uddannelse and supervision in one Danish line each (for `costmodel new`'s template)."""
    v = typical()
    days, fees, sup_h, sup_kr = (v[k] for k in ("uddannelse_dage_pr_medarbejder", "uddannelse_udgifter_pr_medarbejder",
                                                 "supervision_timer_pr_medarbejder_aar", "supervisor_kr_pr_fagteam_aar"))
    return (f"{_da(days[0])} dage og {_kr(fees[0])} i gebyr og rejse pr. uddannet medarbejder (median; "
            f"{_da(days[1])}-{_da(days[2])} dage, {_kr(fees[1])}-{_kr(fees[2])})",
            f"{_da(sup_h[0])} timer pr. medarbejder pr. år (fx 9 x 2 timer) og {_kr(sup_kr[0])} til supervisor "
            f"pr. fagteam pr. år (median; {_kr(sup_kr[1])}-{_kr(sup_kr[2])}), 2020-priser")


def has_staff(scenario) -> bool:
    """Whether the scenario has staff of its own: a fagteam role, or a post or hours in drift."""
    return bool(scenario.stillinger) or any(t.medarbejdere for t in scenario.fagteams) or any(
        c == "drift" and hasattr(it, "who") for c, _, it in scenario.items())


def remarks(scenario) -> list[str]:
    """A remark (Danish, one line each) when a scenario with staff has no uddannelse or no supervision at all."""
    if not has_staff(scenario):
        return []
    out = []
    values = typical()
    if not any(c == "uddannelse" for c, _, _ in scenario.items()):
        med = values.get("uddannelse_dage_pr_medarbejder")
        kr = values.get("uddannelse_udgifter_pr_medarbejder")
        if med and kr:
            out.append(f"ingen uddannelse: Socialstyrelsens vurderinger har typisk {_da(med[0])} uddannelsesdage og "
                       f"{_kr(kr[0])} i kursusgebyr og rejse pr. uddannet medarbejder (2020-priser; "
                       "docs/egen_indsats.md, trin 5); tjek at metodeuddannelsen er med")
    # supervision of the staff: a cost line or a post that names it (a saved supervision is not the staff's)
    named = [getattr(it, "item", None) or getattr(it, "course", "") for c, _, it in scenario.items()
             if c != "sparede_omkostninger"] + [p.item for p in scenario.stillinger if p.enabled]
    if not any(is_supervision(text) for text in named):
        hours = values.get("supervision_timer_pr_medarbejder_aar")
        sup = values.get("supervisor_kr_pr_fagteam_aar")
        if hours and sup:
            out.append(f"ingen supervision: Socialstyrelsens vurderinger har typisk {_da(hours[0])} timers supervision "
                       f"pr. medarbejder pr. år og {_kr(sup[0])} til supervisor pr. fagteam pr. år (2020-priser; "
                       "docs/egen_indsats.md, trin 5); tjek at supervisionen er med")
    return out


def _da(value: float) -> str:
    """One decimal with a decimal comma, no decimal when whole (18 / 4,5), as Danish text writes it."""
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def _kr(value: float) -> str:
    """Kroner to the nearest hundred, half up, in Danish format (20.250 -> 20.300 kr.)."""
    return f"{int(value / 100 + 0.5) * 100:,} kr.".replace(",", ".")
