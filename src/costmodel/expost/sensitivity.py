"""Sensitivity tables of report 002: wage level (+10 / +20 pct.) and volume (participants), plus variants.

Wage level: only staff time scales, other expenses stay as they are: annual' = annual x (1 + p x wage share).
Report 002 does not say so in words, but its tables fit only this (docs/expost_method.md, "Wage level").
Unit costs divide by unchanged participants and months.

Volume: the parts the report names scale linearly with participants, the rest is fixed
(Tabel 5-5, 8-7, 9-5 notes: activities with and without families scale, 'øvrige udgifter' are fixed;
Tabel 7-5 note: only 'før indsatsen' and 'afslutning' scale with children per group):
    annual(N) = annual0 x (1 - v + v x N / N0),  v = scaling share.
"""
from __future__ import annotations

import pandas as pd

from ..tables import SweepTable
from .engine import evaluate, unit_costs
from .model import CATEGORY_LABELS, ExPostScenario

_UNITS = {
    "annual_cost": "kr.",
    "cost_per_course": "kr.",
    "participants_per_year": "antal",
    "participants_per_course": "antal",
    "cost_per_participant": "kr.",
    "cost_per_participant_per_month": "kr.",
    "wage_change": "pct.",
}
# Danish column headings for human tables (the frames keep machine keys as column names).
COLUMN_LABELS = {
    "wage_change": "Ændring i lønomkostninger",
    "annual_cost": "Årlige driftsomkostninger",
    "cost_per_course": "Omk. pr. forløb",
    "participants_per_year": "Deltagere pr. år",
    "participants_per_course": "Deltagere pr. forløb",
    "cost_per_participant": "Omk. pr. deltager",
    "cost_per_participant_per_month": "Omk. pr. deltager pr. måned",
    "cost_per_participant_udskrevet": "Omk. pr. udskrevet",
}
_UNIT_COLUMNS = ["annual_cost", "cost_per_course", "cost_per_participant", "cost_per_participant_per_month"]


def _pct(p: float) -> str:
    return f"{p * 100:+.0f}pct"


def _num(x: float) -> str:
    return f"{int(x)}" if float(x).is_integer() else f"{x:g}"


def _dk(x: float) -> str:
    return _num(x).replace(".", ",")


def wage_sweep(scenario: ExPostScenario) -> SweepTable:
    """The wage table: annual cost and unit costs [kr.] with staff time's wages up by each `sensitivity.wages` fraction.
    """
    base = evaluate(scenario)
    share = base.value("wage_share")
    annual0 = base.value("annual_cost")
    rows = []
    for p in [0.0, *scenario.sensitivity.wages]:
        annual = annual0 * (1 + p * share)
        vals = unit_costs(scenario, annual)
        key = "base" if p == 0 else f"loen={_pct(p)}"
        label = (
            scenario.base_label if p == 0
            else f"{abs(p) * 100:.0f} pct. {'øgede' if p > 0 else 'lavere'} lønomkostninger"
        )
        rows.append({"row": key, "label": label, "wage_change": p, **vals})
    frame = pd.DataFrame(rows)
    cols = ["row", "label", "wage_change"] + [c for c in _UNIT_COLUMNS if c in frame.columns]
    extra = [c for c in frame.columns if c.startswith("cost_per_participant_") and c not in cols]
    frame = frame[cols + extra]
    units = {c: _UNITS.get(c, "kr.") for c in frame.columns if c not in ("row", "label")}
    note = (
        f"Kun personaletid skalerer med lønniveauet ({_dk(round(share * 100, 1))} pct. af driftsomkostningerne); "
        "øvrige udgifter og antal deltagere er uændrede."
    )
    return SweepTable("loen", "Ændring af lønomkostningerne", frame, units, note)


def scaling_share(scenario: ExPostScenario) -> float:
    """The share of the annual cost that scales with participants [0-1]: `scaling_share`, or the share of the
    `scales` categories.
    """
    vol = scenario.sensitivity.volume
    assert vol is not None
    if vol.scaling_share is not None:
        return vol.scaling_share.value
    comps = evaluate(scenario).components
    total = sum(comps.values())
    return sum(comps.get(c, 0.0) for c in vol.scales or []) / total if total else 0.0


def volume_sweep(scenario: ExPostScenario) -> SweepTable | None:
    """The volume table: annual and unit costs [kr.] at each `sensitivity.volume.values` count (None without one)."""
    vol = scenario.sensitivity.volume
    if vol is None:
        return None
    base = evaluate(scenario)
    annual0 = base.value("annual_cost")
    v = scaling_share(scenario)
    many = scenario.deltagere.plural
    rows = []
    if vol.parameter == "deltagere_pr_forloeb":
        n0 = scenario.forloeb.deltagere_pr_forloeb.value  # type: ignore[union-attr]
        label_for = lambda n: f"{_dk(n)} {many} pr. forløb"  # noqa: E731
    else:
        n0 = base.value("participants_per_year")
        label_for = lambda n: f"{_dk(n)} {many} pr. år"  # noqa: E731
    for n in [None, *vol.values]:
        n_eff = n0 if n is None else n
        annual = annual0 * (1 - v + v * n_eff / n0)
        if vol.parameter == "deltagere_pr_forloeb":
            vals = unit_costs(scenario, annual, participants_per_course=n_eff, with_extra_denominators=False)
        else:
            vals = unit_costs(scenario, annual, participants_per_year=n_eff, with_extra_denominators=False)
        key = "base" if n is None else f"{vol.row_prefix}={_num(n)}"
        label = f"{scenario.base_label} ({label_for(round(n0, 2))})" if n is None else label_for(n)
        rows.append({"row": key, "label": label, **vals})
    frame = pd.DataFrame(rows)
    n_col = "participants_per_course" if vol.parameter == "deltagere_pr_forloeb" else "participants_per_year"
    cols = ["row", "label", n_col] + [c for c in _UNIT_COLUMNS if c in frame.columns]
    frame = frame[cols]
    units = {c: _UNITS[c] for c in cols[2:]}
    if vol.scales is not None:
        parts = ", ".join(CATEGORY_LABELS[c].lower() for c in vol.scales)
        what = f"Skalerer lineært med antal {many}: {parts} ({_dk(round(v * 100, 1))} pct.); resten er faste omkostninger."
    else:
        what = f"Skalerer lineært med antal {many}: {_dk(round(v * 100, 1))} pct. af omkostningerne; resten er faste."
    note = what + (f" {vol.note}" if vol.note else "")
    return SweepTable("volumen", f"Ændring af antal {many}", frame, units, note)


def variant_table(scenario: ExPostScenario) -> SweepTable | None:
    """The variants table: each alternative annual cost [kr./year] and its unit costs (None without variants)."""
    if not scenario.variants:
        return None
    rows = []
    base = evaluate(scenario)
    rows.append({"row": scenario.base_key, "label": scenario.base_label,
                 **unit_costs(scenario, base.value("annual_cost"))})
    for var in scenario.variants:
        rows.append({"row": var.key, "label": var.label,
                     **unit_costs(scenario, var.aarlige_omkostninger.value)})
    frame = pd.DataFrame(rows)
    keep = ["row", "label"] + [c for c in _UNIT_COLUMNS if c in frame.columns]
    keep += [c for c in frame.columns if c.startswith("cost_per_participant_") and c not in keep]
    frame = frame[keep]
    units = {c: "kr." for c in keep[2:]}
    notes = " ".join(v.note for v in scenario.variants if v.note)
    return SweepTable("varianter", "Alternative opgørelser", frame, units, notes)


def sweep(scenario: ExPostScenario) -> list[SweepTable]:
    """The one-way tables of an ex-post scenario: wages, volume and variants.

    Returns
    -------
    list of SweepTable
        Amounts [kr.] in the scenario's price year.
    """
    tables = [wage_sweep(scenario), volume_sweep(scenario), variant_table(scenario)]
    basis = evaluate(scenario).rate_basis  # a dated wage table's indexation (None for a fixed-year table)
    for t in tables:
        if t is not None:
            t.price_year = scenario.price_year  # kroner columns are in the scenario's (wage table's) prices
            t.rate_basis = basis
    return [t for t in tables if t is not None]
