"""Remarks on a valid prospective scenario: what is allowed but most likely not meant (`costmodel validate` prints
them after "ok", exit 0). Each is a Problem with the field path and line it is about, its message in Danish like
the other remarks (typical_time, typical_training).

- An hours, days or course item for a role that also has a full-time post (`stillinger`) in the same years: the
  post pays every working hour of its years, so the item's hours are costed twice (trial/FINDINGS.md F5).
- `forloeb.start_aar` of a year or more and over half the horizon: most likely months written as years (F12).
- A forløb starting less than a few hours before a new year or the end of the horizon: most likely a rounded
  fraction (4 months written 0.3333), which moves it into the year before or inside the horizon (trial3 #1).
"""
from __future__ import annotations

from ..errors import Problem
from ..io.yamlio import line_for

_COST_CATEGORIES = ("etablering", "uddannelse", "drift")


def remarks(scenario) -> list[Problem]:
    """Every remark on `scenario`, each with its field path and line (where the file is known)."""
    return [*post_double_counting(scenario), *start_in_months(scenario), *start_just_before(scenario)]


def _line(scenario, loc: tuple) -> int | None:
    lines = getattr(scenario, "_lines", None)
    return line_for(lines, loc) if lines else None


def _years(years: list[int]) -> str:
    """Calendar years (0 = the first) as the memo names them: "år 1", "år 1-4", "år 1, 3"."""
    years = sorted(set(years))
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"år {years[0] + 1}-{years[-1] + 1}"
    return "år " + ", ".join(str(y + 1) for y in years)


def post_double_counting(scenario) -> list[Problem]:
    """An hours, days or course item in etablering, uddannelse or drift whose role has a `stilling` in a year the
    item has hours: the post already pays those hours (docs/scenario_format.md, "Full-time posts and hours
    items"). Years are calendar years of the horizon, read from the engine's own lines."""
    if not any(p.enabled for p in scenario.stillinger):
        return []
    from .engine import cost_rows
    from .model import CourseItem
    from .parameters import load_rates_for

    rows = cost_rows(scenario, load_rates_for(scenario))
    posts: dict[str, list[dict]] = {}  # role -> its post lines (team "" for a role outside the teams)
    for row in rows:
        if row["kind"] == "stilling" and row["hours"] > 0:
            posts.setdefault(row["who"], []).append(row)
    found: dict[tuple, tuple[str, list[int]]] = {}  # item ref -> (post, overlapping years)
    for row in rows:
        ref = row.get("ref")
        if ref is None or ref[0] not in _COST_CATEGORIES or row["kind"] != "timer" or row["hours"] <= 0:
            continue
        for post in posts.get(row["who"], []):
            if post["year"] == row["year"] and post["team"] in ("", row["team"]):
                _, years = found.setdefault(ref, (post["item"], []))
                years.append(row["year"])
                break
    items = {(c, i): it for c, i, it in scenario.items()}
    out = []
    for (category, i), (post, years) in found.items():
        item = items[(category, i)]
        if isinstance(item, CourseItem):
            name, who, field = item.course, item.attendees, "days"
            advice = "skriv kurset som gebyr (days: 0) eller lad posten udgå"
        else:
            name, who, field = item.item, item.who, "who"
            advice = "skriv kun det, der købes udefra (fx som amount), eller lad posten udgå"
        loc = (category, i, field)
        out.append(Problem(".".join(map(str, loc)), f"bemærkning: {name}: {who} har også en stilling ({post}) i "
                           f"{_years(years)}; stillingen betaler allerede timerne; {advice}",
                           _line(scenario, loc)))
    return out


def _da(value: float) -> str:
    """A number as Danish text writes it (0,25; 4)."""
    return f"{value:g}".replace(".", ",")


def start_in_months(scenario) -> list[Problem]:
    """`forloeb.start_aar` of 1 or more that is over half the horizon: years, but most likely months meant."""
    start, horizon = scenario.forloeb.start_aar, scenario.horizon_years
    if not (start >= 1 and start > horizon / 2):
        return []
    loc = ("forloeb", "start_aar")
    return [Problem("forloeb.start_aar", f"bemærkning: {_da(start)} år før det første forløb er over halvdelen af "
                    f"tidshorisonten på {_da(horizon)} år; start_aar er i år: {_da(start)} måneder er {_da(start)}/12 = "
                    f"{_da(round(start / 12, 3))}", _line(scenario, loc))]


# A forløb starting less than this before a new year or the horizon's end is most likely a rounded fraction
# [years]: 1e-3 years is under 9 hours, and no schedule the limits allow (at most 250 forløb a year, starts
# 0,004 years apart) puts a start that close to a year's end by design.
JUST_BEFORE = 1e-3
_HOURS_A_YEAR = 365 * 24  # calendar hours, to say how close in words a reader pictures [h/year]


def start_just_before(scenario) -> list[Problem]:
    """Forløb starting within JUST_BEFORE of a new calendar year or the end of the horizon (but not on it): a
    rounded `start_aar` (0.3333 for 4 months) or `laengde_aar` moves such a forløb into the year before, or inside
    the horizon where `afkortede_forloeb: alle` counts it whole."""
    import math

    from .schedule import EPS, slots

    f, horizon = scenario.forloeb, scenario.horizon_years
    close = []
    for slot in slots(f, horizon):
        boundary = min(math.floor(slot.start + EPS) + 1, horizon)
        if EPS < boundary - slot.start < JUST_BEFORE:
            close.append(slot.start)
    if not close:
        return []
    # starts are start_aar + whole years + i / pr_fagteam_pr_aar (never this close by design), or start_aar + j x
    # laengde_aar back to back: the rounded fraction is one of these two
    field = "start_aar" if f.start_aar else "laengde_aar"
    first = close[0]
    gap = (min(math.floor(first + EPS) + 1, horizon) - first) * _HOURS_A_YEAR
    loc = ("forloeb", field)
    return [Problem(f"forloeb.{field}", f"bemærkning: {len(close)} forløb pr. fagteam starter under "
                    f"{_da(round(JUST_BEFORE * _HOURS_A_YEAR))} timer før et årsskifte eller horisontens slutning "
                    f"(det første ved {_da(round(first, 5))} år, {_da(round(gap, 1))} timer før): en afrundet brøk "
                    f"flytter dem ind i året før eller inden for horisonten; rund {field} op (4 måneder = 0.33334, "
                    "ikke 0.3333)", _line(scenario, loc))]
