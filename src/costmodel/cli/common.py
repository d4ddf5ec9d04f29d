"""What every command shares: writing the output whole or not at all, and turning errors into exit codes.

The command modules (commands, analysis, report) import this one; it imports none of them.
"""
from __future__ import annotations

import os
import sys
import traceback
import warnings
from enum import Enum
from pathlib import Path

import typer

from ..errors import DeprecatedKeyWarning, InputError, ScenarioError

_state = {"debug": False}


class Format(str, Enum):
    """Output formats of run, sweep, reproduce and compare: a Danish table, JSON, CSV or Markdown."""
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _write(text: str, output: Path | None, force: bool, inputs=()) -> None:
    """Print, or write the whole file atomically (atomic.write_atomic: temporary file, then rename; an existing
    file only with --force; never one of `inputs`, the files the command read: kinds.input_files)."""
    if output is None:
        from ..io.neutralise import terminal

        text = terminal(text)  # no ESC/BEL from a scenario reaches the terminal
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from ..io.atomic import write_atomic

    write_atomic(output, text, force, inputs=inputs)


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that every `finally` and cleanup runs (temporary files and
    directories of an output being written are removed) before the process ends."""


def _terminate_cleanly():
    """Install the SIGTERM handler; returns a function that puts the previous one back."""
    import signal
    import threading

    def handler(signum, frame):
        raise Terminated()

    if threading.current_thread() is not threading.main_thread():  # signal handlers live in the main thread only
        return lambda: None
    previous = signal.signal(signal.SIGTERM, handler)
    return lambda: signal.signal(signal.SIGTERM, previous)


def write_chunks(chunks, output: Path | None, force: bool, inputs=()) -> None:
    """As _write, for text made in pieces (a large table is written as it is made, never held as one string):
    to stdout ending in a newline, or to a file whole or not at all (never one of `inputs`)."""
    import sys

    if output is None:
        from ..io.neutralise import terminal

        last = ""
        for piece in chunks:
            if piece:
                piece = terminal(piece)  # character by character, so pieces may be escaped one at a time
                sys.stdout.write(piece)
                last = piece
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        return
    from ..io.atomic import write_atomic

    write_atomic(output, chunk_writer(chunks), force, inputs=inputs)


def chunk_writer(chunks):
    """A function that writes `chunks` (pieces of text) to a path, UTF-8, as io.atomic writes text: content for
    write_atomic and write_all that is made while it is written."""
    def save(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            for piece in chunks:
                handle.write(piece)

    return save


def _guard(action):
    """Run a command: bad input -> every problem on stderr, exit 2; anything unexpected -> one line, exit 1
    (`--debug` adds the traceback). No traceback reaches a user otherwise. Nothing printed carries a control
    character from the input (neutralise.terminal). Old key names in a file: one line each on stderr
    (`file:line: path: old key name; write 'new'`), and the command runs."""
    from ..io.neutralise import terminal

    restore = _terminate_cleanly()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", DeprecatedKeyWarning)
            # only the old-key warnings are kept (to print after the command); any other warning is shown as it
            # comes, under the usual filters: recording them all kept one per glyph a plot could not draw (GBs)
            deprecated: list = []
            shown = warnings.showwarning

            def show(message, category, filename, lineno, file=None, line=None):
                if issubclass(category, DeprecatedKeyWarning):
                    deprecated.append(message)
                else:
                    shown(message, category, filename, lineno, file, line)

            warnings.showwarning = show
            try:
                action()
            finally:
                for message in deprecated:
                    typer.echo(terminal(str(message)), err=True)
    except ScenarioError as exc:
        if not exc.problems:
            typer.echo(terminal(f"{exc.file}: invalid input"), err=True)
        else:
            for problem in exc.problems:
                typer.echo(terminal(problem.render(exc.file)), err=True)
        raise typer.Exit(2)
    except typer.Exit:
        raise
    except InputError as exc:  # an argument out of its range (a bound of io/limits.py, say): the user's to fix
        typer.echo(terminal(f"error: {exc}"), err=True)
        raise typer.Exit(2)
    except BrokenPipeError:  # `costmodel ... | head`: the reader has gone; nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130)
    except Terminated:
        typer.echo("terminated; nothing was left half-written", err=True)
        raise typer.Exit(143)
    except Exception as exc:  # noqa: BLE001 - the user gets one line; --debug shows the traceback
        if _state["debug"]:
            traceback.print_exc()
        first = str(exc).splitlines()[0] if str(exc) else ""
        typer.echo(terminal(f"internal error: {type(exc).__name__}: {first}") + " (run with --debug for the traceback)", err=True)
        raise typer.Exit(1)
    finally:
        restore()


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


def restated_scenario(scenario, price_year: int | None):
    """`scenario` with every kroner input in `price_year` prices (unchanged without --price-year); a year the index
    lacks is bad input."""
    if price_year is None:
        return scenario
    from ..report.restate import restated_scenario as restate

    return _restate_guard(restate, scenario, price_year)


def restated_result(result, price_year: int | None):
    """`result` in `price_year` prices (unchanged without --price-year); a year the index lacks is bad input."""
    if price_year is None:
        return result
    from ..report.restate import restate_result

    return _restate_guard(restate_result, result, price_year)


def restated_tables(tables, price_year: int | None):
    """Sweep tables in `price_year` prices (unchanged without --price-year); a year the index lacks is bad input."""
    if price_year is None:
        return tables
    from ..report.restate import restate_tables

    return _restate_guard(restate_tables, tables, price_year)
