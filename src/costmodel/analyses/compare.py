"""Scenarios side by side, against the basisalternativ, and several interventions added up (a portfolio).

Numbers only (frames); `report.compare_text` words them. The first scenario is the basisalternativ: every other
column gets its difference against it. A scenario that names its own `basisalternativ:` (a scenario file relative
to it) is compared against that one when it is given first or alone. Sign convention as `Result.by_year`: costs
positive, savings negative, net = cost + savings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import kinds

MAX_SCENARIOS = 20  # a committee compares a handful; each one is a full evaluation
TOTAL_MEASURES = ("gross_total", "savings_total", "net_total", "participants", "participants_discounted",
                  "gross_per_participant", "savings_per_participant", "net_per_participant")


@dataclass
class Comparison:
    """Scenarios side by side: frames by measure, year and payer [kr., NNV unless named undiscounted], one column
    per scenario (plus differences against the first, or "I alt" for a portfolio)."""

    names: list[str]  # column names, the basisalternativ first
    price_years: list[int]
    totals: pd.DataFrame  # measure x scenario (+ difference columns "Forskel: <name>", against the first)
    by_year: pd.DataFrame  # year label x scenario: net [kr., NNV]
    by_year_nominal: pd.DataFrame  # year label x scenario: net [kr., undiscounted]
    by_payer: pd.DataFrame  # payer x scenario: net [kr., NNV]
    payback: pd.DataFrame  # payer x scenario: years until cumulative net stays negative to the horizon (NaN: never)
    portfolio: bool = False
    notes: list[str] = field(default_factory=list)
    # where a scenario has tilskud (trial2 finding 5): the tables above are before grants; these are after, by year
    # [kr., NNV and undiscounted]; totals and by_payer then also have a grant row ("grants_total", "tilskud":
    # received negative, paid positive) and the net after grants
    by_year_after_grants: pd.DataFrame | None = None
    by_year_nominal_after_grants: pd.DataFrame | None = None
    # the evaluated results, one per name: their rate table, indexation and discount rule are stated with the
    # comparison (a number crossing a boundary carries its price year, index and discount rule)
    results: list = field(default_factory=list)

    @property
    def has_grants(self) -> bool:
        """Whether any scenario has tilskud (then before and after grants are both shown)."""
        return self.by_year_after_grants is not None

    @property
    def basis(self) -> str:
        """The basisalternativ's name: the first column."""
        return self.names[0]


def with_basisalternativ(scenarios: list) -> list:
    """Put the first scenario's named basisalternativ in front, loaded relative to its file, unless given."""
    if not scenarios:
        return scenarios
    first = scenarios[0]
    path = basisalternativ_path(first)
    if path is None:
        return scenarios
    given = {Path(p).resolve() for p in (getattr(s, "_source_path", None) for s in scenarios) if p}
    if path in given:
        return scenarios
    return [load_basisalternativ(first), *scenarios]


def basisalternativ_path(scenario) -> Path | None:
    """The file a scenario's `basisalternativ:` names, resolved relative to the scenario's file; None if none."""
    name = getattr(scenario, "basisalternativ", None)
    if not name:
        return None
    base_dir = Path(getattr(scenario, "_source_path", None) or ".").parent
    return (base_dir / name).resolve()


def load_basisalternativ(scenario):
    """Load the scenario a scenario's `basisalternativ:` names. A missing file is an error of the naming scenario
    (its file, line and the field `basisalternativ`, trial2 finding 10); an error inside the basisalternativ names
    that file and line; an ex-post basisalternativ is refused (compare takes prospective scenarios)."""
    from ..errors import Problem, ScenarioError
    from ..io.yamlio import line_for
    from ..loader import load

    path = basisalternativ_path(scenario)
    own = str(getattr(scenario, "_source_path", None) or scenario.title)
    lines = getattr(scenario, "_lines", None)
    line = line_for(lines, ("basisalternativ",)) if lines else None
    if not path.is_file():
        raise ScenarioError(own, [Problem("basisalternativ", f"file not found: {scenario.basisalternativ} (looked "
                                                             f"for {path}, relative to this scenario's folder)", line)])
    basis = load(path)
    if not kinds.is_prospective(basis):
        raise ScenarioError(own, [Problem("basisalternativ", f"{scenario.basisalternativ} is an ex-post opgørelse; "
                                                             "a basisalternativ is a prospective scenario", line)])
    return basis


_SAVED_PREFIX = re.compile(r"^(sparet|sparede|spart|mindre|færre|undgået|undgåede)\s+", re.IGNORECASE)
_PARAGRAPH = re.compile(r"§\s*(\d+)")


def _support_keys(item) -> tuple[str, str, set[str]]:
    """(name without a leading "Sparet", budget line, § paragraph numbers) of a cost or saving item, lower case."""
    name = (getattr(item, "item", None) or getattr(item, "course", None) or "").strip().lower()
    budget = getattr(item, "budget", None)
    line = ((budget.line if budget is not None else None) or "").strip().lower()
    return _SAVED_PREFIX.sub("", name), line, set(_PARAGRAPH.findall(f"{name} {line}"))


def basis_overlap(intervention, basis) -> list:
    """Savings of `intervention` that describe support `basis` already costs (trial2 finding 2).

    `compare` subtracts the basisalternativ's net from the intervention's; a saving of the same support in the
    intervention is then counted twice. Conservative, so that it flags only what is most likely the same support:
    a saving matches a cost item of the basisalternativ (etablering, uddannelse, drift) when their names are the
    same after a leading "Sparet"/"Sparede", when they name the same budget line, or when both name the same
    § (e.g. both "§ 85"). A shared wage group alone is not enough (a socialpædagog does many things).

    Returns
    -------
    list of Problem: one remark per matching saving, at `sparede_omkostninger.<i>.item` with its line.
    """
    from ..errors import Problem
    from ..io.yamlio import line_for

    costs = [(it, _support_keys(it)) for c, _, it in basis.items() if c != "sparede_omkostninger"]
    lines = getattr(intervention, "_lines", None)
    out = []
    for category, i, saved in intervention.items():
        if category != "sparede_omkostninger":
            continue
        name, line, paragraphs = _support_keys(saved)
        for cost, (c_name, c_line, c_paragraphs) in costs:
            why = ("samme navn" if name and name == c_name else "samme budgetlinje" if line and line == c_line
                   else f"begge § {min(paragraphs & c_paragraphs, key=int)}" if paragraphs & c_paragraphs else "")
            if why:
                loc = (category, i, "item")
                cost_name = getattr(cost, "item", None) or getattr(cost, "course", "")
                out.append(Problem(".".join(map(str, loc)), f"bemærkning: {saved.item} står også som omkostning i "
                                   f"basisalternativet {basis.title!r} ({cost_name}; {why}): compare trækker "
                                   "basisalternativets netto fra indsatsens, så besparelsen tælles to gange; skriv "
                                   "det, der gøres i dag, enten som basisalternativets omkostning eller som "
                                   "indsatsens sparede_omkostninger, ikke begge",
                                   line_for(lines, loc) if lines else None))
                break
    return out


def _names(scenarios: list) -> list[str]:
    names, seen = [], {}
    for s in scenarios:
        name = s.title
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def compare(scenarios: list, portfolio: bool = False) -> Comparison:
    """Evaluate prospective scenarios and lay their totals, years and payers side by side.

    With `portfolio`, the interventions are one municipality's set of choices: a column "I alt" adds them up
    (they must share a price year) and nothing is taken as basisalternativ.
    """
    from ..errors import Problem, ScenarioError

    if not 1 <= len(scenarios) <= MAX_SCENARIOS:
        raise ScenarioError("compare", [Problem("", f"give 1 to {MAX_SCENARIOS} scenarios (got {len(scenarios)})")])
    for s in scenarios:
        if not kinds.is_prospective(s):
            raise ScenarioError(str(getattr(s, "_source_path", s.title)),
                                [Problem("kind", "compare takes prospective scenarios (an ex-post opgørelse has "
                                                 "no years or payers to compare)")])
    results = [kinds.evaluate(s) for s in scenarios]
    names = _names(scenarios)
    price_years = [r.price_year for r in results]
    notes: list[str] = []
    same_prices = len(set(price_years)) == 1
    if portfolio and not same_prices:
        raise ScenarioError("compare", [Problem("", "a portfolio adds kroner: its scenarios must share a price year "
                                                    f"(got {', '.join(map(str, price_years))})")])

    totals = pd.DataFrame({n: [r.measures[m] for m in TOTAL_MEASURES] for n, r in zip(names, results)},
                          index=list(TOTAL_MEASURES))
    horizon = max(len(r.participants_by_year) for r in results)
    labels = max((r.year_labels() for r in results), key=len)

    def per_year(column: str) -> pd.DataFrame:
        frame = pd.DataFrame({n: r.by_year()[column].reindex(range(horizon), fill_value=0.0).to_numpy()
                              for n, r in zip(names, results)}, index=labels[:horizon])
        return frame

    by_year, by_year_nominal = per_year("net_nnv"), per_year("net")
    grants = any(r.has_grants for r in results)
    # by payer before grants, so that it adds up to net_total as the other tables; with grants a grant row and the
    # net after grants below it (the grant's receiver is in the line names of `costmodel run --format json`)
    by_payer = pd.concat({n: r.by_payer().assign(net=lambda f: f["net"] - f.get("grants", 0.0))
                          .groupby("payer", sort=False)["net"].sum() for n, r in zip(names, results)},
                         axis=1).fillna(0.0)
    after_year = after_year_nominal = None
    if grants:
        def after(column: str, fallback: str) -> pd.DataFrame:
            return pd.DataFrame({n: r.by_year()[column if r.has_grants else fallback]
                                 .reindex(range(horizon), fill_value=0.0).to_numpy()
                                 for n, r in zip(names, results)}, index=labels[:horizon])

        after_year, after_year_nominal = after("net_after_grants_nnv", "net_nnv"), after("net_after_grants", "net")
        received = {n: r.measures.get("grants_paid_total", 0.0) - r.measures.get("grants_received_total", 0.0)
                    for n, r in zip(names, results)}
        by_payer.loc["tilskud"] = pd.Series(received)
        by_payer.loc["i alt efter tilskud"] = pd.Series({n: r.measures.get("net_after_grants_total",
                                                                             r.measures["net_total"])
                                                         for n, r in zip(names, results)})
        totals.loc["grants_total"] = pd.Series(received)
        for m, fallback in (("net_after_grants_total", "net_total"),
                            ("net_after_grants_per_participant", "net_per_participant")):
            totals.loc[m] = pd.Series({n: r.measures.get(m, r.measures[fallback]) for n, r in zip(names, results)})
    payback = pd.concat({n: r.payback().set_index("payer")["years"] for n, r in zip(names, results)}, axis=1)

    after_frames = [f for f in (after_year, after_year_nominal) if f is not None]
    if portfolio:
        for frame in (by_year, by_year_nominal, by_payer, *after_frames):
            frame["I alt"] = frame[names].sum(axis=1)
        summed = ("gross_total", "savings_total", "net_total", "participants", "participants_discounted") + \
            (("grants_total", "net_after_grants_total") if grants else ())
        total = {m: totals.loc[m, names].sum() for m in summed}
        people = total["participants_discounted"]
        for m in ("gross", "savings", "net") + (("net_after_grants",) if grants else ()):
            total[f"{m}_per_participant"] = total[f"{m}_total"] / people if people > 0 else float("nan")
        totals["I alt"] = pd.Series(total)
        from ..prospective.result import payback_table

        summed = pd.concat([r.payer_years().reindex(range(horizon), fill_value=0.0) for r in results]) \
            .groupby(level=0).sum().fillna(0.0)
        payback["I alt"] = payback_table(summed, labels[:horizon]).set_index("payer")["years"]
        rates = {r.discount_rate for r in results}
        if len(rates) > 1:
            notes.append("Indsatserne er tilbagediskonteret med forskellige renter; NNV i alt lægger dem sammen, "
                         "som de er.")
    elif len(results) > 1:
        for scenario in scenarios[1:]:  # the saving counted twice against the basisalternativ (trial2 finding 2)
            notes += [f"{scenario.title}: {p.message.removeprefix('bemærkning: ')}"
                      for p in basis_overlap(scenario, scenarios[0])]
        if not same_prices:
            notes.append("Scenarierne har forskellige prisår; forskelle er ikke beregnet.")
        else:
            for n in names[1:]:
                diff = f"Forskel: {n}"
                totals[diff] = totals[n] - totals[names[0]]
                by_year[diff] = by_year[n] - by_year[names[0]]
                by_year_nominal[diff] = by_year_nominal[n] - by_year_nominal[names[0]]
                by_payer[diff] = by_payer[n] - by_payer[names[0]]
                for frame in after_frames:
                    frame[diff] = frame[n] - frame[names[0]]
    if len({len(r.participants_by_year) for r in results}) > 1:
        notes.append("Scenarierne har forskellige tidshorisonter; år uden for en horisont tæller som 0 kr.")
    return Comparison(names, price_years, totals, by_year, by_year_nominal, by_payer, payback, portfolio, notes,
                      after_year, after_year_nominal, results=results)
