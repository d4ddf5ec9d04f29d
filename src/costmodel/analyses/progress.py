"""A progress bar for long analyses on a terminal (rich, on stderr); nothing at all when stderr is not a tty."""
from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def bar(total: int, description: str, enabled: bool = True):
    """Yield a callback `advance(n)`, or None when there is no terminal to show progress on."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)
