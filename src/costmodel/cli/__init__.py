"""The `costmodel` command (one module per command group).

`main` answers `costmodel --version` before anything else is imported (typer alone costs a fifth of the
start-up floor); `app` (typer) is imported on first use.
"""
from __future__ import annotations

import sys

__all__ = ["app", "main"]


def main() -> None:
    """The console script: `costmodel --version` at once, anything else through typer."""
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"costmodel {__version__}\n")
        return
    from .commands import main as run_app

    run_app()


def __getattr__(name: str):
    if name == "app":
        from .commands import app

        return app
    raise AttributeError(f"module 'costmodel.cli' has no attribute {name!r}")
