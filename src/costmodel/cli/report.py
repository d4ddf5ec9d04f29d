"""`costmodel report FILE --output DIR` (the budget memo with plots and workbook) and `costmodel export FILE -o OUT`
(workbook, CSV in plain or Danish-Excel dialect, JSON or Markdown); cli/commands.py calls register."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..io import limits
from ..io.neutralise import terminal
from .common import _guard, _restate_guard


class MemoFormat(str, Enum):
    """The budget memo as Markdown or HTML."""
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    """Add report (the budget memo) and export to the `costmodel` command."""
    @app.command()
    def report(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        output: Path = typer.Option(..., "--output", "-o", help="Directory to write the memo, plots and workbook into."),
        format: MemoFormat = typer.Option(MemoFormat.markdown, "--format", "-f", help="Memo as Markdown or HTML."),
        force: bool = typer.Option(False, "--force", help="Replace an existing non-empty output directory."),
        draws: int = typer.Option(10_000, "--draws", min=100, max=limits.MAX_DRAWS,
                                   help="Draws for the probabilistic analysis."),
        seed: int = typer.Option(20201, "--seed", min=0, max=limits.MAX_SEED, help="Seed for the probabilistic analysis (same seed, same numbers)."),
        price_year: int | None = typer.Option(
            None, "--price-year", min=1990, max=2100,
            help="Restate the memo in this year's prices: every kroner input x the general PL index factor, so "
                 "the result, tables and analyses all move by that factor (the memo says which)."),
    ) -> None:
        """Write a budget memo (budgetnotat): result, categories, sensitivity tables, plots, sources, workbook."""
        def action():
            import costmodel
            from ..report.memo import write_memo

            scenario = costmodel.load(file)
            if price_year is not None:
                from ..report.restate import restated_scenario

                scenario = _restate_guard(restated_scenario, scenario, price_year)
            path = write_memo(scenario, output, fmt=format.value, force=force, draws=draws, seed=seed)
            typer.echo(terminal(str(path)))
        _guard(action)

    _register_export(app)


class CsvDialect(str, Enum):
    """CSV as plain (',' and '.') or for Danish Excel (';', decimal comma, BOM)."""
    plain = "plain"
    danish = "danish"


EXPORT_SUFFIXES = (".xlsx", ".csv", ".json", ".md")


def _register_export(app: typer.Typer) -> None:
    @app.command()
    def export(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        output: Path = typer.Option(..., "--output", "-o",
                                    help="File to write; its suffix picks the format: .xlsx, .csv, .json or .md."),
        dialect: CsvDialect = typer.Option(CsvDialect.plain, "--dialect",
                                           help="CSV only: plain (',' and '.') or danish (';', decimal comma, "
                                                "UTF-8 with BOM, for Danish Excel)."),
        analyses: bool = typer.Option(True, "--analyses/--no-analyses",
                                      help="Include tornado, spider, two-way, break-even and PSA where the "
                                           "scenario declares what they need."),
        draws: int = typer.Option(10_000, "--draws", min=100, max=limits.MAX_DRAWS,
                                   help="Draws for the probabilistic analysis."),
        seed: int = typer.Option(20201, "--seed", min=0, max=limits.MAX_SEED, help="Seed for the probabilistic analysis."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
        price_year: int | None = typer.Option(
            None, "--price-year", min=1990, max=2100,
            help="Restate everything in this year's prices: every kroner input x the general PL index "
                 "factor (the output says which)."),
    ) -> None:
        """Export the result, the one-way tables and the analyses: workbook, CSV, JSON or Markdown."""
        def action():
            import costmodel

            from ..report import export as ex
            from ..analyses.standard import standard_analyses
            from ..io.atomic import write_atomic
            from ..errors import Problem, ScenarioError

            suffix = output.suffix.lower()
            if suffix not in EXPORT_SUFFIXES:
                raise ScenarioError(str(output), [Problem("", f"unknown export format {suffix or '(no suffix)'!r}; "
                                                              f"use one of {', '.join(EXPORT_SUFFIXES)}")])
            if output.exists() and not force:  # refuse before the work, not after it
                raise ScenarioError(str(output), [Problem("", "file exists; use --force to overwrite")])
            scenario = costmodel.load(file)
            if price_year is not None:  # every kroner input x the PL factor: result, tables and analyses move alike
                from ..report.restate import restated_scenario

                scenario = _restate_guard(restated_scenario, scenario, price_year)
            result = costmodel.evaluate(scenario)
            tables = costmodel.sweep(scenario)
            found = standard_analyses(scenario, draws=draws, seed=seed).all() if analyses else []
            if suffix == ".xlsx":
                workbook = ex.build_workbook(scenario, result, tables, found)
                write_atomic(output, workbook.save, force=force)
            elif suffix == ".csv":
                ex.write_csv(output, ex.long_frame(result, tables, found), dialect.value, force=force)
            elif suffix == ".json":
                write_atomic(output, ex.json_text(scenario, result, tables, found), force=force)
            else:
                write_atomic(output, ex.markdown_text(scenario, result, tables, found), force=force)
            typer.echo(terminal(str(output)))
        _guard(action)
