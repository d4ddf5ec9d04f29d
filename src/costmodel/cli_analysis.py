"""CLI commands for the sensitivity suite: psa, tornado, spider, twoway, breakeven (cli.py calls register)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .errors import Problem, ScenarioError


class AnalysisFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _numbers(text: str, option: str) -> list[float]:
    """'6,7,8' or '6:12' (whole steps) or '6:12:0.5' (start:stop:step, stop included)."""
    import numpy as np

    try:
        if ":" in text:
            parts = [float(p.replace(",", ".")) if p.count(",") == 1 and ";" in text else float(p)
                     for p in text.split(":")]
            start, stop = parts[0], parts[1]
            step = parts[2] if len(parts) > 2 else 1.0
            if step <= 0 or stop < start or len(parts) > 3:
                raise ValueError
            count = int(np.floor((stop - start) / step + 1e-9)) + 1
            return [float(round(start + i * step, 12)) for i in range(count)]
        return [float(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise ScenarioError(option, [Problem("", f"cannot read {text!r}: give '6,7,8' or 'start:stop[:step]'")]) \
            from None


def _run(file: Path, build, fmt: AnalysisFormat, output: Path | None, force: bool, extra=None) -> None:
    from . import cli

    def action():
        import costmodel
        from .analyses.text import render
        from .overrides import OverrideError
        from .parameters import ParameterError

        scenario = costmodel.load(file)
        if getattr(scenario, "kind", "prospective") != "prospective":
            raise ScenarioError(str(file), [Problem("kind", "the sensitivity suite needs a prospective scenario")])
        try:
            result = build(scenario)
        except (ParameterError, OverrideError, ValueError) as exc:
            raise ScenarioError(str(file), [Problem("", str(exc))]) from None
        cli._write(render(result, fmt.value), output, force)
        if extra is not None:
            extra(result)

    cli._guard(action)


_FORMAT = typer.Option(AnalysisFormat.table, "--format", "-f")
_OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout.")
_FORCE = typer.Option(False, "--force", help="Overwrite an existing output file.")
_MEASURE = typer.Option("net_per_participant", "--measure", "-m",
                        help="net_per_participant, net_total, gross_per_participant, gross_total, ...")


def register(app: typer.Typer) -> None:
    @app.command()
    def psa(
        file: Path = typer.Argument(..., help="Scenario YAML file with an uncertainty block."),
        draws: int = typer.Option(10_000, "--draws", "-n", min=1, help="Number of draws."),
        seed: int = typer.Option(20201, "--seed", "-s", help="Seed for numpy's random generator."),
        format: AnalysisFormat = _FORMAT,
        samples: Path | None = typer.Option(None, "--samples", help="Also write every draw (CSV) to this file."),
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Probabilistic analysis: mean and percentiles of net cost, P(net cost < 0), from seeded draws."""
        from .analyses.psa import psa as run_psa
        from . import cli

        def write_samples(result):
            if samples is not None:
                cli._write(result.samples.to_csv(index=False, float_format="%.10g"), samples, force)

        _run(file, lambda s: run_psa(s, draws=draws, seed=seed, progress=True), format, output, force,
             write_samples)

    @app.command()
    def tornado(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        parameter: list[str] = typer.Option(None, "--parameter", "-p",
                                            help="Parameter path (repeat); default: the uncertainty block."),
        pct: float | None = typer.Option(None, "--pct", help="Move each parameter ± this many percent."),
        measure: str = _MEASURE,
        format: AnalysisFormat = _FORMAT,
        output: Path | None = _OUTPUT,
        force: bool = _FORCE,
    ) -> None:
        """Tornado: each assumption at its low and high value, widest swing first."""
        from .analyses.tornado import tornado as run_tornado

        _run(file, lambda s: run_tornado(s, parameter or None, pct, measure), format, output, force)


def _unused() -> None:  # keeps linters from flagging the Problem import when commands grow
    Problem("", "")
