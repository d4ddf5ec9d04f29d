"""Analyses as text: Danish-formatted tables for people, JSON and CSV with plain numbers for machines."""
from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pandas as pd

from . import labels
from .formatting import format_kr, format_number, plain_value, singular
from .render import ROUND  # kroner results are printed to whole hundreds, as the reports print them
from ..analyses.base import MEASURE_LABELS, AnalysisResult



def value_text(value: float, unit: str) -> str:
    """A parameter value with its unit, Danish style."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "pct.":  # 4 pct. -> "4,0 pct.", 27,5 pct. -> "27,5 pct." (not "27,50" from float noise)
        v = round(value * 100, 6)
        return f"{format_number(v, 2 if round(v, 1) != v else 1)} pct."
    if unit in ("kr.", "kr. pr. time"):
        return f"{format_number(value, 0 if float(value).is_integer() or abs(value) >= 1000 else 2)} {unit}"
    decimals = 0 if float(value).is_integer() else (3 if abs(value) < 1 else 2)
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text} {singular(value, unit)}".rstrip() if unit not in ("faktor", "andel", "antal") else text


def kr(value: float) -> str:
    """An amount in Danish format rounded to hundreds, e.g. ``-3.700 kr.``."""
    return format_kr(value, round_step=ROUND)


def grid(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
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


DISTRIBUTION_NAMES = labels.DISTRIBUTIONS
DISTRIBUTION_KEYS = labels.DISTRIBUTION_SETTINGS
_ORDER = {"low": 0, "mode": 1, "mean": 1, "sd": 2, "high": 3, "shape": 4}


def _psa(result: AnalysisResult) -> str:
    m = result.meta
    rows = [[r.label, kr(r.mean), kr(r.sd), kr(r.p2_5), kr(r.p50), kr(r.p97_5), kr(m["base"][r.measure])]
            for r in result.frame.itertuples()]
    out = [f"{_head(result)}", f"{format_number(m['draws'])} simuleringer, seed {m['seed']}", "",
           grid(["", "Gennemsnit", "Std.afv.", "2,5 pct.", "Median", "97,5 pct.", "Basis"], rows), "",
           f"Sandsynlighed for nettoomkostninger under 0 kr.: {format_number(m['prob_net_below_zero'] * 100, 1)} pct.",
           "", "Usikre forudsætninger:"]
    for p in m["parameters"]:
        settings = ", ".join(f"{DISTRIBUTION_KEYS.get(k, k)} {value_text(v, p['unit'] if k != 'shape' else '')}"
                             for k, v in sorted(p["settings"].items(), key=lambda kv: _ORDER.get(kv[0], 9))
                             if v is not None)
        own = f" ({labels.OWN_ASSUMPTION})" if p["tool_assumption"] else ""
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


_TRENDS = {"flat": "den er den samme i hele intervallet", "falling": "den falder hen over intervallet",
           "rising": "den stiger hen over intervallet"}


def breakeven_message(s: dict) -> str:
    """A break-even statement (costmodel.analyses.breakeven) as the Danish answer the memo and tables print."""
    what, in_text, unit = s["what"], s["in_text"], s["unit"]
    if s["case"] == "no_sign_change":
        low, high = value_text(s["low"], unit), value_text(s["high"], unit)
        return (f"{what} skifter ikke fortegn for {in_text} mellem {low} og {high}: {kr(s['at_low'])} ved {low} og "
                f"{kr(s['at_high'])} ved {high} ({_TRENDS[s['trend']]}). Der er intet break-even-punkt i intervallet.")
    a, b, at_a, at_b = s["a"], s["b"], s["at_a"], s["at_b"]
    if s["counted"]:
        if s["integer"]:
            root_text = (value_text(a, unit) if at_a == 0 else value_text(b, unit) if at_b == 0
                         else f"mellem {value_text(a, unit)} og {value_text(b, unit)}")
        else:
            root_text = value_text(round(s["root"], 2), unit)
        side = "fra" if s["falling"] else "op til"
        if s["integer"] and at_a != 0 and at_b != 0:
            first_part = (f"{what} skifter fortegn mellem {in_text} = {value_text(a, unit)} ({format_kr(at_a)}) "
                          f"og {value_text(b, unit)} ({format_kr(at_b)})")
        else:
            first_part = f"{what} er 0 kr. ved {in_text} = {root_text}"
        message = f"{first_part}; {what.lower()} er 0 kr. eller derunder {side} {value_text(s['whole'], unit)}."
    else:
        message = f"{what} er 0 kr. ved {in_text} = {value_text(s['root'], unit)}."
    if s["several"]:
        message += " (Der er flere fortegnsskift i intervallet; dette er det første.)"
    return message.replace("pct..", "pct.").replace("kr..", "kr.")  # a value's unit ends the sentence


def worded(result: AnalysisResult) -> AnalysisResult:
    """The result with its answers in words (break-even's `message` column); other analyses unchanged."""
    if result.kind != "breakeven" or not result.statements:
        return result
    frame = result.frame.copy()
    frame["message"] = [breakeven_message(s) for s in result.statements]
    return dataclasses.replace(result, frame=frame)


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
    if isinstance(value, (np.generic, float)):  # numpy integers, floats and booleans; NaN and infinity as null
        return plain_value(value)
    return value


def render(result: AnalysisResult, fmt: str) -> str:
    """An analysis as a Danish table (`table`) or plain numbers (`json`, `csv`; amounts [kr.] in its price year)."""
    return "".join(render_chunks(result, fmt))


def render_chunks(result: AnalysisResult, fmt: str):
    """The text of `render`, in pieces: a 1000 × 1000 two-way grid is 2 million numbers, and building its JSON as
    one string (and the Python objects behind it) took 9,5 s and 1,4 GB; in pieces it is written as it is made.
    The JSON is byte for byte what json.dumps(payload, ensure_ascii=False, indent=2) gives (tested)."""
    result = worded(result)
    if fmt == "json":
        payload = {"kind": result.kind, "title": result.title, "measure": result.measure,
                   "price_year": result.price_year, "currency": "DKK",
                   "rows": _Frame(result.frame), "meta": result.meta}
        yield from _encode(payload, 0)
        return
    if fmt == "csv":  # kroner columns are in the scenario's price year: say so on every row
        from ..io.neutralise import csv_frame

        frame = result.frame
        for lo in range(0, max(len(frame), 1), _ROWS):
            yield csv_frame(frame.iloc[lo:lo + _ROWS].assign(price_year=result.price_year)).to_csv(
                index=False, header=lo == 0, float_format="%.10g")
        return
    if fmt == "table":
        yield _TABLES[result.kind](result)
        return
    raise ValueError(f"unknown format {fmt!r}; use table, json or csv")


_ROWS = 20_000  # rows of a frame per piece of text
_ENCODE = json.JSONEncoder(ensure_ascii=False)


class _Texts(list):
    """A list of numbers already turned into JSON text."""


class _Frame:
    """A DataFrame to be written as a JSON list of records (what _jsonable(frame.to_dict("records")) gives)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame


def _cells(column: pd.Series) -> list[str]:
    """JSON text of every cell of a column, as _jsonable + json.dumps write them."""
    values = column.to_numpy()
    if values.dtype.kind == "f":
        return _float_texts(values)
    if values.dtype.kind in "iu":
        return [str(v) for v in values.tolist()]
    if values.dtype.kind == "b":
        return ["true" if v else "false" for v in values.tolist()]
    out = []
    for v in column.tolist():
        v = _jsonable(v)
        if isinstance(v, (dict, list)):
            raise TypeError("nested value in a frame cell")
        out.append(_ENCODE.encode(v))
    return out


def _encode(value, level: int):
    """json.dumps(_jsonable(value), ensure_ascii=False, indent=2) in pieces; frames and long lists of numbers
    are written a block of rows at a time."""
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, _Frame):
        frame = value.frame
        if not len(frame):
            yield "[]"
            return
        keys = [_ENCODE.encode(str(c)) for c in frame.columns]
        try:
            columns = [_cells(frame[c]) for c in frame.columns]
        except TypeError:  # a cell holds a list or mapping: the general path
            yield from _encode(frame.to_dict("records"), level)
            return
        deep = "  " * (level + 2)
        def lit(text: str) -> str:  # literal text in a str.format template
            return text.replace("{", "{{").replace("}", "}}")

        template = (lit(inner + "{\n") + ",\n".join(lit(f"{deep}{k}: ") + "{}" for k in keys)
                    + lit("\n" + inner + "}"))
        if not keys:
            template = lit(inner + "{}")
        yield "[\n"
        for lo in range(0, len(frame), _ROWS):
            size = min(_ROWS, len(frame) - lo)
            rows = zip(*(c[lo:lo + _ROWS] for c in columns)) if keys else ([] for _ in range(size))
            text = ",\n".join(template.format(*cells) for cells in rows)
            yield (",\n" if lo else "") + text
        yield "\n" + pad + "]"
        return
    if isinstance(value, pd.DataFrame):
        numbers = value.to_numpy()
        if numbers.dtype.kind == "f" and numbers.size:
            texts = _float_texts(numbers)
            width = numbers.shape[1]
            rows = [_Texts(texts[i:i + width]) for i in range(0, len(texts), width)]
        else:
            rows = numbers.tolist()
        value = {"index": list(value.index), "columns": list(value.columns), "values": rows}
    if isinstance(value, dict):
        if not value:
            yield "{}"
            return
        yield "{\n"
        for i, (k, v) in enumerate(value.items()):
            yield (",\n" if i else "") + inner + _ENCODE.encode(str(k)) + ": "
            yield from _encode(v, level + 1)
        yield "\n" + pad + "}"
        return
    if isinstance(value, _Texts):  # numbers already written as JSON text
        if not value:
            yield "[]"
            return
        yield "[\n" + ",\n".join(inner + t for t in value) + "\n" + pad + "]"
        return
    if isinstance(value, (list, tuple)):
        if not value:
            yield "[]"
            return
        if all(_is_scalar(v) for v in value):
            for lo in range(0, len(value), _ROWS):
                yield ("[\n" if not lo else ",\n") + ",\n".join(
                    inner + _scalar_text(v) for v in value[lo:lo + _ROWS])
            yield "\n" + pad + "]"
            return
        yield "[\n"
        for i, v in enumerate(value):
            yield (",\n" if i else "") + inner
            yield from _encode(v, level + 1)
        yield "\n" + pad + "]"
        return
    yield _ENCODE.encode(_jsonable(value))


def _float_texts(values: np.ndarray) -> list[str]:
    """repr() of every float (json's own float text), 'null' for nan and inf; each distinct value once.

    repr is most of the time of writing a large table (0,7 µs a number here); a grid's axes repeat each value a
    thousand times."""
    values = np.asarray(values, dtype=float).ravel()
    if np.any((values == 0) & np.signbit(values)):  # -0.0 and 0.0 share a hash but not a text
        return [repr(v) if math.isfinite(v) else "null" for v in values.tolist()]
    codes, uniques = pd.factorize(values)
    if len(uniques) > len(values) // 2:  # mostly distinct: factorising does not pay
        return [repr(v) if math.isfinite(v) else "null" for v in values.tolist()]
    texts = [repr(u) if math.isfinite(u) else "null" for u in uniques.tolist()] + ["null"]  # code -1: nan
    return np.array(texts, dtype=object)[codes].tolist()


def _scalar_text(v) -> str:
    if type(v) is float or isinstance(v, np.floating):
        v = float(v)
        return repr(v) if math.isfinite(v) else "null"
    return _ENCODE.encode(_jsonable(v))


def _is_scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool, np.integer, np.floating, np.bool_))
