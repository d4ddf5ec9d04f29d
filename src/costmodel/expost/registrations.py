"""Read a user's own time registrations from CSV (one row per month, staff group and activity type).

Columns: maaned (YYYY-MM), personalegruppe, timer, aktivitet (med_deltagere | uden_deltagere), optional fase.
Decimal commas are accepted ("7,5"), as Danish spreadsheets write them. Every bad cell is reported (a ValueError,
errors.FileProblems) with the file, the line and the column, so the user can fix the spreadsheet rather than guess.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import FileProblems, Problem, ScenarioError
from ..io.fields import Number
from ..io import yamlio  # the size limit read when a file is read (tests lower it)

REQUIRED_COLUMNS = ("maaned", "personalegruppe", "timer", "aktivitet")
OPTIONAL_COLUMNS = ("fase",)
ACTIVITIES = ("med_deltagere", "uden_deltagere")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> str:
    """'2019-3' / '2019-03' -> '2019-03'; anything else is an error."""
    m = _MONTH.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"maaned must be YYYY-MM, e.g. 2019-03 (got {text!r})")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def _number(text: str) -> float:
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned:  # Danish: thousands dot, decimal comma
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


class Registration(BaseModel):
    """One registration: hours one staff group spent in one month on one activity type."""

    model_config = ConfigDict(extra="forbid")

    maaned: str = Field(description="YYYY-MM")
    personalegruppe: str
    timer: Number
    aktivitet: Literal["med_deltagere", "uden_deltagere"]
    fase: str | None = None

    @field_validator("maaned")
    @classmethod
    def _month(cls, v: str) -> str:
        return parse_month(v)

    @field_validator("timer")
    @classmethod
    def _hours(cls, v: float) -> float:
        if v < 0:
            raise ValueError(f"timer must not be negative (got {v:g})")
        return v


def read_registrations(path: Path) -> list[Registration]:
    """Every row of the CSV, or FileProblems (a ValueError) listing every bad row with its line and column."""
    path = Path(path)
    name = str(path)
    try:
        text = yamlio.decode(yamlio.read_bytes(path, "registrations CSV", yamlio.MAX_CSV_BYTES), name)
    except ScenarioError as exc:
        raise FileProblems(name, exc.problems) from None
    delimiter = ";" if text[:4096].count(";") > text[:4096].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise FileProblems(name, [Problem("", f"not a readable CSV file: {exc}", 1)]) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise FileProblems(name, [Problem("", f"missing column(s) {', '.join(missing)} (have: {', '.join(header)})", 1)])
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise FileProblems(name, [Problem("", f"unknown column(s) {', '.join(unknown)}; allowed: "
                                              f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}", 1)])
    doubled = sorted({c for c in header if header.count(c) > 1})
    if doubled:
        raise FileProblems(name, [Problem("", f"column(s) {', '.join(doubled)} appear more than once", 1)])
    rows: list[Registration] = []
    problems: list[Problem] = []
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem("", f"not readable as CSV: {exc}", reader.line_num))
            break
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue  # blank line
        if len(values) > len(header):
            problems.append(Problem("", f"{len(values)} values but the header has {len(header)} columns "
                                        f"(a decimal comma in a comma-separated file? use ';' or quote the value)", line))
            continue
        rec = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        try:
            rows.append(_row(rec, Registration, danish=delimiter == ";"))
        except _BadCell as exc:
            problems.extend(Problem(f"column '{column}'", message, line) for column, message in exc.cells)
    if problems:
        raise FileProblems(name, problems)
    if not rows:
        raise FileProblems(name, [Problem("", "no registrations (only a header?)")])
    return rows


class _Ambiguous(ValueError):
    pass


class _BadCell(ValueError):
    def __init__(self, cells: list[tuple[str, str]]):
        self.cells = cells
        super().__init__("; ".join(f"{c}: {m}" for c, m in cells))


def _row(rec: dict[str, str], model: type, danish: bool = False) -> Registration:
    """One registration, or _BadCell listing every bad cell of the row."""
    cells: list[tuple[str, str]] = []
    month = hours = None
    try:
        month = parse_month(rec["maaned"])
    except ValueError as exc:
        cells.append(("maaned", str(exc)))
    group = rec["personalegruppe"]
    if not group:
        cells.append(("personalegruppe", "empty staff group"))
    try:
        if danish and re.fullmatch(r"\d{1,3}(\.\d{3})+", rec["timer"].strip()):
            # In a ';'-separated (Danish Excel) file 1.250 is a thousands dot; a decimal would be written 1,25
            raise _Ambiguous
        hours = _number(rec["timer"])
    except _Ambiguous:
        cells.append(("timer", f"{rec['timer']!r} is ambiguous in a ';'-separated file (thousands dot or decimal "
                               "point?); write it without the dot, or with a decimal comma"))
    except ValueError:
        cells.append(("timer", f"not a number: {rec['timer']!r}"))
    else:
        if hours != hours or hours in (float("inf"), float("-inf")):
            cells.append(("timer", f"not a finite number: {rec['timer']!r}"))
        elif hours < 0:
            cells.append(("timer", f"hours must not be negative (got {rec['timer']})"))
    activity = rec["aktivitet"]
    if activity not in ACTIVITIES:
        cells.append(("aktivitet", f"must be one of {', '.join(ACTIVITIES)} (got {activity!r})"))
    if cells:
        raise _BadCell(cells)
    return model(maaned=month, personalegruppe=group, timer=hours, aktivitet=activity, fase=rec.get("fase") or None)
