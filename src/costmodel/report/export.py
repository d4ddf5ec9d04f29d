"""Exports for people and spreadsheets: an .xlsx workbook, CSV (plain and Danish-Excel), JSON and Markdown.

The workbook holds every assumption with its value, unit and source (sheet "Forudsætninger"), the result,
the cost lines and every sensitivity table. Cells hold numbers with a number format, never formatted strings,
so a controller can compute on them; Excel shows them with the reader's (Danish) separators.
Every sheet and file states the price year.
"""
from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import kinds
from ..io import dotted
from ..io.atomic import write_atomic
from . import labels
from .analysis_text import worded
from .formatting import format_number, format_value, plain_value
from ..io.neutralise import csv_frame, md_cell, md_inline, one_line, xlsx_cell
from ..tables import SweepTable

INPUT_COLUMNS = ["section", "item", "value", "unit", "per", "who", "wage_group", "detail", "source"]
HEADERS = labels.COLUMNS  # the workbook's and Markdown's column headers
PER_LABELS = labels.PER
CATEGORY_LABELS = labels.CATEGORIES
ANALYSIS_SHEETS = {"tornado": "Tornado", "spider": "Spindel", "twoway": "Tovejs", "twoway_grid": "Tovejs (gitter)",
                   "breakeven": "Break-even", "psa": "PSA"}
# Number formats carry the Danish locale ([$-406]): LibreOffice shows them with Danish separators (14.500 kr.,
# 4,0 %) whatever its own language; Excel takes the separators from the reader's (Danish) system settings.
DANISH = "[$-406]"
KR_FORMAT = DANISH + '#,##0 "kr."'
KR_DECIMAL_FORMAT = DANISH + '#,##0.00 "kr."'
KR_BARE_FORMAT = DANISH + "#,##0"  # whole kroner where the row's unit column already says "kr."
PCT_FORMAT = DANISH + "0.0 %"
WHOLE_FORMAT = DANISH + "#,##0"
DECIMAL_FORMAT = DANISH + "#,##0.00##"
HEADER_NUMBER_FORMAT = DANISH + "#,##0.0#"  # a grid's non-whole header values (whole ones get WHOLE_FORMAT)
YEAR_FORMAT = "0"
TEXT_WIDTH = 30  # text columns wider than this wrap instead [characters]
# A source (Kilde) is the longest text of a row: at 30 characters a 100-character source took four lines and made
# every assumption a row of four (trial2 X1); wider, it takes two and the sheet half the pages [characters]
WIDE_TEXT_WIDTH = {"source": 50}
LINE_HEIGHT = 15  # one line of 11-point text [points]; a row of wrapped text is as high as its lines
# analysis columns in the analysed measure's unit (kroner for every measure the analyses use)
_KR_COLUMNS = {"result_low", "result_high", "base_result", "swing", "result", "mean", "sd", "p2_5", "p5",
               "p50", "p95", "p97_5", "net_total", "net_per_participant", "gross_total", "gross_per_participant"}


# ------------------------------------------------------------------------------------------------ inputs


def _scenario_source(scenario) -> str:
    src = getattr(scenario, "source", None)
    if src is None:  # an ex-post scenario may leave it out (examples/expost_eget_eksempel.yaml)
        return "ingen kilde angivet i scenariet"
    if isinstance(src, str):
        return src
    if isinstance(src, dict):
        return ", ".join(str(v) for v in src.values())
    parts = [src.report, src.section, src.table]
    return ", ".join(p for p in parts if p)


def _fallback(scenario) -> str:
    """Rows whose YAML gives no source of their own rest on the scenario's source, and say so."""
    return f"(scenariets kilde) {_scenario_source(scenario)}"


def _role(scenario, name: str, teams: list[str] | None = None):
    for team in scenario.fagteams:
        if (teams is None or team.name in teams) and name in team.medarbejdere:
            return team.medarbejdere[name]
    return scenario.medarbejdere.get(name)


def _wage_groups(role) -> str:
    if role is None:
        return ""
    return "+".join(dict.fromkeys(role.groups()))


def _num(x: float) -> str:
    return format_number(x, 0 if float(x).is_integer() else 2)


def _item_row(scenario, category: str, item) -> dict:
    fallback = _fallback(scenario)
    row = dict(section=CATEGORY_LABELS[category], item=getattr(item, "item", None) or getattr(item, "course"),
               per="", who="", wage_group="", detail="", source=item.source or fallback)
    details = []
    if hasattr(item, "course"):  # CourseItem
        row.update(value=item.fee, unit="kr. pr. kursus" if item.fee_basis == "per_course" else "kr. pr. person",
                   per="én gang" if item.held == "once" else "pr. fagteam", who=item.attendees,
                   wage_group=_wage_groups(_role(scenario, item.attendees, item.teams)))
        details.append(f"{_num(item.days)} kursusdage")
        if item.overnight_stays:
            details.append(f"{_num(item.overnight_stays)} overnatninger")
        if item.per_diem_days is not None:
            details.append(f"{_num(item.per_diem_days)} døgn timedagpenge")
    else:
        row["per"] = PER_LABELS.get(item.per, item.per)
        if hasattr(item, "amount"):
            row.update(value=item.amount, unit="kr.")
        else:
            if item.hours is not None:
                row.update(value=item.hours, unit="timer")
            elif item.days is not None:
                row.update(value=item.days, unit="arbejdsdage")
            else:
                row.update(value=item.hours_per_week, unit="timer pr. uge")
                if item.weeks is not None:
                    details.append("i forløbets uger" if item.weeks == "forloeb" else f"{_num(item.weeks)} uger")
            row.update(who=item.who, wage_group=_wage_groups(_role(scenario, item.who, item.teams)))
            if item.persons != "all":
                details.append(labels.persons(item.persons))
            if item.during is not None:
                details.append(f"fra år {_num(item.during.start_years)} i {_num(item.during.years)} år")
        if item.times != 1:
            details.append(f"{_num(item.times)} gange")
        if item.active is not None:
            details.append(f"aktiv fra år {_num(item.active.start_years)} i {_num(item.active.years)} år")
    if getattr(item, "group", None):
        details.append(f"deltagergruppe {item.group}")
    if item.teams:
        details.append("fagteams: " + ", ".join(item.teams))
    row["detail"] = "; ".join(details)
    return row


def _issue14_inputs(scenario, rates, add) -> None:
    """Set-up, completion, full-time posts, investments, grants and the rate table's indexation (issue 14)."""
    f = scenario.forloeb
    if f.start_aar:
        add("Forløb", "Opstart før første forløb", f.start_aar, "år", f.source)
    if f.afkortede_forloeb != "alle":
        add("Forløb", "Forløb afkortet af tidshorisonten tælles", None, f.afkortede_forloeb, f.source)
    if f.gennemfoerelsesandel is not None:
        add("Forløb", "Gennemførelsesandel", f.gennemfoerelsesandel, "andel", f.source)
    for post in scenario.stillinger:
        add("Stillinger", post.item, post.aarsvaerk, "årsværk", post.source, who=post.who,
            detail=f"fra år {format_number(post.start_aar, 2)}"
                   + (f" i {format_number(post.aar, 2)} år" if post.aar is not None else " til horisontens slutning")
                   + f"; {format_number(rates.effective_hours_per_year.value, 0)} timer pr. årsværk")
    for inv in scenario.investeringer:
        life = f"levetid {format_number(inv.levetid, 0)} år" if inv.levetid is not None else f"type {inv.type}"
        add("Investeringer", inv.item, inv.amount, "kr.", inv.source,
            detail=f"købt år {format_number(inv.aar, 2)}, {life}")
    for grant in scenario.tilskud:
        add("Tilskud", f"{grant.item} ({grant.retning})", sum(grant.pr_aar), "kr. i alt", grant.source,
            detail="pr. år: " + ", ".join(format_number(v, 0) for v in grant.pr_aar))
    for x in rates.indexation:
        add("Grundlag", f"Indeksering: {x['what']}", x["factor"], "faktor",
            f"{x['index']} fra {x['from_year']} til {x['to_year']}"
            + (f" ({', '.join(map(str, x['estimate_years']))} skøn)" if x["estimate_years"] else ""))


def inputs_frame(scenario, rates=None) -> pd.DataFrame:
    """Every assumption of a scenario: value, unit, per, who, wage group and source (one row each)."""
    if kinds.is_expost(scenario):
        return _expost_inputs(scenario)
    if rates is None:
        from ..rates.table import rates_for

        rates = rates_for(scenario)
    fb = _fallback(scenario)
    rows: list[dict] = []

    def add(section, item, value, unit, source, **extra):
        rows.append(dict(section=section, item=item, value=value, unit=unit, source=source or fb, **extra))

    add("Grundlag", "Prisår", scenario.price_year, "årstal", fb)
    add("Grundlag", "Tidshorisont", scenario.horizon_years, "år", fb)
    if scenario.discount_rate is not None:
        add("Grundlag", "Diskonteringsrente", scenario.discount_rate, "andel", fb)
    else:
        d = rates.discounting
        add("Grundlag", f"Diskonteringsrente ({d.rule})" if d.rule else "Diskonteringsrente (satstabel)", d.rate,
            "andel", d.source,
            detail=d.derivation or "")
    add("Grundlag", "Satstabel", None, rates.name, rates.description)
    for team in scenario.fagteams:
        add("Fagteams", f"Antal fagteams: {team.name}", team.count, "antal", team.source)
        for name, role in team.medarbejdere.items():
            add("Fagteams", f"{team.name}: {role.label or name}", role.count, "personer pr. team",
                role.source or team.source, who=name, wage_group=_wage_groups(role))
    for name, role in scenario.medarbejdere.items():
        add("Medarbejdere", role.label or name, role.count, "personer", role.source, who=name,
            wage_group=_wage_groups(role))
    f = scenario.forloeb
    if f.pr_fagteam_pr_aar is not None:
        add("Forløb", "Forløb pr. fagteam pr. år", f.pr_fagteam_pr_aar, "antal", f.source)
    else:
        add("Forløb", "Forløb i alt pr. fagteam", f.i_alt_pr_fagteam, "antal", f.source)
    add("Forløb", "Deltagere pr. forløb", f.deltagere_pr_forloeb, "antal", f.source)
    add("Forløb", "Forløbets længde", f.laengde_aar, "år", f.source)
    if f.sessioner_pr_forloeb:
        add("Forløb", "Gruppesessioner pr. forløb", f.sessioner_pr_forloeb, "antal", f.source)
    add("Forløb", "Deltagere tælles", None, "ved afslutning" if f.deltagere_taelles == "end" else "ved start",
        f.source)
    if len(scenario.deltagergrupper) > 1 or scenario.deltagergrupper[0].name != "alle":
        for g in scenario.deltagergrupper:
            add("Deltagergrupper", g.name, g.share, "andel", g.source)
    for category, _, item in scenario.items():
        rows.append(_item_row(scenario, category, item))
    _issue14_inputs(scenario, rates, add)
    # the rate table: only what this scenario uses
    used = scenario.wage_groups()
    for spec in scenario.sensitivity:  # wage groups a sensitivity table switches to are used too
        for row in spec.rows:
            changes = row.set if row.set is not None else {spec.parameter: row.value}
            for path, value in changes.items():
                if path.endswith("wage_group"):
                    used |= set(value if isinstance(value, list) else [value])
    for group in sorted(used):
        wg = rates.wage_groups.get(group)
        if wg is None:
            continue
        add("Satser: løn", wg.label, wg.hourly, "kr. pr. time", wg.source, wage_group=group,
            detail=(wg.derivation or "") + (f"; inkl. {rates.overhead_included * 100:.0f} pct. overhead"))
    add("Satser: arbejdstid", "Timer pr. arbejdsdag", rates.hours_per_day.value, rates.hours_per_day.unit,
        rates.hours_per_day.source, detail=rates.hours_per_day.derivation or "")
    add("Satser: arbejdstid", "Arbejdsuger pr. år", rates.weeks_per_year.value, rates.weeks_per_year.unit,
        rates.weeks_per_year.source, detail=rates.weeks_per_year.derivation or "")
    if any(getattr(it, "overnight_stays", 0) or getattr(it, "per_diem_days", None) for _, _, it in scenario.items()):
        for label, s in (("Overnatning", rates.travel.overnight_stay), ("Timedagpenge", rates.travel.per_diem)):
            add("Satser: rejser", label, s.value, s.unit, s.source, detail=s.derivation or "")
    budget = scenario.budget
    if budget is not None:  # who pays by default (items may name their own payer: Pr. betaler sheet)
        add("Betaler", "Betaler (standard)", None, labels.payer(budget.payer), fb,
            detail="; ".join(x for x in (budget.udvalg or "", labels.budget_area(budget.area or "service"),
                                         f"budgetår 1 = {budget.first_year}" if budget.first_year else "") if x))
    for e in scenario.effekter:
        if not e.enabled:
            continue
        add("Effekter", f"{e.label}: succesrate ud over basisniveauet", e.success_rate, "andel", e.source,
            detail=f"virker i {_num(e.lasting_years)} år" + (f" fra {_num(e.start_after_years)} år efter forløbet"
                                                             if e.start_after_years else ""))
        for c in e.consequences:
            add("Effekter", f"{e.label}: {c.item}", c.quantity, f"{c.unit} pr. borger pr. år", c.source or e.source)
            for price in c.prices:
                add("Effekter", f"{e.label}: {c.item}, pris ({labels.payer(price.payer)})", price.price, "kr.",
                    price.source or c.source or e.source,
                    detail="; ".join(x for x in (price.udvalg or "", labels.budget_area(price.area or "service")) if x))
    for a in scenario.assumptions:
        add("Antagelser", a.text, None, "", a.evidence, detail=a.id)
    # the uncertainty block: each range is an assumption of the sensitivity analyses, with its own source
    if getattr(scenario, "uncertainty", None):
        from .analysis_text import DISTRIBUTION_KEYS, DISTRIBUTION_NAMES
        from ..prospective.parameters import base_value, unit
        from ..prospective.parameters import label as parameter_label

        def num(v: float) -> str:
            return format_number(v, 0 if float(v).is_integer() else 2)

        for u in scenario.uncertainty:
            low, high = u.range()
            given = u.model_dump(exclude={"parameter", "label", "distribution", "source", "tool_assumption", "source_da"})
            settings = ", ".join(f"{DISTRIBUTION_KEYS.get(k, k)} {num(v)}" for k, v in given.items()
                                 if isinstance(v, (int, float)) and not isinstance(v, bool))
            own = f"; {labels.OWN_ASSUMPTION}" if u.tool_assumption else ""
            add("Usikkerhed", u.label or parameter_label(scenario, u.parameter), base_value(scenario, u.parameter),
                unit(u.parameter), u.source,
                detail=f"{DISTRIBUTION_NAMES.get(u.distribution, u.distribution)} ({settings}); "
                       f"tornado fra {num(low)} til {num(high)}{own}")
    return _input_frame(rows)


def _input_frame(rows: list[dict]) -> pd.DataFrame:
    """The inputs sheet's columns, text columns a row leaves out given as empty text."""
    frame = pd.DataFrame(rows)
    for col in INPUT_COLUMNS:
        if col not in frame:
            frame[col] = ""
    frame[["per", "who", "wage_group", "detail"]] = frame[["per", "who", "wage_group", "detail"]].fillna("")
    return frame[INPUT_COLUMNS]


def _expost_inputs(scenario) -> pd.DataFrame:
    """Ex-post scenarios keep every number as {value, source}: list each with its field path."""
    fb = _fallback(scenario)
    rows: list[dict] = []

    data = scenario.model_dump(mode="python")
    data.pop("registreringer", None)  # the registered hours are data, summarised in the cost lines
    for path, node in dotted.leaves(data, lambda n: isinstance(n, dict) and "value" in n and "source" in n):
        rows.append(dict(section=path.split(".")[0], item=path, value=node["value"], unit=node.get("unit") or "",
                         source=node.get("source") or fb, detail=node.get("derivation") or ""))
    rows.insert(0, dict(section="Grundlag", item="Prisår", value=scenario.price_year, unit="årstal", source=fb))
    rows[1:1] = _expost_wage_rows(scenario)
    for text in scenario.assumptions:
        rows.append(dict(section="Antagelser", item=text, value=None, unit="", source=fb))
    return _input_frame(rows)


def _expost_wage_rows(scenario) -> list[dict]:
    """The wage table registered hours were priced with, where it is dated or restated (issue 14): its name,
    the monthly wage cost of each group used [kr./month] with its source, and each indexation and restatement."""
    if scenario.registreringer is None:
        return []
    table = scenario.wage_table()
    if not (getattr(table, "dated", False) or getattr(table, "restated", ())):
        return []  # a fixed-year table in its own year (report 002's): as before
    reg = scenario.registreringer
    used = sorted({reg.personalegrupper.get(g, g) for g in reg.table().staff_groups()})
    rows = [dict(section="Grundlag", item="Lønninger", value=None, unit=table.name,
                 source=f"{table.name} i {table.price_year}-priser")]
    rows += [dict(section="Lønninger", item=table.wage_groups[g].label, value=table.monthly(g),
                  unit="kr. pr. måned", source=table.wage_groups[g].source, detail="") for g in used]
    for x in [*table.indexation, *table.restated]:
        rows.append(dict(section="Grundlag", item=f"Indeksering: {x['what']}", value=x["factor"], unit="faktor",
                         source=f"{x['index']} fra {x['from_year']} til {x['to_year']}"
                         + (f" ({', '.join(map(str, x['estimate_years']))} skøn)" if x["estimate_years"] else "")))
    return rows


# ------------------------------------------------------------------------------------------------ tables


def category_frame(result) -> pd.DataFrame | None:
    """By category with gross and net rows, as the reports print it (None for ex-post results); with
    investments the restværdi under them, with tilskud the grants and the net after grants below the net."""
    if not kinds.has_categories(result):
        return None
    cats = result.by_category()
    m = result.measures
    people = m["participants_discounted"]

    def row(category: str, total: float) -> dict:
        return dict(category=category, total=total, per_participant=total / people if people > 0 else float("nan"))

    rows = []
    for r in cats.itertuples():
        if r.category == "sparede_omkostninger":
            rows.append(dict(category="Bruttoomkostninger", total=m["gross_total"],
                             per_participant=m["gross_per_participant"]))
        rows.append(dict(category=CATEGORY_LABELS[r.category], total=r.total, per_participant=r.per_participant))
        if r.category == "investering":
            rows.append(row(labels.RESIDUAL_VALUE, m["residual_value_total"]))
    rows.append(dict(category="Nettoomkostninger", total=m["net_total"], per_participant=m["net_per_participant"]))
    if "net_after_grants_total" in m:
        if m["grants_received_total"]:
            rows.append(row(labels.GRANTS_RECEIVED, -m["grants_received_total"]))
        if m["grants_paid_total"]:
            rows.append(row(labels.GRANTS_PAID, m["grants_paid_total"]))
        rows.append(dict(category=labels.NET_AFTER_GRANTS, total=m["net_after_grants_total"],
                         per_participant=m["net_after_grants_per_participant"]))
    return pd.DataFrame(rows)


SOM_UNITS = {"annual_cost": "kr.", "investment": "kr.", "cost_per_completer": "kr.", "completers": "antal",
             "price_year": "årstal"}


def som_frame(result) -> pd.DataFrame | None:
    """The hand-off to SØM (Den Socialøkonomiske Investeringsmodel) as people read it, from
    `Result.soem_input`: per year of operation the annual cost [kr., gross, undiscounted, the result's price
    year], the completing deltagere [antal] and the cost per completing deltager that year [kr.]. SØM discounts
    and adds the effects itself. None for ex-post results."""
    if not kinds.has_categories(result):
        return None
    soem = result.soem_input()
    frame = pd.DataFrame({"label": result.year_labels(), "annual_cost": soem["bruttoomkostninger"].to_numpy(),
                          # the deltagere who complete (all of them without a gennemfoerelsesandel): SØM's count,
                          # named so (trial2 finding 8: "participants" held 11 x 0,7 = 7,7)
                          "completers": soem["gennemfoerte_deltagere"].to_numpy()})
    if "investering" in soem:  # Investering i materiel, part of the annual cost (restværdi deducted)
        frame.insert(2, "investment", soem["investering"].to_numpy())
    frame["cost_per_completer"] = frame["annual_cost"] / frame["completers"].where(frame["completers"] > 0)
    frame["price_year"] = result.price_year
    return frame


def business_case_tables(result) -> list[tuple]:
    """(sheet name, title, frame, units, note) of the by-year, by-payer, payback and SØM tables (prospective)."""
    if not kinds.has_categories(result):
        return []
    kr_ = "kr."
    named = {"label": "budget_year"}
    years = result.by_year().drop(columns=["year"]).rename(columns=named)
    payers = result.by_payer()
    # the payback table's net is the cumulative net at the horizon (after grants where there are any), and a
    # payer that never pays back says so: an unlabelled "Netto 2.755.058 kr." beside empty cells (trial2 X3)
    payback = result.payback().rename(columns={**named, "net": "net_after_grants_at_horizon" if result.has_grants
                                               else "net_at_horizon"})
    payback["budget_year"] = payback["budget_year"].where(payback["years"].notna(), labels.NO_PAYBACK)
    som = som_frame(result).rename(columns=named)
    year_note = "Omkostninger positive, sparede omkostninger negative; netto = omkostninger + sparede omkostninger."
    payer_note = "Nettonutidsværdi; kolonnen netto summerer til nettoomkostningerne i alt."
    if result.has_investments:
        year_note += (" Heraf investering i materiel: købene og restværdien (negativ, sidste år), som også indgår i "
                      "omkostningerne.")
    if result.has_grants:
        year_note += " Tilskud: modtaget negativ, betalt positiv; netto efter tilskud = netto + tilskud."
        payer_note = ("Nettonutidsværdi; tilskud modtaget negative, betalt positive, hos den, der modtager eller "
                      "betaler dem; kolonnen netto summerer til nettoomkostningerne efter tilskud.")
    # Twenty columns on one A4 page printed at about 4 pt (trial2 X2): the kroner of each year on one sheet, their
    # net present values on the next, each with the budget year first; the cells stay numbers
    nnv = [c for c in years.columns if c.endswith(("_nnv", "_nnv_cumulative")) or c == "discount_factor"]
    kroner_years = years[[c for c in years.columns if c not in nnv]]
    nnv_years = years[["budget_year", "participants"] + nnv]
    year_units = ({c: kr_ for c in years.columns if c.startswith(("cost", "savings", "net", "investment", "residual",
                                                                  "grants"))}
                  | {"participants": "antal", "discount_factor": "faktor"})
    nnv_note = ("Hvert års beløb gange årets diskonteringsfaktor; kolonnerne summerer til nettonutidsværdierne i "
                "Resultat. Kroner pr. år (ikke tilbagediskonteret): se Pr. år.")
    return [
        ("Pr. år", "Omkostninger pr. budgetår (kroner, ikke tilbagediskonteret)", kroner_years, year_units,
         year_note + " Nettonutidsværdierne: se Pr. år (NNV)."),
        ("Pr. år (NNV)", "Omkostninger pr. budgetår i nettonutidsværdi (NNV)", nnv_years, year_units, nnv_note),
        ("Pr. betaler", "Hvem betaler, og hvem sparer", payers,
         {c: kr_ for c in ("cost", "savings", "grants", "net", "net_nominal")}, payer_note),
        ("Tilbagebetalingstid", "Tilbagebetalingstid", payback,
         {"net_at_horizon": kr_, "net_after_grants_at_horizon": kr_, "years": "år"},
         "Det første budgetår, fra hvilket den akkumulerede netto (ikke tilbagediskonteret, efter tilskud) er "
         f"negativ til tidshorisontens slut; {labels.NO_PAYBACK}: ikke inden for tidshorisonten."),
        ("Til SØM", "Til Den Socialøkonomiske Investeringsmodel (SØM)", som,
         SOM_UNITS,
         "Årlige omkostninger (ikke tilbagediskonteret) og antal deltagere, der gennemfører, pr. driftsår."),
    ]


def analysis_tables(analyses: Iterable) -> list[SweepTable]:
    """Analysis results (API contract) as tables; a two-way analysis adds its grid, a PSA its summary."""
    out = []
    analyses = [worded(a) for a in analyses]
    breakevens = [a for a in analyses if a.kind == "breakeven"]
    if len(breakevens) > 1:  # one table of all break-even questions asked
        first = breakevens[0]
        merged = type(first)(kind="breakeven", title="Break-even", measure=first.measure,
                             frame=pd.concat([a.frame for a in breakevens], ignore_index=True),
                             price_year=first.price_year, meta={})
        analyses = [a for a in analyses if a.kind != "breakeven"] + [merged]
    for a in analyses:
        frame = a.frame
        units = {c: "kr." for c in frame.columns if c in _KR_COLUMNS}
        if a.kind == "spider":
            units["change"] = "andel"  # a change of -0,2 is -20 %
        meta = a.meta or {}
        headers = {"x_value": meta["x_label"], "y_value": meta["y_label"]} \
            if a.kind == "twoway" and "x_label" in meta and "y_label" in meta else {}
        out.append(SweepTable(key=a.kind, title=a.title, frame=frame, units=units,
                              note=_analysis_note(a), headers=headers))
        grid = (a.meta or {}).get("grid") if a.kind == "twoway" else None
        if grid is not None:
            g = grid.copy()
            g.index.name = a.meta.get("y_label", "y")
            g = g.reset_index()
            out.append(SweepTable(key=f"{a.kind}_grid", title=f"{a.title} (gitter)", frame=g,
                                  units={c: "kr." for c in g.columns[1:]},
                                  note=f"Kolonner: {a.meta.get('x_label', 'x')}"))
    return out


def _analysis_note(a) -> str:
    meta = a.meta or {}
    if a.kind == "psa" and "prob_net_below_zero" in meta:
        draws = meta.get("draws")
        seed = meta.get("seed")
        extra = "".join([f", {format_number(draws, 0)} {labels.DRAWS}" if draws else "",
                         f", {labels.SEED_TEXT} {seed}" if seed is not None else ""])
        prob = format_number(meta["prob_net_below_zero"] * 100, 1)
        return f"Sandsynlighed for nettoomkostninger under 0: {prob} pct.{extra}"
    return ""


# ------------------------------------------------------------------------------------------------ workbook


# Excel refuses a sheet named History (its change log's), and names with []:*?/\, a leading or trailing
# apostrophe, control characters or more than 31 characters; LibreOffice follows it.
_RESERVED_SHEETS = {"history"}


def _sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel and LibreOffice accept, unique in the workbook (case-insensitively). A title too long
    for a tab keeps what names it: the part before its colon ("Tabel 7: Analyse af ..." -> "Tabel 7"), else
    whole words with an ellipsis; the sheet's first row holds the whole title."""
    name = one_line(title)
    if len(name) > 31:
        head = name.split(": ", 1)[0]
        if ": " in name and 3 <= len(head) <= 31:
            name = head
        elif " " in name[:31]:
            name = name[:30].rsplit(" ", 1)[0] + "…"
    name = re.sub(r"[\[\]:*?/\\\x00-\x1f\x7f-\x9f\ufffe\uffff]", " ", name)
    name = re.sub(r"\s+", " ", name).strip()[:31].strip(" '") or "Ark"
    if name.lower() in _RESERVED_SHEETS:
        name = f"{name} (tabel)"
    base, i = name, 2
    while name.lower() in taken:
        suffix = f" ({i})"
        name = base[: 31 - len(suffix)].rstrip(" '") + suffix
        i += 1
    taken.add(name.lower())
    return name


def _number_format(value, unit: str, unit_shown: bool = False) -> str | None:
    """The display format of a number in `unit`; kroner whole (the cell keeps the exact value), shares as per
    cent. `unit_shown`: the row's unit stands in a column of its own, so kroner get no "kr." after them."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if unit in ("andel", "pct."):
        return PCT_FORMAT
    if unit == "årstal":
        return YEAR_FORMAT
    if unit and unit.startswith("kr."):
        return KR_BARE_FORMAT if unit_shown else KR_FORMAT
    return WHOLE_FORMAT if float(value).is_integer() else DECIMAL_FORMAT


def _shown_width(value, number_format: str | None) -> int:
    """How many characters a cell shows [characters]: numbers as formatted (14.500 kr.), text as written."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and number_format:
        if number_format == PCT_FORMAT:
            return len(f"{value * 100:.1f} %")
        if number_format == YEAR_FORMAT:
            return len(str(int(value)))
        decimals = 0 if number_format in (KR_FORMAT, KR_BARE_FORMAT, WHOLE_FORMAT) else 4
        text = f"{value:,.{decimals}f}"
        return len(text) + (4 if number_format.endswith('"kr."') else 0)
    return len(str(value)) if value is not None else 0


# Columns a person reads the label of instead (machine keys and dotted paths stay in JSON and CSV)
_KEY_COLUMNS = ("row", "parameter", "measure", "item_id")
_VALUE_WORDS = {"category": labels.CATEGORIES, "payer": labels.PAYERS, "budget_area": labels.BUDGET_AREAS,
                "section": labels.INPUT_SECTIONS}
_ROW_UNIT_COLUMNS = ("value", "base_value", "low_value", "high_value")


def people_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a sheet shows it: key columns dropped where a label says the same, keys mapped to words."""
    out = frame.copy()
    named = any(c in out.columns for c in ("label", "item", "category"))
    drop = [c for c in _KEY_COLUMNS if c in out.columns and (named or c == "item_id")]
    out = out.drop(columns=drop)
    value_words = dict(_VALUE_WORDS)
    if "activity" in out.columns:  # an ex-post cost line's activity type, in the method's own words
        from ..expost.model import CATEGORY_LABELS as ACTIVITIES

        value_words["activity"] = {**ACTIVITIES, "etablering": labels.CATEGORIES["etablering"]}
    for col, words in value_words.items():
        if col in out.columns:
            out[col] = out[col].map(lambda v, w=words: w.get(v, v) if isinstance(v, str) else v)
    if "found" in out.columns:
        out["found"] = out["found"].map(lambda v: "ja" if v is True or v == 1 else "nej")
    if "label" in out.columns and out.columns[0] != "label":  # a row is read by its name first (PSA had it last)
        out = out[["label"] + [c for c in out.columns if c != "label"]]
    return out


def _write_table(ws, title: str, header_line: str, frame: pd.DataFrame, units: dict[str, str] | None = None,
                 row_units: str | None = None, start_row: int = 1, note: str = "",
                 headers: dict[str, str] | None = None) -> int:
    """Title, price-year line, header and rows; returns the next free row. Keys become labels (people_frame);
    numeric headers (a grid's values) stay numbers; `headers` names columns labels.COLUMNS does not. The sheet's
    first table gets an autofilter, a frozen header and the print setup (_print_setup); columns are as wide as
    what they show (never '#####'), long text wraps."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    units = units or {}
    headers = headers or {}
    frame = people_frame(frame)
    columns = list(frame.columns)

    def put(row: int, col: int, value):  # every value through the neutraliser: text never becomes a formula
        cell = ws.cell(row, col)
        xlsx_cell(cell, value)
        return cell

    put(start_row, 1, one_line(title)).font = Font(bold=True, size=12)
    put(start_row + 1, 1, one_line(header_line)).font = Font(italic=True)
    r = start_row + 3
    numeric_cols = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
                    for c in columns]
    widths = [8] * len(columns)
    rule = Border(bottom=Side(style="thin"))
    for j, col in enumerate(columns, start=1):
        numeric = isinstance(col, (int, float)) and not isinstance(col, bool)
        text = col if numeric else str(headers.get(col) or HEADERS.get(col, col) or col)
        c = put(r, j, text)
        if numeric:
            c.number_format = _number_format(col, "") if float(col).is_integer() else HEADER_NUMBER_FORMAT
        c.font = Font(bold=True)
        c.border = rule
        right = numeric or numeric_cols[j - 1]
        c.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="right" if right else "left",
                                indent=0 if right or j == 1 else 1)
        # a header wraps at its spaces: the column needs its longest word (bold: a sixth wider), and is rarely
        # narrower than 12
        longest = max((len(w) for w in str(text).split()), default=0)
        widths[j - 1] = max(widths[j - 1], math.ceil(longest * 1.17), min(len(str(text)), 12))
    header_row = r
    wrapped: list[tuple[int, int, str]] = []  # (row, column, text) of the cells that wrap
    limits = [WIDE_TEXT_WIDTH.get(col, TEXT_WIDTH) if isinstance(col, str) else TEXT_WIDTH for col in columns]
    for record in frame.itertuples(index=False):
        r += 1
        row_unit = record[columns.index(row_units)] if row_units in columns else None
        for j, (col, value) in enumerate(zip(columns, record), start=1):
            value = plain_value(value)
            cell = put(r, j, value)
            own = col not in units and col in _ROW_UNIT_COLUMNS and row_unit is not None  # unit in its column
            fmt = _number_format(value, units.get(col) or (row_unit if own else ""), unit_shown=own)
            if fmt:
                cell.number_format = fmt
            shown = _shown_width(value, fmt)
            if isinstance(value, str) and shown > limits[j - 1]:
                cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left", indent=1 if j > 1 else 0)
                wrapped.append((r, j, value))
            elif not isinstance(value, (int, float)) or isinstance(value, bool):
                cell.alignment = Alignment(vertical="top", horizontal="left", indent=1 if j > 1 else 0)
            else:
                cell.alignment = Alignment(vertical="top", horizontal="right")
            if isinstance(value, str):  # running text is narrower than the digit 0 a column's width counts
                shown = math.ceil(shown * 0.9)
            widths[j - 1] = max(widths[j - 1], min(shown, limits[j - 1]))
    if ws.auto_filter.ref is None and columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(r, header_row)}"
        ws.freeze_panes = f"A{header_row + 1}"
        _print_setup(ws, header_row)
    note_row = None
    if note:
        r += 2
        put(r, 1, one_line(note)).font = Font(italic=True)
        note_row = r
    for j, width in enumerate(widths, start=1):  # a later table on the sheet never narrows an earlier one's column
        letter = get_column_letter(j)
        known = ws.column_dimensions[letter].width if letter in ws.column_dimensions else None
        ws.column_dimensions[letter].width = max(width + 2, known or 0)
    if note_row is not None and len(columns) > 1:
        # a note as one long line ran far to the right of the table, and a printed page is fitted to everything
        # that shows: the "Pr. år" table printed at a fraction of its size (trial2 X2). Wrapped across the table
        span = sum(ws.column_dimensions[get_column_letter(j)].width for j in range(1, len(columns) + 1))
        ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(columns))
        ws.cell(note_row, 1).alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        ws.row_dimensions[note_row].height = _wrapped_lines(one_line(note), span - 2) * LINE_HEIGHT
    # Neither Excel nor LibreOffice grows a row to its wrapped text on opening a file: say how high it is, from
    # the width its column got (the text's own limit, or wider where a header or another table needs it)
    lines: dict[int, int] = {}
    for row, j, text in wrapped:
        width = ws.column_dimensions[get_column_letter(j)].width - 2
        lines[row] = max(lines.get(row, 1), _wrapped_lines(text, width))
    for row, n in lines.items():
        ws.row_dimensions[row].height = n * LINE_HEIGHT
    for j, col in enumerate(columns, start=1):  # a header that wraps makes its row higher too
        text = ws.cell(header_row, j).value
        if isinstance(text, str):
            n = _wrapped_lines(text, (ws.column_dimensions[get_column_letter(j)].width - 2) / 1.17)  # bold
            if n > 1:
                ws.row_dimensions[header_row].height = max(ws.row_dimensions[header_row].height or 0,
                                                           n * LINE_HEIGHT)
    return r + 2


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes, wrapped at spaces in a column `width` characters wide [lines]. A column's
    width counts the digit 0; an average letter of running text is narrower, so a line holds about a fifth more
    (measured in LibreOffice's rendering: a little room to spare rather than a cut-off last line)."""
    width = width * 1.2
    n, used = 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > width:
            n, used = n + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return n


def _print_setup(ws, header_row: int) -> None:
    """A printed sheet reads: A4 landscape, all columns on one page's width (pages run downwards), the header
    row on every page, the sheet's name and page number in the footer."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    ws.oddFooter.center.text = "&A, side &P af &N"


def _wage_labels(frame: pd.DataFrame, rates) -> pd.DataFrame:
    """Wage groups by their names in the rate table ("Socialpædagog"), not their keys; mixed roles joined by +."""
    groups = getattr(rates, "wage_groups", None)
    if not groups or "wage_group" not in frame.columns:
        return frame

    def named(value):
        if not isinstance(value, str) or not value:
            return value
        return " + ".join(groups[g].label if g in groups else g for g in value.split("+"))

    return frame.assign(wage_group=frame["wage_group"].map(named))


def price_line(result, scenario=None) -> str:
    """The Danish line saying price year, horizon and discount rate of the amounts."""
    horizon = getattr(scenario, "horizon_years", None)
    rate = getattr(result, "discount_rate", None)
    text = f"{result.price_year}-priser"
    if horizon is not None and rate is not None:
        pct = format_number(rate * 100, 0 if float(rate * 100).is_integer() else 1)
        text += (f"; nettonutidsværdi (NNV) over {format_value(horizon, 'år')} med diskonteringsrente "
                 f"{pct} pct")
    return text + "."


def build_workbook(scenario, result, tables: list[SweepTable] = (), analyses: Iterable = ()):
    """The openpyxl Workbook: Forudsætninger, Resultat, Omkostningslinjer, one sheet per table and analysis."""
    from openpyxl import Workbook

    wb = Workbook()
    taken: set[str] = set()
    header = price_line(result, scenario)
    title = result.title + (f" ({scenario.municipality})" if getattr(scenario, "municipality", None) else "")

    ws = wb.active
    ws.title = _sheet_name("Forudsætninger", taken)
    rates = getattr(result, "rates", None)
    inputs = _wage_labels(inputs_frame(scenario, rates), rates)
    _write_table(ws, f"Forudsætninger: {title}", f"{header} Kilde: {_scenario_source(scenario)}", inputs,
                 row_units="unit")

    ws = wb.create_sheet(_sheet_name("Resultat", taken))
    summary = result.summary_frame()
    # "Tilskud modtaget" negative, as in the people's tables (run, memo, Fordelt på kategorier): income is negative
    # there like savings; the JSON/CSV field grants_received_total says "received" and stays positive (trial2 F7)
    summary.loc[summary["measure"] == "grants_received_total", "value"] *= -1
    summary = summary[["label", "value", "unit"]]
    nxt = _write_table(ws, f"Resultat: {title}", header, summary, row_units="unit")
    cats = category_frame(result)
    if cats is not None:
        _write_table(ws, "Fordelt på kategorier", header, cats, units={"total": "kr.", "per_participant": "kr."},
                     start_row=nxt)

    ws = wb.create_sheet(_sheet_name("Omkostningslinjer", taken))
    lines = _wage_labels(result.lines, rates)
    kr_cols = {c: "kr." for c in ("unit_kr", "kroner", "nnv", "hourly_rate", "period_kroner") if c in lines}
    discounted = " Kroner udiskonteret pr. år; NNV tilbagediskonteret." if "nnv" in lines.columns \
        else " Kroner pr. år."  # an ex-post result has no NNV column
    _write_table(ws, f"Omkostningslinjer: {title}", header + discounted, lines, units=kr_cols)

    for name, sheet_title, frame, units, note in business_case_tables(result):
        ws = wb.create_sheet(_sheet_name(name, taken))
        _write_table(ws, f"{sheet_title}: {title}", header, frame, units=units, note=note)

    for table in list(tables) + analysis_tables(analyses):
        ws = wb.create_sheet(_sheet_name(ANALYSIS_SHEETS.get(table.key, table.title), taken))
        source = f" Kilde: {table.source}" if getattr(table, "source", None) else ""
        _write_table(ws, table.title, header + source, table.frame, units=table.units, note=table.note,
                     headers=table.headers, row_units="unit" if "unit" in table.frame.columns else None)
    return wb


def write_workbook(path, scenario, result, tables: list[SweepTable] = (), analyses: Iterable = ()) -> Path:
    """Write the workbook whole or not at all (temporary file beside it, then rename); replaces an existing one."""
    wb = build_workbook(scenario, result, tables, analyses)
    return write_atomic(Path(path), wb.save, force=True)


# ------------------------------------------------------------------------------------------------ CSV/JSON/MD

DIALECTS = ("plain", "danish")


def csv_text(frame: pd.DataFrame, dialect: str = "plain", price_year: int | None = None) -> str:
    """Plain CSV (',' and '.') or the Danish-Excel dialect (';' and decimal comma). Numbers stay numbers; the
    price year goes in a column of its own, so every row says which prices it is in."""
    if dialect not in DIALECTS:
        raise ValueError(f"CSV dialect {dialect!r}: use one of {', '.join(DIALECTS)}")
    out = csv_frame(frame)
    if price_year is not None and "price_year" not in out:
        out["price_year"] = price_year
    buffer = io.StringIO()
    if dialect == "plain":
        out.to_csv(buffer, index=False, float_format="%.10g")
    else:
        out.to_csv(buffer, index=False, sep=";", decimal=",", float_format="%.10g")
    return buffer.getvalue()


def long_frame(result, tables: list[SweepTable] = (), analyses: Iterable = ()) -> pd.DataFrame:
    """Every number of the result and of every table as one tidy frame, one value a row: table, row, label,
    column, value, unit, price_year. One CSV then holds them all, whatever columns each table has."""
    rows = []
    for r in result.summary_frame().itertuples():
        rows.append(dict(table="resultat", row=r.measure, label=r.label, column="value", value=r.value, unit=r.unit))
    cats = category_frame(result)
    if cats is not None:
        for r in cats.itertuples():
            for column in ("total", "per_participant"):
                rows.append(dict(table="kategorier", row=r.category, label=r.category, column=column,
                                 value=getattr(r, column), unit="kr."))
    if kinds.has_categories(result):
        keyed = {"pr_aar": (result.by_year(), "label"), "tilbagebetaling": (result.payback(), "payer"),
                 "soem": (som_frame(result), "label")}
        payers = result.by_payer()
        payers["row"] = payers["payer"] + "|" + payers["udvalg"] + "|" + payers["budget_area"] + "|" + payers["line"]
        keyed["pr_betaler"] = (payers, "row")
        for table, (frame, key) in keyed.items():
            for record in frame.to_dict("records"):
                for column, value in record.items():
                    if column in (key, "year", "price_year") or not isinstance(value, (int, float)) \
                            or isinstance(value, bool):
                        continue
                    unit = "antal" if column in ("participants", "completers") else \
                        ("år" if column == "years" else ("" if column == "discount_factor" else "kr."))
                    rows.append(dict(table=table, row=record[key], label=record.get("line", record[key]),
                                     column=column, value=value, unit=unit))
    for t in list(tables) + analysis_tables(analyses):
        key_col = "row" if "row" in t.frame.columns else None
        for i, record in enumerate(t.frame.to_dict("records")):
            row_key = record.get(key_col) if key_col else i
            label = record.get("label", "")
            for column, value in record.items():
                if column in ("row", "label") or not isinstance(value, (int, float)) or isinstance(value, bool):
                    continue
                rows.append(dict(table=t.key, row=row_key, label=label, column=column, value=value,
                                 unit=t.units.get(column, "")))
    frame = pd.DataFrame(rows, columns=["table", "row", "label", "column", "value", "unit"])
    frame["price_year"] = result.price_year
    from .render import basis_text

    basis = basis_text(result)  # rate table, index and factor, discount rule (issue 14)
    if basis:
        frame["rate_basis"] = basis
    return frame


def write_csv(path, frame: pd.DataFrame, dialect: str = "plain", price_year: int | None = None,
              force: bool = True) -> Path:
    """Danish dialect files start with a UTF-8 BOM: without it Excel reads æøå as mojibake."""
    encoding = "utf-8-sig" if dialect == "danish" else "utf-8"
    return write_atomic(Path(path), csv_text(frame, dialect, price_year), force=force, encoding=encoding)


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{str(k): plain_value(v) for k, v in r.items()} for r in frame.to_dict("records")]


def json_text(scenario, result, tables: list[SweepTable] = (), analyses: Iterable = ()) -> str:
    """Result, one-way tables and analyses as JSON with plain numbers [kr.] and the price year."""
    payload = {
        "title": result.title,
        "municipality": getattr(scenario, "municipality", None),
        "price_year": result.price_year,
        "currency": "DKK",
        "summary": {r.measure: plain_value(float(r.value)) for r in result.summary_frame().itertuples()},
        "inputs": _records(inputs_frame(scenario, getattr(result, "rates", None))),
        "tables": [{"key": t.key, "title": t.title, "source": getattr(t, "source", None), "note": t.note,
                    "units": t.units, "rows": _records(t.frame)} for t in list(tables) + analysis_tables(analyses)],
    }
    cats = category_frame(result)
    if cats is not None:
        payload["by_category"] = _records(cats)
    if kinds.has_categories(result):  # costs positive, savings negative, net = cost + savings
        payload["by_year"] = _records(result.by_year())
        payload["by_payer"] = _records(result.by_payer())
        payload["payback"] = _records(result.payback())
        payload["som"] = _records(som_frame(result))
    from .render import basis_meta

    meta = basis_meta(result)  # rate table, index and factor, discount rule (issue 14)
    if meta is not None:
        payload["rate_basis"] = meta
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _md_cell(value, unit: str | None, round_kr: bool = True) -> str:
    """Danish formatting. Results in kroner round to whole hundreds (as the reports print them); inputs
    (round_kr=False) keep their value and leave the unit to the unit column."""
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        if unit == "årstal":
            return str(int(value))
        if unit in ("pct.", "andel"):
            return format_value(value, "pct.")
        if not round_kr:
            return format_number(value, 0 if float(value).is_integer() else 2)
        if unit == "kr.":
            return format_value(value, "kr.", 100)
        return format_value(value, "antal" if unit in (None, "", "antal") else unit).removesuffix(" antal")
    return md_cell(str(value))


def _md_header(column) -> str:
    if isinstance(column, (int, float)) and not isinstance(column, bool):  # a grid's values
        return format_number(column, 0 if float(column).is_integer() else 2)
    return md_cell(str(HEADERS.get(column, column) or " "))


def markdown_table(frame: pd.DataFrame, units: dict[str, str] | None = None, row_units: str | None = None,
                   columns: list[str] | None = None, round_kr: bool = True) -> str:
    """A Markdown table with Danish-formatted numbers (kroner to whole hundreds unless round_kr=False)."""
    units = units or {}
    columns = columns or list(frame.columns)
    head = "| " + " | ".join(_md_header(c) for c in columns) + " |"
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in columns]
    rule = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
    body = []
    for record in frame.to_dict("records"):
        cells = []
        for c in columns:
            unit = units.get(c) or (record.get(row_units) if row_units and c == "value" else None)
            cells.append(_md_cell(record[c], unit, round_kr))
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *body])


def markdown_text(scenario, result, tables: list[SweepTable] = (), analyses: Iterable = ()) -> str:
    """Result, one-way tables and analyses as Markdown with Danish number formats (scenario text escaped)."""
    parts = [f"# {md_inline(result.title)}", "", md_inline(price_line(result, scenario)), ""]
    cats = category_frame(result)
    if cats is not None:
        parts += ["## Resultat", "", markdown_table(cats, {"total": "kr.", "per_participant": "kr."}), ""]
    else:
        parts += ["## Resultat", "", markdown_table(result.summary_frame(), row_units="unit",
                                                    columns=["label", "value", "unit"], round_kr=False), ""]
    for _, title, frame, units, note in business_case_tables(result):
        parts += [f"## {title}", "", markdown_table(people_frame(frame), units), "", note, ""]
    for t in list(tables) + analysis_tables(analyses):
        parts += [f"## {md_inline(t.title)}", "", markdown_table(t.frame, t.units), ""]
        if t.note:
            parts += [md_inline(t.note), ""]
    parts += ["## Forudsætninger", "",
              markdown_table(inputs_frame(scenario, getattr(result, "rates", None)), row_units="unit",
                             round_kr=False), ""]
    return "\n".join(parts)
