"""`costmodel report FILE --output DIR`: the budget memo with plots and workbook (cli.py calls register)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer


class MemoFormat(str, Enum):
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        file: Path = typer.Argument(..., help="Scenario YAML file."),
        output: Path = typer.Option(..., "--output", "-o", help="Directory to write the memo, plots and workbook into."),
        format: MemoFormat = typer.Option(MemoFormat.markdown, "--format", "-f", help="Memo as Markdown or HTML."),
        force: bool = typer.Option(False, "--force", help="Replace an existing non-empty output directory."),
        draws: int = typer.Option(10_000, "--draws", min=100, help="Draws for the probabilistic analysis."),
        seed: int = typer.Option(20201, "--seed", help="Seed for the probabilistic analysis (same seed, same numbers)."),
    ) -> None:
        """Write a budget memo (budgetnotat): result, categories, sensitivity tables, plots, sources, workbook."""
        from .cli import _guard

        def action():
            import costmodel
            from .memo import write_memo

            path = write_memo(costmodel.load(file), output, fmt=format.value, force=force, draws=draws, seed=seed)
            typer.echo(f"{path}")
        _guard(action)
