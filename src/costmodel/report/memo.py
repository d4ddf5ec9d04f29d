"""The budget memo (budgetnotat): one directory with the memo (Markdown or HTML), its plots and the workbook.

The memo is built as a short list of blocks (headings, paragraphs, tables, images) and rendered to Markdown or
HTML from the same blocks, so both say the same. The directory is written whole or not at all: everything is
built in a temporary directory beside the target and renamed into place at the end.
"""
from __future__ import annotations

import base64
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import kinds
from ..analyses.standard import standard_analyses
from .analysis_text import DISTRIBUTION_NAMES
from .formatting import format_kr, format_number, format_value
from ..io.neutralise import html_href, html_text, md_cell, md_inline, md_link_target
from ..prospective.parameters import unit as parameter_unit
from .plotstyle import value_label
from .render import ROUND

FORMATS = ("markdown", "html")
MEMO_NAMES = {"markdown": "notat.md", "html": "notat.html"}
SWEEP_LEGEND = ("Tabellens laveste resultat", "Tabellens højeste resultat")


# ------------------------------------------------------------------------------------------------ blocks


@dataclass
class Block:
    """One block of the memo: a heading, paragraph, list, table or image."""
    kind: str  # h1, h2, p, strong, table, img, ul
    text: str = ""
    headers: list[str] | None = None
    rows: list[list[str]] | None = None
    items: list[str] | None = None
    href: str | None = None  # img: file name; p: an optional link appended to the text
    link_text: str | None = None


def _md_text(text: str) -> str:
    """Scenario text (titles, sources, quotes) as literal Markdown on one line: no emphasis, links, HTML,
    headings or code fences (neutralise.md_inline). Underscores stay: CommonMark does not read them as emphasis
    inside words (calibrate_000.py)."""
    return md_inline(str(text))


def _md_escape_cell(text: str) -> str:
    return md_cell(str(text))


def to_markdown(blocks: list[Block]) -> str:
    """The memo's blocks as Markdown."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out += [f"# {_md_text(b.text)}", ""]
        elif b.kind == "h2":
            out += [f"## {_md_text(b.text)}", ""]
        elif b.kind == "h3":
            out += [f"### {_md_text(b.text)}", ""]
        elif b.kind == "strong":
            out += [f"**{_md_text(b.text)}**", ""]
        elif b.kind == "p":
            link = f" [{_md_text(b.link_text or b.href)}]({md_link_target(b.href)})" if b.href else ""
            out += [_md_text(b.text) + link, ""]
        elif b.kind == "ul":
            out += [f"- {_md_text(item)}" for item in b.items or []] + [""]
        elif b.kind == "img":
            out += [f"![{_md_text(b.text)}]({md_link_target(b.href)})", ""]
        elif b.kind == "table":
            headers = b.headers or []
            out.append("| " + " | ".join(_md_escape_cell(h) or " " for h in headers) + " |")
            out.append("|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|")
            out += ["| " + " | ".join(_md_escape_cell(c) for c in row) + " |" for row in b.rows or []]
            out.append("")
    return "\n".join(out)


_CSS = """body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1rem}th,td{border-bottom:1px solid #999;padding:0.2rem 0.6rem}
td:not(:first-child),th:not(:first-child){text-align:right}img{max-width:100%;border:1px solid #ccc}
.headline{font-size:1.25rem}"""


def to_html(blocks: list[Block], title: str, images: dict[str, bytes]) -> str:
    """One self-contained file: every value escaped, plots embedded as data URIs (also saved beside it)."""
    e = html_text  # every value escaped (quotes too), control characters made visible
    out = ["<!DOCTYPE html>", '<html lang="da">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>"]
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{e(b.text)}</{b.kind}>")
        elif b.kind == "strong":
            out.append(f'<p class="headline"><strong>{e(b.text)}</strong></p>')
        elif b.kind == "p":
            link = f' <a href="{html_href(b.href)}">{e(b.link_text or b.href)}</a>' if b.href else ""
            out.append(f"<p>{e(b.text)}{link}</p>")
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items or []) + "</ul>")
        elif b.kind == "img":
            data = base64.b64encode(images[b.href]).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(b.text)}">'
                       f"<figcaption>{e(b.text)} ({e(b.href)})</figcaption></figure>")
        elif b.kind == "table":
            out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in b.headers or []) + "</tr></thead>")
            out.append("<tbody>" + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                                           for row in b.rows or []) + "</tbody></table>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ content


def _num(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 2)


def _kr(value: float) -> str:
    return format_kr(value, round_step=ROUND)


def _source_text(scenario) -> str:
    from .export import _scenario_source

    return _scenario_source(scenario)


def _sweep_block(table) -> Block:
    labels = kinds.sweep_column_labels()
    cols = [c for c in table.frame.columns if c not in ("row", "label")]
    rows = [[r["label"]] + [format_value(r[c], table.units.get(c, ""), ROUND if table.units.get(c) == "kr." else None)
                            for c in cols] for r in table.frame.to_dict("records")]
    return Block("table", headers=[""] + [labels.get(c, c) for c in cols], rows=rows)


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


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text.replace("=", "_")).strip("_").lower() or "tabel"


@dataclass
class Memo:
    """A laid-out memo: its blocks, the files written beside it (plots, workbook) and its title."""
    blocks: list[Block]
    files: dict[str, bytes]  # file name -> content, written beside the memo
    title: str


def build(scenario, draws: int = 10_000, seed: int = 20201, workbook_name: str = "regneark.xlsx",
          tmp_dir: Path | None = None) -> Memo:
    """Evaluate everything the memo shows and lay it out; plots and the workbook go into `tmp_dir`."""
    import costmodel

    from . import export, plots

    tmp_dir = Path(tmp_dir or tempfile.mkdtemp())
    result = costmodel.evaluate(scenario)
    tables = costmodel.sweep(scenario)
    expost = kinds.is_expost(scenario)
    blocks: list[Block] = []
    files: dict[str, bytes] = {}

    def plot(name: str, fn, *args, **kw) -> str:
        path = tmp_dir / name
        fig, _ = fn(*args, path=path, **kw)
        files[name] = path.read_bytes()
        return name

    title = f"Budgetnotat: {scenario.title}"
    blocks.append(Block("h1", title))
    facts = []
    if getattr(scenario, "municipality", None):
        facts.append(f"Kommune: {scenario.municipality}")
    facts.append(f"Kilde: {_source_text(scenario)}")
    facts.append(f"Prisår: {scenario.price_year} ({scenario.price_year}-priser)")
    if not expost:
        facts.append(f"Tidshorisont: {format_value(scenario.horizon_years, 'år')}")
        facts.append(f"Diskonteringsrente: {format_number(result.discount_rate * 100, 1)} pct. "
                     f"({'fastsat i scenariet' if scenario.discount_rate is not None else 'Finansministeriets regel, se nedenfor'})")
        from .render import basis_lines

        facts += basis_lines(result)  # rate table, its indexation and the discount rule (issue 14)
    blocks.append(Block("ul", items=facts))

    # ---- headline
    blocks.append(Block("h2", "Resultat"))
    if expost:
        unit = scenario.deltagere.ental if getattr(scenario.deltagere, "ental", None) else "deltager"
        per = result.value("cost_per_participant")
        blocks.append(Block("strong", f"Omkostninger pr. {unit}: {_kr(per)}"))
        summary = result.summary_frame()
        blocks.append(Block("table", headers=["", "Værdi"],
                            rows=[[r.label, format_value(r.value, r.unit)] for r in summary.itertuples()]))
        blocks.append(Block("p", "Fordeling på etablering, uddannelse, drift og sparede omkostninger gælder ikke "
                                 "for en ex-post-opgørelse: den opgør de årlige driftsomkostninger og "
                                 "enhedsomkostninger ud fra registreret tidsforbrug (rapport 002's metode)."))
        measure = "cost_per_participant"
        base_value = per
    else:
        m = result.measures
        blocks.append(Block("strong", f"Nettoomkostninger pr. deltager: {_kr(m['net_per_participant'])}"))
        sign = ("Indsatsen sparer mere, end den koster" if m["net_total"] < 0
                else "Indsatsen koster mere, end den sparer")
        blocks.append(Block("p", f"{sign}: nettoomkostningerne er {_kr(m['net_total'])} i alt over "
                                 f"{format_value(scenario.horizon_years, 'år')} (bruttoomkostninger "
                                 f"{_kr(m['gross_total'])}, sparede omkostninger {_kr(-m['savings_total'])}), "
                                 f"for {format_number(m['participants'], 0)} deltagere. Beløb i "
                                 f"{scenario.price_year}-priser, nettonutidsværdi, afrundet til hele hundrede."))
        blocks.append(Block("h2", "Fordeling på kategorier"))
        cats = export.category_frame(result)
        blocks.append(Block("table", headers=["", "I alt", "Pr. deltager"],
                            rows=[[r.category, _kr(r.total), _kr(r.per_participant)] for r in cats.itertuples()]))
        blocks.append(Block("img", "Omkostninger pr. deltager fordelt på kategorier",
                            href=plot("kategorier.png", plots.category_breakdown, result)))
        measure = "net_per_participant"
        base_value = m["net_per_participant"]

    # ---- one-way tables
    blocks.append(Block("h2", "Følsomhedsanalyser: én forudsætning ad gangen"))
    if tables:
        for t in tables:
            blocks.append(Block("h3", t.title))
            blocks.append(_sweep_block(t))
            notes = [n for n in (t.note, f"Kilde: {t.source}" if t.source else "") if n]
            if notes:
                blocks.append(Block("p", " ".join(notes)))
            blocks.append(Block("img", t.title, href=plot(f"foelsomhed_{_safe_name(t.key)}.png", plots.sweep_bars, t,
                                                          measure=plots.default_measure(t))))
    else:
        blocks.append(Block("p", "Scenariet angiver ingen følsomhedstabeller."))

    # ---- tornado (the scenario's uncertainty ranges when declared, else its own one-way tables)
    found = standard_analyses(scenario, draws=draws, seed=seed)
    analyses = found.all()
    blocks.append(Block("h2", "Hvilke forudsætninger betyder mest (tornadodiagram)"))
    tornado_frame = None
    if found.tornado is not None:
        tornado_frame = found.tornado.frame
        blocks.append(Block("img", found.tornado.title, href=plot("tornado.png", plots.tornado, found.tornado)))
        blocks.append(Block("p", "Hver forudsætning sættes til sin lave og høje værdi fra scenariets "
                                 "usikkerhedsblok, alle andre holdes fast; den bredeste bjælke står øverst."))
    else:
        frame = sweep_tornado(tables, base_value, measure)
        if len(frame):
            tornado_frame = frame
            blocks.append(Block("img", "Tornadodiagram over scenariets følsomhedstabeller",
                                href=plot("tornado.png", plots.tornado, frame,
                                          title="Tornadodiagram: scenariets følsomhedstabeller", measure=measure,
                                          legend=SWEEP_LEGEND)))
            blocks.append(Block("p", "Bjælkerne viser spændet i hver af scenariets følsomhedstabeller (laveste og "
                                     "højeste resultat) omkring grundberegningen; den bredeste står øverst."))
        else:
            blocks.append(Block("p", "Intet tornadodiagram: scenariet har hverken usikkerhedsblok eller "
                                     "følsomhedstabeller med mindst to rækker."))
    if tornado_frame is not None and len(tornado_frame):
        top = tornado_frame.iloc[0]
        blocks.append(Block("p", f"Størst betydning: {top['label']} (spænd mellem lav og høj: {_kr(top['swing'])})."))

    # ---- spider, two-way and break-even
    if found.spider is not None:
        blocks.append(Block("h2", "Procentvise ændringer (spindeldiagram)"))
        blocks.append(Block("img", found.spider.title, href=plot("spider.png", plots.spider, found.spider)))
    if found.twoway_specs:
        x, y = found.twoway_specs
        blocks.append(Block("h2", "To forudsætninger på én gang"))
        if found.twoway is None:
            blocks.append(Block("p", f"Tovejsanalysen kunne ikke beregnes: {found.problems['twoway']}"))
        else:
            blocks.append(Block("img", found.twoway.title, href=plot("tovejs.png", plots.twoway, found.twoway)))
            blocks.append(Block("p", f"Nettoomkostninger pr. deltager for hver kombination af rækkerne i "
                                     f"'{x.title}' og '{y.title}'."))
    if found.tornado is not None:
        sentences = [plots.breakeven_text(a) for a in found.breakevens]
        sentences += [text for key, text in found.problems.items() if key.startswith("breakeven:")]
        blocks.append(Block("h2", "Break-even"))
        blocks.append(Block("ul", items=sentences))

    # ---- probabilistic analysis
    blocks.append(Block("h2", "Probabilistisk følsomhedsanalyse"))
    if expost:
        blocks.append(Block("p", "Gælder ikke for ex-post-opgørelser: de har ingen usikkerhedsblok."))
    elif found.psa is None:
        blocks.append(Block("p", "Scenariet angiver ingen fordelinger (uncertainty-blok); ingen probabilistisk "
                                 "analyse."))
    else:
        analysis = found.psa
        f = analysis.frame.set_index("measure")
        labels = {"net_per_participant": "Nettoomk. pr. deltager", "net_total": "Nettoomk. i alt",
                  "gross_per_participant": "Bruttoomk. pr. deltager", "gross_total": "Bruttoomk. i alt"}
        rows = [[labels.get(k, k), _kr(f.loc[k, "mean"]), _kr(f.loc[k, "p2_5"]), _kr(f.loc[k, "p50"]),
                 _kr(f.loc[k, "p97_5"])] for k in labels if k in f.index]
        blocks.append(Block("table", headers=["", "Gennemsnit", "2,5 pct.", "Median", "97,5 pct."], rows=rows))
        prob = analysis.meta.get("prob_net_below_zero")
        if prob is not None:
            blocks.append(Block("p", f"Sandsynligheden for, at nettoomkostningerne er under nul (indsatsen sparer "
                                     f"mere, end den koster): {format_number(prob * 100, 1)} pct. "
                                     f"({format_number(analysis.meta.get('draws', draws), 0)} simuleringer, "
                                     f"seed {analysis.meta.get('seed', seed)}; samme seed giver samme tal)."))
        blocks.append(Block("img", "Fordeling af nettoomkostninger pr. deltager",
                            href=plot("psa_histogram.png", plots.psa_histogram, analysis)))

    # ---- key assumptions
    blocks.append(Block("h2", "Centrale forudsætninger og kilder"))
    blocks.append(Block("ul", items=_key_assumptions(scenario, result)))
    blocks.append(Block("p", "Alle forudsætninger med værdi, enhed og kilde står i regnearkets ark "
                             "'Forudsætninger'."))

    # ---- method
    blocks.append(Block("h2", "Sådan er tallene beregnet"))
    blocks.append(Block("p", _method_text(scenario, result, expost)))

    # ---- workbook
    blocks.append(Block("h2", "Regneark"))
    wb_path = export.write_workbook(tmp_dir / workbook_name, scenario, result, tables, analyses)
    files[workbook_name] = wb_path.read_bytes()
    blocks.append(Block("p", "Forudsætninger, resultat, omkostningslinjer og alle følsomhedstabeller:",
                        href=workbook_name, link_text=workbook_name))
    return Memo(blocks, files, title)


def _key_assumptions(scenario, result) -> list[str]:
    if kinds.is_expost(scenario):
        items = []
        d = scenario.deltagere
        if d.pr_aar is not None:
            items.append(f"{(d.flertal or 'deltagere').capitalize()} pr. år: {format_number(d.pr_aar.value, 1)} "
                         f"(kilde: {d.pr_aar.source})")
        if scenario.drift is not None:
            a = scenario.drift.aarlige_omkostninger
            items.append(f"Årlige driftsomkostninger: {_kr(a.value)} (kilde: {a.source})")
        items += list(scenario.antagelser)
        return items
    items = []
    f = scenario.forloeb
    team_count = sum(t.count for t in scenario.fagteams)
    per_year = f"{format_number(f.pr_fagteam_pr_aar, 1 if f.pr_fagteam_pr_aar % 1 else 0)} forløb pr. fagteam pr. år" \
        if f.pr_fagteam_pr_aar is not None else f"{f.i_alt_pr_fagteam} forløb i alt pr. fagteam"
    items.append(f"{team_count} fagteams, {per_year}, {format_number(f.deltagere_pr_forloeb, 0)} deltagere pr. "
                 f"forløb" + (f" (kilde: {f.source})" if f.source else f" (kilde: {_source_text(scenario)})"))
    for g in sorted(scenario.wage_groups()):
        wg = result.rates.wage_groups.get(g)
        if wg is not None:
            items.append(f"Timeløn {wg.label}: {format_number(wg.hourly, 2)} kr. inkl. overhead (kilde: {wg.source})")
    for a in scenario.assumptions:
        items.append(f"{a.text} (begrundelse: {a.evidence})")
    for u in getattr(scenario, "uncertainty", None) or []:
        mark = " - værktøjets egen antagelse" if getattr(u, "tool_assumption", False) else ""
        label = getattr(u, "label", None) or u.parameter
        low, high = u.range()
        unit = parameter_unit(u.parameter)
        items.append(f"Usikkerhed, {label}: {DISTRIBUTION_NAMES.get(u.distribution, u.distribution)}, "
                     f"{value_label(low, unit)} til "
                     f"{value_label(high, unit)} "
                     f"(kilde: {u.source}{mark})")
    return items


def _method_text(scenario, result, expost: bool) -> str:
    if expost:
        basis = ("registreret tidsforbrug gange timeløn plus øvrige udgifter, omregnet til et år"
                 if scenario.registreringer is not None else "de publicerede årlige driftsomkostninger")
        return (f"Ex-post-opgørelse efter rapport 002's metode: de årlige driftsomkostninger ({basis}) deles med "
                f"antal deltagere pr. år, og pr. måned med de gennemsnitlige måneder i indsatsen. Etablering "
                f"opgøres for sig og indgår ikke i driften. Beløb i {scenario.price_year}-priser, ikke "
                f"tilbagediskonteret.")
    m = result.measures
    rate = format_number(result.discount_rate * 100, 1)
    first = ("også første år diskonteres" if result.rates.discounting.first_year_discounted
             else "første år diskonteres ikke")
    return (f"Omkostningerne opgøres pr. år som timer gange timeløn (inkl. overhead) plus køb, efter "
            f"Socialstyrelsens omkostningsmodel. Hvert års beløb tilbagediskonteres med {rate} pct. til "
            f"nettonutidsværdi (NNV); {first}. Antallet af deltagere tilbagediskonteres på "
            f"samme måde ({format_number(m['participants'], 0)} deltagere giver "
            f"{format_number(m['participants_discounted'], 1)} tilbagediskonterede), og 'pr. deltager' er NNV af "
            f"omkostningerne divideret med de tilbagediskonterede deltagere. Nettoomkostninger = "
            f"bruttoomkostninger (etablering, uddannelse, drift) minus sparede omkostninger. Beløb er afrundet "
            f"til hele hundrede, som i rapporterne.")


# ------------------------------------------------------------------------------------------------ writing


def write_memo(scenario, output_dir, fmt: str = "markdown", force: bool = False, draws: int = 10_000,
               seed: int = 20201) -> Path:
    """Write the memo, its plots and the workbook into `output_dir`; returns the memo's path.

    The directory appears whole or not at all; an existing non-empty directory is replaced only with force."""
    if fmt not in FORMATS:
        raise ValueError(f"memo format {fmt!r}: use one of {', '.join(FORMATS)}")
    from ..io import outdir

    output_dir = Path(output_dir)
    # never the directory holding the scenario, the current one, a special file, or one with files not ours (so
    # not one holding an ex-post scenario's registrations CSV either)
    inputs = [getattr(scenario, "_source_path", None)]
    target = outdir.check_target(output_dir, force, inputs)
    tmp = outdir.make_tmp(target)
    try:
        source = getattr(scenario, "_source_path", None)
        stem = Path(source).stem if source else "omkostningsvurdering"
        memo = build(scenario, draws=draws, seed=seed, workbook_name=f"{stem}.xlsx", tmp_dir=tmp)
        name = MEMO_NAMES[fmt]
        if fmt == "markdown":
            text = to_markdown(memo.blocks)
        else:
            text = to_html(memo.blocks, memo.title, memo.files)
        (tmp / name).write_text(text, encoding="utf-8")
        outdir.publish(tmp, target, force, inputs)
    except BaseException:  # also SIGTERM (the CLI turns it into an exception): no temporary directory is left
        outdir.discard(tmp)
        raise
    return output_dir / name
