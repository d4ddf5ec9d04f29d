"""Turn results and tables into text: Danish-formatted tables for people, plain numbers for machines."""
from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from .. import kinds
from . import labels
from .formatting import format_kr, format_number, format_value, plain_value
from ..io.neutralise import csv_frame, md_cell, md_inline, one_line

if TYPE_CHECKING:  # pandas is imported where a frame is made: `costmodel run` prints its summary without it
    import pandas as pd

    from ..tables import SweepTable

FORMATS = ("table", "json", "csv", "markdown")
ROUND = 100  # the reports print "afrundet til hele hundrede"


def _grid(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:  # every cell escaped for Markdown (labels come from the scenario)
        headers = [md_cell(h) for h in headers]
        rows = [[md_cell(c) for c in r] for r in rows]
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(out)
    headers = [one_line(h) for h in headers]
    rows = [[one_line(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    def line(cells):
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [{k: plain_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def basis_meta(result) -> dict | None:
    """Which rate table, indexation and discount rule a prospective result used, or which wage table, indexation
    and restatement an ex-post one (plain data, for JSON; None where an ex-post result has nothing to tell)."""
    if not kinds.has_categories(result):  # ex post: its wage table, where dated or restated (no discounting)
        meta = result.rate_basis
        return None if meta is None else dict(meta)
    from ..rates.table import basis_of

    meta = basis_of(result.rates, result.scenario.discount_rate)
    meta["discount_rate"] = result.discount_rate
    meta["restated"] = [dict(x) for x in getattr(result, "restatements", ())]
    return meta


def _factor(x: float) -> str:
    return format_number(x, 4)


def basis_lines(result) -> list[str]:
    """The rate table, its indexation and the discount rule, in Danish (table footers)."""
    return basis_lines_of(basis_meta(result))


def basis_lines_of(meta: dict | None) -> list[str]:
    """Danish footer lines from a basis dict (rates.table.basis_of); [] for None."""
    if meta is None:
        return []
    lines = []
    if meta.get("rate_table") is None:
        pass  # a result restated without a wage table (published aggregates): only the restatement to tell
    elif meta["indexation"]:
        how = "; ".join(f"{x['what']} {x['from_year']} → {x['to_year']} med {x['index']}, faktor {_factor(x['factor'])}"
                        + (f" ({', '.join(map(str, x['estimate_years']))} skøn)" if x["estimate_years"] else "")
                        for x in meta["indexation"])
        lines = [f"Satser: {meta['rate_table']}, indekseret til {meta['rate_table_price_year']}-priser: {how}"]
    else:
        lines = [f"Satser: {meta['rate_table']} ({meta['rate_table_price_year']}-priser, ikke indekseret)"]
    first = "første år diskonteres" if meta.get("first_year_discounted") else "første år udiskonteret"
    if "discount_rate" not in meta:
        pass  # ex post: an annual cost, nothing is discounted
    elif meta["discount_rule"]:
        steps = " / ".join(format_number(s["rate"] * 100, 1) for s in meta["discount_steps"])
        starts = ", ".join(f"fra år {s['from_year'] + 1}" for s in meta["discount_steps"][1:])
        lines.append(f"Diskontering: {meta['discount_rule']} ({steps} pct.; trin {starts}), {first}")
    else:
        lines.append(f"Diskontering: scenariets egen rente {format_number(meta['discount_rate'] * 100, 1)} pct., {first}")
    for x in meta["restated"]:
        lines.append(f"Omregnet fra {x['from_year']}- til {x['to_year']}-priser med {x['index']}, faktor {_factor(x['factor'])}"
                     + (f" ({', '.join(map(str, x['estimate_years']))} skøn)" if x["estimate_years"] else ""))
    return lines


def basis_text(result) -> str:
    """One line for a CSV column: table, index and factor, discount rule."""
    return basis_text_of(basis_meta(result))


def basis_text_of(meta: dict | None) -> str:
    """One CSV cell from a basis dict; '' for None."""
    if meta is None:
        return ""
    parts = [f"{meta['rate_table']} ({meta['rate_table_price_year']})"] if meta.get("rate_table") else []
    parts += [f"{x['what']} {x['from_year']}->{x['to_year']} {x['index']} x{x['factor']:.4f}" for x in meta["indexation"]]
    parts += [f"restated {x['from_year']}->{x['to_year']} {x['index']} x{x['factor']:.4f}" for x in meta["restated"]]
    if "discount_rate" in meta:  # (ex post discounts nothing)
        parts.append(f"discount {meta['discount_rule'] or meta['discount_rate']}")
    return "; ".join(parts)


def result_text(result, fmt: str) -> str:
    """Render a prospective or ex-post result."""
    if fmt == "table" and kinds.has_categories(result):
        return _prospective_table(result, False)
    summary = result.summary_frame()
    if fmt == "json":
        payload = {
            "title": result.title,
            "price_year": result.price_year,
            "currency": "DKK",
            "summary": {r.measure: plain_value(float(r.value)) for r in summary.itertuples()},
            "units": {r.measure: r.unit for r in summary.itertuples()},
        }
        meta = basis_meta(result)
        if meta is not None:
            payload["rate_basis"] = meta
        if kinds.has_categories(result):  # prospective: by category, year and payer
            payload["by_category"] = _rows(result.by_category())
            # costs positive, savings negative, net = cost + savings (prospective/result.py)
            payload["by_year"] = _rows(result.by_year())
            payload["by_payer"] = _rows(result.by_payer())
            payload["payback"] = _rows(result.payback())
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if fmt == "csv":
        frame = summary.assign(price_year=result.price_year)
        if basis_meta(result) is not None:
            frame = frame.assign(rate_basis=basis_text(result))
        return csv_frame(frame).to_csv(index=False)
    markdown = fmt == "markdown"
    if kinds.has_categories(result):
        return _prospective_table(result, markdown)
    rows = [[r.label, format_value(r.value, r.unit)] for r in summary.itertuples()]
    head = f"{result.title} ({result.price_year}-priser)"
    footer = basis_lines(result)  # a dated wage table's indexation, a restatement (ex post)
    tail = "".join(f"\n{md_inline(x)}.\n" if markdown else f"\n{x}" for x in footer) + ("\n" if footer and not markdown else "")
    return ((f"## {md_inline(head)}\n\n" if markdown else f"{one_line(head)}\n\n") + _grid(["", "Værdi"], rows, markdown)
            + "\n" + tail)


_CATEGORY_LABELS = labels.CATEGORIES


def _prospective_table(result, markdown: bool) -> str:
    s = result.scenario
    m = result.measures
    rows = []
    for category, total, per_participant in result.category_rows():
        if category == "sparede_omkostninger":
            rows.append(["Bruttoomkostninger", format_kr(m["gross_total"], round_step=ROUND),
                         format_kr(m["gross_per_participant"], round_step=ROUND)])
        rows.append([_CATEGORY_LABELS[category], format_kr(total, round_step=ROUND),
                     format_kr(per_participant, round_step=ROUND)])
        if category == "investering":  # the restværdi stays visible (a deduction in the last year)
            per = m["participants_discounted"]
            rows.append([f"  {labels.RESIDUAL_VALUE}",
                         format_kr(m["residual_value_total"], round_step=ROUND),
                         format_kr(m["residual_value_total"] / per if per else float("nan"), round_step=ROUND)])
    rows.append(["Nettoomkostninger", format_kr(m["net_total"], round_step=ROUND),
                 format_kr(m["net_per_participant"], round_step=ROUND)])
    if "net_after_grants_total" in m:  # issue 14: tilskud (Trin 4)
        per = m["participants_discounted"]
        rows.append([labels.GRANTS_RECEIVED, format_kr(-m["grants_received_total"], round_step=ROUND),
                     format_kr(-m["grants_received_total"] / per if per else float("nan"), round_step=ROUND)])
        rows.append([labels.GRANTS_PAID, format_kr(m["grants_paid_total"], round_step=ROUND),
                     format_kr(m["grants_paid_total"] / per if per else float("nan"), round_step=ROUND)])
        rows.append([labels.NET_AFTER_GRANTS, format_kr(m["net_after_grants_total"], round_step=ROUND),
                     format_kr(m["net_after_grants_per_participant"], round_step=ROUND)])
    where = f" ({s.municipality})" if s.municipality else ""
    title = f"{s.title}{where}"
    basis = (f"Nettonutidsværdi (NNV), {result.price_year}-priser, tidshorisont {format_number(s.horizon_years, 1 if s.horizon_years % 1 else 0)} år, "
             f"diskonteringsrente {format_number(result.discount_rate * 100, 1)} pct., afrundet til hele hundrede")
    # a count the horizon cuts (afkortede_forloeb: andel) is fractional: "80,5", as the memo says, not "80" (trial2 W4)
    whole = abs(m["participants"] - round(m["participants"])) < 1e-6
    people = (f"Deltagere: {format_number(m['participants'], 0 if whole else 1)} i alt, "
              f"{format_number(m['participants_discounted'], 1)} tilbagediskonteret (grundlag for 'pr. deltager')")
    table = _grid(["", "I alt", "Pr. deltager"], rows, markdown)
    footer = basis_lines(result)
    if "net_per_completer" in m:  # issue 14: per completing deltager
        share = s.forloeb.gennemfoerelsesandel
        footer.insert(0, f"Pr. gennemført deltager (gennemførelsesandel {format_number(share * 100, 0)} pct., "
                         f"{format_number(m['completers_discounted'], 1)} tilbagediskonteret): brutto "
                         f"{format_kr(m['gross_per_completer'], round_step=ROUND)}, netto "
                         f"{format_kr(m['net_per_completer'], round_step=ROUND)}"
                         + (f", netto efter tilskud {format_kr(m['net_after_grants_per_completer'], round_step=ROUND)}"
                            if "net_after_grants_per_completer" in m else ""))
    if markdown:
        # by year, by payer and payback: --format json (the summary table stays free of pandas, issue 12)
        return (f"## {md_inline(title)}\n\n{basis}.\n\n{table}\n\n{people}.\n"
                + "".join(f"\n{md_inline(x)}{'' if x.endswith('.') else '.'}\n" for x in footer))  # not "kr.."
    return f"{one_line(title)}\n{basis}\n\n{table}\n\n{people}\n" + "".join(f"{x}\n" for x in footer)


def sweep_text(tables: list[SweepTable], fmt: str) -> str:
    """One-way tables as a Danish table, Markdown, JSON or CSV (amounts [kr.] with their price year)."""
    if fmt == "json":
        return json.dumps([{"key": t.key, "title": t.title, "source": getattr(t, "source", None), "note": t.note,
                            "price_year": t.price_year, "currency": "DKK", "units": t.units,
                            **({"rate_basis": t.rate_basis} if t.rate_basis is not None else {}),
                            "rows": [{k: plain_value(v) for k, v in r.items()} for r in t.frame.to_dict("records")]}
                           for t in tables], ensure_ascii=False, indent=2)
    if fmt == "csv":
        import pandas as pd

        frames = [t.frame.assign(table=t.key, price_year=t.price_year,
                                 **({"rate_basis": basis_text_of(t.rate_basis)} if t.rate_basis is not None else {}))
                  for t in tables]
        return csv_frame(pd.concat(frames, ignore_index=True)).to_csv(index=False) if frames else ""
    markdown = fmt == "markdown"
    labels = kinds.sweep_column_labels()
    parts = []
    for t in tables:
        value_cols = [c for c in t.frame.columns if c not in ("row", "label")]
        headers = [""] + [labels.get(c, c) for c in value_cols]
        rows = [[r["label"]] + [format_value(r[c], t.units.get(c, ""), ROUND if t.units.get(c) == "kr." else None)
                                for c in value_cols] for r in t.frame.to_dict("records")]
        text = md_inline if markdown else one_line  # scenario text as text (docs/security.md)
        title = f"### {md_inline(t.title)}" if markdown else one_line(t.title)
        note = f"\n{text(t.note)}" if t.note else ""
        note += "".join(f"\n{text(x)}" for x in basis_lines_of(t.rate_basis))
        parts.append(f"{title}\n\n{_grid(headers, rows, markdown)}{note}\n")
    return "\n".join(parts)


def frame_csv(frame: pd.DataFrame) -> str:
    """A frame as CSV text without the index."""
    buffer = io.StringIO()
    csv_frame(frame).to_csv(buffer, index=False)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- comparison


def compare_text(comparison, fmt: str) -> str:
    """Scenarios side by side (analyses.compare.Comparison): totals, per deltager, net by year and by payer,
    payback, and each scenario's difference against the first (the basisalternativ)."""
    c = comparison
    before = " før tilskud" if c.has_grants else ""  # with grants, both before and after (trial2 finding 5)
    sections = [("totals", "I alt og pr. deltager (NNV)", c.totals, labels.SHORT_MEASURES),
                ("by_year", f"Netto pr. år{before} (NNV)", c.by_year, {}),
                ("by_year_nominal", f"Netto pr. år{before} (udiskonteret)", c.by_year_nominal, {})]
    if c.has_grants:
        sections += [("by_year_after_grants", "Netto pr. år efter tilskud (NNV)", c.by_year_after_grants, {}),
                     ("by_year_nominal_after_grants", "Netto pr. år efter tilskud (udiskonteret)",
                      c.by_year_nominal_after_grants, {})]
    sections += [("by_payer", f"Netto pr. betaler{before} (NNV)" + (", tilskud og netto efter tilskud"
                                                                    if c.has_grants else ""),
                  c.by_payer, labels.PAYERS),
                 ("payback", "Tilbagebetalingstid (år; udiskonteret" + (", efter tilskud" if c.has_grants else "") +
                  ")", c.payback, labels.PAYERS)]
    if fmt == "json":
        payload = {"scenarios": c.names, "basisalternativ": None if c.portfolio else c.basis,
                   "portfolio": c.portfolio, "price_years": c.price_years, "currency": "DKK", "notes": c.notes,
                   "rate_basis": {name: basis_meta(r) for name, r in zip(c.names, c.results)}}
        for key, _, frame, _ in sections:
            payload[key] = [{"row": str(i), **{str(k): plain_value(v) for k, v in row.items()}}
                            for i, row in frame.to_dict("index").items()]
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if fmt == "csv":
        import pandas as pd  # (imported where the frame is made; see the TYPE_CHECKING import above)

        frames = []
        for key, _, frame, _ in sections:
            long = frame.rename_axis("row").reset_index().melt(id_vars="row", var_name="scenario")
            frames.append(long.assign(table=key))
        out = pd.concat(frames, ignore_index=True)[["table", "row", "scenario", "value"]]
        # each value in its own scenario's price year (a difference or sum exists only where they are the same)
        common = c.price_years[0] if len(set(c.price_years)) == 1 else ""
        out["price_year"] = out["scenario"].map(dict(zip(c.names, c.price_years))).fillna(common)
        # each scenario's rate table, indexation and discount rule (a difference or sum column: none of its own)
        out["rate_basis"] = out["scenario"].map({n: basis_text(r) for n, r in zip(c.names, c.results)}).fillna("")
        return csv_frame(out).to_csv(index=False, float_format="%.10g")  # scenario titles never formulas
    markdown = fmt == "markdown"
    years = sorted(set(c.price_years))
    text = md_inline if markdown else one_line  # scenario titles as text (docs/security.md)
    head = ("Portefølje: " if c.portfolio else "Sammenligning: ") + ", ".join(c.names)
    basis = ("" if c.portfolio else f"Basisalternativ: {c.basis}. ") + \
        f"Beløb i {' og '.join(labels.prices(y) for y in years)}; negativ netto er en gevinst."
    parts = [f"## {text(head)}" if markdown else text(head), "", text(basis), ""]
    for key, title, frame, row_labels in sections:
        rows = []
        for index, row in frame.iterrows():
            cells = []
            for value in row:
                if key == "payback":
                    cells.append(labels.payback_text(value))
                elif index in ("participants", "participants_discounted"):
                    cells.append(format_number(value, 0 if index == "participants" else 1))
                else:
                    cells.append(format_kr(value, round_step=ROUND))
            rows.append([row_labels.get(index, str(index))] + cells)
        parts += [f"### {title}" if markdown else title, "", _grid([""] + [str(n) for n in frame.columns], rows,
                                                                     markdown), ""]
    # a note may quote a scenario's title: text, one paragraph each (docs/security.md)
    parts += [text(f"Bemærk: {n}") + ("\n" if markdown else "") for n in c.notes]
    # what each column rests on: rate table, indexation and discount rule (as `run` prints under its table)
    for name, result in zip(c.names, c.results):
        parts += [text(f"{name}: {line}") + ("  " if markdown else "") for line in basis_lines(result)]
    return "\n".join(parts).rstrip() + "\n"
