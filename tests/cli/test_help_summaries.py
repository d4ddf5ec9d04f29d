"""`costmodel --help` lists each command with its summary line (review R2): a summary written over two source lines
showed as a line broken in the middle of the listing."""
from __future__ import annotations

import typer

from costmodel.cli import app


def test_every_command_summary_is_one_line():
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():
        first = (sub.help or "").strip().split("\n\n")[0]
        assert first and "\n" not in first, f"{name}: summary over several lines: {first!r}"


def test_every_argument_and_option_says_what_it_is():
    """Each argument and option has a help text, except --format (its choices are its help) (review R2: sweep's
    --output and --force, validate's FILE, reproduce's --report and breakeven's --measure had none)."""
    command = typer.main.get_command(app)
    bare = [f"{name} {p.name}" for name, sub in command.commands.items() for p in sub.params
            if not getattr(p, "help", None) and p.name != "format"]
    assert not bare, bare
