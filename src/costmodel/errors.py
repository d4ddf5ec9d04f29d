"""Errors a user can act on: each names the file, the field path and, where known, the line.

One family: every error the package raises for bad input derives from `CostModelError`. `ScenarioError` carries
the problems of one file (the CLI prints them and exits with code 2); `InputError` says an argument is out of
range (a ValueError too, so callers that catch ValueError keep working); `PathError` says a dotted parameter path
does not lead to a value (`OverrideError` and `ParameterError` are its two uses); `FieldProblems` and
`FileProblems` travel inside pydantic validation and the loader turns them into `Problem`s.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class CostModelError(Exception):
    """Base of every error costmodel raises for input a user can correct."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    path: str  # dotted field path, e.g. "drift.3.hours"; "" for the whole file
    message: str
    line: int | None = None
    file: str | None = None  # set when the problem is in another file than the error's (a registrations CSV)

    def render(self, file: str) -> str:
        """The problem as one line: `file:line: field.path: message`."""
        file = self.file or file
        where = f"{file}:{self.line}" if self.line else file
        field_part = f" {self.path}:" if self.path else ""
        return f"{where}:{field_part} {self.message}"


@dataclass
class ScenarioError(CostModelError):
    """Raised for bad input. The CLI prints every problem and exits with code 2."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.render(self.file) for p in self.problems) or f"{self.file}: invalid input"


class InputError(CostModelError, ValueError):
    """A value given to a function is out of its range (an analysis's range, draws, measure, a missing table)."""


class PathError(CostModelError, ValueError):
    """A dotted path (`forloeb.deltagere_pr_forloeb`, `drift.aktiviteter.amount`) does not lead to a value."""


class DeprecatedKeyWarning(FutureWarning):
    """A scenario file uses the old name of a key; it is read for one more release (the CLI prints it on stderr
    as `file:line: path: message`)."""


class FieldProblems(CostModelError, ValueError):
    """Several problems found by one validator, each at its own place.

    `items` are (location relative to the model being validated, message); the loader turns each into a
    Problem with its own field path and line. Raised inside a pydantic validator it is a ValueError, so pydantic
    reports it like any other; outside the loader its text lists every problem.
    """

    def __init__(self, items: list[tuple[tuple, str]]):
        self.items = list(items)
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {msg}" if loc else msg for loc, msg in self.items))


class FileProblems(CostModelError, ValueError):
    """Problems in another file that a scenario refers to (a registrations CSV), each with its line and column."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = list(problems)
        super().__init__("\n".join(
            f"{file}: line {p.line}, {p.path}: {p.message}" if p.line else f"{file}: {p.message}"
            for p in self.problems))


def single(file: str, message: str, path: str = "", line: int | None = None) -> ScenarioError:
    """A ScenarioError with one problem."""
    return ScenarioError(file, [Problem(path, message, line)])
