"""What every command shares: writing the output whole or not at all, and turning errors into exit codes.

The command modules (commands, analysis, report) import this one; it imports none of them.
"""
from __future__ import annotations

import os
import sys
import traceback
import warnings
from pathlib import Path

import typer

from ..errors import DeprecatedKeyWarning, ScenarioError

_state = {"debug": False}


def _write(text: str, output: Path | None, force: bool) -> None:
    """Print, or write the whole file atomically (atomic.write_atomic: temporary file, then rename; an existing
    file only with --force)."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from ..io.atomic import write_atomic

    write_atomic(output, text, force)


def write_chunks(chunks, output: Path | None, force: bool) -> None:
    """As _write (stdout, or the whole file atomically, ending in a newline), for text made in pieces:
    a large table is written as it is made, never held as one string."""
    import sys

    from ..io.atomic import write_atomic

    def into(handle) -> None:
        last = ""
        for piece in chunks:
            if piece:
                handle.write(piece)
                last = piece
        if not last.endswith("\n"):
            handle.write("\n")

    if output is None:
        into(sys.stdout)
        return

    def save(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            into(handle)

    write_atomic(output, save, force)


def _guard(action):
    """Run a command: bad input -> every problem on stderr, exit 2; anything unexpected -> one line, exit 1
    (`--debug` adds the traceback). No traceback reaches a user otherwise. Old key names in a file: one line each
    on stderr (`file:line: path: old key name; write 'new'`), and the command runs."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecatedKeyWarning)
            try:
                action()
            finally:
                for warning in caught:
                    if issubclass(warning.category, DeprecatedKeyWarning):
                        typer.echo(str(warning.message), err=True)
                    else:
                        warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    except ScenarioError as exc:
        if not exc.problems:
            typer.echo(f"{exc.file}: invalid input", err=True)
        else:
            for problem in exc.problems:
                typer.echo(problem.render(exc.file), err=True)
        raise typer.Exit(2)
    except typer.Exit:
        raise
    except BrokenPipeError:  # `costmodel ... | head`: the reader has gone; nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130)
    except Exception as exc:  # noqa: BLE001 - the user gets one line; --debug shows the traceback
        if _state["debug"]:
            traceback.print_exc()
        first = str(exc).splitlines()[0] if str(exc) else ""
        typer.echo(f"internal error: {type(exc).__name__}: {first} (run with --debug for the traceback)", err=True)
        raise typer.Exit(1)


PRICE_YEAR_OPTION = typer.Option(
    None, "--price-year", min=1990, max=2100,
    help="Restate the result in this year's prices (every kroner figure x the general PL index factor; the "
         "output says which index and factor).")


def _restate_guard(fn, *args):
    from ..errors import Problem

    try:
        return fn(*args)
    except ValueError as exc:
        raise ScenarioError("--price-year", [Problem("", str(exc))]) from None


def restated_result(result, price_year: int | None):
    """`result` in `price_year` prices (unchanged without --price-year); a year the index lacks is bad input."""
    if price_year is None:
        return result
    from .. import kinds

    if not kinds.has_categories(result):
        from ..errors import Problem

        raise ScenarioError("--price-year", [Problem("", "restating works on prospective scenarios; an ex-post "
                                                         "scenario is in its wage table's year")])
    from ..report.restate import restate_result

    return _restate_guard(restate_result, result, price_year)


def restated_tables(tables, price_year: int | None):
    """Sweep tables in `price_year` prices (unchanged without --price-year); a year the index lacks is bad input."""
    if price_year is None:
        return tables
    from ..report.restate import restate_tables

    return _restate_guard(restate_tables, tables, price_year)
