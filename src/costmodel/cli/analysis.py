"""CLI commands for the sensitivity suite: psa, tornado, spider, twoway, breakeven (cli/commands.py calls register)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .. import kinds
from ..io import limits
from ..io.neutralise import terminal
from ..errors import Problem, ScenarioError
from .common import _guard, chunk_writer, write_chunks


class AnalysisFormat(str, Enum):
    """Output formats of the analysis commands."""
    table = "table"
    json = "json"
    csv = "csv"


def _numbers(text: str, option: str, bound: float = limits.MAX_MAGNITUDE) -> list[float]:
    """'6,7,8' or '6:12' (whole steps) or '6:12:0.5' (start:stop:step, stop included).

    Finite numbers within ±`bound`, at most limits.MAX_OPTION_VALUES of them (counted before any list is made,
    so '1:1e12' is refused at once)."""
    import math

    def bad(why: str):
        return typer.BadParameter(f"{why} (got {text[:80]!r})", param_hint=option)

    try:
        if ":" in text:
            parts = [float(p) for p in text.split(":")]
            if len(parts) > 3:
                raise ValueError
        else:
            parts = [float(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise typer.BadParameter(f"cannot read {text[:80]!r}: give '6,7,8' or 'start:stop[:step]'",
                                 param_hint=option) from None
    if not all(math.isfinite(p) for p in parts):
        raise bad("give finite numbers (not nan or inf)")
    if any(abs(p) > bound for p in parts):
        raise bad(f"values are bounded by ±{bound:g}")
    if ":" in text:
        start, stop = parts[0], parts[1]
        step = parts[2] if len(parts) > 2 else 1.0
        if step <= 0 or stop < start:
            raise bad("give 'start:stop[:step]' with start <= stop and a positive step")
        count = math.floor((stop - start) / step + 1e-9) + 1
        if count > limits.MAX_OPTION_VALUES:
            raise bad(f"that is {count:g} values, above the bound of {limits.MAX_OPTION_VALUES:,}")
        return [float(round(start + i * step, 12)) for i in range(count)]
    if len(parts) > limits.MAX_OPTION_VALUES:
        raise bad(f"that is {len(parts):,} values, above the bound of {limits.MAX_OPTION_VALUES:,}")
    return parts


def _finite(option: str):
    def callback(value):  # no annotations: typer reads them to tell the value from its context arguments
        import math

        if value is not None and (not math.isfinite(value) or abs(value) > limits.MAX_MAGNITUDE):
            raise typer.BadParameter(f"give a finite number within ±{limits.MAX_MAGNITUDE:g} (got {value})",
                                     param_hint=option)
        return value
    return callback


def _grid_bounded(xs: list[float], ys: list[float]) -> None:
    if len(xs) * len(ys) > limits.MAX_GRID:
        raise typer.BadParameter(f"{len(xs):,} x {len(ys):,} = {len(xs) * len(ys):,} combinations, above the bound "
                                 f"of {limits.MAX_GRID:,}", param_hint="--x-values/--y-values")


def _pct(value: float | None) -> float | None:
    import math

    if value is not None and (not math.isfinite(value) or not 0 < value <= limits.MAX_PCT):
        raise typer.BadParameter(f"give a finite percentage above 0 and at most {limits.MAX_PCT:g} (got {value})",
                                 param_hint="--pct")
    return value


PLOTS = {"tornado": "tornado", "spider": "spider", "twoway": "twoway", "psa": "psa_histogram"}
PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def _refuse_existing(paths, force: bool) -> None:
    """Say so before any work is done or any file written."""
    for path in paths:
        if path is not None and path.exists() and not force:
            typer.echo(terminal(f"{path}: file exists; use --force to overwrite"), err=True)
            raise typer.Exit(2)


def _run(file: Path, build, fmt: AnalysisFormat, output: Path | None, force: bool, extra=None,
         plot: Path | None = None) -> None:
    if plot is not None and plot.suffix.lower() not in PLOT_SUFFIXES:
        typer.echo(terminal(f"{plot}: plots are saved as {', '.join(PLOT_SUFFIXES)}, not {plot.suffix or 'no suffix'}"),
                   err=True)
        raise typer.Exit(2)
    _refuse_existing((output, plot), force)

    def action():
        import costmodel
        from ..report.analysis_text import render_chunks
        from ..prospective.overrides import OverrideError
        from ..prospective.parameters import ParameterError

        scenario = costmodel.load(file)
        if not kinds.is_prospective(scenario):
            raise ScenarioError(str(file), [Problem("kind", "the sensitivity suite needs a prospective scenario")])
        try:
            result = build(scenario)
        except (ParameterError, OverrideError, ValueError) as exc:
            raise ScenarioError(str(file), [Problem("", str(exc))]) from None
        chunks = render_chunks(result, fmt.value)  # written as made: a large table is never one string
        # every file is made first (a plot that fails to draw fails here), then all are put in place together:
        # a failure leaves none of them, not the main output without its plot or samples
        items = [(output, chunk_writer(chunks))] if output is not None else []
        if extra is not None:
            items += extra(result)
        if plot is not None:
            from ..report import plots, plotstyle

            fig, _ = getattr(plots, PLOTS[result.kind])(result)
            items.append((plot, plotstyle.writer(fig, plot.suffix)))
        from ..io.atomic import write_all

        write_all(items, force, inputs=kinds.input_files(scenario))
        if output is None:
            write_chunks(chunks, None, force)

    _guard(action)


_FORMAT = typer.Option(AnalysisFormat.table, "--format", "-f")
_OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout.")
_FORCE = typer.Option(False, "--force", help="Overwrite an existing output file.")
_PARAMETERS = typer.Option(None, "--parameter", "-p", help="Parameter path (repeat); default: the uncertainty block.")
_PLOT = typer.Option(None, "--plot", help="Also draw the analysis to this file (.png, .svg or .pdf).")
_MEASURE = typer.Option("net_per_participant", "--measure", "-m",
                        help="net_per_participant, net_total, gross_per_participant, gross_total, "
                             "net_after_grants_per_participant (with tilskud), net_per_completer, ...")


def register(app: typer.Typer) -> None:
    """Add psa, tornado, spider, twoway and breakeven to the `costmodel` command."""
    @app.command()
    def psa(
        file: Path = typer.Argument(..., help="Scenario YAML file with an uncertainty block."),
        draws: int = typer.Option(10_000, "--draws", "-n", min=1, max=limits.MAX_DRAWS, help="Number of draws."),
        seed: int = typer.Option(20201, "--seed", "-s", min=0, max=limits.MAX_SEED,
                                 help="Seed for numpy's random generator (0 or more)."),
        format: AnalysisFormat = _FORMAT,
        samples: Path | None = typer.Option(None, "--samples", help="Also write every draw (CSV) to this file."),
        plot: Path | None = _PLOT,
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Probabilistic analysis: mean and percentiles of net cost, P(net cost < 0), from seeded draws."""
        from ..analyses.psa import psa as run_psa

        def write_samples(result) -> list:
            if samples is None:
                return []
            from ..io.neutralise import csv_frame

            frame = result.samples
            step = 100_000  # in blocks of rows: 1e6 draws are a hundred megabytes of text
            return [(samples, chunk_writer(
                csv_frame(frame.iloc[lo:lo + step].assign(price_year=result.price_year)).to_csv(
                    index=False, header=lo == 0, float_format="%.10g") for lo in range(0, len(frame), step)))]

        _refuse_existing((samples,), force)
        # the drawn values are kept only when they are to be written (--samples)
        _run(file, lambda s: run_psa(s, draws=draws, seed=seed, progress=True, keep_samples=samples is not None),
             format, output, force, write_samples, plot)

    @app.command()
    def tornado(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        parameter: list[str] = _PARAMETERS,
        pct: float | None = typer.Option(None, "--pct", callback=_pct,
                                         help="Move each parameter ± this many percent."),
        measure: str = _MEASURE,
        format: AnalysisFormat = _FORMAT,
        plot: Path | None = _PLOT,
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Tornado: each assumption at its low and high value, widest swing first."""
        from ..analyses.tornado import tornado as run_tornado

        _run(file, lambda s: run_tornado(s, parameter or None, pct, measure), format, output, force, plot=plot)

    @app.command()
    def spider(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        parameter: list[str] = _PARAMETERS,
        changes: str = typer.Option("-20,-10,0,10,20", "--changes", help="Changes in percent of the base value."),
        measure: str = _MEASURE,
        format: AnalysisFormat = _FORMAT,
        plot: Path | None = _PLOT,
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Spider: each assumption changed by the same percentages, result per change."""
        from ..analyses.spider import spider as run_spider

        fractions = [c / 100 for c in _numbers(changes, "--changes", bound=limits.MAX_PCT)]
        _run(file, lambda s: run_spider(s, parameter or None, fractions, measure), format, output, force, plot=plot)

    @app.command()
    def twoway(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        x: str = typer.Option(..., "--x", help="First parameter (columns), e.g. forloeb.deltagere_pr_forloeb."),
        x_values: str = typer.Option(..., "--x-values", help="'6,7,8,9' or 'start:stop[:step]'."),
        y: str = typer.Option(..., "--y", help="Second parameter (rows), e.g. fagteams.Fagteam.count."),
        y_values: str = typer.Option(..., "--y-values", help="'1,2,3' or 'start:stop[:step]'."),
        measure: str = _MEASURE,
        format: AnalysisFormat = _FORMAT,
        plot: Path | None = _PLOT,
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Two-way table: two assumptions over ranges, every combination."""
        from ..analyses.twoway import twoway as run_twoway

        xs, ys = _numbers(x_values, "--x-values"), _numbers(y_values, "--y-values")
        _grid_bounded(xs, ys)
        _run(file, lambda s: run_twoway(s, x, xs, y, ys, measure, progress=True), format, output, force,
             plot=plot)

    @app.command()
    def breakeven(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        parameter: str = typer.Option(..., "--parameter", "-p", help="Parameter path."),
        low: float = typer.Option(..., "--low", callback=_finite("--low"), help="Lowest value to search."),
        high: float = typer.Option(..., "--high", callback=_finite("--high"), help="Highest value to search."),
        measure: str = typer.Option("net_total", "--measure", "-m",
                                    help="The total whose zero is sought: net_total (default), "
                                         "net_after_grants_total (with tilskud), ..."),
        format: AnalysisFormat = _FORMAT,
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Break-even: the value of one assumption at which net cost is zero, or why there is none."""
        from ..analyses.breakeven import breakeven as run_breakeven

        _run(file, lambda s: run_breakeven(s, parameter, low, high, measure), format, output, force)
