"""Analyses as text: Danish-formatted tables for people, JSON and CSV with plain numbers for machines."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from .formatting import format_kr, format_number
from ..analyses.base import MEASURE_LABELS, AnalysisResult

ROUND = 100  # kroner results are printed to whole hundreds, as the reports print them


def value_text(value: float, unit: str) -> str:
    """A parameter value with its unit, Danish style."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "pct.":
        return f"{format_number(value * 100, 2 if round(value * 100, 1) != value * 100 else 1)} pct."
    if unit in ("kr.", "kr. pr. time"):
        return f"{format_number(value, 0 if float(value).is_integer() or abs(value) >= 1000 else 2)} {unit}"
    decimals = 0 if float(value).is_integer() else (3 if abs(value) < 1 else 2)
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text} {unit}".rstrip() if unit not in ("faktor", "andel", "antal") else text


def kr(value: float) -> str:
    return format_kr(value, round_step=ROUND)


def grid(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _head(result: AnalysisResult) -> str:
    return f"{result.title} ({result.price_year}-priser)"


def _tornado(result: AnalysisResult) -> str:
    f = result.frame
    rows = [[r.label, value_text(r.low_value, r.unit), value_text(r.high_value, r.unit), kr(r.result_low),
             kr(r.result_high), kr(r.swing)] for r in f.itertuples()]
    head = f"{_head(result)}\n{MEASURE_LABELS[result.measure]}, basis: {kr(result.meta['base_result'])}\n"
    return head + "\n" + grid(["Forudsætning", "Lav", "Høj", "Resultat, lav", "Resultat, høj", "Udsving"], rows)


DISTRIBUTION_NAMES = {"uniform": "ligefordeling", "triangular": "trekantfordeling", "pert": "PERT-fordeling",
                  "normal": "normalfordeling", "lognormal": "lognormalfordeling"}
DISTRIBUTION_KEYS = {"low": "lav", "mode": "typisk", "high": "høj", "mean": "middel", "sd": "std.afv.", "shape": "form"}
_ORDER = {"low": 0, "mode": 1, "mean": 1, "sd": 2, "high": 3, "shape": 4}


def _psa(result: AnalysisResult) -> str:
    m = result.meta
    rows = [[r.label, kr(r.mean), kr(r.sd), kr(r.p2_5), kr(r.p50), kr(r.p97_5), kr(m["base"][r.measure])]
            for r in result.frame.itertuples()]
    out = [f"{_head(result)}", f"{format_number(m['draws'])} trækninger, seed {m['seed']}", "",
           grid(["", "Gennemsnit", "Std.afv.", "2,5 pct.", "Median", "97,5 pct.", "Basis"], rows), "",
           f"Sandsynlighed for nettoomkostninger under 0 kr.: {format_number(m['prob_net_below_zero'] * 100, 1)} pct.",
           "", "Usikre forudsætninger:"]
    for p in m["parameters"]:
        settings = ", ".join(f"{DISTRIBUTION_KEYS.get(k, k)} {value_text(v, p['unit'] if k != 'shape' else '')}"
                             for k, v in sorted(p["settings"].items(), key=lambda kv: _ORDER.get(kv[0], 9))
                             if v is not None)
        own = " (værktøjets antagelse)" if p["tool_assumption"] else ""
        out.append(f"- {p['label']}: {DISTRIBUTION_NAMES.get(p['distribution'], p['distribution'])} ({settings}){own}")
    out += [f"Bemærk: {n}" for n in m.get("notes", [])]
    return "\n".join(out)


def _spider(result: AnalysisResult) -> str:
    f = result.frame
    changes = sorted(f["change"].unique())
    rows = []
    for path, part in f.groupby("parameter", sort=False):
        by = dict(zip(part["change"], part["result"]))
        rows.append([part["label"].iloc[0]] + [kr(by[c]) if c in by else "-" for c in changes])
    headers = ["Forudsætning"] + [f"{format_number(c * 100, 0 if float(c * 100).is_integer() else 1)} pct."
                                  for c in changes]
    return f"{_head(result)}\n{MEASURE_LABELS[result.measure]} ved ændring af hver forudsætning\n\n" + grid(headers, rows)


def _twoway(result: AnalysisResult) -> str:
    m = result.meta
    table: pd.DataFrame = m["grid"]
    headers = [f"{m['y_label']} \\ {m['x_label']}"] + [value_text(x, m.get("x_unit", "")) for x in table.columns]
    rows = [[value_text(y, m.get("y_unit", ""))] + [kr(v) for v in table.loc[y]] for y in table.index]
    return f"{_head(result)}\n{MEASURE_LABELS[result.measure]}\n\n" + grid(headers, rows)


def _breakeven(result: AnalysisResult) -> str:
    return f"{_head(result)}\n\n" + "\n".join(result.frame["message"])


_TABLES = {"tornado": _tornado, "psa": _psa, "spider": _spider, "twoway": _twoway, "breakeven": _breakeven}


def _jsonable(value):
    if isinstance(value, pd.DataFrame):
        return {"index": [_jsonable(v) for v in value.index], "columns": [_jsonable(c) for c in value.columns],
                "values": [[_jsonable(v) for v in row] for row in value.to_numpy()]}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if (math.isnan(value) or math.isinf(value)) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def render(result: AnalysisResult, fmt: str) -> str:
    if fmt == "json":
        payload = {"kind": result.kind, "title": result.title, "measure": result.measure,
                   "price_year": result.price_year, "currency": "DKK",
                   "rows": _jsonable(result.frame.to_dict("records")), "meta": _jsonable(result.meta)}
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if fmt == "csv":  # kroner columns are in the scenario's price year: say so on every row
        return result.frame.assign(price_year=result.price_year).to_csv(index=False, float_format="%.10g")
    if fmt == "table":
        return _TABLES[result.kind](result)
    raise ValueError(f"unknown format {fmt!r}; use table, json or csv")
