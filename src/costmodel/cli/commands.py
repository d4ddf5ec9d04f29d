"""The `costmodel` command: run, sweep, reproduce, validate.

Exit codes: 0 ok, 2 bad input (every problem printed with file, field and line), 1 anything else.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .common import PRICE_YEAR_OPTION, Format, _guard, _state, _write, restated_result, restated_tables

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Danish social-sector cost assessments (omkostningsvurderinger), Socialstyrelsen's method.")


class Report(str, Enum):
    """Which report `costmodel reproduce` checks: 000, 002 or all."""
    r000 = "000"
    r002 = "002"
    all = "all"


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"costmodel {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    allow_outside_paths: bool = typer.Option(
        False, "--allow-outside-paths",
        help="Let a scenario read a registrations CSV outside its own folder (absolute, '..', symlinks out)."),
) -> None:
    _state["debug"] = debug
    if allow_outside_paths or _state.get("outside"):  # set, and reset by the next command in the same process
        from ..loader import ALLOW_OUTSIDE_PATHS

        ALLOW_OUTSIDE_PATHS["default"] = _state["outside"] = allow_outside_paths


@app.command()
def run(
    file: Path = typer.Argument(..., help="Scenario YAML file."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    lines: bool = typer.Option(False, "--lines", help="Print the cost lines (CSV) instead of the summary."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    price_year: int | None = PRICE_YEAR_OPTION,
) -> None:
    """Evaluate a scenario: gross, savings and net cost, in total and per deltager (NNV)."""
    def action():
        import costmodel
        from ..report.render import frame_csv, result_text

        from .. import kinds
        from ..io.neutralise import terminal

        scenario = costmodel.load(file)
        for remark in kinds.remarks(scenario):  # ex post: hours priced at older wages (trial F2)
            typer.echo(terminal(f"{file}: bemærkning: {remark}"), err=True)
        result = restated_result(costmodel.evaluate(scenario), price_year)
        # cost lines: undiscounted kroner per year and their NNV, in the scenario's price year (a column, so it
        # travels with every row)
        if lines:  # the rate table, its indexation and the discount rule travel with every row too
            from ..report.render import basis_text

            text = frame_csv(result.lines.assign(price_year=result.price_year, rate_basis=basis_text(result)))
        else:
            text = result_text(result, format.value)
        _write(text, output, force, kinds.input_files(scenario))
    _guard(action)


@app.command()
def sweep(
    file: Path = typer.Argument(..., help="Scenario YAML file with a sensitivity block."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    price_year: int | None = PRICE_YEAR_OPTION,
) -> None:
    """Print the scenario's one-way sensitivity tables, as the reports print them."""
    def action():
        import costmodel
        from ..report.render import sweep_text

        from .. import kinds

        scenario = costmodel.load(file)
        _write(sweep_text(restated_tables(costmodel.sweep(scenario), price_year), format.value),
               output, force, kinds.input_files(scenario))
    _guard(action)


@app.command()
def validate(file: Path = typer.Argument(..., help="Scenario YAML file.")) -> None:
    """Check a scenario file and say what is wrong with it (exit code 2 if anything)."""
    def action():
        import costmodel
        from ..io.neutralise import one_line, terminal

        scenario = costmodel.load(file)
        costmodel.evaluate(scenario)  # a result beyond the bounds (deltagere near 0) is a problem of the file too
        from .. import kinds

        basis = None
        if kinds.is_prospective(scenario) and scenario.basisalternativ:  # it must load too (trial2 finding 10)
            from ..analyses.compare import load_basisalternativ

            basis = load_basisalternativ(scenario)
        typer.echo(terminal(f"{file}: ok ({one_line(scenario.title)})"))

        if kinds.is_prospective(scenario):
            # remarks, not errors (exit 0): staff time far from the shipped assessments', and staff without any
            # uddannelse or supervision (issue 14; docs/derivations.md, D-typical-training)
            from ..prospective import remarks, typical_time, typical_training

            for remark in [*typical_time.remarks(scenario), *typical_training.remarks(scenario)]:
                typer.echo(terminal(f"{file}: bemærkning: {remark}"), err=True)
            # remarks about one field: file:line: field.path: bemærkning: ... (posts that already pay an item's
            # hours, a start_aar that reads as months)
            for problem in remarks.remarks(scenario):
                typer.echo(terminal(problem.render(str(file))), err=True)
            if basis is not None:  # the basisalternativ and the intervention's savings both hold today's support
                from ..analyses.compare import basis_overlap

                for problem in basis_overlap(scenario, basis):
                    typer.echo(terminal(problem.render(str(file))), err=True)
        for remark in kinds.remarks(scenario):  # ex post: hours priced at older wages (trial F2)
            typer.echo(terminal(f"{file}: bemærkning: {remark}"), err=True)
    _guard(action)


@app.command()
def reproduce(
    report: Report = typer.Option(Report.all, "--report", "-r", help="Which report's printed figures."),
    format: Format = typer.Option(Format.csv, "--format", "-f"),
    detail: bool = typer.Option(False, "--detail",
                                help="Add tolerance, status, notes and why each figure has its basis (CSV/JSON)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """Published vs computed for every printed result of report 000 and/or 002."""
    def action():
        import pandas as pd

        from ..reproduction.reproduce import COLUMNS, DETAIL, reproduce as run_reproduce
        from ..reproduction.doc import markdown_report

        reports = ["000", "002"] if report == Report.all else [report.value]
        frames = [run_reproduce(r) for r in reports]
        frame = pd.concat(frames, ignore_index=True)
        if format == Format.markdown:
            text = markdown_report(frame)
        elif format == Format.json:
            text = frame[COLUMNS + (DETAIL if detail else [])].to_json(orient="records", force_ascii=False, indent=2)
        elif format == Format.table:
            from ..reproduction.doc import summary_lines

            text = "\n".join(summary_lines(frame))
        else:
            out = frame[COLUMNS + (DETAIL if detail else [])].copy()
            out["computed"] = out["computed"].round(1)
            text = out.to_csv(index=False, float_format="%.10g")
        _write(text, output, force)
    _guard(action)


from . import analysis as cli_analysis  # noqa: E402 - psa, tornado, spider, twoway, breakeven

cli_analysis.register(app)

from . import report as cli_report  # noqa: E402 - report (budget memo), export

cli_report.register(app)

from . import new as cli_new  # noqa: E402 - new (scenario template)

cli_new.register(app)


def main() -> None:
    """Run the `costmodel` command (the console script)."""
    app()


if __name__ == "__main__":
    main()
