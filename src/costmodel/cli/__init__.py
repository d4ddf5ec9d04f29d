"""The `costmodel` command (one module per command group)."""
from .commands import app, main

__all__ = ["app", "main"]
