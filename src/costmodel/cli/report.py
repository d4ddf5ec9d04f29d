"""`costmodel report FILE --output DIR` (the budget memo with plots and workbook) and `costmodel export FILE -o OUT`
(workbook, CSV in plain or Danish-Excel dialect, JSON or Markdown); cli/commands.py calls register."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..io import limits
from ..io.neutralise import terminal
from .common import Format, _guard, restated_scenario


class MemoFormat(str, Enum):
    """The budget memo as Markdown or HTML."""
    markdown = "markdown"
    html = "html"
    docx = "docx"


def register(app: typer.Typer) -> None:
    """Add report (the budget memo) and export to the `costmodel` command."""
    @app.command()
    def report(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        output: Path = typer.Option(..., "--output", "-o", help="Directory to write the memo, plots and workbook into."),
        format: MemoFormat = typer.Option(MemoFormat.markdown, "--format", "-f", help="Which memo's path to print; all three (notat.md, notat.html, notat.docx) are written."),
        force: bool = typer.Option(False, "--force", help="Replace an existing non-empty output directory."),
        draws: int = typer.Option(10_000, "--draws", min=100, max=limits.MAX_DRAWS,
                                   help="Draws for the probabilistic analysis."),
        seed: int = typer.Option(20201, "--seed", min=0, max=limits.MAX_SEED, help="Seed for the probabilistic analysis (same seed, same numbers)."),
        price_year: int | None = typer.Option(
            None, "--price-year", min=1990, max=2100,
            help="Restate the memo in this year's prices: every kroner input x the general PL index factor, so "
                 "the result, tables and analyses all move by that factor (the memo says which)."),
        measure: str | None = typer.Option(
            None, "--measure", "-m",
            help="What the memo's tornado, spider, two-way and break-even report: net_per_participant (default), "
                 "net_after_grants_per_participant or net_after_grants_per_completer (with tilskud), "
                 "net_per_completer, ... (as the analysis commands)."),
    ) -> None:
        """Write a budget memo (budgetnotat): result, categories, sensitivity tables, plots, sources, workbook."""
        def action():
            import costmodel
            from ..errors import InputError, PathError, Problem, ScenarioError
            from ..report.memo import write_memo

            scenario = restated_scenario(costmodel.load(file), price_year)
            try:
                path = write_memo(scenario, output, fmt=format.value, force=force, draws=draws, seed=seed,
                                  measure=measure)
            except (InputError, PathError) as exc:  # an analysis refuses the scenario's own ranges: say whose
                raise ScenarioError(str(file), [Problem("", str(exc))]) from None
            typer.echo(terminal(str(path)))
        _guard(action)

    _register_export(app)
    _register_compare(app)


def _write_som(ex, scenario, result, output: Path, suffix: str, dialect: str, force: bool) -> None:
    """The SØM hand-off table alone (prospective scenarios)."""
    import json

    from .. import kinds
    from ..io.atomic import write_atomic

    kinds.require_prospective(scenario)
    frame = ex.som_frame(result)
    if suffix == ".csv":
        ex.write_csv(output, frame, dialect, force=force)
    elif suffix == ".json":
        write_atomic(output, json.dumps({"title": result.title, "price_year": result.price_year, "currency": "DKK",
                                         "rows": ex._records(frame)}, ensure_ascii=False, indent=2), force=force)
    elif suffix == ".md":
        write_atomic(output, ex.markdown_table(ex.people_frame(frame.rename(columns={"label": "budget_year"})),
                                               ex.SOM_UNITS)
                     + "\n", force=force)
    else:
        wb = ex.build_workbook(scenario, result)
        write_atomic(output, wb.save, force=force)


def _register_compare(app: typer.Typer) -> None:
    @app.command()
    def compare(
        files: list[Path] = typer.Argument(..., help="Scenario YAML files; the first is the basisalternativ (or "
                                                     "the one it names in basisalternativ:)."),
        portfolio: bool = typer.Option(False, "--portfolio",
                                       help="Add the interventions up (one municipality's portfolio) instead of "
                                            "comparing them with the first."),
        format: Format = typer.Option(Format.table, "--format", "-f"),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    ) -> None:
        """Scenarios side by side: totals, per deltager, by year, by payer, payback, difference against the first."""
        from .common import _write

        def action():
            import costmodel
            from ..analyses.compare import MAX_SCENARIOS, compare as run_compare, with_basisalternativ
            from ..errors import Problem, ScenarioError
            from ..report.render import compare_text

            if len(files) > MAX_SCENARIOS:  # refuse before loading anything
                raise ScenarioError("compare", [Problem("", f"at most {MAX_SCENARIOS} scenarios (got {len(files)})")])
            scenarios = [costmodel.load(f) for f in files]
            if not portfolio:
                scenarios = with_basisalternativ(scenarios)
            from .. import kinds

            inputs = [found for s in scenarios for found in kinds.input_files(s)]
            _write(compare_text(run_compare(scenarios, portfolio=portfolio), format.value), output, force, inputs)
        _guard(action)


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
        som: bool = typer.Option(False, "--som", help="Only the hand-off to SØM: annual cost and completing "
                                                      "deltagere per year of operation (CSV, JSON or Markdown)."),
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
            from ..errors import InputError, PathError, Problem, ScenarioError

            suffix = output.suffix.lower()
            if suffix not in EXPORT_SUFFIXES:
                raise ScenarioError(str(output), [Problem("", f"unknown export format {suffix or '(no suffix)'!r}; "
                                                              f"use one of {', '.join(EXPORT_SUFFIXES)}")])
            if output.exists() and not force:  # refuse before the work, not after it
                raise ScenarioError(str(output), [Problem("", "file exists; use --force to overwrite")])
            # every kroner input x the PL factor (with --price-year): result, tables and analyses move alike
            from .. import kinds
            from ..io.atomic import refuse_inputs

            loaded = costmodel.load(file)
            refuse_inputs(output, kinds.input_files(loaded))  # before the work: never over the scenario or its CSV
            scenario = restated_scenario(loaded, price_year)
            result = costmodel.evaluate(scenario)
            if som:
                _write_som(ex, scenario, result, output, suffix, dialect.value, force)
                typer.echo(str(output))
                return
            tables = costmodel.sweep(scenario)
            try:
                found = standard_analyses(scenario, draws=draws, seed=seed).all() if analyses else []
            except (InputError, PathError) as exc:  # an analysis refuses the scenario's own ranges: say whose
                raise ScenarioError(str(file), [Problem("", str(exc))]) from None
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
