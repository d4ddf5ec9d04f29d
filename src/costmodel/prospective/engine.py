"""Expand a validated scenario into cost lines per year (pure: scenario + rate table -> DataFrame)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import schedule as sch
from .schedule import participants  # noqa: F401 - deltagere per year; lives with the schedule
from .model import AmountItem, CourseItem, Fagteam, HoursItem, Scenario
from ..rates.table import RateTable
from .posts import investment_lines, post_lines  # issue 14: full-time posts and investments
from .staff import _role, _staff_rate, _teams_for

if TYPE_CHECKING:
    import pandas as pd

LINE_COLUMNS = [
    "category", "item", "item_id", "team", "who", "wage_group", "kind",
    "year", "quantity", "hours", "unit_kr", "kroner",
    "payer", "udvalg", "budget_area", "budget_line",
]
BUDGET_COLUMNS = LINE_COLUMNS[-4:]
CATEGORY_LINES = {"etablering": "Etablering", "uddannelse": "Uddannelse", "drift": "Drift",
                  "investering": "Investeringer"}
RESIDUAL_LINE = "Restværdi af investeringer"  # the by-payer line of the restværdi: visible, not netted away


@dataclass(frozen=True)
class Context:
    """What every cost line needs: the scenario, its rate table and the schedule (years, year fractions, forløb slots).
    """
    scenario: Scenario
    rates: RateTable
    years: int
    fractions: np.ndarray
    slots: list[sch.Slot]

    @property
    def weeks_per_year(self) -> float:
        """Working weeks per year [weeks/year] from the rate table."""
        return self.rates.weeks_per_year.value

    @property
    def hours_per_day(self) -> float:
        """Working hours per day [h/day] from the rate table."""
        return self.rates.hours_per_day.value


def _group_share(ctx: Context, group: str | None) -> float:
    if group is None:
        return 1.0
    return next(g.share for g in ctx.scenario.deltagergrupper if g.name == group)


def _quantity(ctx: Context, item, team: Fagteam | None) -> np.ndarray:
    """How many times an item occurs in each calendar year (for one fagteam kind, all its teams)."""
    n, count = ctx.years, (team.count if team is not None else 1)
    q = np.zeros(n)
    per = item.per
    during = getattr(item, "during", None)
    if per == "once":
        q[0] = 1.0
    elif per == "team":
        q[0] = count
    elif per == "team_year":
        q = count * ctx.fractions
    elif per == "year":
        q = ctx.fractions.copy()
    elif per == "team_week":
        q = count * ctx.weeks_per_year * sch.active_years(ctx.slots, n)
    elif per in ("team_year_week", "year_week"):
        # every working week of each year in which forløb run (a partial last year of the horizon by its share)
        q = (count if per == "team_year_week" else 1) * ctx.weeks_per_year * ctx.fractions * \
            sch.forloeb_years(ctx.slots, n)
    elif per in ("forloeb", "session", "participant"):
        cut = ctx.scenario.forloeb.afkortede_forloeb
        if during is not None:
            q = count * sch.window_years(ctx.slots, n, ctx.scenario.horizon_years, during.start_years, during.years)
        elif by_forloeb_length(item):
            # weekly hours over the forløb: in the years the forløb runs, cut at the horizon by the rule
            q = count * sch.spread_by_year(ctx.slots, n, ctx.scenario.forloeb.laengde_aar, cut, per == "participant")
        elif per == "participant" and cut != "alle":
            # a forløb the horizon cuts: its per-participant costs and savings count as much as its deltagere
            q = count * sch.counted_by_start_year(ctx.slots, n, ctx.scenario.forloeb.laengde_aar, cut)
        else:
            q = count * sch.per_forloeb_by_year(ctx.slots, n)
        if per == "session":
            q = q * _sessions(ctx, item)
        if per == "participant":
            q = q * ctx.scenario.forloeb.deltagere_pr_forloeb * _group_share(ctx, item.group)
    if getattr(item, "active", None) is not None:
        window = item.active
        inside = sch.overlap_by_year(window.start_years, window.start_years + window.years, n)
        q = q * np.divide(inside, ctx.fractions, out=np.zeros(n), where=ctx.fractions > 0)
    return q * item.times


def by_forloeb_length(item) -> bool:
    """Whether an item's hours are weekly hours over the whole forløb (`hours_per_week` with `weeks: forloeb`)."""
    return (isinstance(item, HoursItem) and item.hours is None and item.days is None and item.during is None
            and item.weeks == "forloeb")


def _sessions(ctx: Context, item) -> float:
    """Sessions a per-session item applies to in each forløb: all, its own number, or the rest."""
    total = ctx.scenario.forloeb.sessioner_pr_forloeb
    own = getattr(item, "sessioner", None)
    if own is None:
        return total
    if own != "resten":
        return own
    for category in ("etablering", "uddannelse", "drift", "sparede_omkostninger"):
        items = getattr(ctx.scenario, category)
        if any(it is item for it in items):
            fixed = sum(it.sessioner for it in items
                        if it.enabled and getattr(it, "sessioner", None) not in (None, "resten"))
            return max(total - fixed, 0.0)
    return total


def _is_team_level(item) -> bool:
    return item.per not in ("once", "year", "year_week")


def _hours_per_occurrence(ctx: Context, item: HoursItem) -> float:
    """Hours one person spends each time the item occurs (q counts the occurrences)."""
    if item.hours is not None:
        return item.hours
    if item.days is not None:
        return item.days * ctx.hours_per_day
    if item.during is not None:
        return item.hours_per_week * ctx.weeks_per_year  # q already counts the years in the window
    if item.weeks == "forloeb":
        return item.hours_per_week * ctx.scenario.forloeb.laengde_aar * ctx.weeks_per_year
    return item.hours_per_week * item.weeks


def _hours_lines(ctx: Context, category: str, item: HoursItem) -> list[dict]:
    rows = []
    teams = _teams_for(ctx, item.teams)
    team_role_used = any(item.who in t.medarbejdere for t in teams)
    # An item at the level of the whole intervention with a team role is done by every team's staff.
    for team in (teams if (team_role_used or _is_team_level(item)) else [None]):
        role, is_team_role = _role(ctx, team, item.who)
        if item.persons == "all":
            persons = None if is_team_role else 1
        else:
            persons = item.persons
        n_persons, rate_all, label = _staff_rate(ctx, role, persons)
        q = _quantity(ctx, item, team)
        if not _is_team_level(item) and team is not None:
            q = q * team.count  # once/year items done by each team's staff
        hours_each = _hours_per_occurrence(ctx, item)
        for year in np.nonzero(q)[0]:
            hours = q[year] * hours_each * n_persons
            rows.append(dict(
                category=category, item=item.item, item_id=item.id, team=team.name if team else "",
                who=item.who, wage_group=label, kind="timer", year=int(year), quantity=q[year],
                hours=hours, unit_kr=rate_all / n_persons, kroner=q[year] * hours_each * rate_all,
            ))
    return rows


def _amount_lines(ctx: Context, category: str, item: AmountItem) -> list[dict]:
    rows = []
    for team in (_teams_for(ctx, item.teams) if _is_team_level(item) else [None]):
        q = _quantity(ctx, item, team)
        for year in np.nonzero(q)[0]:
            rows.append(dict(
                category=category, item=item.item, item_id=item.id, team=team.name if team else "",
                who="", wage_group="", kind="kr", year=int(year), quantity=q[year], hours=0.0,
                unit_kr=item.amount, kroner=q[year] * item.amount,
            ))
    return rows


def _course_lines(ctx: Context, category: str, item: CourseItem) -> list[dict]:
    """Fee, the attendees' working days and their travel (overnight stays and per diem), all in year 0."""
    teams = _teams_for(ctx, item.teams)
    travel = ctx.rates.travel
    per_person_travel = item.overnight_stays * travel.overnight_stay.value + item.travel_days * travel.per_diem.value
    n_courses = 1.0 if item.held == "once" else float(sum(t.count for t in teams))
    rows = []
    attendees_total = 0.0
    for team in teams:
        role, _ = _role(ctx, team, item.attendees)
        n_persons, rate_all, label = _staff_rate(ctx, role, None)
        n = n_persons * team.count
        attendees_total += n
        hours = item.days * ctx.hours_per_day
        base = dict(category=category, item=item.course, item_id=item.id, team=team.name, year=0)
        rows.append({**base, "who": item.attendees, "wage_group": label, "kind": "timer", "quantity": n,
                     "hours": n * hours, "unit_kr": rate_all / n_persons,
                     "kroner": team.count * hours * rate_all})
        if per_person_travel:
            rows.append({**base, "item": f"{item.course}: overnatning og timedagpenge", "who": item.attendees,
                         "wage_group": "", "kind": "rejse", "quantity": n, "hours": 0.0,
                         "unit_kr": per_person_travel, "kroner": n * per_person_travel})
    fee_quantity = n_courses if item.fee_basis == "per_course" else attendees_total
    if item.fee:
        rows.append(dict(category=category, item=f"{item.course}: kursusgebyr", item_id=item.id, team="",
                         who="", wage_group="", kind="kr", year=0, quantity=fee_quantity, hours=0.0,
                         unit_kr=item.fee, kroner=fee_quantity * item.fee))
    return rows


def budget_of(scenario: Scenario, category: str, item) -> dict:
    """Payer, udvalg, budget area and by-payer line of an item: what the item's `budget:` sets, else the
    scenario's `budget:` (its udvalg only for the same payer), else kommune and service. A saving has a line of its own by default (its item: § 85-
    and § 82-støtte are then separate lines); costs are grouped by category."""
    chosen: dict = {}
    for source in (scenario.budget, getattr(item, "budget", None)):
        if source is not None:
            if "payer" in source.model_fields_set and source.payer != chosen.get("payer", "kommune"):
                chosen.pop("udvalg", None)  # another payer: the scenario's committee is not its committee
            chosen.update({k: getattr(source, k) for k in source.model_fields_set if k in ("payer", "udvalg", "area", "line")})
    name = getattr(item, "item", None) or getattr(item, "course", "")
    line = chosen.get("line") or (name if category == "sparede_omkostninger" else CATEGORY_LINES.get(category, category))
    return {"payer": chosen.get("payer") or "kommune", "udvalg": chosen.get("udvalg") or "",
            "budget_area": chosen.get("area") or "service", "budget_line": line}


def context(scenario: Scenario, rates: RateTable) -> Context:
    """The Context of a scenario and its rate table."""
    return Context(
        scenario=scenario,
        rates=rates,
        years=sch.n_years(scenario.horizon_years),
        fractions=sch.year_fractions(scenario.horizon_years),
        slots=sch.slots(scenario.forloeb, scenario.horizon_years),
    )


def cost_rows(scenario: Scenario, rates: RateTable) -> list[dict]:
    """Every cost line as a dict of LINE_COLUMNS: what cost_lines frames, for callers (the vectorized evaluator)
    that need only a few columns and not the DataFrame, which is most of cost_lines' time."""
    ctx = context(scenario, rates)
    rows: list[dict] = []
    for category, i, item in scenario.items():
        if isinstance(item, CourseItem):
            new = _course_lines(ctx, category, item)
        elif isinstance(item, HoursItem):
            new = _hours_lines(ctx, category, item)
        else:
            new = _amount_lines(ctx, category, item)
        budget = budget_of(scenario, category, item)
        for row in new:  # which item a line comes from (analyses.schedule_model); not a column of cost_lines
            row["ref"] = (category, i)
        rows += [{**row, **budget} for row in new]
    rows += _with_budget(scenario, post_lines(ctx))
    for row in investment_lines(ctx):
        line = RESIDUAL_LINE if row["kind"] == "restvaerdi" else CATEGORY_LINES["investering"]
        rows += _with_budget(scenario, [row], area="anlaeg", line=line)
    rows += effect_rows(scenario, ctx)
    rows += grant_rows(scenario, ctx)
    return rows


def grant_rows(scenario: Scenario, ctx: Context) -> list[dict]:
    """Tilskud (Trin 4) as lines of category "tilskud", kind "tilskud": one per grant and year with an amount,
    signed as a cost (a grant received is negative, a grant paid positive) [kr., `price_year` prices]. Each is
    its `budget:` payer's (default the scenario's; area service: a grant is operating income inside the service
    frame), on a line of its own named by the grant and its modpart."""
    rows = []
    for grant in scenario.tilskud:
        sign = -1.0 if grant.retning == "modtaget" else 1.0
        budget = budget_of(scenario, "tilskud", grant)
        if not (grant.budget and grant.budget.line):
            budget["budget_line"] = grant_line(grant)
        for year, amount in enumerate(grant.pr_aar[: ctx.years]):
            if amount:
                rows.append(dict(
                    category="tilskud", item=grant.item, item_id=grant.id, team="", who=grant.modpart or "",
                    wage_group="", kind="tilskud", year=year, quantity=1.0, hours=0.0, unit_kr=sign * amount,
                    kroner=sign * amount, **budget))
    return rows


def grant_line(grant) -> str:
    """A grant's by-payer line: its name, and from or to whom ('Driftstilskud (fra Fonden X)'). Where the name or
    the giver has parentheses of its own, no parentheses around them: 'Satspuljemidler fra Satspuljen (staten)',
    not 'Satspuljemidler (fra Satspuljen (staten))' (trial2 W6)."""
    if not grant.modpart:
        return grant.item
    whom = f"{'fra' if grant.retning == 'modtaget' else 'til'} {grant.modpart}"
    if "(" in grant.item or "(" in grant.modpart or ")" in grant.item or ")" in grant.modpart:
        return f"{grant.item} {whom}"
    return f"{grant.item} ({whom})"


def _with_budget(scenario: Scenario, rows: list[dict], area: str | None = None, line: str | None = None) -> list[dict]:
    """Posts and investments are the scenario's default payer's; an investment is anlæg unless the scenario's
    `budget.area` says otherwise, on a line of its own."""
    out = []
    for row in rows:
        budget = budget_of(scenario, row["category"], None)
        if area and not (scenario.budget and "area" in scenario.budget.model_fields_set):
            budget["budget_area"] = area
        if line:
            budget["budget_line"] = line
        out.append({**row, **budget})
    return out


def effect_rows(scenario: Scenario, ctx: Context) -> list[dict]:
    """Savings from the `effekter:` block: deltagere x success rate = successful citizens; each is worth its
    consequences' quantity x price per payer for every year the effect lasts (category sparede_omkostninger,
    kind "effekt", one line per consequence, payer and year)."""
    if not scenario.effekter:
        return []
    people = participants(scenario)
    rows = []
    for effect in scenario.effekter:
        if not effect.enabled:
            continue
        years_of_success = np.zeros(ctx.years)  # successful citizen-years in each calendar year
        for counted, n in enumerate(people):
            if n:
                begin = counted + effect.start_after_years
                end = min(begin + effect.lasting_years, scenario.horizon_years)
                years_of_success += n * effect.success_rate * sch.overlap_by_year(begin, end, ctx.years)
        for ci, consequence in enumerate(effect.consequences):
            for price in consequence.prices:
                unit_kr = consequence.quantity * price.price
                for year in np.nonzero(years_of_success)[0]:
                    rows.append(dict(
                        category="sparede_omkostninger", item=f"{effect.label}: {consequence.item}",
                        item_id=f"{effect.id}.{consequence.id or ci}.{price.payer}", team="", who="",
                        wage_group="", kind="effekt", year=int(year), quantity=years_of_success[year], hours=0.0,
                        unit_kr=unit_kr, kroner=years_of_success[year] * unit_kr, payer=price.payer,
                        udvalg=price.udvalg or "", budget_area=price.area or "service",
                        budget_line=consequence.item))
    return rows


def cost_lines(scenario: Scenario, rates: RateTable) -> "pd.DataFrame":
    """Every cost line of the scenario, undiscounted, in the scenario's price year."""
    import pandas as pd

    frame = pd.DataFrame(cost_rows(scenario, rates), columns=LINE_COLUMNS)
    return frame.astype({"year": int, "quantity": float, "hours": float, "unit_kr": float, "kroner": float})
