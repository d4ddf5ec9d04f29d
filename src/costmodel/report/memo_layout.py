"""Lay a budget memo out: Danish blocks (headings, paragraphs, tables, images) from the facts memo_facts found.

A one-page summary comes first (what the money buys, what it costs a year, who pays and who saves, payback and
a verdict worded for the case), then the detail: result in NNV, by year, by payer, effects, sensitivity,
probabilistic analysis, assumptions in plain Danish, how the numbers are computed, and the workbook.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from . import labels
from .analysis_text import kr  # kroner to whole hundreds: '-3.700 kr.'
from .formatting import format_number, format_value
from .memo_blocks import Block
from .plotstyle import value_label
from .render import ROUND

SWEEP_LEGEND = ("Tabellens laveste resultat", "Tabellens højeste resultat")


class Canvas:
    """Makes the plots into a directory and keeps their bytes for the memo's files."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.files: dict[str, bytes] = {}

    def plot(self, name: str, fn, *args, **kw) -> str:
        """Draw `fn(*args, path=...)` into the directory as `name`; returns the name for the image block."""
        path = self.directory / name
        fn(*args, path=path, **kw)
        self.files[name] = path.read_bytes()
        return name


def _num(value: float, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return format_number(value, decimals)


def scenario_source(scenario) -> str:
    """The scenario's source as one line: report, section, table (export's wording, also for none given)."""
    from .export import _scenario_source

    return _scenario_source(scenario)


def plain_label(text: str) -> str:
    """A parameter's name for people: never a dotted path (its last part, in words, if that is all there is)."""
    text = str(text)
    if re.fullmatch(r"[\w.§ -]+", text) and "." in text and " " not in text:
        return text.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    return text


def danish(obj, field: str) -> str:
    """A scenario's Danish wording of a text field (`<field>_da`) when it gives one, else the field itself."""
    return getattr(obj, f"{field}_da", None) or getattr(obj, field, None) or ""


# ------------------------------------------------------------------------------------------------ the memo


def layout(facts, canvas: Canvas, workbook_name: str) -> tuple[str, list[Block]]:
    """(title, blocks) of the memo from its facts; plots are drawn through `canvas`."""
    scenario = facts.scenario
    title = f"Budgetnotat: {scenario.title}"
    blocks = [Block("h1", title), Block("ul", items=_header_facts(facts))]
    if facts.expost:
        blocks += _expost_result(facts)
    else:
        blocks += _summary(facts, canvas)
        blocks += _result_section(facts, canvas)
        blocks += _years_section(facts, canvas)
        blocks += _payers_section(facts)
        blocks += _effects_section(facts)
    blocks += _sweeps_section(facts, canvas)
    blocks += _tornado_section(facts, canvas)
    blocks += _more_analyses(facts, canvas)
    blocks += _psa_section(facts, canvas)
    blocks += _assumptions_section(facts)
    blocks += [Block("h2", "Sådan er tallene beregnet"), Block("p", _method_text(facts))]
    contents = ("Forudsætninger, resultat, omkostningslinjer og alle følsomhedstabeller:" if facts.expost else
                "Forudsætninger, resultat, omkostninger pr. år og pr. betaler, omkostningslinjer og alle "
                "følsomhedstabeller:")  # an ex-post opgørelse has neither budget years nor payers
    blocks += [Block("h2", "Regneark"), Block("p", contents, href=workbook_name, link_text=workbook_name)]
    return title, [_tidy(b) for b in blocks]


_DOUBLE_STOP = re.compile(r"\b(kr|pct|bl\.a|fx|mio)\.\.")


def _tidy(block: Block) -> Block:
    """A sentence ending in an abbreviation ('kr.') gets no second full stop."""
    if block.text:
        block.text = _DOUBLE_STOP.sub(r"\1.", block.text)
    if block.items:
        block.items = [_DOUBLE_STOP.sub(r"\1.", i) for i in block.items]
    return block


def _header_facts(facts) -> list[str]:
    s, r = facts.scenario, facts.result
    items = []
    if getattr(s, "municipality", None):
        items.append(f"Kommune: {s.municipality}")
    items.append(f"Kilde: {scenario_source(s)}")
    items.append(f"Beløb i {labels.prices(s.price_year)}")
    if facts.expost:
        from .render import basis_meta

        meta = basis_meta(r)  # a dated wage table indexed to the price year, a restatement (issue 14, trial F1)
        if meta is not None and meta.get("rate_table"):
            restated = meta.get("restated") or []  # the wages' own year, before a restatement
            year = restated[0]["from_year"] if restated else meta["rate_table_price_year"]
            items.append(f"Timerne er prissat med lønningerne i {meta['rate_table']} i {labels.prices(year)}")
        items += _basis_items(meta)
        items += _period_item(facts.wages)  # which months the registered hours cover (trial C16)
    else:
        items.append(_horizon_item(facts))
        # the indexation of the values the scenario uses (issue 14, trial C8)
        items += _basis_items(facts.basis)
    return items


def _horizon_item(facts) -> str:
    """'Tidshorisont: 4 år; diskonteringsrente 3,5 pct. (Finansministeriets diskonteringsrente fra 2021; første år
    tilbagediskonteres ikke)': the horizon and the discount rule in one line, the rule's later steps only where
    the horizon reaches them (one line instead of two keeps the Word summary on its page)."""
    s, r, meta = facts.scenario, facts.result, facts.basis
    first = ("første år tilbagediskonteres" if r.rates.discounting.first_year_discounted
             else "første år tilbagediskonteres ikke")
    rate = f"{format_number(r.discount_rate * 100, 1)} pct."
    if s.discount_rate is not None or meta is None or not (meta["discount_rule"] and meta["discount_steps"]):
        how = f"diskonteringsrente {rate} (fastsat i scenariet; {first})"
    else:
        steps = [x for x in meta["discount_steps"] if x["from_year"] < math.ceil(s.horizon_years)]
        rule = labels.DISCOUNT_RULES.get(meta["discount_rule"], "Finansministeriets diskonteringsrente")
        if len(steps) > 1:
            parts = [f"{format_number(x['rate'] * 100, 1)} pct. "
                     + (f"i år {x['from_year'] + 1}-{steps[i + 1]['from_year']}" if i + 1 < len(steps)
                        else f"fra år {x['from_year'] + 1}") for i, x in enumerate(steps)]
            how = f"diskonteringsrente {', '.join(parts)} ({rule}; {first})"
        else:
            how = f"diskonteringsrente {rate} ({rule}; {first})"
    return f"Tidshorisont: {labels.years(s.horizon_years)}; {how}"


def _basis_items(meta: dict | None) -> list[str]:
    """The indexation of the rate basis in plain Danish for a committee (render.basis_lines names the data files;
    the discount rule is in the horizon's line)."""
    if meta is None:
        return []

    def index(x) -> str:
        key, _, series = x["index"].partition(".")
        name = labels.INDICES.get(key, "et pris- og lønindeks")
        series = labels.INDEX_SERIES.get(series, "")
        estimate = f"; {', '.join(map(str, x['estimate_years']))} er skøn" if x.get("estimate_years") else ""
        return f"{name}{f' ({series})' if series else ''}, faktor {format_number(x['factor'], 4)}{estimate}"

    what = {"løn": "Lønninger omregnet", "rejsesatser": "Rejsesatser omregnet", "resultat": "Alle beløb omregnet"}
    def named(x) -> str:  # which rates: "Rejsesatser (overnatning) omregnet", "Lønninger (leder) omregnet" (trial3 #10)
        text = what.get(x["what"], "Omregnet")
        rates = _and(x.get("rates") or [])
        return text.replace(" omregnet", f" ({rates}) omregnet") if rates else text

    items = [f"{named(x)} fra {labels.prices(x['from_year'])} til "
             f"{labels.prices(x['to_year'])} med {index(x)}" for x in meta["indexation"]]
    items += [f"Omregnet fra {labels.prices(x['from_year'])} til {labels.prices(x['to_year'])} med {index(x)}"
              for x in meta["restated"]]
    return items


# ---- the one-page summary


def _summary(facts, canvas) -> list[Block]:
    s, m = facts.scenario, facts.result.measures
    headline = f"Nettoomkostninger pr. deltager: {kr(m['net_per_participant'])}"
    if facts.result.has_grants:
        headline += f"; efter tilskud: {kr(m['net_after_grants_per_participant'])}"
    blocks = [Block("h2", "Sammenfatning"), Block("strong", headline)]
    c = facts.completion
    if c is not None:  # as Socialstyrelsen publishes the result: per completing deltager
        line = f"Nettoomkostninger pr. gennemført deltager: {kr(c['net'])}"
        if c["net_after_grants"] is not None:
            line += f"; efter tilskud: {kr(c['net_after_grants'])}"
        blocks.append(Block("strong", f"{line} ({_share(c['share'])} gennemfører)"))
    blocks += [Block("p", _verdict(facts) + _grants_sentence(facts)),
               Block("p", "Hvad pengene køber: " + _buys_text(facts))]
    years = facts.by_year
    if facts.result.has_grants:  # tilskud per year: the net the municipality is left with
        after = years["net_after_grants"].cumsum()
        rows = [[r.label, kr(r.cost), kr(r.savings), kr(r.grants), kr(r.net_after_grants), kr(a)]
                for r, a in zip(years.itertuples(), after)]
        rows.append(["I alt", kr(years["cost"].sum()), kr(years["savings"].sum()), kr(years["grants"].sum()),
                     kr(years["net_after_grants"].sum()), ""])
        headers = ["År", "Omkostninger", "Sparede omkostninger", "Tilskud", "Netto efter tilskud",
                   "Netto efter tilskud, akkumuleret"]
        said = "sparede omkostninger og tilskud modtaget med minus"
    else:
        rows = [[r.label, kr(r.cost), kr(r.savings), kr(r.net), kr(r.net_cumulative)] for r in years.itertuples()]
        rows.append(["I alt", kr(years["cost"].sum()), kr(years["savings"].sum()), kr(years["net"].sum()), ""])
        headers = ["År", "Omkostninger", "Sparede omkostninger", "Netto", "Netto, akkumuleret"]
        said = "sparede omkostninger med minus"
    blocks += [Block("p", f"Omkostninger pr. budgetår ({labels.prices(s.price_year)}, ikke tilbagediskonteret; "
                          f"{said}):"),
               Block("table", headers=headers, rows=rows)]
    blocks.append(Block("p", "Hvem betaler, og hvem sparer (nettonutidsværdi): " + _payers_text(facts)))
    blocks.append(Block("p", "Tilbagebetalingstid: " + _payback_text(facts)))
    return blocks + [Block("pagebreak")]  # the summary is one page; the detail follows


def _verdict(facts) -> str:
    m, s = facts.result.measures, facts.scenario
    horizon = labels.years(s.horizon_years)
    if facts.verdict == "no_savings":
        return (f"Scenariet regner ikke med sparede omkostninger eller effekter; det opgør, hvad indsatsen koster: "
                f"{kr(m['gross_total'])} over {horizon} i nettonutidsværdi, {kr(m['gross_per_participant'])} pr. "
                f"deltager. Om indsatsen kan betale sig, afhænger af effekter, som beregningen ikke omfatter.")
    if facts.verdict == "gain":
        return (f"Indsatsen sparer mere, end den koster: over {horizon} giver den en nettogevinst på "
                f"{kr(-m['net_total'])} i nettonutidsværdi ({kr(-m['net_per_participant'])} pr. deltager), "
                f"når omkostninger på {kr(m['gross_total'])} trækkes fra sparede omkostninger på "
                f"{kr(-m['savings_total'])}.")
    covered = -m["savings_total"] / m["gross_total"] if m["gross_total"] else 0.0
    return (f"Indsatsen koster mere, end den sparer: de sparede omkostninger ({kr(-m['savings_total'])}) dækker "
            f"{format_value(covered, 'pct.')} af omkostningerne ({kr(m['gross_total'])}); nettoomkostningerne er "
            f"{kr(m['net_total'])} over {horizon} i nettonutidsværdi.")


def _grants_sentence(facts) -> str:
    """' Tilskud: ...' after the verdict: what is received (paid), from (to) whom, and the net after grants."""
    s, m = facts.scenario, facts.result.measures
    if not facts.result.has_grants:
        return ""
    parts = [_grant_words(g) for g in s.tilskud]
    return (f" Tilskud: {'; '.join(parts)}. Efter tilskud er nettoomkostningerne {kr(m['net_after_grants_total'])} "
            f"i nettonutidsværdi ({kr(m['net_after_grants_per_participant'])} pr. deltager).")


def _buys_text(facts) -> str:
    b = facts.buys
    teams = []
    for t in b["teams"]:
        staff = _and([labels.staff(n, label) for n, label in t["staff"]])
        each = " med hver " if t["count"] != 1 else " med "
        name = f" ({t['name']})" if len(b["teams"]) > 1 else ""  # several kinds: which is which
        teams.append(f"{labels.count(t['count'], 'fagteam', 'fagteams')}{name}" + (f"{each}{staff}" if staff else ""))
    who = " samt ".join(teams)  # 'og' joins the staff inside a team
    if b["individual"] and b["at_a_time"] is not None:  # case management: borgere at a time, caseload
        caseload = ""
        if b["caseload"]:
            caseload = f" (caseload {_num(round(b['caseload']['per'], 1))} pr. {b['caseload']['basis']})"
        text = (f"{who}, der har {_num(round(b['at_a_time'], 1))} borgere ad gangen{caseload} i "
                f"individuelle forløb på {_length(b)} ({_num(b['per_year'])} forløb om året"
                f"{' pr. fagteam' if sum(t['count'] for t in b['teams']) != 1 else ''}): ")
    else:
        schedule = (f"{_num(b['per_year'])} forløb pr. fagteam om året" if b["per_year"] is not None
                    else f"{_num(b['in_all'])} forløb pr. fagteam i alt")
        detail = f"{labels.count(b['per_forloeb'], 'deltager', 'deltagere')} pr. forløb"
        if b["sessions"]:
            detail += (f", {labels.count(b['sessions'], 'gruppesession', 'gruppesessioner')} over "
                       f"{_num(round(b['weeks'], 1))} uger")
        text = f"{who}, der kører {schedule} ({detail}): "
    text += f"{labels.count(b['participants'], 'deltager', 'deltagere')} i alt over {labels.years(b['horizon'])}."
    if b["posts"]:
        text += " Stillinger (nettonutidsværdi): " + "; ".join(
            f"{labels.role_plural(p['label'], p['aarsvaerk'])} {_fte(p['aarsvaerk'])} årsværk ({kr(p['nnv'])})"
            for p in b["posts"]) + "."
    if b["courses"]:
        text += " Uddannelse: " + "; ".join(b["courses"]) + "."
    if b["top_drift"]:
        others = " andre" if b["posts"] else ""
        text += (f" Største{others} driftsposter (nettonutidsværdi): " +
                 "; ".join(f"{n} ({kr(v)})" for n, v in b["top_drift"]) + ".")
    return text


def _fte(x: float) -> str:
    """Årsværk as written: '2,5', '3', '0,25' (at most two decimals)."""
    x = round(x, 2)
    return format_number(x, next(d for d in (0, 1, 2) if abs(x * 10 ** d - round(x * 10 ** d)) < 1e-9))


def _and(parts: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " og " + parts[-1]


def _length(b) -> str:
    """A forløb's length in whole months where it is one ('6 måneder'), else in weeks."""
    months = b["months"]
    if abs(months - round(months)) < 1e-6 and months >= 1:
        return labels.count(round(months), "måned", "måneder")
    return f"{_num(round(b['weeks'], 1))} uger"


def _payers_text(facts) -> str:
    grants = "grants" in facts.by_payer.columns
    per = facts.by_payer.groupby("payer", sort=False)[["cost", "savings", "net"] + (["grants"] if grants else [])].sum()
    parts = []
    for payer, r in per.iterrows():
        name = labels.payer_in_sentence(payer)  # "kommunen betaler ...", a named payer as written
        verbs = ([f"betaler {kr(r.cost)}"] if r.cost else []) + ([f"sparer {kr(-r.savings)}"] if r.savings else [])
        if grants and r.grants:
            others = _and(facts.grant_parties.get(payer, []))
            way = "modtager" if r.grants < 0 else "betaler"
            verbs.append(f"{way} tilskud på {kr(abs(r.grants))}"
                         + (f" {'fra' if r.grants < 0 else 'til'} {others}" if others else ""))
        # 'betaler a, sparer b og modtager c': one list, joined as Danish joins it (was 'betaler a, modtager c')
        text = f"{name} {_and(verbs)}" if verbs else name
        if (r.cost and r.savings) or (grants and r.grants):
            text += f" (netto {kr(r.net)})"
        parts.append(text)
    return ("; ".join(parts) + ". Fordelingen på udvalg, bevillingsområde og poster står i afsnittet om "
            "betalere.")


def _year_name(label: str) -> str:
    """'2019' or 'år 1' (a budget year's label in a sentence)."""
    return label[0].lower() + label[1:] if label.startswith("År ") else label


def _payback_text(facts) -> str:
    if facts.verdict == "no_savings":
        return "ingen, da scenariet ikke regner med sparede omkostninger."
    pay = facts.payback.set_index("payer")
    total = pay.loc["i alt"]
    if not math.isnan(total["years"]):
        text = ("indsatsen har tjent sig hjem " + labels.payback_text(total["years"], total["label"]) +
                ": fra det år og resten af tidshorisonten overstiger de akkumulerede sparede omkostninger "
                "omkostningerne (ikke tilbagediskonteret" + (", efter tilskud" if facts.result.has_grants else "") +
                ").")
    else:
        text = (f"indsatsen tjener sig ikke hjem inden for tidshorisonten på "
                f"{labels.years(facts.scenario.horizon_years)}: ved tidshorisontens slut overstiger de akkumulerede "
                f"sparede omkostninger ikke omkostningerne (ikke tilbagediskonteret" +
                (", efter tilskud" if facts.result.has_grants else "") + ")." +
                (f" De akkumulerede sparede omkostninger oversteg omkostningerne i {_year_name(facts.payback_dip)}, "
                 "men ikke til tidshorisontens slut." if facts.payback_dip else ""))
    others = [p for p in pay.index if p != "i alt"]
    if len(others) > 1:
        text += " Pr. betaler: " + "; ".join(f"{labels.payer_in_sentence(p)} {labels.payback_text(pay.loc[p, 'years'], pay.loc[p, 'label'])}"
                                             for p in others) + "."
    return text


# ---- detail sections


def _result_section(facts, canvas) -> list[Block]:
    from . import export, plots

    m = facts.result.measures
    cats = export.category_frame(facts.result)
    extra = ""
    if facts.result.has_investments:
        extra += (f" Investering i materiel ({kr(m['investment_total'])}) er købene fratrukket restværdien "
                  f"({kr(m['residual_value_total'])}): det, der er tilbage af investeringernes værdi ved "
                  f"tidshorisontens slutning, trækkes fra i sidste år.")
    if facts.result.has_grants:
        extra += (f" Tilskud (trin 4 i Socialstyrelsens model) er driftsindtægter inden for servicerammen: efter "
                  f"tilskud er nettoomkostningerne {kr(m['net_after_grants_total'])}.")
    c = facts.completion
    if c is not None:  # as Socialstyrelsen publishes results: per completing deltager
        extra += (f" Kolonnen 'Pr. gennemført deltager' er beløbet delt med de {format_number(c['discounted'], 1)} "
                  f"tilbagediskonterede deltagere, der gennemfører forløbet ({_share(c['share'])} af "
                  f"{format_number(m['participants_discounted'], 1)}); sådan offentliggør Socialstyrelsen resultaterne.")
    return [Block("h2", "Resultat i nettonutidsværdi"),
            Block("p", f"Over {labels.years(facts.scenario.horizon_years)} og for "
                       f"{labels.count(m['participants'], 'deltager', 'deltagere')}: nettoomkostninger "
                       f"{kr(m['net_total'])} i alt (bruttoomkostninger {kr(m['gross_total'])}, sparede omkostninger "
                       f"{kr(-m['savings_total'])}). Afrundet til hele hundrede kroner.{extra}"),
            _category_table(cats, c),
            Block("img", "Omkostninger pr. deltager fordelt på kategorier",
                  href=canvas.plot("kategorier.png", plots.category_breakdown, facts.result))]


def _category_table(cats, completion: dict | None) -> Block:
    """The category table in NNV: in all and per deltager, and per completing deltager where the scenario has a
    completion share (each total over the completers discounted, as the result divides its own)."""
    if completion is None:
        return Block("table", headers=["", "I alt", "Pr. deltager"],
                     rows=[[r.category, kr(r.total), kr(r.per_participant)] for r in cats.itertuples()])
    done = completion["discounted"]
    return Block("table", headers=["", "I alt", "Pr. deltager", "Pr. gennemført deltager"],
                 rows=[[r.category, kr(r.total), kr(r.per_participant), kr(r.total / done)] for r in cats.itertuples()])


def _share(share: float) -> str:
    """A share as a committee writes it: '85 pct.', '87,5 pct.'."""
    pct = round(share * 100, 1)
    return f"{format_number(pct, 0 if float(pct).is_integer() else 1)} pct."


def _years_section(facts, canvas) -> list[Block]:
    from . import plots

    y = facts.by_year
    grants = facts.result.has_grants
    net, net_nnv = ("net_after_grants", "net_after_grants_nnv") if grants else ("net", "net_nnv")
    cumulative = y[net_nnv].cumsum()
    rows = [[r.label, _num(r.participants), kr(r.cost), kr(r.savings)] + ([kr(r.grants)] if grants else []) +
            [kr(getattr(r, net)), kr(getattr(r, net_nnv)), kr(c)] for r, c in zip(y.itertuples(), cumulative)]
    rows.append(["I alt", _num(y["participants"].sum()), kr(y["cost"].sum()), kr(y["savings"].sum())]
                + ([kr(y["grants"].sum())] if grants else []) + [kr(y[net].sum()), kr(y[net_nnv].sum()), ""])
    headers = (["År", "Deltagere", "Omkostninger", "Sparede omkostninger", "Netto", "Netto (NNV)",
                "Netto (NNV), akkumuleret"] if not grants else
               ["År", "Deltagere", "Omkostninger", "Sparede omkostninger", "Tilskud", "Netto efter tilskud",
                "Netto efter tilskud (NNV)", "Akkumuleret (NNV)"])
    text = (f"Beløb i {labels.prices(facts.scenario.price_year)}; omkostninger med plus, sparede "
            f"omkostninger med minus, netto = omkostninger + sparede omkostninger. Nettonutidsværdien "
            f"er hvert års netto gange årets diskonteringsfaktor (i regnearket).")
    if grants:
        text += " Tilskud modtaget står med minus og trækkes fra i netto efter tilskud."
    if facts.result.has_investments:
        last = y.iloc[-1]
        text += (f" Omkostningerne omfatter investering i materiel; restværdien ({kr(last['residual_value'])}, ikke "
                 f"tilbagediskonteret) er trukket fra i {last['label'].replace('År', 'år')}.")
    return [Block("h2", "Omkostninger pr. budgetår"),
            Block("p", text),
            Block("table", headers=headers, rows=rows),
            Block("img", "Omkostninger og sparede omkostninger pr. budgetår",
                  href=canvas.plot("aar.png", plots.by_year, facts.result))]


def _payers_section(facts) -> list[Block]:
    p = facts.by_payer
    # one udvalg for every line is said once, in the text: a column of it made the table too wide for a page
    only_udvalg = p["udvalg"].iloc[0] if len(p) and p["udvalg"].nunique() == 1 and p["udvalg"].iloc[0] else ""
    with_udvalg = bool((p["udvalg"] != "").any()) and not only_udvalg
    headers = ["Betaler"] + (["Udvalg"] if with_udvalg else []) + ["Bevillingsområde", "Post", "Omkostninger",
                                                                    "Sparede omkostninger", "Netto"]
    grants = p["grants"] if "grants" in p.columns else None
    rows = []
    for i, r in enumerate(p.itertuples()):
        # a tilskud line shows its amount as netto only: a column of its own made the table too wide for a page
        grant_only = grants is not None and grants.iloc[i] != 0 and not r.cost and not r.savings
        rows.append([labels.payer(r.payer)] + ([r.udvalg] if with_udvalg else []) +
                    [labels.budget_area(r.budget_area), r.line] +
                    (["", ""] if grant_only else [kr(r.cost), kr(r.savings)]) + [kr(r.net)])
    rows.append(["I alt"] + ([""] if with_udvalg else []) + ["", "", kr(p["cost"].sum()), kr(p["savings"].sum()),
                                                           kr(p["net"].sum())])
    text = ("Nettonutidsværdi pr. betaler, bevillingsområde og post; hver sparet ydelse (fx § 85- og "
            "§ 82-støtte) på sin egen linje. Poster uden angivet betaler er kommunens serviceudgifter.")
    if only_udvalg:
        text += f" Alle poster hører under {only_udvalg}."
    if grants is not None:
        text += (" Hvert tilskud står på sin egen linje hos den, der modtager (betaler) det, med beløbet i "
                 "kolonnen netto (minus for et tilskud modtaget); netto i alt er efter tilskud.")
    return [Block("h2", "Hvem betaler, og hvem sparer"),
            Block("p", text),
            Block("table", headers=headers, rows=rows)]


def _effects_section(facts) -> list[Block]:
    effects = [e for e in facts.scenario.effekter if e.enabled]
    if not effects:
        return []
    blocks = [Block("h2", "Effekter"),
              Block("p", "Effekterne regnes som i Den Socialøkonomiske Investeringsmodel (SØM): andelen af deltagerne, "
                         "der lykkes ud over det, der ville være sket uden indsatsen, gange følgerne pr. borger, der "
                         "lykkes, pr. år, gange prisen for hver betaler.")]
    for e in effects:
        items = [f"Succesrate ud over basisniveauet: {format_value(e.success_rate, 'pct.')}; "
                 f"virker i {labels.years(e.lasting_years)}"
                 + (f" fra {labels.years(e.start_after_years)} efter forløbet" if e.start_after_years else "")]
        for c in e.consequences:
            prices = ", ".join(f"{labels.payer(pr.payer)} {format_number(pr.price, 2)} kr." for pr in c.prices)
            items.append(f"{c.item}: {_num(c.quantity)} {c.unit} pr. borger pr. år; pris pr. enhed: {prices}")
        if e.source:
            items.append(f"Kilde: {danish(e, 'source')}")
        blocks += [Block("h3", e.label), Block("ul", items=items)]
    from . import plots

    sentences = [plots.breakeven_text(a) for a in facts.effect_breakevens]
    if sentences:
        blocks += [Block("p", "Break-even på succesraten (nettoomkostninger i alt lig 0 kr.):"), Block("ul", items=sentences)]
    return blocks


def _expost_result(facts) -> list[Block]:
    s, r = facts.scenario, facts.result
    unit = s.deltagere.singular if getattr(s.deltagere, "singular", None) else "deltager"
    summary = r.summary_frame()
    return [Block("h2", "Resultat"),
            Block("strong", f"Omkostninger pr. {unit}: {kr(r.value('cost_per_participant'))}"),
            Block("table", headers=["", "Værdi"], rows=[[x.label, format_value(x.value, x.unit)] for x in summary.itertuples()]),
            Block("p", "Fordeling på etablering, uddannelse, drift og sparede omkostninger, budgetår og betalere gælder "
                       "ikke for en ex-post-opgørelse: den opgør de årlige driftsomkostninger og enhedsomkostninger ud "
                       "fra registreret tidsforbrug (rapport 002's metode).")]


def _sweep_block(table) -> Block:
    column_labels = {**labels.SHORT_MEASURES, **_expost_columns()}
    cols = [c for c in table.frame.columns if c not in ("row", "label")]
    rows = [[r["label"]] + [format_value(r[c], table.units.get(c, ""), ROUND if table.units.get(c) == "kr." else None)
                            for c in cols] for r in table.frame.to_dict("records")]
    return Block("table", headers=[""] + [column_labels.get(c, c) for c in cols], rows=rows)


def _expost_columns() -> dict:
    from .. import kinds

    return kinds.sweep_column_labels()


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text.replace("=", "_")).strip("_").lower() or "tabel"


def _sweeps_section(facts, canvas) -> list[Block]:
    from . import plots

    blocks = [Block("h2", "Følsomhedsanalyser: én forudsætning ad gangen")]
    if not facts.tables:
        return blocks + [Block("p", "Scenariet angiver ingen følsomhedstabeller.")]
    from .. import kinds

    specs = {spec.key: spec for spec in kinds.sensitivity_specs(facts.scenario)}
    for t in facts.tables:
        source = danish(specs[t.key], "source") if t.key in specs else (t.source or "")
        notes = [n for n in (t.note, f"Kilde: {source}" if source else "") if n]
        blocks += [Block("h3", t.title), _sweep_block(t)]
        if notes:
            blocks.append(Block("p", " ".join(notes)))
        blocks.append(Block("img", t.title, href=canvas.plot(f"foelsomhed_{_safe_name(t.key)}.png", plots.sweep_bars, t,
                                                            measure=plots.default_measure(t))))
    return blocks


def sweep_tornado(tables, base_result: float, measure: str) -> pd.DataFrame:
    """A tornado in the contract's frame shape from the scenario's own one-way tables: each table's lowest and
    highest result against the base case (used where the scenario declares no uncertainty ranges)."""
    rows = []
    for t in tables:
        if measure not in t.frame.columns or len(t.frame) < 2:
            continue
        f = t.frame.reset_index(drop=True)
        lo, hi = f[measure].idxmin(), f[measure].idxmax()  # the rows with the lowest and highest result
        rows.append(dict(parameter=t.key, label=t.title, unit="tekst", base_value=float("nan"),
                         low_value=f.loc[lo, "label"], high_value=f.loc[hi, "label"],
                         result_low=float(f.loc[lo, measure]), result_high=float(f.loc[hi, measure]),
                         base_result=base_result))
    frame = pd.DataFrame(rows, columns=["parameter", "label", "unit", "base_value", "low_value", "high_value",
                                        "result_low", "result_high", "base_result"])
    frame["swing"] = (frame["result_high"] - frame["result_low"]).abs()
    return frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def _tornado_section(facts, canvas) -> list[Block]:
    from . import plots

    found = facts.found
    blocks = [Block("h2", "Hvilke forudsætninger betyder mest (tornadodiagram)")]
    measure_note = _analysis_measure_text(facts)
    if measure_note:
        blocks.append(Block("p", measure_note))
    frame = None
    if found.tornado is not None:
        frame = found.tornado.frame
        # a bar of no width (gennemførelsesandel on a per-deltager measure) is left out and named (trial2 F6)
        still = frame[frame["swing"] <= 0]
        frame = frame[frame["swing"] > 0].reset_index(drop=True)
        if not len(frame):
            return blocks + [Block("p", "Ingen af de usikre forudsætninger flytter resultatet.")]
        # the analysis itself where nothing is left out (its plot as before), else the bars that move
        drawn = found.tornado if not len(still) else frame
        blocks += [Block("img", found.tornado.title,
                         href=canvas.plot("tornado.png", plots.tornado, drawn, title=found.tornado.title,
                                          measure=found.tornado.measure)),
                   Block("p", "Hver usikker forudsætning sættes til sin lave og sin høje værdi (se listen over "
                              "usikre forudsætninger nedenfor), alle andre holdes fast; den bredeste bjælke står øverst.")]
        if len(still):
            names = ", ".join(plain_label(label).lower() for label in still["label"])
            blocks.append(Block("p", f"Uden betydning for {_measure_name(found.tornado.measure)} og derfor ikke vist: "
                                     f"{names}."))
    else:
        measure = "cost_per_participant" if facts.expost else "net_per_participant"
        base = facts.result.value(measure) if facts.expost else facts.result.measures[measure]
        frame = sweep_tornado(facts.tables, base, measure)
        if len(frame):
            blocks += [Block("img", "Tornadodiagram over scenariets følsomhedstabeller",
                             href=canvas.plot("tornado.png", plots.tornado, frame,
                                              title="Tornadodiagram: scenariets følsomhedstabeller", measure=measure,
                                              legend=SWEEP_LEGEND)),
                       Block("p", "Bjælkerne viser spændet i hver af scenariets følsomhedstabeller (laveste og "
                                  "højeste resultat) omkring grundberegningen; den bredeste står øverst.")]
        else:
            return blocks + [Block("p", "Intet tornadodiagram: scenariet har hverken usikre forudsætninger eller "
                                        "følsomhedstabeller med mindst to rækker.")]
    top = frame.iloc[0]
    blocks.append(Block("p", f"Størst betydning: {plain_label(top['label'])} (spænd mellem lav og høj: {kr(top['swing'])})."))
    return blocks


def _more_analyses(facts, canvas) -> list[Block]:
    from . import plots

    found, blocks = facts.found, []
    if found.spider is not None:
        blocks += [Block("h2", "Procentvise ændringer (spindeldiagram)"),
                   Block("img", found.spider.title, href=canvas.plot("spider.png", plots.spider, found.spider))]
    if found.twoway is not None or "twoway" in found.problems:
        blocks.append(Block("h2", "To forudsætninger på én gang"))
        if found.twoway is None:
            blocks.append(Block("p", "Tovejsanalysen kunne ikke beregnes."))
        else:
            meta = found.twoway.meta
            blocks += [Block("img", found.twoway.title, href=canvas.plot("tovejs.png", plots.twoway, found.twoway)),
                       Block("p", f"{_measure_name(found.twoway.measure).capitalize()} for hver kombination af "
                                  f"{plain_label(meta['x_label']).lower()} og {plain_label(meta['y_label']).lower()}: "
                                  f"{found.twoway_reason}.")]
    if found.tornado is not None:
        sentences = [plots.breakeven_text(a) for a in found.breakevens]
        sentences += [text for key, text in found.problems.items() if key.startswith("breakeven:")]
        blocks += [Block("h2", labels.BREAKEVEN),
                   Block("p", _most_important(len(sentences)) + ": den værdi, hvor "
                              + ("nettoomkostningerne i alt" if facts.measure == "net_per_participant"
                                 else _measure_name(_total_of(facts.measure))) + " er 0 kr."),
                   Block("ul", items=sentences)]
    return blocks


def _most_important(n: int) -> str:
    """ "For de tre forudsætninger, der betyder mest", counted (trial3 #10: one break-even said "de tre")."""
    if n == 1:
        return "For den forudsætning, der betyder mest"
    return f"For de {({2: 'to', 3: 'tre'}).get(n, str(n))} forudsætninger, der betyder mest"


def _short_measure(measure: str) -> str:
    """A measure's short table label ('Nettoomk. pr. deltager'), else its full one."""
    from ..analyses.base import MEASURE_LABELS

    return labels.SHORT_MEASURES.get(measure) or MEASURE_LABELS.get(measure, measure)


def _measure_name(measure: str) -> str:
    """A measure as a memo names it, lower case: 'nettoomkostninger efter tilskud pr. gennemført deltager'."""
    from ..analyses.base import MEASURE_LABELS

    name = MEASURE_LABELS.get(measure, measure)
    return name[0].lower() + name[1:]


def _total_of(measure: str) -> str:
    from ..analyses.standard import total_measure

    return total_measure(measure)


def _analysis_measure_text(facts) -> str:
    """Which measure the analyses report, where it matters: another than the default, or a scenario with tilskud
    whose analyses are still before grants (trial2 finding 6)."""
    if facts.expost:
        return ""
    if facts.measure != "net_per_participant":
        return f"Følsomhedsanalyserne nedenfor regner på {_measure_name(facts.measure)}."
    if facts.result.has_grants:
        return ("Følsomhedsanalyserne nedenfor regner på nettoomkostninger pr. deltager før tilskud; tilskuddet "
                "indgår ikke.")
    return ""


def _psa_section(facts, canvas) -> list[Block]:
    from . import plots

    blocks = [Block("h2", "Probabilistisk følsomhedsanalyse")]
    if facts.expost:
        return blocks + [Block("p", "Gælder ikke for ex-post-opgørelser: de har ingen usikre forudsætninger med "
                                    "fordelinger.")]
    analysis = facts.found.psa
    if analysis is None:
        return blocks + [Block("p", "Scenariet angiver ingen fordelinger for sine forudsætninger; ingen "
                                    "probabilistisk analyse.")]
    f = analysis.frame.set_index("measure")
    keys = tuple(dict.fromkeys((facts.measure, "net_per_participant", "net_total", "gross_per_participant",
                                "gross_total")))
    rows = [[_short_measure(k), kr(f.loc[k, "mean"]), kr(f.loc[k, "p2_5"]), kr(f.loc[k, "p50"]),
             kr(f.loc[k, "p97_5"]), kr(analysis.meta["base"][k])] for k in keys if k in f.index]
    draws = analysis.meta.get("draws")
    blocks += [Block("p", f"Alle usikre forudsætninger trækkes på én gang fra deres fordelinger, "
                          f"{format_number(draws, 0)} {labels.DRAWS} (samme {labels.SEED_TEXT}, "
                          f"{analysis.meta.get('seed')}, giver samme tal)."),
               Block("table", headers=["", "Gennemsnit", "2,5 pct.", "Median", "97,5 pct.", "Grundberegning"], rows=rows)]
    if facts.verdict != "no_savings":
        prob = analysis.meta.get("prob_net_below_zero")
        blocks.append(Block("p", f"Sandsynligheden for, at indsatsen sparer mere, end den koster (nettoomkostninger "
                                 f"under 0 kr.): {format_value(prob, 'pct.')}."))
    blocks.append(Block("p", _psa_mean_text(facts, f)))
    blocks.append(Block("img", "Fordeling af nettoomkostninger pr. deltager",
                        href=canvas.plot("psa_histogram.png", plots.psa_histogram, analysis)))
    return blocks


def _psa_mean_text(facts, f) -> str:
    mean, base = f.loc["net_per_participant", "mean"], facts.result.measures["net_per_participant"]
    reasons = []
    if facts.psa_skew:
        shifted = "; ".join(f"{plain_label(s['label'])}: grundværdi {value_label(s['base'], s['unit'])}, gennemsnit i "
                            f"simuleringerne {value_label(s['mean'], s['unit'])}" for s in facts.psa_skew)
        reasons.append(f"nogle fordelinger ikke ligger symmetrisk om grundværdien, så forudsætningen i gennemsnit er "
                       f"en anden end i grundberegningen ({shifted})")
    reasons.append("resultatet ikke afhænger lineært af alle forudsætninger: 'pr. deltager' deler med antallet af "
                   "deltagere, og flere forudsætninger ganges med hinanden, så gennemsnittet af resultaterne ikke er "
                   "resultatet af gennemsnittene")
    why = "" if abs(mean - base) < 0.5 else ", fordi " + ", og fordi ".join(reasons)
    return (_mean_against_base(mean, base) + why + ". Grundberegningen er notatets hovedresultat; simuleringerne viser spændet omkring det.")


def _mean_against_base(mean: float, base: float) -> str:
    """How the simulations' mean stands to the base result, by the actual difference [kr.]: 'is not the same as
    (62.900 kr.) ... (62.900 kr.)' contradicted itself when both rounded alike (trial2 W3)."""
    diff = mean - base
    side = "over" if diff > 0 else "under"
    if kr(mean) == kr(base):
        if abs(diff) < 0.5:
            return f"Gennemsnittet af simuleringerne er det samme som grundberegningen ({kr(base)} pr. deltager)"
        return (f"Gennemsnittet af simuleringerne er det samme som grundberegningen afrundet til hele hundrede "
                f"({kr(base)} pr. deltager); uafrundet ligger det {format_number(abs(diff))} kr. {side}")
    return (f"Gennemsnittet af simuleringerne ({kr(mean)} pr. deltager) ligger {format_number(abs(diff))} kr. {side} "
            f"grundberegningen ({kr(base)})")


# ---- assumptions


def _assumptions_section(facts) -> list[Block]:
    blocks = [Block("h2", "Centrale forudsætninger og kilder"), Block("ul", items=_key_assumptions(facts))]
    uncertain = getattr(facts.scenario, "uncertainty", None) or []
    if uncertain:
        blocks += [Block("h3", "Usikre forudsætninger"),
                   Block("p", "Spændet for hver usikker forudsætning, dens grundværdi og fordeling i den "
                              "probabilistiske analyse."),
                   Block("table", headers=["Forudsætning", "Grundværdi", "Lav", "Høj", "Fordeling", "Kilde"],
                         rows=_uncertainty_rows(facts))]
    blocks.append(Block("p", "Alle forudsætninger med værdi, enhed og kilde står i regnearkets ark 'Forudsætninger'."))
    return blocks


def _uncertainty_rows(facts) -> list[list[str]]:
    from ..prospective import parameters as prm

    rows = []
    for u in facts.scenario.uncertainty:
        unit = prm.unit(u.parameter)
        low, high = u.range()
        base = prm.base_value(facts.scenario, u.parameter, facts.result.rates)
        label = plain_label(u.label or prm.label(facts.scenario, u.parameter))
        source = danish(u, "source") + (f" ({labels.OWN_ASSUMPTION})" if u.tool_assumption else "")
        rows.append([label, value_label(base, unit), value_label(low, unit), value_label(high, unit),
                     labels.DISTRIBUTIONS.get(u.distribution, u.distribution), source])
    return rows


def _key_assumptions(facts) -> list[str]:
    s, result = facts.scenario, facts.result
    if facts.expost:
        items = _expost_wage_items(facts.wages)
        d = s.deltagere
        if d.pr_aar is not None:
            items.append(f"{(d.plural or 'deltagere').capitalize()} pr. år: {_num(d.pr_aar.value)}"
                         + _source_note(d.pr_aar))
        if s.drift is not None:
            a = s.drift.aarlige_omkostninger
            items.append(f"Årlige driftsomkostninger: {kr(a.value)}" + _source_note(a))
        return items + list(s.assumptions)
    f = s.forloeb
    team_count = sum(t.count for t in s.fagteams)
    per_year = (f"{_num(f.pr_fagteam_pr_aar)} forløb pr. fagteam pr. år" if f.pr_fagteam_pr_aar is not None
                else f"{_num(f.i_alt_pr_fagteam)} forløb i alt pr. fagteam")
    items = [f"{labels.count(team_count, 'fagteam', 'fagteams')}, {per_year}, "
             f"{labels.count(f.deltagere_pr_forloeb, 'deltager', 'deltagere')} pr. forløb"
             + (f", {_share(facts.completion['share'])} gennemfører" if facts.completion else "")
             + f" (kilde: {danish(f, 'source') or scenario_source(s)})"]
    for g in sorted(s.wage_groups()):
        wg = result.rates.wage_groups.get(g)
        if wg is not None:
            items.append(f"Timeløn, {wg.label}: {format_number(wg.hourly, 2)} kr. inkl. overhead (satstabellen "
                         f"{result.rates.name}; kilde og udledning i regnearket)")
    items += _investment_and_grant_items(s)
    for a in s.assumptions:
        items.append(f"{danish(a, 'text')} (begrundelse: {danish(a, 'evidence')})")
    return items


def _investment_and_grant_items(s) -> list[str]:
    """Each investment (price, lifetime, restværdi) and each tilskud (amount, years, from or to whom, who)."""
    from ..prospective.posts import lifetime

    items = []
    for inv in s.investeringer:
        if inv.enabled:
            life = labels.years(lifetime(inv)) + ("" if inv.levetid is not None else f" (standard for {labels.investment_type(inv.type)})")
            rest = "restværdi fratrækkes" if inv.restvaerdi else "ingen restværdi"
            items.append(f"Investering i materiel: {inv.item}, {kr(inv.amount)}, levetid {life}; {rest}"
                         + (f" (kilde: {danish(inv, 'source')})" if inv.source else ""))
    for g in s.tilskud:
        items.append(f"Tilskud: {_grant_words(g)}" + (f" (kilde: {danish(g, 'source')})" if g.source else ""))
    return items


def _grant_words(g) -> str:
    """'Driftstilskud fra Puljen X: 200.000 kr. over 2 år, modtaget af kommunen (Socialudvalget)'."""
    other = f" {'fra' if g.retning == 'modtaget' else 'til'} {g.modpart}" if g.modpart else ""
    years = labels.count(sum(1 for v in g.pr_aar if v), "år", "år")
    text = f"{g.item}{other}: {kr(sum(g.pr_aar))} over {years} (ikke tilbagediskonteret)"
    if g.budget is not None:
        who = labels.payer_in_sentence(g.budget.payer) if "payer" in g.budget.model_fields_set else ""
        who += (f" ({g.budget.udvalg})" if who else g.budget.udvalg) if g.budget.udvalg else ""
        if who:
            text += f", {'modtaget' if g.retning == 'modtaget' else 'betalt'} af {who}"
    return text


def _source_note(value) -> str:
    """' (kilde: ...)' after a value, or nothing where the scenario gives no source (never an empty '(kilde: )')."""
    source = danish(value, "source").strip()
    return f" (kilde: {source})" if source else ""


def _expost_wage_items(wages: dict | None) -> list[str]:
    """An ex-post memo's wages and period: the wage table, each registered staff group's hourly rate and the
    months the registrations cover (trial C16)."""
    if wages is None:
        return []
    items = [f"Lønninger: lønfilen {wages['table']} ({labels.prices(wages['price_year'])}); timeløn inkl. overhead: "
             + "; ".join(f"{_lower_first(label)} {format_number(rate, 2)} kr." for label, rate in wages["rates"])]
    return items


def _period_item(wages: dict | None) -> list[str]:
    """'Registreringer: januar til oktober 2025 (10 måneder), omregnet til et år' for an ex-post memo's head."""
    if wages is None or not wages["first"]:
        return []
    first, last = labels.month(wages["first"]), labels.month(wages["last"])
    if first == last:
        span = first
    elif first.split()[-1] == last.split()[-1]:  # one year: 'januar til oktober 2025'
        span = f"{first.split()[0]} til {last}"
    else:
        span = f"{first} til {last}"
    return [f"Registreringer: {span} ({labels.count(wages['months'], 'måned', 'måneder')}), omregnet til et år"]


def _lower_first(text: str) -> str:
    """A label inside a sentence ('Socialrådgiver' -> 'socialrådgiver'; 'SOSU-assistent' stays)."""
    return labels.role_plural(text, 1)


def _method_text(facts) -> str:
    s, result = facts.scenario, facts.result
    if facts.expost:
        basis = ("registreret tidsforbrug gange timeløn plus øvrige udgifter, omregnet til et år"
                 if s.registreringer is not None else "de publicerede årlige driftsomkostninger")
        return (f"Ex-post-opgørelse efter rapport 002's metode: de årlige driftsomkostninger ({basis}) deles med "
                f"antal deltagere pr. år, og pr. måned med de gennemsnitlige måneder i indsatsen. Etablering "
                f"opgøres for sig og indgår ikke i driften. Beløb i {labels.prices(s.price_year)}, ikke "
                f"tilbagediskonteret.")
    m = result.measures
    rate = format_number(result.discount_rate * 100, 1)
    first = ("også første år diskonteres" if result.rates.discounting.first_year_discounted
             else "første år diskonteres ikke")
    return (f"Omkostningerne opgøres pr. år som timer gange timeløn (inkl. overhead) plus køb, efter "
            f"Socialstyrelsens omkostningsmodel. Hvert års beløb tilbagediskonteres med {rate} pct. til "
            f"nettonutidsværdi (NNV); {first}. Antallet af deltagere tilbagediskonteres på samme måde "
            f"({labels.count(m['participants'], 'deltager', 'deltagere')} giver "
            f"{format_number(m['participants_discounted'], 1)} tilbagediskonterede), og 'pr. deltager' er NNV af "
            f"omkostningerne divideret med de tilbagediskonterede deltagere. Nettoomkostninger = "
            f"bruttoomkostninger ({_gross_words(result)}) minus sparede omkostninger; i tabellerne står "
            f"sparede omkostninger med minus. Tilbagebetalingstiden er det første budgetår, fra hvilket den "
            f"akkumulerede netto (ikke tilbagediskonteret) er negativ til tidshorisontens slut. Beløb er afrundet til hele hundrede, som i "
            f"rapporterne." + _official_steps_text(result))


def _gross_words(result) -> str:
    """'etablering, uddannelse, drift' (and 'investering i materiel' where the scenario has investments)."""
    return ("etablering, uddannelse, drift og investering i materiel" if result.has_investments
            else "etablering, uddannelse, drift")


def _official_steps_text(result) -> str:
    """The Vejledning's words for what the scenario has beyond the three categories (investments, tilskud)."""
    if not (result.has_investments or result.has_grants):
        return ""
    v = labels.VEJLEDNING_CATEGORIES
    text = (f" Kategorierne følger Socialstyrelsens vejledning (2021): etablering svarer til vejledningens "
            f"'{v['etablering']}', drift til '{v['drift']}'")
    if result.has_investments:
        text += (f", og '{v['investering']}' er købene, genanskaffet når levetiden udløber, fratrukket "
                 f"restværdien ved tidshorisontens slutning (lineær afskrivning til 0)")
    text += "."
    if result.has_grants:
        text += (" Tilskud (trin 4 'Tilskud mv.') er ikke en omkostning ved indsatsen, men en indtægt (eller "
                 "udgift) for den, der driver den: nettoomkostninger efter tilskud = nettoomkostninger minus "
                 "tilskud modtaget plus tilskud betalt.")
    return text
