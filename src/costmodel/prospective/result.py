"""Discount cost lines to NNV and summarise them: gross, savings and net, in total and per deltager."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from ..rates.discounting import discount_factors
from .engine import LINE_COLUMNS, cost_rows, participants
from .model import Scenario
from ..rates.table import RateTable

if TYPE_CHECKING:
    import pandas as pd

# The Vejledning's (2021) four cost categories: Forberedelse (our etablering), Uddannelse, Drift af indsats and
# Investering i materiel; investering is shown only where the scenario has an `investeringer:` block.
GROSS_CATEGORIES = ("etablering", "uddannelse", "drift", "investering")
PAYERS = ("kommune", "region", "stat")  # the public payers SØM splits prices between; others are named freely
CATEGORY_MEASURES = {
    "etablering": "establishment",
    "uddannelse": "training",
    "drift": "operation",
    "investering": "investment",
    "sparede_omkostninger": "savings",
}
LABELS = {
    "net_total": "Nettoomkostninger i alt",
    "net_per_participant": "Nettoomkostninger pr. deltager",
    "gross_total": "Bruttoomkostninger i alt",
    "gross_per_participant": "Bruttoomkostninger pr. deltager",
    "savings_total": "Sparede omkostninger i alt",
    "savings_per_participant": "Sparede omkostninger pr. deltager",
    "establishment_per_participant": "Etablering pr. deltager",
    "training_per_participant": "Uddannelse pr. deltager",
    "operation_per_participant": "Drift pr. deltager",
    "establishment_total": "Etablering i alt",
    "training_total": "Uddannelse i alt",
    "operation_total": "Drift i alt",
    # issue 14 follow-up: Investering i materiel, a category of its own (only where the scenario has investments)
    "investment_total": "Investering i materiel i alt",
    "investment_per_participant": "Investering i materiel pr. deltager",
    "residual_value_total": "Heraf restværdi (fradrag)",
    "participants": "Deltagere i alt (antal)",
    "participants_discounted": "Deltagere, tilbagediskonteret (NNV)",
    "horizon_years": "Tidshorisont",
    "discount_rate": "Diskonteringsrente",
    # issue 14: tilskud and gennemførte deltagere (only where the scenario has them)
    "grants_received_total": "Tilskud modtaget",
    "grants_paid_total": "Tilskud betalt",
    "net_after_grants_total": "Nettoomkostninger efter tilskud i alt",
    "net_after_grants_per_participant": "Nettoomkostninger efter tilskud pr. deltager",
    "completers": "Gennemførte deltagere (antal)",
    "completers_discounted": "Gennemførte deltagere, tilbagediskonteret (NNV)",
    "gross_per_completer": "Bruttoomkostninger pr. gennemført deltager",
    "net_per_completer": "Nettoomkostninger pr. gennemført deltager",
    "net_after_grants_per_completer": "Nettoomkostninger efter tilskud pr. gennemført deltager",
}
COUNT_MEASURES = {"participants", "participants_discounted", "completers", "completers_discounted"}


@dataclass
class Result:
    """A cost assessment: cost lines (tidy frame) and the NNV summary, in `price_year` kroner."""

    kind: ClassVar[str] = "prospective"
    scenario: Scenario
    rates: RateTable
    lines: "pd.DataFrame"  # built when first read if the result was made from the engine's rows (`_rows`)
    participants_by_year: np.ndarray
    discount_rate: float
    measures: dict[str, float] = field(default_factory=dict)
    # Set by restate.restate_result (`--price-year`): the year the kroner are restated to, and how.
    restated_to: int | None = None
    restatements: tuple = ()

    # (engine rows, discount factors): the summary needs no frame, so `costmodel run` need not import pandas
    # (issue 12); `lines` is made from these on first read.
    _rows: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.lines is None and self._rows is not None:
            del self.lines  # read through __getattr__, once

    def __getattr__(self, name: str):
        rows = self.__dict__.get("_rows")
        if name == "lines" and rows is not None:
            self.lines = _lines_frame(*rows)
            return self.lines
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def category_rows(self) -> list[tuple[str, float, float]]:
        """(category, NNV total [kr.], per deltager [kr.]) in the reports' order (savings negative, as printed);
        investering only where the scenario has investments."""
        return [(category, self.measures[f"{key}_total"], self.measures[f"{key}_per_participant"])
                for category, key in CATEGORY_MEASURES.items() if f"{key}_total" in self.measures]

    @property
    def has_investments(self) -> bool:
        """Whether the scenario has an `investeringer:` block (then investering is a category of the result)."""
        return has_investments(self.scenario)

    @property
    def has_grants(self) -> bool:
        """Whether the scenario has a `tilskud:` block (then results are also stated after grants)."""
        return bool(getattr(self.scenario, "tilskud", None))

    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.scenario.title

    @property
    def price_year(self) -> int:
        """The price year of every amount [year] (the year restated to, after `--price-year`)."""
        return self.restated_to or self.scenario.price_year

    def __getitem__(self, measure: str) -> float:
        """`result["net_per_participant"]` [kr.]: the value of one measure."""
        return self.measures[measure]

    def value(self, measure: str) -> float:
        """The value of one measure [kr., or the measure's unit], as an ex-post result answers."""
        return self.measures[measure]

    def summary_frame(self) -> "pd.DataFrame":
        """Every measure: measure, Danish label, value [kr., NNV, or its unit], unit."""
        import pandas as pd

        units = {"participants": "antal", "participants_discounted": "antal", "horizon_years": "år",
                 "discount_rate": "andel", "completers": "antal", "completers_discounted": "antal"}
        rows = [
            dict(measure=m, label=LABELS.get(m, m), value=v, unit=units.get(m, "kr."))
            for m, v in self.measures.items()
        ]
        return pd.DataFrame(rows, columns=["measure", "label", "value", "unit"])

    def by_category(self) -> "pd.DataFrame":
        """NNV per category, in total and per deltager (savings negative, as the reports print them)."""
        import pandas as pd

        return pd.DataFrame([dict(category=c, total=t, per_participant=p) for c, t, p in self.category_rows()])

    # Sign convention of by_category, by_year, by_payer and payback (one for all four): costs are positive,
    # savings negative (as the reports print them), net = cost + savings, so a negative net is a gain.

    def year_labels(self) -> list[str]:
        """Each budget year's name: the calendar year when the scenario's `budget.first_year` gives it, else
        "År 1", "År 2", ..."""
        first = getattr(getattr(self.scenario, "budget", None), "first_year", None)
        n = len(self.participants_by_year)
        return [str(first + t) for t in range(n)] if first else [f"År {t + 1}" for t in range(n)]

    def discount_factors(self) -> "np.ndarray":
        """The factor of each year [-], as evaluate_with applied it: the scenario's own rate, else the rate
        table's or its dated rule's (stepped after year 35 and 70)."""
        n = len(self.participants_by_year)
        if self.scenario.discount_rate is not None:
            return discount_factors(n, self.discount_rate, self.rates.discounting.first_year_discounted)
        return self.rates.discounting.factors(n)

    def soem_input(self) -> "pd.DataFrame":
        """What Socialstyrelsen's SØM takes from a cost assessment (Vejledning 2021, section 5.10; the hand-off in
        docs/method_official.md): per year of the horizon the undiscounted cost [kr./year] (gross, savings and
        net, in `price_year` prices) and the deltagere and completing deltagere counted that year [antal]. SØM
        discounts itself, so nothing here is discounted. With investments, an ``investering`` column (of which
        Investering i materiel, part of the gross cost)."""
        import pandas as pd

        years = len(self.participants_by_year)
        kroner = self.lines.groupby(["year", "category"])["kroner"].sum()

        def per_year(categories) -> list[float]:
            return [float(sum(kroner.get((y, c), 0.0) for c in categories)) for y in range(years)]

        gross = per_year(GROSS_CATEGORIES)
        savings = per_year(("sparede_omkostninger",))
        share = getattr(self.scenario.forloeb, "gennemfoerelsesandel", None)
        people = [float(p) for p in self.participants_by_year]
        frame = pd.DataFrame({
            "aar": range(1, years + 1),
            "bruttoomkostninger": gross,
            "sparede_omkostninger": savings,
            "nettoomkostninger": [g - s for g, s in zip(gross, savings)],
            "deltagere": people,
            "gennemfoerte_deltagere": [p * (1.0 if share is None else share) for p in people],
        })
        if self.has_investments:  # of which Investering i materiel (restværdi deducted in the last year)
            frame.insert(2, "investering", per_year(("investering",)))
        return frame

    def by_year(self) -> "pd.DataFrame":
        """Cost, savings and net per budget year, nominal and discounted.

        Returns
        -------
        DataFrame, one row per year of the horizon: ``year`` (0 = the first, as in `lines`), ``label`` (calendar
        year or "År n"), ``participants`` [deltagere counted that year], ``cost``, ``savings`` (negative),
        ``net`` [kr., `price_year` prices, undiscounted], ``discount_factor``, ``cost_nnv``, ``savings_nnv``,
        ``net_nnv`` [kr., discounted to NNV] and the running sums ``net_cumulative`` and
        ``net_nnv_cumulative`` [kr.]. The ``*_nnv`` columns add up to ``gross_total``, ``savings_total`` and
        ``net_total``.

        With investments, also ``investment`` (the investering category, part of ``cost``) and
        ``residual_value`` (of which restværdi: negative, in the last year) [kr., undiscounted]. With tilskud,
        also ``grants`` and ``grants_nnv`` (received negative, paid positive) and ``net_after_grants`` and
        ``net_after_grants_nnv`` [kr.]; ``net_after_grants_nnv`` adds up to ``net_after_grants_total``.
        """
        import pandas as pd

        n = len(self.participants_by_year)
        category = self.lines["category"]
        saving = category == "sparede_omkostninger"
        frame = pd.DataFrame({"year": range(n), "label": self.year_labels(),
                              "participants": self.participants_by_year.astype(float)})

        def per_year(rows, column: str = "kroner") -> np.ndarray:
            sums = self.lines[rows].groupby("year")[column].sum()
            return sums.reindex(range(n), fill_value=0.0).to_numpy()

        for column, rows, sign in (("cost", category.isin(GROSS_CATEGORIES), 1.0), ("savings", saving, -1.0)):
            frame[column] = sign * per_year(rows)
            frame[f"{column}_nnv"] = sign * per_year(rows, "nnv")
        frame["net"] = frame["cost"] + frame["savings"]
        frame["discount_factor"] = self.discount_factors()
        frame["net_nnv"] = frame["cost_nnv"] + frame["savings_nnv"]
        frame["net_cumulative"] = frame["net"].cumsum()
        frame["net_nnv_cumulative"] = frame["net_nnv"].cumsum()
        columns = ["year", "label", "participants", "cost", "savings", "net", "discount_factor", "cost_nnv",
                   "savings_nnv", "net_nnv", "net_cumulative", "net_nnv_cumulative"]
        if self.has_investments:
            frame["investment"] = per_year(category == "investering")
            frame["residual_value"] = per_year(self.lines["kind"] == "restvaerdi")
            columns[4:4] = ["investment", "residual_value"]
        if self.has_grants:
            grants = category == "tilskud"
            frame["grants"] = per_year(grants)
            frame["grants_nnv"] = per_year(grants, "nnv")
            frame["net_after_grants"] = frame["net"] + frame["grants"]
            frame["net_after_grants_nnv"] = frame["net_nnv"] + frame["grants_nnv"]
            at = columns.index("net") + 1
            columns[at:at] = ["grants", "net_after_grants"]
            at = columns.index("net_nnv") + 1
            columns[at:at] = ["grants_nnv", "net_after_grants_nnv"]
        return frame[columns]

    def by_payer(self) -> "pd.DataFrame":
        """Who pays and who saves: NNV by payer, udvalg, budget area and line.

        Returns
        -------
        DataFrame, one row per (payer, udvalg, budget_area, line): ``cost``, ``savings`` (negative) and ``net``
        [kr., NNV, `price_year` prices] and ``net_nominal`` [kr., undiscounted sum over the horizon]. The
        ``net`` column adds up to ``net_total``. Costs without a `budget:` are the municipality's (kommune,
        service); each saving is a line of its own. With tilskud, a ``grants`` column (received negative, paid
        positive) [kr., NNV], each grant on a line of its own (its receiver's or payer's), is part of ``net``,
        which then adds up to ``net_after_grants_total``.
        """
        keys = ["payer", "udvalg", "budget_area", "budget_line"]
        category = self.lines["category"]
        lines = self.lines.assign(
            cost=self.lines["nnv"].where(category.isin(GROSS_CATEGORIES), 0.0),
            savings=0.0 - self.lines["nnv"].where(category == "sparede_omkostninger", 0.0),
            grants=self.lines["nnv"].where(category == "tilskud", 0.0),
            net_nominal=self.lines["kroner"].where(category != "sparede_omkostninger", -self.lines["kroner"]),
        )
        # lines in the Vejledning's order of categories (etablering, uddannelse, drift, investering, then savings
        # and grants), not in the order the engine wrote them (trial3 #10: Uddannelse, Drift, Etablering)
        rank = {c: i for i, c in enumerate((*GROSS_CATEGORIES, "sparede_omkostninger", "tilskud"))}
        lines["_category"] = category.map(lambda c: rank.get(c, len(rank)))
        grouped = lines.groupby(keys, sort=False)
        frame = grouped[["cost", "savings", "grants", "net_nominal"]].sum().reset_index()
        frame["_category"] = grouped["_category"].min().to_numpy()
        frame["net"] = frame["cost"] + frame["savings"] + frame["grants"]
        frame = frame.rename(columns={"budget_line": "line"})
        order = {p: i for i, p in enumerate(PAYERS)}
        frame["_payer"] = frame["payer"].map(lambda p: order.get(p, len(order)))
        frame["_saving"] = frame["cost"] == 0
        frame = frame.sort_values(["_payer", "payer", "_saving", "_category"], kind="stable").drop(
            columns=["_payer", "_saving", "_category"])
        columns = ["payer", "udvalg", "budget_area", "line", "cost", "savings", "net", "net_nominal"]
        if self.has_grants:
            columns.insert(6, "grants")
        return frame[columns].reset_index(drop=True)

    def payer_years(self, discounted: bool = False) -> "pd.DataFrame":
        """Net per payer (columns) and year (rows) [kr.; NNV if `discounted`, else undiscounted]; after tilskud
        where the scenario has them (a grant is its receiver's income)."""
        n = len(self.participants_by_year)
        value = self.lines["nnv" if discounted else "kroner"]
        signed = value.where(self.lines["category"] != "sparede_omkostninger", -value)
        table = signed.groupby([self.lines["year"], self.lines["payer"]]).sum().unstack(fill_value=0.0)
        payers = sorted(table.columns, key=lambda p: (PAYERS.index(p) if p in PAYERS else len(PAYERS), p))
        return table.reindex(index=range(n), columns=payers, fill_value=0.0)

    def payback(self, discounted: bool = False) -> "pd.DataFrame":
        """Tilbagebetalingstid: the first budget year from which cumulative net stays negative to the end of the
        horizon, in all and by payer.

        Returns
        -------
        DataFrame: ``payer`` ("i alt" first), ``years`` [years from the start; 1 = within the first year; NaN if
        cumulative net is not negative at the end of the horizon], ``label`` (that year's name), ``net`` [kr.,
        cumulative net at the horizon]. Undiscounted (price-year kroner, as investment pools count it) unless
        `discounted`.
        """
        return payback_table(self.payer_years(discounted), self.year_labels())


def _lines_frame(rows: list[dict], factors: np.ndarray) -> "pd.DataFrame":
    """The cost lines as engine.cost_lines frames them, with each line's discount factor and NNV [kr.]."""
    import pandas as pd

    lines = pd.DataFrame(rows, columns=LINE_COLUMNS)
    lines = lines.astype({"year": int, "quantity": float, "hours": float, "unit_kr": float, "kroner": float})
    lines["discount_factor"] = factors[lines["year"].to_numpy()] if len(lines) else []
    lines["nnv"] = lines["kroner"] * lines["discount_factor"]
    return lines


def _nnv_by_category(rows: list[dict], factors: np.ndarray) -> dict[str, float]:
    """Σ kroner × discount factor per category, summed as pandas' groupby sum does (Kahan, in line order), so
    the figures are those of the frame to the last bit."""
    totals: dict[str, float] = {}
    compensation: dict[str, float] = {}
    for row in rows:
        value = float(np.float64(row["kroner"]) * factors[int(row["year"])])
        category = row["category"]
        y = value - compensation.get(category, 0.0)
        t = totals.get(category, 0.0) + y
        compensation[category] = t - totals.get(category, 0.0) - y
        totals[category] = t
    return totals


def payback_table(table: "pd.DataFrame", labels: list[str]) -> "pd.DataFrame":
    """Payback by payer from net per year (rows) and payer (columns) [kr.]; "i alt" (all payers) first.

    The payback year is the first year from which cumulative net stays below zero through the end of the
    horizon, as investment pools count it: a dip below zero that turns positive again is not a payback (trial2
    finding 1), and none is found if cumulative net ends the horizon at or above zero.
    """
    import pandas as pd

    table = table.copy()
    table.insert(0, "i alt", table.sum(axis=1))
    rows = []
    for payer in table.columns:
        cumulative = table[payer].cumsum().to_numpy()
        first = _first_year_staying_negative(cumulative)
        rows.append(dict(payer=payer, years=float(first + 1) if first is not None else float("nan"),
                         label=labels[first] if first is not None else "", net=float(cumulative[-1])))
    return pd.DataFrame(rows, columns=["payer", "years", "label", "net"])


def _first_year_staying_negative(cumulative: np.ndarray) -> int | None:
    """Index of the first year from which `cumulative` [kr.] stays below -0,5 kr. to its end; None if it ends at or
    above that (half a krone: rounding noise is not a gain)."""
    if not len(cumulative) or cumulative[-1] >= -0.5:
        return None
    at_or_above = np.nonzero(cumulative >= -0.5)[0]
    return int(at_or_above[-1]) + 1 if len(at_or_above) else 0


def evaluate_with(scenario: Scenario, rates: RateTable) -> Result:
    """Evaluate a prospective scenario with a given rate table (the pure engine: no file is read).

    Parameters
    ----------
    scenario : Scenario
    rates : RateTable
        Wages [kr./h], working time [h/day, weeks/year], travel [kr.] and discounting.

    Returns
    -------
    Result
        Cost lines, NNV per category, gross, savings and net cost in total and per deltager [kr.].
    """
    rows = cost_rows(scenario, rates)
    people = participants(scenario)
    years = len(people)
    if scenario.discount_rate is not None:  # the scenario's own constant rate
        rate = scenario.discount_rate
        factors = discount_factors(years, rate, rates.discounting.first_year_discounted)
    else:  # the rate table's or the dated rule's (stepped after year 35 and 70)
        rate = rates.discounting.rate
        factors = rates.discounting.factors(years)
    people_nnv = float(people @ factors)

    totals = _nnv_by_category(rows, factors)
    m: dict[str, float] = {}
    for category, key in CATEGORY_MEASURES.items():
        m[f"{key}_total"] = float(totals.get(category, 0.0))
    gross = sum(m[f"{CATEGORY_MEASURES[c]}_total"] for c in GROSS_CATEGORIES)
    savings = m["savings_total"]

    def per(x: float) -> float:
        return x / people_nnv if people_nnv > 0 else float("nan")

    summary = {
        "net_total": gross - savings,
        "net_per_participant": per(gross - savings),
        "gross_total": gross,
        "gross_per_participant": per(gross),
        "savings_total": -savings,
        "savings_per_participant": -per(savings),
    }
    for category in GROSS_CATEGORIES:
        if category == "investering" and not has_investments(scenario):
            continue  # a scenario without investments keeps its measures as they were
        key = CATEGORY_MEASURES[category]
        summary[f"{key}_total"] = m[f"{key}_total"]
        summary[f"{key}_per_participant"] = per(m[f"{key}_total"])
    if has_investments(scenario):
        residual = [row for row in rows if row["kind"] == "restvaerdi"]
        summary["residual_value_total"] = float(_nnv_by_category(residual, factors).get("investering", 0.0))
    summary["participants"] = float(people.sum())
    summary["participants_discounted"] = people_nnv
    summary["horizon_years"] = float(scenario.horizon_years)
    summary["discount_rate"] = float(rate)
    summary.update(_grants(scenario, factors, summary["net_total"], people_nnv))
    summary.update(_completion(scenario, people, people_nnv, summary))
    from ..io.limits import check_result

    # no inf kr. or null in any output; a per-deltager (per-completer) figure without deltagere is left as it is
    check_result({k: v for k, v in summary.items() if not ("_per_" in k and v != v)},
                 getattr(scenario, "_source_path", None) or scenario.title)
    return Result(scenario, rates, None, people, rate, summary, _rows=(rows, factors))


def has_investments(scenario) -> bool:
    """Whether a scenario has an `investeringer:` block: then "investering" is a category of its result."""
    return bool(getattr(scenario, "investeringer", None))


def _grants(scenario: Scenario, factors: np.ndarray, net: float, people_nnv: float) -> dict[str, float]:
    """Tilskud (Trin 4): grants received lower the intervention's net cost to its owner, grants paid raise it;
    NNV with the same factors as the costs. Only when the scenario has a tilskud block."""
    if not getattr(scenario, "tilskud", None):
        return {}
    received = paid = 0.0
    for grant in scenario.tilskud:
        amounts = np.array(grant.pr_aar, dtype=float)
        value = float(amounts @ factors[: len(amounts)])
        if grant.retning == "modtaget":
            received += value
        else:
            paid += value
    after = net - received + paid
    return {"grants_received_total": received, "grants_paid_total": paid, "net_after_grants_total": after,
            "net_after_grants_per_participant": after / people_nnv if people_nnv > 0 else float("nan")}


def _completion(scenario: Scenario, people: np.ndarray, people_nnv: float, summary: dict) -> dict[str, float]:
    """Results per completing deltager (as Socialstyrelsen publishes them), when a completion share is given."""
    share = getattr(scenario.forloeb, "gennemfoerelsesandel", None)
    if share is None:
        return {}
    done_nnv = people_nnv * share
    out = {"completers": float(people.sum()) * share, "completers_discounted": done_nnv,
           "gross_per_completer": summary["gross_total"] / done_nnv if done_nnv > 0 else float("nan"),
           "net_per_completer": summary["net_total"] / done_nnv if done_nnv > 0 else float("nan")}
    if "net_after_grants_total" in summary:
        out["net_after_grants_per_completer"] = (summary["net_after_grants_total"] / done_nnv if done_nnv > 0
                                                 else float("nan"))
    return out
