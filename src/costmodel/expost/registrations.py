"""Read a user's own time registrations from CSV (one row per month, staff group and activity type).

Columns: maaned (YYYY-MM), personalegruppe, timer, aktivitet (med_deltagere | uden_deltagere), optional fase.
Decimal commas are accepted ("7,5"), as Danish spreadsheets write them. Every bad row raises ValueError naming
the file, the line and the column, so the user can fix the spreadsheet rather than guess.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Registration

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


def read_registrations(path: Path) -> list["Registration"]:
    from .model import Registration

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"registrations file not found: {path}")
    with path.open(newline="", encoding="utf-8-sig") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"{path}: line 1: missing column(s) {', '.join(missing)} (have: {', '.join(header)})")
        unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
        if unknown:
            raise ValueError(
                f"{path}: line 1: unknown column(s) {', '.join(unknown)}; allowed: "
                f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}"
            )
        rows: list[Registration] = []
        for raw in reader:
            line = reader.line_num
            rec = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
            if not any(rec.values()):
                continue  # blank line
            rows.append(_row(path, line, rec, Registration))
    if not rows:
        raise ValueError(f"{path}: no registrations (only a header?)")
    return rows


def _row(path: Path, line: int, rec: dict[str, str], model: type) -> "Registration":
    def fail(column: str, message: str) -> ValueError:
        return ValueError(f"{path}: line {line}, column '{column}': {message}")

    try:
        month = parse_month(rec["maaned"])
    except ValueError as exc:
        raise fail("maaned", str(exc)) from None
    group = rec["personalegruppe"]
    if not group:
        raise fail("personalegruppe", "empty staff group")
    try:
        hours = _number(rec["timer"])
    except ValueError:
        raise fail("timer", f"not a number: {rec['timer']!r}") from None
    if hours != hours or hours in (float("inf"), float("-inf")):
        raise fail("timer", f"not a finite number: {rec['timer']!r}")
    if hours < 0:
        raise fail("timer", f"hours must not be negative (got {rec['timer']})")
    activity = rec["aktivitet"]
    if activity not in ACTIVITIES:
        raise fail("aktivitet", f"must be one of {', '.join(ACTIVITIES)} (got {activity!r})")
    return model(maaned=month, personalegruppe=group, timer=hours, aktivitet=activity, fase=rec.get("fase") or None)
