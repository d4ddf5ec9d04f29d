"""Remarks on a valid prospective scenario: what is allowed but most likely not meant (`costmodel validate` prints
them after "ok", exit 0). Each is a Problem with the field path and line it is about, its message in Danish like
the other remarks (typical_time, typical_training).

- An hours, days or course item for a role that also has a full-time post (`stillinger`) in the same years: the
  post pays every working hour of its years, so the item's hours are costed twice (trial/FINDINGS.md F5).
- `forloeb.start_aar` of a year or more and over half the horizon: most likely months written as years (F12).
"""
from __future__ import annotations

from ..errors import Problem
from ..io.yamlio import line_for

_COST_CATEGORIES = ("etablering", "uddannelse", "drift")


def remarks(scenario) -> list[Problem]:
    """Every remark on `scenario`, each with its field path and line (where the file is known)."""
    return [*post_double_counting(scenario), *start_in_months(scenario)]


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
