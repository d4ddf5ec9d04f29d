"""Errors a user can act on: each names the file, the field path and, where known, the line."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    path: str  # dotted field path, e.g. "drift.3.hours"; "" for the whole file
    message: str
    line: int | None = None

    def render(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        field_part = f" {self.path}:" if self.path else ""
        return f"{where}:{field_part} {self.message}"


@dataclass
class ScenarioError(Exception):
    """Raised for bad input. The CLI prints every problem and exits with code 2."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.render(self.file) for p in self.problems) or f"{self.file}: invalid input"


def single(file: str, message: str, path: str = "", line: int | None = None) -> ScenarioError:
    return ScenarioError(file, [Problem(path, message, line)])
