"""The shared look of every plot: Danish numbers and labels, readable in black and white, no display needed.

matplotlib is imported here lazily (only when a plot is made) so that `import costmodel` stays fast. Figures are
made with `matplotlib.figure.Figure` on an Agg canvas rather than through pyplot: no display, no global figure
registry that leaks memory in a long session, and the user's own pyplot backend is left alone.
"""
from __future__ import annotations

import math
from pathlib import Path

from .formatting import format_kr, format_number, round_to, singular

SUFFIXES = (".png", ".svg", ".pdf")
DPI = 150  # PNG resolution: sharp on paper; tests lower it to save time

# Grey levels and hatches, not colours, tell series apart: the memo is printed on office printers.
GREYS = ["0.15", "0.55", "0.8", "0.35", "0.7", "0.0"]
HATCHES = ["", "///", "...", "xx", "\\\\\\", "++"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "x"]

RC = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "0.88",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "costmodel",  # the same SVG for the same data
    "axes.formatter.use_locale": False,  # Danish separators come from our formatter, not the machine locale
    # Scenario text is drawn as the text it is: "$" in a label ("5 $ pr. time", "$x^$") is not mathtext, which
    # would render it as formulas or fail on it (issue 9).
    "text.parse_math": False,
}


def figure(width: float = 7.0, height: float = 4.0):
    """A new Figure on an Agg canvas, styled (rc values are read when artists are created)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
    return fig


def styled():
    """Context manager: the house rc values while axes and artists are drawn."""
    import matplotlib

    return matplotlib.rc_context(RC)


def _decimals(value: float) -> int:
    for d in range(0, 3):
        if abs(value * 10**d - round(value * 10**d)) < 1e-6:
            return d
    return 2


def number_formatter(scale: float = 1.0, suffix: str = ""):
    """Axis ticks as Danish numbers: 14.500, -3.700, 0,5 (optionally scaled, e.g. x100 for pct.)."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x, _pos=None):
        v = x * scale
        text = format_number(v, _decimals(v))
        return f"{text}{suffix}"

    return FuncFormatter(fmt)


def kr_label(value: float, step: float | None = 100) -> str:
    """Bar and line annotations: '-3.700 kr.' rounded to whole hundreds as the reports print them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return format_kr(value, round_step=step)


def value_label(value: float, unit: str) -> str:
    """An input value with its unit, Danish style ('10 antal' reads badly: counts get no unit)."""
    if isinstance(value, str):  # already words, e.g. a sensitivity table's row label
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "kr.":
        step = 100 if abs(value) >= 1000 else None
        return format_kr(round_to(value, step) if step else value, decimals=0 if step else _decimals(value))
    if unit in ("andel", "pct."):
        v = value * 100
        return f"{format_number(v, _decimals(v) if _decimals(v) < 2 else 1)} pct."
    d = min(_decimals(value), 2)
    text = format_number(value, d)
    if unit in ("antal", "", None):
        return text
    if unit == "faktor":
        return f"{text} x"
    return f"{text} {singular(value, unit)}"


def save(fig, path) -> Path:
    """Save by suffix (.png, .svg, .pdf); anything else is an error before anything is written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{path}: plots are saved as {', '.join(SUFFIXES)}, not {suffix or 'no suffix'}")
    from ..io.atomic import write_atomic

    # whole or not at all: a failed save leaves no half-written image behind
    write_atomic(path, writer(fig, suffix), force=True)
    return path


def writer(fig, suffix: str):
    """A function that saves `fig` in the format of `suffix` to the path it is given (io.atomic calls it with a
    temporary file, so a plot can be written together with other outputs, whole or not at all)."""
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"plots are saved as {', '.join(SUFFIXES)}, not {suffix or 'no suffix'}")
    # No creation date in SVG/PDF metadata: the same input gives the same file.
    metadata = {"Date": None} if suffix in (".svg", ".pdf") else {"Software": None}

    def write(tmp) -> None:
        with styled():
            fig.savefig(tmp, format=suffix[1:], metadata=metadata)
    return write
