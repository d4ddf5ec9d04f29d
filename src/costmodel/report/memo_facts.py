"""Find what a budget memo says: every number and every fact, computed once (memo_layout.py lays them out).

Nothing here is worded for people beyond the scenario's own names; `memo_layout.py` turns these facts into Danish
blocks and `memo.py` writes them as Markdown and HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .. import kinds
from . import labels



@dataclass
class Facts:
    """Everything a memo shows, found once: the result, tables, analyses, by year and payer, payback, verdict."""

    scenario: object
    result: object
    tables: list
    found: object  # analyses.standard.StandardAnalyses
    expost: bool
    by_year: pd.DataFrame | None = None
    by_payer: pd.DataFrame | None = None
    payback: pd.DataFrame | None = None
    # no payback, yet cumulative net (all payers) was negative in an earlier year: that year's name (trial2 F1)
    payback_dip: str = ""
    verdict: str = ""  # "no_savings" (none counted by design), "gain" (net below zero), "cost"
    buys: dict = field(default_factory=dict)  # what the money buys: teams, forløb, deltagere, courses, top items
    psa_skew: list[dict] = field(default_factory=list)  # parameters whose drawn mean differs from the base value
    effect_breakevens: list = field(default_factory=list)  # break-even on each effect's success rate
    # per completing deltager (scenarios with forloeb.gennemfoerelsesandel), as Socialstyrelsen publishes results
    completion: dict | None = None
    # the rate basis (render.basis_meta) with only the indexations of values the scenario uses (trial C8)
    basis: dict | None = None
    # per payer, the other parties of its grants (tilskud lines' modpart): who gives a grant received
    grant_parties: dict = field(default_factory=dict)
    # ex post: the wage table, its hourly rates and the registration period (trial C16)
    wages: dict | None = None
    # what tornado, spider, two-way and break-even report (`costmodel report --measure`, trial2 finding 6)
    measure: str = "net_per_participant"

    @property
    def analyses(self) -> list:
        """The analyses for the workbook: the standard ones and the break-even of each effect."""
        return self.found.all() + self.effect_breakevens


def find(scenario, draws: int = 10_000, seed: int = 20201, measure: str | None = None) -> Facts:
    """Evaluate the scenario and every analysis the memo shows; `measure` is what the analyses report (default
    net cost per deltager before grants)."""
    import costmodel

    from ..analyses.standard import standard_analyses

    measure = measure or "net_per_participant"
    if measure != "net_per_participant" and kinds.is_expost(scenario):
        from ..errors import InputError

        raise InputError(f"measure {measure!r}: an ex-post memo has no analyses to report it")
    result = costmodel.evaluate(scenario)
    facts = Facts(scenario, result, costmodel.sweep(scenario),
                  standard_analyses(scenario, draws=draws, seed=seed, measure=measure), kinds.is_expost(scenario),
                  measure=measure)
    if facts.expost:
        facts.wages = _expost_wages(scenario, result)
        return facts
    facts.by_year = result.by_year()
    facts.by_payer = result.by_payer()
    facts.payback = result.payback()
    facts.payback_dip = _payback_dip(result, facts.payback)
    counts_savings = bool(scenario.sparede_omkostninger) or any(e.enabled for e in scenario.effekter)
    net = result.measures["net_total"]
    facts.verdict = "no_savings" if not counts_savings else ("gain" if net < 0 else "cost")
    facts.buys = _buys(scenario, result)
    facts.completion = _completion(scenario, result.measures)
    facts.basis = _used_basis(scenario, result)
    facts.grant_parties = _grant_parties(result)
    facts.psa_skew = _psa_skew(facts.found.psa)
    facts.effect_breakevens = _effect_breakevens(scenario)
    return facts


def _payback_dip(result, payback: pd.DataFrame) -> str:
    """The first year cumulative net (all payers, undiscounted, after grants) is negative, when the intervention
    still does not pay back (it is positive again at the horizon); "" otherwise."""
    total = payback.set_index("payer").loc["i alt", "years"]
    if total == total:  # a payback year: nothing lost
        return ""
    cumulative = result.payer_years().sum(axis=1).cumsum().to_numpy()
    below = [i for i, value in enumerate(cumulative) if value < -0.5]
    return result.year_labels()[below[0]] if below else ""


def _buys(scenario, result) -> dict:
    """What the money buys, from the scenario and its result: teams and their staff (by label), forløb, deltagere,
    courses, the full-time posts (årsværk per role, from the cost lines), for individual forløb the borgere at a
    time and the caseload, and the largest drift items besides the posts."""
    f = scenario.forloeb
    groups = result.rates.wage_groups
    weeks = f.laengde_aar * result.rates.weeks_per_year.value
    teams = [dict(name=t.name, count=t.count, staff=[s for role in t.medarbejdere.values() for s in _staff(role, groups)])
             for t in scenario.fagteams]
    lines = result.lines
    posts = _posts(scenario, result)
    drift = lines[(lines["category"] == "drift") & ~((lines["kind"] == "stilling") if posts else False)]
    drift = drift.groupby("item", sort=False)["nnv"].sum()
    team_count = sum(t.count for t in scenario.fagteams)
    at_a_time = (f.pr_fagteam_pr_aar * f.laengde_aar * f.deltagere_pr_forloeb * team_count
                 if f.pr_fagteam_pr_aar is not None else None)
    in_teams = {who for t in scenario.fagteams for who in t.medarbejdere}
    team_posts = sum(p["aarsvaerk"] for p in posts if p["who"] in in_teams)
    team_persons = sum(role.count * t.count for t in scenario.fagteams for role in t.medarbejdere.values())
    caseload = None  # borgere at a time per årsværk (posts of the teams' roles), else per person of the teams
    if at_a_time is not None and f.deltagere_pr_forloeb == 1:
        if team_posts > 0:
            caseload = dict(per=at_a_time / team_posts, basis="årsværk")
        elif team_persons > 0:
            caseload = dict(per=at_a_time / team_persons, basis="medarbejder")
    return dict(teams=teams, per_year=f.pr_fagteam_pr_aar, in_all=f.i_alt_pr_fagteam,
                per_forloeb=f.deltagere_pr_forloeb, sessions=f.sessioner_pr_forloeb, weeks=weeks,
                months=f.laengde_aar * 12, individual=f.deltagere_pr_forloeb == 1, at_a_time=at_a_time,
                caseload=caseload, posts=posts,
                participants=float(result.participants_by_year.sum()), horizon=scenario.horizon_years,
                courses=[getattr(it, "course") for c, _, it in scenario.items() if c == "uddannelse" and hasattr(it, "course")],
                top_drift=[(name, float(v)) for name, v in drift.sort_values(ascending=False).head(3).items()])


_INDEXED_FROM = re.compile(r"(\d{4})-værdi × [\d.,]+ \([\w.]+\)$")  # dated_rates' note on an indexed value


def _indexed_from(source: str) -> int | None:
    """The year a rate was indexed from, as the dated table's source note says ('...; 2019-værdi × 1,1926
    (fm_pl.loen)'); None for a value of the price year itself."""
    found = _INDEXED_FROM.search(source or "")
    return int(found.group(1)) if found else None


def _used_basis(scenario, result) -> dict | None:
    """The rate basis with only the indexations of values the scenario uses: the wage groups of its roles and,
    where a course has travel, the travel rates (a memo head listing the indexation of every wage group and
    travel rate of the table, used or not, pushed the summary onto a second page: trial F9). Restatements stay."""
    from .render import basis_meta

    meta = basis_meta(result)
    if meta is None:
        return None
    rates = result.rates
    wages: dict[int | None, list[str]] = {}  # the wage groups indexed from each year (None: not indexed), by label
    for g in scenario.wage_groups():
        if g in rates.wage_groups:
            # in a sentence: 'psykolog', but 'SOSU-assistent' keeps its capitals (labels.role_plural of one)
            label = labels.role_plural(rates.wage_groups[g].label, 1)
            wages.setdefault(_indexed_from(rates.wage_groups[g].source), []).append(label)
    used = {("løn", year) for year in wages}
    courses = [it for c, _, it in scenario.items() if c == "uddannelse" and getattr(it, "enabled", True)]
    travel: dict[int | None, list[str]] = {}  # the year a travel rate was indexed from -> which rates (trial3 #10)
    if any(getattr(it, "overnight_stays", 0) for it in courses):
        used.add(("rejsesatser", _indexed_from(rates.travel.overnight_stay.source)))
        travel.setdefault(_indexed_from(rates.travel.overnight_stay.source), []).append("overnatning")
    if any(getattr(it, "travel_days", 0) for it in courses):
        used.add(("rejsesatser", _indexed_from(rates.travel.per_diem.source)))
        travel.setdefault(_indexed_from(rates.travel.per_diem.source), []).append("timedagpenge")
    # a restatement of the whole result (--price-year: what 'resultat') concerns every amount and stays
    meta["indexation"] = [x if x["what"] != "rejsesatser" else {**x, "rates": travel.get(x["from_year"], [])}
                          for x in meta["indexation"]
                          if x["what"] not in ("løn", "rejsesatser") or (x["what"], x["from_year"]) in used]
    for x in meta["indexation"]:
        # wages of different years (a 2019 wage indexed, a 2023 one not): say which were indexed (trial3 finding 10)
        if x["what"] == "løn" and len(wages) > 1 and wages.get(x["from_year"]):
            x["rates"] = sorted(set(wages[x["from_year"]]))
    return meta


def _expost_wages(scenario, result) -> dict | None:
    """What an ex-post memo says its hours are priced with: the wage table's name and price year, the hourly rate
    incl. overhead [kr./h] of each staff group registered (by its label), and the registration period (first and
    last month 'YYYY-MM', months counted [mdr.]); None for an opgørelse from published aggregates."""
    reg = getattr(scenario, "registreringer", None)
    if reg is None:
        return None
    table = scenario.wage_table()
    registered = reg.table()
    keys = sorted({reg.personalegrupper.get(g, g) for g in registered.staff_groups()})
    months = sorted(registered.months() | {e.month for e in reg.oevrige_udgifter if e.month})
    return dict(table=table.name, price_year=table.price_year,
                rates=[(table.wage_groups[k].label, table.hourly_rate(k)) for k in keys if k in table.wage_groups],
                first=months[0] if months else None, last=months[-1] if months else None,
                months=result.value("months_registered"))


def _grant_parties(result) -> dict[str, list[str]]:
    """Per payer, the other parties (`modpart`) of its grants, in the scenario's order, from the cost lines."""
    if not result.has_grants:
        return {}
    lines = result.lines
    grants = lines[(lines["category"] == "tilskud") & (lines["who"] != "")]
    return {payer: list(dict.fromkeys(rows["who"])) for payer, rows in grants.groupby("payer", sort=False)}


def _completion(scenario, m: dict) -> dict | None:
    """The result per completing deltager, as the result states it (None without a completion share): the share
    [0-1], completers and completers discounted [antal], gross, net and net after grants per completer [kr., NNV]."""
    if "net_per_completer" not in m:
        return None
    return dict(share=scenario.forloeb.gennemfoerelsesandel, completers=m["completers"],
                discounted=m["completers_discounted"], gross=m["gross_per_completer"], net=m["net_per_completer"],
                net_after_grants=m.get("net_after_grants_per_completer"))


def _staff(role, groups) -> list[tuple[float, str]]:
    """A role's persons as (count, label): the role's own label, else one entry per wage group it holds (a role
    of a socialpædagog and a fysioterapeut is two entries); never the role's key."""
    if role.label:
        return [(role.count, role.label)]
    counts: dict[str, int] = {}
    for g in role.groups():
        label = groups[g].label if g in groups else g
        counts[label] = counts.get(label, 0) + 1
    return [(n, label) for label, n in counts.items()]


def role_label(scenario, groups, who: str) -> str:
    """A role's name for people: its label, else its wage group's (several joined by 'og'); never the key."""
    roles = [t.medarbejdere[who] for t in scenario.fagteams if who in t.medarbejdere]
    role = roles[0] if roles else scenario.medarbejdere.get(who)
    if role is None:
        return who
    if role.label:
        return role.label
    names = list(dict.fromkeys(groups[g].label if g in groups else g for g in role.groups()))
    return names[0] if len(names) == 1 else " og ".join(names)


def _post_label(scenario, groups, who: str) -> str:
    """A post's role for people: its label; without one, its wage group with the role's own word in brackets
    ('socialrådgiver (koordinator)'; trial3 #10: the wage group alone did not say which post it was)."""
    label = role_label(scenario, groups, who)
    roles = [t.medarbejdere[who] for t in scenario.fagteams if who in t.medarbejdere]
    role = roles[0] if roles else scenario.medarbejdere.get(who)
    word = who.replace("_", " ")
    fold = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    if role is None or role.label or word.lower() == label.lower().translate(fold):  # socialraadgiver: the group
        return label
    return f"{label} ({word})"


def _posts(scenario, result) -> list[dict]:
    """The full-time posts per role: årsværk at their fullest (the most hours a budget year pays for, over the
    rate table's effective hours a year, so an opstart post and the drift post after it are one) and their NNV
    [kr.] in all; from the cost lines, in the scenario's order."""
    lines = result.lines
    posts = lines[lines["kind"] == "stilling"]
    if posts.empty:
        return []
    hours_year = result.rates.effective_hours_per_year.value
    out = []
    for who, rows in posts.groupby("who", sort=False):
        per_year = rows.groupby("year")["hours"].sum()
        out.append(dict(who=who, label=_post_label(scenario, result.rates.wage_groups, who),
                        aarsvaerk=float(per_year.max()) / hours_year, nnv=float(rows["nnv"].sum())))
    return out


def _psa_skew(psa) -> list[dict]:
    """Uncertain parameters whose drawn mean lies off their base value (more than 0,5 pct.): why the PSA's mean
    differs from the headline, together with the result not being linear in every parameter."""
    if psa is None or psa.samples is None:
        return []
    out = []
    for p in psa.meta["parameters"]:
        base = p["base_value"]
        mean = float(psa.samples[p["parameter"]].mean())
        if base and abs(mean - base) > 0.005 * abs(base):
            out.append(dict(label=p["label"], unit=p["unit"], base=base, mean=mean))
    return out


def _effect_breakevens(scenario) -> list:
    from ..analyses.breakeven import breakeven

    out = []
    for e in scenario.effekter:
        if e.enabled:
            try:
                out.append(breakeven(scenario, f"effekter.{e.id}.success_rate", 0.0, 1.0))
            except ValueError:  # e.g. an effect whose consequences price to nothing
                continue
    return out
