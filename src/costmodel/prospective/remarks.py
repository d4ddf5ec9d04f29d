"""Remarks on a valid prospective scenario: what is allowed but most likely not meant (`costmodel validate` prints
them after "ok", exit 0). Each is a Problem with the field path and line it is about, its message in Danish like
the other remarks (typical_time, typical_training).

- An hours, days or course item for a role that also has a full-time post (`stillinger`) in the same years: the
  post pays every working hour of its years, so the item's hours are costed twice (trial/FINDINGS.md F5).
- `forloeb.start_aar` of a year or more and over half the horizon: most likely months written as years (F12).
- A forløb that starts so near the horizon's end that under a tenth of it (and of the time between two starts)
  lies inside, yet counts all its
  deltagere (`afkortede_forloeb: alle`): most likely a rounded `start_aar` (0.3333 for 4 months) adding a forløb
  (trial3 #1: +6,8 pct.).
"""
from __future__ import annotations

from ..errors import Problem
from ..io.yamlio import line_for

_COST_CATEGORIES = ("etablering", "uddannelse", "drift")


def remarks(scenario) -> list[Problem]:
    """Every remark on `scenario`, each with its field path and line (where the file is known)."""
    return [*post_double_counting(scenario), *start_in_months(scenario), *late_start(scenario)]


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
        who = _role_name(scenario, who)
        out.append(Problem(".".join(map(str, loc)), f"bemærkning: {name}: {who} har også en stilling ({post}) i "
                           f"{_years(years)}; stillingen betaler allerede timerne; {advice}",
                           _line(scenario, loc)))
    return out


def _role_name(scenario, key: str) -> str:
    """The role as the reader knows it: its Danish label (lower case, as inside a sentence), else its key."""
    roles = [r for r in [scenario.medarbejdere.get(key)] + [t.medarbejdere.get(key) for t in scenario.fagteams] if r]
    label = next((r.label for r in roles if r.label), None)
    if label is None and roles and isinstance(roles[0].wage_group, str):  # else the wage group's label
        group = getattr(getattr(scenario, "_rate_table", None), "wage_groups", {}).get(roles[0].wage_group)
        label = getattr(group, "label", None)
    return label[0].lower() + label[1:] if label else key


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


LATE_SHARE = 0.1  # a forløb with less than this share of its length inside the horizon is remarked on (under alle)


def late_start(scenario) -> list[Problem]:
    """Forløb that start inside the horizon with less than LATE_SHARE of their length (and of the time between two
    starts) inside it, counted with all
    their deltagere because `afkortede_forloeb` is `alle` (the default): one remark naming them, numbered in the
    order they start (the same for every fagteam)."""
    from .schedule import slots

    f = scenario.forloeb
    if f.afkortede_forloeb != "alle":
        return []
    horizon = scenario.horizon_years
    starts = sorted({round(s.start, 12) for s in slots(f, horizon)})
    given = "start_aar" in f.model_fields_set
    loc = ("forloeb", "start_aar") if given else ("forloeb", "afkortede_forloeb")
    # ... and under a tenth of the time between two starts: forløb that follow each other closely (CTI's 33 a
    # year) end the horizon at their own pace; a rounded start_aar puts one a hair before the end
    spacing = f.laengde_aar if f.i_alt_pr_fagteam is not None else 1 / f.pr_fagteam_pr_aar
    late = [(number, horizon - start) for number, start in enumerate(starts, 1)
            if horizon - start < LATE_SHARE * min(f.laengde_aar, spacing)]
    if not late:
        return []
    def listed(items: list[str]) -> str:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]

    one = len(late) == 1
    text = (f"bemærkning: forløb nr. {listed([str(n) for n, _ in late])} starter "
            f"{listed([_years_short(gap) for _, gap in late])} år "
            f"({listed([_da(round(gap * 365, 2)) for _, gap in late])} dage) før horisontens slut; under "
            f"{LATE_SHARE * 100:.0f} pct. af {'det' if one else 'dem'} ligger inden for horisonten, men "
            f"{'det' if one else 'de'} tælles med alle deltagere; se afkortede_forloeb (andel tæller kun den del, "
            f"der ligger inden for horisonten)")
    if given:
        text += "; er start_aar afrundet, så rund op (4 måneder = 0.33334, ikke 0.3333)"
    return [Problem(".".join(loc), text, _line(scenario, loc))]


def _years_short(value: float) -> str:
    """Years with up to five decimals, Danish (0,00003; 0,0606), never in exponent form."""
    return f"{value:.5f}".rstrip("0").rstrip(".").replace(".", ",")
