"""Full-time posts (stillinger) and investments (investeringer) as cost lines per year.

A post of `aarsvaerk` full-time posts costs aarsvaerk × effective hours a year [h] × hourly rate [kr./h] for each
year it runs (Socialstyrelsen's convention: hourly rate = annual wage cost × overhead / 1.418, so a post costs
hourly rate × 1.418 a year). An investment is paid in its year of purchase, bought again when its lifetime ends
inside the horizon, and what is left of its straight-line value at the end of the horizon (restværdi) is a
negative line in the last year. Investments are a cost category of their own, "investering" (the Vejledning's
"Investering i materiel"; before issue 14's follow-up they were counted inside etablering).
"""
from __future__ import annotations

import numpy as np

from . import schedule as sch
from .staff import _role, _staff_rate, _teams_for


def effective_hours(rates) -> float:
    """Hours a full-time post is costed at [h/year]: the rate table's (load_rates gives every table the 1.418 of
    Socialstyrelsen's convention where it states none)."""
    return rates.effective_hours_per_year.value


def post_lines(ctx) -> list[dict]:
    """Cost lines of the full-time posts: årsværk × effective hours [h/year] × hourly rate [kr./h], per year."""
    rows = []
    hours_year = effective_hours(ctx.rates) if ctx.scenario.stillinger else 0.0
    for post in ctx.scenario.stillinger:
        if not post.enabled:
            continue
        end = ctx.scenario.horizon_years if post.aar is None else min(post.start_aar + post.aar,
                                                                        ctx.scenario.horizon_years)
        years = sch.overlap_by_year(post.start_aar, end, ctx.years)
        teams = _teams_for(ctx, post.teams)
        team_role = any(post.who in t.medarbejdere for t in teams)
        for team in (teams if team_role else [None]):
            role, _ = _role(ctx, team, post.who)
            n_persons, rate_all, label = _staff_rate(ctx, role, None)
            rate = rate_all / n_persons  # a post's wage: the role's (mean) hourly rate
            count = team.count if team is not None else 1
            for year in np.nonzero(years)[0]:
                hours = post.aarsvaerk * hours_year * years[year] * count
                rows.append(dict(
                    category=post.kategori, item=post.item, item_id=post.id, team=team.name if team else "",
                    who=post.who, wage_group=label, kind="stilling", year=int(year), quantity=post.aarsvaerk * count,
                    hours=hours, unit_kr=rate, kroner=hours * rate,
                ))
    return rows


def lifetime(investment) -> float:
    """An investment's lifetime [years]: its own, else the default for its type."""
    if investment.levetid is not None:
        return investment.levetid
    from ..rates.lifetimes import default_lifetime

    return default_lifetime(investment.type)


def investment_lines(ctx) -> list[dict]:
    """Cost lines of the investments: purchases [kr.] in their years and the restværdi [kr., negative] in the last year."""
    rows = []
    horizon = ctx.scenario.horizon_years
    for inv in ctx.scenario.investeringer:
        if not inv.enabled:
            continue
        life = lifetime(inv)
        buys = [inv.aar]
        while inv.genanskaffes and buys[-1] + life < horizon - 1e-9:
            buys.append(buys[-1] + life)
        base = dict(category="investering", item_id=inv.id, team="", who="", wage_group="", hours=0.0)
        for when in buys:
            year = min(int(np.floor(when + 1e-9)), ctx.years - 1)
            rows.append({**base, "item": inv.item, "kind": "investering", "year": year, "quantity": 1.0,
                         "unit_kr": inv.amount, "kroner": inv.amount})
        left = max(0.0, 1.0 - (horizon - buys[-1]) / life)
        if inv.restvaerdi and left > 1e-12:
            rows.append({**base, "item": f"{inv.item}: restværdi", "kind": "restvaerdi", "year": ctx.years - 1,
                         "quantity": left, "unit_kr": -inv.amount, "kroner": -inv.amount * left})
    return rows
