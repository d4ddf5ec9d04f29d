"""Ex-post cost assessment (report 002's method): registered use -> annual operating cost -> unit costs.

1. Annual operating cost per category (with participants, without participants, other expenses):
   registered hours x hourly rate (wage table) + other expenses, averaged per registered month x 12;
   or, where only aggregates are published, the annual cost x its published split.
2. Unit costs: annual cost / participants per year ("De årlige driftsomkostninger sammenholdes med antallet
   af borgere, der på årsbasis modtager indsatsen", annex 10.3); per month = that / average months per
   participant; for course-based interventions per forløb = annual / forløb per year and per participant =
   per forløb / participants per forløb.
3. Establishment (etablering) cost is reported on its own and never enters the annual cost (section 9.5).

Everything here is a pure function of a validated ExPostScenario.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar

import numpy as np
import pandas as pd

from ..rates.wages import basis_of_wages
from .model import CATEGORY_LABELS, WAGE_CATEGORIES, ExPostScenario

LINE_COLUMNS = [
    "category", "activity", "item", "staff_group", "hours", "hourly_rate", "kroner",
    "period_hours", "period_kroner", "source",
]


@dataclass(frozen=True)
class Measure:
    """One result of an ex-post assessment: key, Danish label, value and unit ([kr.], [antal], [pct.], [mdr.])."""
    measure: str
    label: str
    value: float
    unit: str


@dataclass
class ExPostResult:
    """An ex-post (registered-cost) assessment: cost lines and measures, in `price_year` kroner.

    Answers the same questions as the prospective Result: ``result["cost_per_participant"]`` [kr.], `.value()`,
    `.lines` (tidy frame: category, activity, item, staff_group, hours [h/year], hourly_rate [kr./h], kroner
    [kr./year], ...), `.summary_frame()` and `.by_category()` (annual cost per activity type). Terms:
    docs/glossary.md.
    """
    kind: ClassVar[str] = "expost"
    title: str
    price_year: int
    lines: pd.DataFrame
    measures: list[Measure]
    components: dict[str, float] = field(default_factory=dict)
    # The wage table the hours were priced with (rates.wages.basis_of_wages); None for published aggregates.
    wage_basis: dict | None = None

    @property
    def rate_basis(self) -> dict | None:
        """Which wage table, indexation and restatement the result rests on, where there is one to tell: a dated
        table (indexed to the price year) or a result restated to another year's prices; None for a fixed-year
        table used in its own year (report 002's table: its outputs stay as the report's)."""
        b = self.wage_basis
        if b is None or not (b.get("dated_table") or b.get("restated")):
            return None
        return {k: (list(v) if isinstance(v, list) else v) for k, v in b.items()}

    def restated(self, restatement: dict) -> "ExPostResult":
        """A copy in `restatement['to_year']` prices: every kroner figure (measures in kr., the lines' hourly
        rates and kroner) × its `factor`; the basis records the restatement. Counts, hours, months and shares
        stay."""
        f = restatement["factor"]
        lines = self.lines.copy()
        for column in ("hourly_rate", "kroner", "period_kroner"):
            lines[column] = lines[column] * f
        measures = [replace(m, value=m.value * f) if m.unit == "kr." else m for m in self.measures]
        basis = dict(self.wage_basis or {"rate_table": None, "rate_table_price_year": self.price_year,
                                        "dated_table": False, "indexation": []})
        basis["restated"] = [*basis.get("restated", []), dict(restatement)]
        return replace(self, price_year=restatement["to_year"], lines=lines, measures=measures,
                       components={k: v * f for k, v in self.components.items()}, wage_basis=basis)

    def summary_frame(self) -> pd.DataFrame:
        """Every measure: measure, Danish label, value, unit."""
        return pd.DataFrame(
            [(m.measure, m.label, float(m.value), m.unit) for m in self.measures],
            columns=["measure", "label", "value", "unit"],
        )

    def value(self, measure: str) -> float:
        """The value of one measure [its unit]; KeyError for an unknown one."""
        for m in self.measures:
            if m.measure == measure:
                return m.value
        raise KeyError(measure)

    def __getitem__(self, measure: str) -> float:
        """`result["cost_per_participant"]` [kr.]: the value of one measure, as a prospective Result answers."""
        return self.value(measure)

    def by_category(self) -> pd.DataFrame:
        """Annual operating cost per category of the registration form [kr. per year], with its share.

        Columns: category, label, total [kr.], share [0-1]; establishment is apart (`result["establishment_cost"]`).
        """
        total = sum(self.components.values())
        rows = [dict(category=k, label=CATEGORY_LABELS.get(k, k), total=v, share=v / total if total else 0.0)
                for k, v in self.components.items()]
        return pd.DataFrame(rows, columns=["category", "label", "total", "share"])


# ---------------------------------------------------------------- step 1: annual cost per category


def registration_lines(scenario: ExPostScenario) -> tuple[pd.DataFrame, int]:
    """Registered hours priced per staff group, annualised: kroner in period x 12 / months registered."""
    reg = scenario.registreringer
    assert reg is not None
    table = scenario.wage_table()
    registered = reg.table()
    # summed per activity and own staff group first (a million rows fall to a few dozen), then mapped
    grouped = (registered.frame.groupby(["aktivitet", "personalegruppe"], sort=True, observed=True)["hours"]
               .sum().reset_index())
    grouped = grouped.astype({"aktivitet": str, "personalegruppe": str})
    grouped["staff_group"] = grouped["personalegruppe"].map(lambda g: reg.personalegrupper.get(g, g))
    months = registered.months() | {e.month for e in reg.oevrige_udgifter if e.month}
    n_months = reg.maaneder or len(months)
    factor = 12.0 / n_months

    rates = {g: table.hourly_rate(g) for g in grouped["staff_group"].unique()}  # unknown group -> clear error
    rows = []
    for rec in grouped.itertuples(index=False):
        rate = rates[rec.staff_group]
        period_kr = rec.hours * rate
        own = rec.personalegruppe
        rows.append({
            "category": "drift",
            "activity": rec.aktivitet,
            "item": CATEGORY_LABELS[rec.aktivitet],
            "staff_group": own if own == rec.staff_group else f"{own} ({rec.staff_group})",
            "hours": rec.hours * factor,
            "hourly_rate": rate,
            "kroner": period_kr * factor,
            "period_hours": rec.hours,
            "period_kroner": period_kr,
            "source": f"{table.name}: {table.wage_groups[rec.staff_group].label}",
        })
    for e in reg.oevrige_udgifter:
        rows.append({
            "category": "drift", "activity": "oevrige_udgifter", "item": e.item, "staff_group": "",
            "hours": np.nan, "hourly_rate": np.nan, "kroner": e.amount * factor,
            "period_hours": np.nan, "period_kroner": e.amount, "source": e.source or "",
        })
    return pd.DataFrame(rows, columns=LINE_COLUMNS), n_months


def aggregate_lines(scenario: ExPostScenario, annual: float | None = None) -> pd.DataFrame:
    """Cost lines from published aggregates: the annual cost [kr./year] (or `annual`) split by its shares."""
    drift = scenario.drift
    assert drift is not None
    total = drift.aarlige_omkostninger.value if annual is None else annual
    rows = [
        {
            "category": "drift", "activity": cat, "item": CATEGORY_LABELS[cat], "staff_group": "",
            "hours": np.nan, "hourly_rate": np.nan, "kroner": total * share.value,
            "period_hours": np.nan, "period_kroner": np.nan, "source": share.source or "",
        }
        for cat, share in drift.fordeling.items()
    ]
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


def establishment_lines(scenario: ExPostScenario) -> pd.DataFrame:
    """One line per establishment item [kr.]; reported apart, never part of the annual cost."""
    rows = []
    for item in scenario.etablering:
        src = item.amount.source if item.amount is not None else item.unit_price.source  # type: ignore[union-attr]
        rows.append({
            "category": "etablering", "activity": "etablering", "item": item.item, "staff_group": "",
            "hours": np.nan, "hourly_rate": np.nan, "kroner": item.cost(),
            "period_hours": np.nan, "period_kroner": item.cost(), "source": src or "",
        })
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


def components_of(lines: pd.DataFrame) -> dict[str, float]:
    """Annual operating cost per activity type [kr./year] from the drift lines."""
    drift = lines[lines["category"] == "drift"]
    return {str(k): float(v) for k, v in drift.groupby("activity", sort=False)["kroner"].sum().items()}


def wage_share(components: dict[str, float]) -> float:
    """Share of the annual cost that is staff time [0-1] (what a wage change scales)."""
    total = sum(components.values())
    if total == 0:
        return 0.0
    return sum(v for k, v in components.items() if k in WAGE_CATEGORIES) / total


# ---------------------------------------------------------------- step 2: unit costs


def unit_costs(
    scenario: ExPostScenario,
    annual: float,
    *,
    participants_per_year: float | None = None,
    participants_per_course: float | None = None,
    with_extra_denominators: bool = True,
) -> dict[str, float]:
    """Annual cost -> per forløb, per participant, per participant per month (all in kr.)."""
    out: dict[str, float] = {"annual_cost": annual}
    months = scenario.deltagere.maaneder_pr_deltager
    if scenario.forloeb is not None:
        courses = scenario.forloeb.pr_aar.value
        per_course_n = participants_per_course or scenario.forloeb.deltagere_pr_forloeb.value
        out["cost_per_course"] = annual / courses
        out["participants_per_course"] = per_course_n
        out["courses_per_year"] = courses
        n_year = courses * per_course_n
    else:
        n_year = participants_per_year or scenario.deltagere.per_year()  # type: ignore[assignment]
    out["participants_per_year"] = n_year
    out["cost_per_participant"] = annual / n_year
    if months is not None:
        out["months_per_participant"] = months.value
        out["cost_per_participant_per_month"] = out["cost_per_participant"] / months.value
    if with_extra_denominators:
        for d in scenario.extra_denominators:
            out[f"cost_per_participant_{d.key}"] = annual / d.per_year()  # type: ignore[operator]
    return out


def _labels(scenario: ExPostScenario) -> dict[str, tuple[str, str]]:
    one = scenario.deltagere.singular
    many = scenario.deltagere.plural
    labels = {
        "annual_cost": ("Årlige driftsomkostninger", "kr."),
        "cost_per_course": ("Omkostninger pr. forløb", "kr."),
        "courses_per_year": ("Forløb pr. år", "antal"),
        "participants_per_course": (f"{many.capitalize()} pr. forløb", "antal"),
        "participants_per_year": (f"{many.capitalize()} pr. år", "antal"),
        "cost_per_participant": (f"Omkostninger pr. {one}", "kr."),
        "months_per_participant": (f"Gns. måneder i indsatsen pr. {one}", "mdr."),
        "cost_per_participant_per_month": (f"Omkostninger pr. {one} pr. måned", "kr."),
        "establishment_cost": ("Etableringsomkostninger (ikke medregnet i driften)", "kr."),
        "wage_share": ("Andel lønomkostninger (personaletid)", "pct."),
        "hours_per_year": ("Registrerede timer pr. år", "timer"),
        "months_registered": ("Måneder med registreringer", "mdr."),
    }
    for d in scenario.extra_denominators:
        labels[f"cost_per_participant_{d.key}"] = (f"Omkostninger pr. {d.singular}", "kr.")
    for cat, text in CATEGORY_LABELS.items():
        labels[f"share_{cat}"] = (f"Andel: {text.lower()}", "pct.")
    return labels


# ---------------------------------------------------------------- entry points


def drift_lines(scenario: ExPostScenario) -> tuple[pd.DataFrame, int | None]:
    """The annual operating cost lines [kr./year] and the number of months registered (None for aggregates)."""
    if scenario.registreringer is not None:
        return registration_lines(scenario)
    return aggregate_lines(scenario), None


def evaluate(scenario: ExPostScenario, annual_override: float | None = None) -> ExPostResult:
    """Evaluate a scenario. `annual_override` re-bases the annual cost (variants) keeping its split."""
    lines, n_months = drift_lines(scenario)
    if annual_override is not None:
        total = float(lines["kroner"].sum())
        scale = annual_override / total if total else 0.0
        lines = lines.assign(kroner=lines["kroner"] * scale, period_kroner=lines["period_kroner"] * scale)
    components = components_of(lines)
    annual = sum(components.values())
    est = establishment_lines(scenario)

    values = unit_costs(scenario, annual)
    if scenario.etablering:
        values["establishment_cost"] = float(est["kroner"].sum())
    values["wage_share"] = wage_share(components)
    for cat, kr in components.items():
        values[f"share_{cat}"] = kr / annual if annual else 0.0
    if n_months is not None:
        values["hours_per_year"] = float(lines["hours"].sum(skipna=True))
        values["months_registered"] = float(n_months)

    from ..io.limits import check_result

    check_result(values, getattr(scenario, "_source_path", None) or scenario.title)  # no inf kr. or null in output
    labels = _labels(scenario)
    measures = [Measure(k, labels[k][0], float(v), labels[k][1]) for k, v in values.items()]
    all_lines = pd.concat([lines, est], ignore_index=True) if len(est) else lines
    return ExPostResult(
        title=scenario.title,
        price_year=scenario.price_year,
        lines=all_lines.reset_index(drop=True),
        measures=measures,
        components=components,
        wage_basis=_basis(scenario),
    )


def _basis(scenario: ExPostScenario) -> dict | None:
    """The wage table the hours were priced with (rates.wages.basis_of_wages); for published aggregates, which no
    wage table prices, only a restatement of the scenario (None if there is none)."""
    if scenario.registreringer is not None:
        return basis_of_wages(scenario.wage_table())
    if not scenario.restatements:
        return None
    return {"rate_table": None, "rate_table_price_year": scenario.price_year, "dated_table": False, "indexation": [],
            "restated": [dict(x) for x in scenario.restatements]}
