"""Plots for the budget memo: one function per plot, each returning (Figure, DataFrame of what is drawn).

Every function takes an analysis result (anything with `.frame`, see API_CONTRACT.md), a plain DataFrame in the
same shape, or a Result/SweepTable, and saves PNG/SVG/PDF by the suffix of `path` when one is given. Labels and
numbers are Danish; series differ by grey level, hatching, line style and marker, so a black-and-white print
reads as well as the screen.
"""
from __future__ import annotations

import math
import re
import textwrap

import numpy as np
import pandas as pd

from .. import kinds
from . import plotstyle as ps
from ..analyses.base import AnalysisResult
from .analysis_text import worded
from . import labels

# Axis labels: the prospective result's labels, and the generic ones of the ex-post measures (labels.py).
MEASURE_LABELS = labels.MEASURES


def _frame(obj) -> pd.DataFrame:
    frame = getattr(obj, "frame", obj)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected an analysis result or a DataFrame, got {type(obj).__name__}")
    return frame


def _wrap(text: str, width: int = 42) -> str:
    """Long Danish labels (table titles, row labels) on several lines so the plot area keeps its room."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _measure_label(measure: str) -> str:
    return MEASURE_LABELS.get(measure, measure)


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _clip_texts(fig) -> None:
    """Every text drawn (titles, labels, ticks, legends) at most limits.MAX_PLOT_LABEL characters and 8 lines: a
    scenario's 400.000-character title would otherwise take minutes to lay out. The full text is in the memo."""
    from matplotlib.text import Text

    from ..io.limits import MAX_PLOT_LABEL

    def clean(text: str) -> str:
        plain = _CONTROL.sub(" ", str(text))
        lines = plain.split("\n")
        if len(plain) > MAX_PLOT_LABEL or len(lines) > 8:
            plain = "\n".join(lines[:8])[:MAX_PLOT_LABEL].rstrip() + " ..."
        return plain

    for ax in fig.axes:  # tick labels given as text are drawn later, from the axis's formatter
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t.get_text() for t in axis.get_majorticklabels()]
            if any(clean(x) != x for x in labels):
                axis.set_ticks(axis.get_majorticklocs(), [clean(x) for x in labels])
    for artist in fig.findobj(Text):
        text = artist.get_text()
        # a tab or other control character has no glyph: matplotlib warns once per drawn character (which,
        # recorded, filled gigabytes), so it is drawn as a space
        plain = clean(text)
        if plain != text:
            artist.set_text(plain)


def _finish(fig, frame: pd.DataFrame, path):
    _clip_texts(fig)
    if path is not None:
        ps.save(fig, path)
    return fig, frame


def _kr_axis(axis, label: str) -> None:
    axis.set_major_formatter(ps.number_formatter())
    axis.set_label_text(f"{label} (kr.)")


# ------------------------------------------------------------------------------------------------ tornado


LEGEND_INPUT = ("Lav værdi af forudsætningen", "Høj værdi af forudsætningen")


def tornado(analysis, path=None, title: str | None = None, measure: str | None = None,
            legend: tuple[str, str] = LEGEND_INPUT):
    """Bars from the base case to the result at each input's low and high value, widest on top.

    Frame columns (contract): parameter, label, unit, base_value, low_value, high_value, result_low,
    result_high, base_result, swing. The returned frame is the input in drawn order (top first).
    """
    frame = _frame(analysis).copy()
    frame["swing"] = (frame["result_high"] - frame["result_low"]).abs()
    drawn = frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    measure = measure or getattr(analysis, "measure", None) or "net_per_participant"
    title = title or getattr(analysis, "title", None) or "Tornadodiagram"
    n = len(drawn)
    lines = sum(_wrap(str(r.label)).count("\n") + 2 for r in drawn.itertuples())
    fig = ps.figure(7.5, 1.4 + 0.3 * max(lines, 2) + 0.15 * n)
    with ps.styled():
        ax = fig.add_subplot()
        if n == 0:
            ax.text(0.5, 0.5, "Ingen parametre at vise", ha="center", va="center", transform=ax.transAxes)
            return _finish(fig, drawn, path)
        base = float(drawn["base_result"].iloc[0])
        y = np.arange(n)
        low_w = drawn["result_low"].to_numpy(float) - base
        high_w = drawn["result_high"].to_numpy(float) - base
        ax.barh(y, low_w, left=base, height=0.6, color="white", edgecolor="black", hatch="///",
                linewidth=0.8, label=legend[0])
        ax.barh(y, high_w, left=base, height=0.6, color="0.45", edgecolor="black", linewidth=0.8,
                label=legend[1])
        ax.axvline(base, color="black", linewidth=1.2)
        labels = [
            _wrap(str(r.label)) + "\n"
            + _wrap(f"({ps.value_label(r.low_value, r.unit)} – {ps.value_label(r.high_value, r.unit)})")
            for r in drawn.itertuples()
        ]
        ax.set_yticks(y, labels)
        ax.invert_yaxis()  # widest on top
        span = max(np.nanmax(np.abs(np.r_[low_w, high_w])), 1.0)
        for yi, lo, hi in zip(y, drawn["result_low"], drawn["result_high"]):
            for value in (lo, hi):
                if abs(value - base) < 1e-9 * max(abs(base), 1.0):
                    continue  # no bar on this side: the base line says it
                right = value >= base
                ax.text(value + (0.02 if right else -0.02) * span, yi, ps.kr_label(value),
                        va="center", ha="left" if right else "right", fontsize=7.5)
        ax.set_xlim(base - 1.6 * span, base + 1.6 * span)  # room for the value labels
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        _kr_axis(ax.xaxis, _measure_label(measure))
        ax.grid(axis="y", visible=False)
        ax.set_title(f"{title}\nBasis: {ps.kr_label(base)}")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return _finish(fig, drawn, path)


# ------------------------------------------------------------------------------------------------ spider


def spider(analysis, path=None, title: str | None = None, measure: str | None = None):
    """One line per input: x = change of the input in pct., y = the measure (kr.).

    Frame columns (contract): parameter, label, change (fraction), value, result.
    """
    frame = _frame(analysis)
    measure = measure or getattr(analysis, "measure", None) or "net_per_participant"
    order = {p: i for i, p in enumerate(dict.fromkeys(frame["parameter"]))}  # inputs in the analysis' order
    drawn = (frame.assign(_order=frame["parameter"].map(order))
             .sort_values(["_order", "change"], kind="stable").drop(columns="_order").reset_index(drop=True))
    fig = ps.figure(7.0, 4.4 + 0.12 * drawn["parameter"].nunique())
    with ps.styled():
        ax = fig.add_subplot()
        for i, (param, part) in enumerate(drawn.groupby("parameter", sort=False)):
            ax.plot(part["change"] * 100, part["result"], color="black" if i % 2 == 0 else "0.45",
                    linestyle=ps.LINESTYLES[i % len(ps.LINESTYLES)], marker=ps.MARKERS[i % len(ps.MARKERS)],
                    markerfacecolor="white" if i % 2 else "black", markersize=4.5, linewidth=1.1,
                    label=str(part["label"].iloc[0]))
        ax.axvline(0, color="0.4", linewidth=0.8)
        ax.axhline(0, color="0.4", linewidth=0.8, linestyle=":")
        ax.xaxis.set_major_formatter(ps.number_formatter())
        ax.set_xlabel("Ændring i forudsætningen (pct.)")
        _kr_axis(ax.yaxis, _measure_label(measure))
        ax.set_title(title or getattr(analysis, "title", None) or "Spindeldiagram")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return _finish(fig, drawn, path)


# ------------------------------------------------------------------------------------------------ two-way


def twoway(analysis, path=None, title: str | None = None):
    """Heat map of the two-way grid (grey scale) with each cell's value written in it; where the result
    changes sign, a thick dashed line marks zero. Returns the grid (index = y values, columns = x values)."""
    meta = getattr(analysis, "meta", {}) or {}
    grid = meta.get("grid")
    if grid is None:
        long = _frame(analysis)
        grid = long.pivot(index="y_value", columns="x_value", values="result")
    grid = grid.sort_index().sort_index(axis=1)
    values = grid.to_numpy(float)
    ny, nx = values.shape
    fig = ps.figure(max(5.5, 1.4 + 0.9 * nx), max(3.8, 1.6 + 0.5 * ny))
    with ps.styled():
        from matplotlib.colors import LinearSegmentedColormap

        ax = fig.add_subplot()
        ax.grid(False)
        # grey from 0.93 (light, never paper-white) to 0.2 (dark): every cell prints, and text stays legible
        cmap = LinearSegmentedColormap.from_list("costmodel_greys", ["0.93", "0.2"])
        image = ax.imshow(values, cmap=cmap, aspect="auto", origin="lower")
        lo, hi = np.nanmin(values), np.nanmax(values)
        for (iy, ix), v in np.ndenumerate(values):
            dark = hi > lo and (v - lo) / (hi - lo) > 0.5
            ax.text(ix, iy, ps.kr_label(v).replace(" kr.", ""), ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
        # cell borders, so neighbouring cells of nearly the same grey stay apart on paper
        for i in range(nx + 1):
            ax.axvline(i - 0.5, color="0.45", linewidth=0.6)
        for i in range(ny + 1):
            ax.axhline(i - 0.5, color="0.45", linewidth=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(True)
        base_x, base_y = meta.get("base_x"), meta.get("base_y")
        if base_x in list(grid.columns) and base_y in list(grid.index):  # the base case: a heavy frame
            from matplotlib.patches import Rectangle

            bx, by = list(grid.columns).index(base_x), list(grid.index).index(base_y)
            ax.add_patch(Rectangle((bx - 0.5, by - 0.5), 1, 1, fill=False, edgecolor="black", linewidth=2.2))
        if lo < 0 < hi and nx > 1 and ny > 1:
            # white under black dashes: visible on dark and light cells alike
            for colour, width, style in (("white", 4.0, "-"), ("black", 2.0, "--")):
                ax.contour(np.arange(nx), np.arange(ny), values, levels=[0], colors=colour, linewidths=width,
                           linestyles=style)
        ax.set_xticks(range(nx), [ps.value_label(float(v), meta.get("x_unit", "")) for v in grid.columns])
        ax.set_yticks(range(ny), [ps.value_label(float(v), meta.get("y_unit", "")) for v in grid.index])
        ax.set_xlabel(_wrap(meta.get("x_label", "x"), 60))
        ax.set_ylabel(_wrap(meta.get("y_label", "y"), 40))
        measure = _measure_label(getattr(analysis, "measure", "net_per_participant"))
        bar = fig.colorbar(image, ax=ax)
        bar.formatter = ps.number_formatter()
        bar.update_ticks()
        bar.set_label(_wrap(f"{measure} (kr.)", 30))
        notes = (["stiplet linje: 0 kr."] if lo < 0 < hi else []) + \
            (["kraftig ramme: grundberegningen"] if base_x in list(grid.columns) and base_y in list(grid.index) else [])
        note = ("\n" + "; ".join(notes).capitalize()) if notes else ""
        heading = _wrap(title or getattr(analysis, "title", None) or "Tovejsanalyse", 60)
        ax.set_title(f"{heading}\n{measure} i hver celle (kr.){note}", loc="left", fontsize=9)
    return _finish(fig, grid, path)


# ------------------------------------------------------------------------------------------------ PSA


def psa_histogram(analysis, path=None, measure: str = "net_per_participant", bins: int = 40,
                  title: str | None = None):
    """Histogram of the simulated measure with its mean, 2,5/97,5 percentiles and zero; the caption gives the
    probability that the net cost is below zero. Returns the bins (left, right, count, share);
    `frame.attrs["markers"]` holds the vertical lines drawn."""
    samples = analysis.samples[measure].to_numpy(float)
    samples = samples[np.isfinite(samples)]
    counts, edges = np.histogram(samples, bins=bins)
    drawn = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "count": counts,
                          "share": counts / max(len(samples), 1)})
    summary = _frame(analysis)
    row = summary.loc[summary["measure"] == measure]
    if len(row):
        r = row.iloc[0]
        mean, p_lo, p_hi = float(r["mean"]), float(r["p2_5"]), float(r["p97_5"])
    else:  # summary lacks the measure: use the samples themselves
        mean, p_lo, p_hi = float(samples.mean()), *np.percentile(samples, [2.5, 97.5])
    markers = pd.DataFrame({"marker": ["gennemsnit", "2,5 pct.-fraktil", "97,5 pct.-fraktil", "nul"],
                            "value": [mean, p_lo, p_hi, 0.0]})
    drawn.attrs["markers"] = markers
    meta = getattr(analysis, "meta", {}) or {}
    prob = meta.get("prob_net_below_zero")
    if prob is None and measure.startswith("net"):
        prob = float((samples < 0).mean())
    drawn.attrs["prob_below_zero"] = prob
    fig = ps.figure(7.0, 4.0)
    with ps.styled():
        ax = fig.add_subplot()
        ax.hist(samples, bins=edges, color="0.78", edgecolor="black", linewidth=0.4)
        ax.axvline(mean, color="black", linewidth=1.6, label=f"Gennemsnit: {ps.kr_label(mean)}")
        ax.axvline(p_lo, color="black", linewidth=1.0, linestyle="--",
                   label=f"95 pct.-interval: {ps.kr_label(p_lo)} til {ps.kr_label(p_hi)}")
        ax.axvline(p_hi, color="black", linewidth=1.0, linestyle="--")
        if edges[0] <= 0 <= edges[-1]:
            ax.axvline(0, color="black", linewidth=1.2, linestyle=":", label="0 kr.")
        base = (meta.get("base") or {}).get(measure)
        if base is not None:  # the headline figure, which the mean need not equal (see the memo)
            ax.axvline(base, color="0.45", linewidth=1.4, linestyle="-.", label=f"Grundberegning: {ps.kr_label(base)}")
        _kr_axis(ax.xaxis, _measure_label(measure))
        ax.yaxis.set_major_formatter(ps.number_formatter())
        ax.set_ylabel("Antal simuleringer")
        n = meta.get("draws", len(samples))
        heading = title or "Probabilistisk følsomhedsanalyse"
        caption = f"{ps.format_number(n, 0)} simuleringer"
        if prob is not None and measure.startswith("net"):
            caption += f"; sandsynlighed for nettoomkostninger under 0: {ps.format_number(prob * 100, 1)} pct."
        ax.set_title(f"{heading}\n{caption}")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return _finish(fig, drawn, path)


# ------------------------------------------------------------------------------------------------ categories

_STEPS = [("etablering", "Etablering"), ("uddannelse", "Uddannelse"), ("drift", "Drift")]
# (face, hatch) of each bar: black and white, told apart by hatching (plotstyle)
_STEP_STYLE = {"etablering": ("white", "///"), "uddannelse": ("white", "..."), "drift": ("white", "xx"),
               "investering": ("white", "++"), "brutto": ("0.35", ""), "sparede_omkostninger": ("white", "\\\\\\"),
               "netto": ("0.1", ""), "tilskud": ("white", "--"), "netto_efter_tilskud": ("0.55", "")}


def category_breakdown(result, path=None, title: str | None = None):
    """Waterfall per deltager: etablering + uddannelse + drift (+ investering i materiel, where the scenario has
    investments) = brutto; minus sparede omkostninger = netto; where the scenario has tilskud, minus tilskud
    modtaget (plus betalt) = netto efter tilskud, the memo's headline (trial2 W5: the plot stopped at netto).

    Returns one row per bar: step, label, value, start, end, kind ('del' or 'sum')."""
    if not kinds.has_categories(result):
        raise ValueError("the category breakdown applies to prospective scenarios (etablering, uddannelse, "
                         "drift, sparede omkostninger); this result has no categories")
    cats = result.by_category().set_index("category")["per_participant"]
    m = result.measures
    rows, level = [], 0.0
    steps = _STEPS + ([("investering", "Investering")] if "investering" in cats.index else [])
    for key, label in steps:
        v = float(cats[key])
        rows.append(dict(step=key, label=label, value=v, start=level, end=level + v, kind="del"))
        level += v
    rows.append(dict(step="brutto", label="Bruttoomk.", value=float(m["gross_per_participant"]), start=0.0,
                     end=float(m["gross_per_participant"]), kind="sum"))
    saved = float(cats["sparede_omkostninger"])
    rows.append(dict(step="sparede_omkostninger", label="Sparede omk.", value=saved, start=level,
                     end=level + saved, kind="del"))
    rows.append(dict(step="netto", label="Nettoomk.", value=float(m["net_per_participant"]), start=0.0,
                     end=float(m["net_per_participant"]), kind="sum"))
    if "net_after_grants_per_participant" in m:
        net, after = float(m["net_per_participant"]), float(m["net_after_grants_per_participant"])
        rows.append(dict(step="tilskud", label="Tilskud", value=after - net, start=net, end=after, kind="del"))
        rows.append(dict(step="netto_efter_tilskud", label="Netto efter tilskud", value=after, start=0.0,
                         end=after, kind="sum"))
    drawn = pd.DataFrame(rows)
    fig = ps.figure(7.0, 4.0)
    with ps.styled():
        ax = fig.add_subplot()
        x = np.arange(len(drawn))
        for i, r in enumerate(drawn.itertuples()):
            bottom, height = min(r.start, r.end), abs(r.end - r.start)
            face, hatch = _STEP_STYLE[r.step]
            ax.bar(x[i], height, bottom=bottom, width=0.6, color=face, edgecolor="black", hatch=hatch,
                   linewidth=0.8)
            if r.kind == "sum" and r.value < 0:  # a negative total: its label below the bar
                ax.annotate(ps.kr_label(r.value), (x[i], r.end), xytext=(0, -3), textcoords="offset points",
                            ha="center", va="top", fontsize=7.5)
            else:
                ax.annotate(ps.kr_label(r.value), (x[i], max(r.start, r.end)), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", fontsize=7.5)
            if i + 1 < len(drawn) and r.kind == "del":
                ax.plot([x[i] + 0.3, x[i + 1] - 0.3], [r.end, r.end], color="0.4", linewidth=0.7,
                        linestyle=":")
        ax.axhline(0, color="black", linewidth=0.8)
        crowded = len(drawn) > 7  # investments and grants add two bars each: smaller labels, two lines
        ax.set_xticks(x, [textwrap.fill(t, 11) if crowded else t for t in drawn["label"]],
                      fontsize=7.5 if crowded else None)
        ax.grid(axis="x", visible=False)
        _kr_axis(ax.yaxis, "Pr. deltager, NNV")
        s = result.scenario
        ax.set_title(title or f"Omkostninger pr. deltager fordelt på kategorier ({s.price_year}-priser)")
        lo, hi = min(0.0, drawn[["start", "end"]].min().min()), max(0.0, drawn[["start", "end"]].max().max())
        pad = 0.1 * (hi - lo or 1.0)
        ax.set_ylim(lo - pad, hi + pad)
    return _finish(fig, drawn, path)


def by_year(result, path=None, title: str | None = None):
    """Cost (up) and savings (down) per budget year as bars, net per year as a marker and cumulative net as a
    dashed line [kr., the price year, undiscounted]: where the cumulative line crosses zero the intervention has
    paid for itself. With tilskud, the grants are bars of their own and the net is after grants. Returns
    result.by_year()."""
    frame = result.by_year()
    fig = ps.figure(7.0, 4.0)
    with ps.styled():
        ax = fig.add_subplot()
        x = np.arange(len(frame))
        ax.bar(x, frame["cost"], width=0.55, color="0.55", edgecolor="black", linewidth=0.8, label="Omkostninger")
        if (frame["savings"] < 0).any():
            ax.bar(x, frame["savings"], width=0.55, color="white", edgecolor="black", hatch="///", linewidth=0.8,
                   label="Sparede omkostninger")
        grants = "grants" in frame and bool((frame["grants"] != 0).any())
        net, cumulative = frame["net"], frame["net_cumulative"]
        if grants:  # tilskud as a bar of its own: received below the savings, paid on top of the cost (from 0 it
            # hid part of the cost bar); net after grants
            on = frame["savings"].where(frame["grants"] < 0, frame["cost"].clip(lower=0))
            ax.bar(x, frame["grants"], bottom=on, width=0.55, color="white", edgecolor="black", hatch="...",
                   linewidth=0.8, label="Tilskud")
            net = frame["net_after_grants"]
            cumulative = net.cumsum()
        suffix = " efter tilskud" if grants else ""
        ax.plot(x, net, linestyle="none", marker="D", color="black", markersize=6, label=f"Netto i året{suffix}")
        ax.plot(x, cumulative, linestyle="--", marker="o", color="black", linewidth=1.4,
                markerfacecolor="white", label=f"Netto{suffix}, akkumuleret")
        for xi, v in zip(x, cumulative):
            ax.annotate(ps.kr_label(v), (xi, v), xytext=(9, 0), textcoords="offset points", va="center",
                        fontsize=7.5, bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="0.6",
                                                linewidth=0.5))  # legible on the hatching
        ax.axhline(0, color="black", linewidth=0.8)
        ax.margins(x=0.15)
        ax.set_xticks(x, frame["label"])
        ax.grid(axis="x", visible=False)
        _kr_axis(ax.yaxis, "Beløb pr. år")
        ax.set_title(title or _wrap(f"{result.title}: omkostninger og sparede omkostninger pr. budgetår "
                                    f"({result.price_year}-priser, ikke tilbagediskonteret)", 70))
        fig.legend(loc="outside lower center", ncols=3 if grants else 4, frameon=False)
    return _finish(fig, frame, path)


# ------------------------------------------------------------------------------------------------ one-way


def default_measure(table) -> str:
    """The measure a sweep plot shows: per participant where the table has it, else its first kroner column."""
    for measure in ("net_per_participant", "cost_per_participant"):
        if measure in table.frame.columns:
            return measure
    kr = [c for c, u in table.units.items() if u == "kr."]
    if not kr:
        raise ValueError(f"table {table.key} has no column in kr. to plot")
    return kr[0]


def sweep_bars(table, path=None, measure: str | None = None, title: str | None = None):
    """A one-way sensitivity table (tables.SweepTable) as bars of one measure, one bar per row, value on top.

    Returns: row, label, value."""
    measure = measure or default_measure(table)
    drawn = pd.DataFrame({"row": table.frame["row"], "label": table.frame["label"],
                          "value": table.frame[measure].astype(float)})
    fig = ps.figure(6.0, 3.6)
    with ps.styled():
        ax = fig.add_subplot()
        x = np.arange(len(drawn))
        for i, v in enumerate(drawn["value"]):
            ax.bar(x[i], v, width=0.6, color=ps.GREYS[i % len(ps.GREYS)] if i % 2 == 0 else "white",
                   edgecolor="black", hatch=ps.HATCHES[i % len(ps.HATCHES)], linewidth=0.8)
            ax.annotate(ps.kr_label(v), (x[i], v), xytext=(0, 3 if v >= 0 else -3), textcoords="offset points",
                        ha="center", va="bottom" if v >= 0 else "top", fontsize=7.5)
        ax.axhline(0, color="black", linewidth=0.8)
        ticks = [str(s) for s in drawn["label"]]
        if len(drawn) <= 4 and max(map(len, ticks), default=0) > 24:  # side by side they ran into each other
            ticks = [textwrap.fill(s, 20) for s in ticks]
        ax.set_xticks(x, ticks, rotation=0 if len(drawn) <= 4 else 20,
                      ha="center" if len(drawn) <= 4 else "right")
        ax.grid(axis="x", visible=False)
        _kr_axis(ax.yaxis, _measure_label(measure))
        ax.set_title(title or table.title)
        values = drawn["value"].to_numpy(float)
        lo, hi = min(0.0, np.nanmin(values)), max(0.0, np.nanmax(values))
        pad = 0.12 * (hi - lo or 1.0)
        ax.set_ylim(lo - pad, hi + pad)
    return _finish(fig, drawn, path)


def breakeven_text(analysis) -> str:
    """The break-even answer as a sentence (the analysis words it; this only picks the first row)."""
    frame = _frame(worded(analysis) if isinstance(analysis, AnalysisResult) else analysis)
    if not len(frame):
        return "Ingen break-even-analyse."
    r = frame.iloc[0]
    if "message" in frame.columns and isinstance(r["message"], str) and r["message"]:
        return r["message"]
    if bool(r.get("found", False)) and not math.isnan(float(r["value"])):
        return f"{r['label']}: nettoomkostningerne er nul ved {ps.format_number(float(r['value']), 2)}."
    return f"{r['label']}: nettoomkostningerne bliver ikke nul i intervallet."
