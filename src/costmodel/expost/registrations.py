"""Read a user's own time registrations from CSV (one row per month, staff group and activity type).

Columns: month (YYYY-MM), personalegruppe, hours, aktivitet (med_deltagere | uden_deltagere), optional fase
(docs/scenario_format.md's naming rule: generic quantities English, the assessment's own objects Danish). The old
names `maaned` and `timer` are read until the next release, with a DeprecatedKeyWarning naming the file, line 1
and the new name; errors about their cells name the column as the file writes it.
Decimal commas are accepted ("7,5"), as Danish spreadsheets write them; a number that could be read with a
thousands separator as well as with a decimal one ("1,250" or "1.250") is refused as ambiguous. Every bad cell is
reported (a ValueError, errors.FileProblems) with the file, the line and the column, so the user can fix the
spreadsheet rather than guess.

The file is read and checked column by column: pandas' C reader splits it into columns, each column is factorised
and only its distinct values are checked (a year of registrations has a few dozen months, staff groups and hour
values, not a million), and the rows that hold a bad value are then found with array operations. One pydantic
object per row cost 16 µs and 1,3 KB; a million rows now take about a second (benchmarks/bench_scale.py).
A file with old Mac line ends, or with quotes where pandas does not find exactly one row per line (a quoted
line break, a row with too many values), is split by Python's csv module instead (slower, same checks), so the
line numbers of the errors are always the file's.

Nothing of a file is echoed in an error until its first line shows it is a registrations CSV (it names at least
one of the required columns): a scenario cannot make the tool print the first line of another file.
"""
from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import DeprecatedKeyWarning, FileProblems, Problem, ScenarioError
from ..io.fields import Number, not_negative
from ..io import yamlio  # the size limit read when a file is read (tests lower it)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

REQUIRED_COLUMNS = ("month", "personalegruppe", "hours", "aktivitet")
OLD_COLUMNS = {"maaned": "month", "timer": "hours"}  # old name -> new name, read until the next release
# Danish headers a user types for a required column, named in the "missing column" message (trial F14)
DANISH_COLUMNS = {"måned": "month", "maned": "month", "mnd": "month", "mnd.": "month", "timer": "hours",
                  "antal timer": "hours", "personale": "personalegruppe", "personalegrupper": "personalegruppe",
                  "aktivitetstype": "aktivitet"}
OPTIONAL_COLUMNS = ("fase",)
ACTIVITIES = ("med_deltagere", "uden_deltagere")
# Registered time lies in the past of a living organisation: a month outside these years is a typing error
# (0000-01, 9999-12), never data.
FIRST_YEAR, LAST_YEAR = 1970, 2100
MAX_CELL_PROBLEMS = 1_000  # bad cells listed; beyond that the file has one systematic mistake, said once
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
# One separator followed by exactly three digits after a group of 1-3 (not starting with 0): "1,250" and "1.250"
# read as 1.25 with a decimal separator and as 1250 with a thousands separator; nothing in the cell decides.
_AMBIGUOUS = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}")
_PLAIN = re.compile(r"-?\d+(?:[.,]\d+)?")
_GROUPED_DOT = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")  # Danish: 1.250.000 or 1.250,5
_GROUPED_COMMA = re.compile(r"-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")  # English: 1,250,000 or 1,250.5


def parse_month(text: str) -> str:
    """'2019-3' / '2019-03' -> '2019-03'; anything else, or a year outside FIRST_YEAR..LAST_YEAR, is an error."""
    m = _MONTH.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"month must be YYYY-MM, e.g. 2019-03 (got {text!r})")
    if not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
        raise ValueError(f"month {text!r} is outside {FIRST_YEAR}-{LAST_YEAR}; registrations are months that "
                         "have been (a typing error in the year?)")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


class Registration(BaseModel):
    """One registration: hours one staff group spent in one month on one activity type."""

    # The string under each field is its description in the JSON Schema (costmodel.schema): an editor's hover text.
    model_config = ConfigDict(extra="forbid")

    month: str
    """Måneden, ÅÅÅÅ-MM (fx 2019-03)."""
    personalegruppe: str
    """Personalegruppen: en gruppe i lønfilen eller et navn under `personalegrupper`."""
    hours: Number
    """Timer i måneden [timer], ikke negativt."""
    aktivitet: Literal["med_deltagere", "uden_deltagere"]
    """`med_deltagere` (aktiviteter med deltagere) eller `uden_deltagere` (aktiviteter uden deltagere)."""
    fase: str | None = None
    """Fase (fx opstart); læses med, men indgår ikke i beregningen. Kan udelades."""

    @field_validator("month")
    @classmethod
    def _month(cls, v: str) -> str:
        return parse_month(v)

    @field_validator("hours")
    @classmethod
    def _hours(cls, v: float) -> float:
        return not_negative("hours", v)


class _Ambiguous(ValueError):
    pass


def parse_hours(text: str) -> float:
    """A number of hours as written in a Danish or English spreadsheet.

    Accepted: 7,5 and 7.5; 1.250,5 and 1,250.5 (both separators: the last is the decimal one); 1.250.000 and
    1,250,000 (a repeated separator can only group thousands); spaces between digit groups. Refused as
    ambiguous (_Ambiguous): one separator followed by exactly three digits, 1,250 or 1.250. Anything else that
    float() does not read is a ValueError.
    """
    cleaned = text.strip().replace(" ", "")
    if _PLAIN.fullmatch(cleaned):
        if _AMBIGUOUS.fullmatch(cleaned):
            raise _Ambiguous(cleaned)
        return float(cleaned.replace(",", "."))
    if _GROUPED_DOT.fullmatch(cleaned):
        return float(cleaned.replace(".", "").replace(",", "."))
    if _GROUPED_COMMA.fullmatch(cleaned):
        return float(cleaned.replace(",", ""))
    if "," in cleaned or "_" in cleaned:  # float() would misread or accept these ("1_000", "1,2,3")
        raise ValueError(cleaned)
    return float(cleaned)  # 1e3, inf, nan: finiteness is checked by the caller


# ------------------------------------------------------------------------------------------- the table


class RegistrationTable:
    """Registrations column by column: a pandas frame with columns month, personalegruppe, hours [h],
    aktivitet and fase (categorical where the values repeat). Indexing and iteration give Registration objects,
    for the few places (and tests) that want one row; the engine groups the frame."""

    COLUMNS = ("month", "personalegruppe", "hours", "aktivitet", "fase")

    def __init__(self, frame: "pd.DataFrame"):
        self.frame = frame

    def __len__(self) -> int:
        return len(self.frame)

    def __getitem__(self, i: int) -> "Registration":
        rec = self.frame.iloc[i]
        fase = rec["fase"]
        return Registration.model_construct(month=str(rec["month"]), personalegruppe=str(rec["personalegruppe"]),
                                            hours=float(rec["hours"]), aktivitet=str(rec["aktivitet"]),
                                            fase=None if fase is None or fase != fase else str(fase))

    def __iter__(self) -> Iterator["Registration"]:
        return (self[i] for i in range(len(self)))

    def months(self) -> set[str]:
        """The distinct months registered ('YYYY-MM')."""
        return {str(m) for m in self.frame["month"].unique()}

    def staff_groups(self) -> set[str]:
        """The distinct staff groups registered (the user's own names)."""
        return {str(g) for g in self.frame["personalegruppe"].unique()}

    def records(self) -> list[dict]:
        """Plain rows for YAML (fase only where given)."""
        out = []
        for m, g, t, a, f in zip(*(self.frame[c].tolist() for c in self.COLUMNS)):
            row = {"month": m, "personalegruppe": g, "hours": t, "aktivitet": a}
            if isinstance(f, str):
                row["fase"] = f
            out.append(row)
        return out

    @classmethod
    def from_rows(cls, rows: list["Registration"]) -> "RegistrationTable":
        """A table of inline rows (validated Registration objects)."""
        import pandas as pd

        return cls(_frame({c: [getattr(r, c) for r in rows] for c in cls.COLUMNS}, pd))

    @classmethod
    def concat(cls, tables: list["RegistrationTable"]) -> "RegistrationTable":
        """The rows of `tables` one after another (a single non-empty table is returned as it is)."""
        import pandas as pd

        frames = [t.frame for t in tables if len(t)]
        if not frames:
            return tables[0] if tables else cls.from_rows([])
        if len(frames) == 1:
            return cls(frames[0])
        joined = pd.concat([f.astype({c: object for c in cls.COLUMNS if c != "hours"}) for f in frames],
                           ignore_index=True)
        return cls(_frame({c: joined[c] for c in cls.COLUMNS}, pd))


def _frame(columns: dict, pd) -> "pd.DataFrame":
    out = {c: pd.Categorical(columns[c]) if c != "hours" else pd.array(columns[c], dtype="float64")
           for c in RegistrationTable.COLUMNS}
    return pd.DataFrame(out)


# ------------------------------------------------------------------------------------------- reading


def read_registrations(path: Path) -> RegistrationTable:
    """Every row of the CSV, or FileProblems (a ValueError) listing every bad cell with its line and column."""

    path = Path(path)
    name = str(path)
    try:
        raw = yamlio.read_bytes(path, "registrations CSV", yamlio.MAX_CSV_BYTES)
        raw = _checked_utf8(raw, name)
    except ScenarioError as exc:
        raise FileProblems(name, exc.problems) from None
    head = raw[:4096].decode("utf-8", errors="ignore")
    delimiter = ";" if head.count(";") > head.count(",") else ","
    header, header_end, written = _header(raw, delimiter, name)
    if raw.count(b"\r") != raw.count(b"\r\n"):  # old Mac line ends: only the csv module counts these lines
        columns, lines, problems = _split_with_csv(raw, header, delimiter)
    else:
        columns, lines, problems = _split_with_pandas(raw, header, header_end, delimiter, quoted=b'"' in raw)
    table, cell_problems, unlisted = _check_columns(columns, lines, written)
    problems = sorted(problems + cell_problems, key=lambda p: (p.line or 0, _COLUMN_ORDER.get(p.path, 99)))
    if problems:
        if len(problems) > MAX_CELL_PROBLEMS:
            rest = len(problems) - MAX_CELL_PROBLEMS + unlisted
            problems = problems[:MAX_CELL_PROBLEMS] + [Problem("", f"... and {rest:,} more bad cells; fix the "
                                                                   "ones above first (often one column's format)")]
        raise FileProblems(name, problems)
    if not len(table):
        raise FileProblems(name, [Problem("", "no registrations (only a header?)")])
    return table


_COLUMN_ORDER = {f"column '{c}'": i for i, c in enumerate(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}
_COLUMN_ORDER |= {f"column '{old}'": _COLUMN_ORDER[f"column '{new}'"] for old, new in OLD_COLUMNS.items()}


def _checked_utf8(raw: bytes, name: str) -> bytes:
    """The bytes without a UTF-8 byte-order mark, or a ScenarioError (UTF-16, binary, not UTF-8 with its line).

    Decoded in slices and thrown away: the check must not hold a second, larger copy of a large file."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(name, [Problem("", "file is UTF-16 text (Notepad's 'Unicode'); save it as UTF-8")])
    if b"\x00" in raw:
        raise ScenarioError(name, [Problem("", "file is binary, not text")])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if not raw.isascii():
        decoder = codecs.getincrementaldecoder("utf-8")()
        step = 1 << 22
        view = memoryview(raw)
        for start in range(0, len(raw), step):
            try:
                decoder.decode(view[start:start + step], final=start + step >= len(raw))
            except UnicodeDecodeError as exc:
                # exc.start counts from the decoder's pending bytes (at most 3 carried over from the last slice)
                pos = max(0, start + exc.start - len(decoder.getstate()[0]))
                line = raw[:pos].count(b"\n") + 1
                raise ScenarioError(name, [Problem(
                    "", "file is not UTF-8 text (save it as UTF-8; Windows-1252 or Latin-1 files written by older "
                    "programs are not)", line)]) from None
    return raw


def _header(raw: bytes, delimiter: str, name: str) -> tuple[list[str], int, dict[str, str]]:
    """The stripped column names (old names renamed), the byte offset where the data start, and each renamed
    column's name as the file writes it (for the errors about its cells); FileProblems for a bad header.

    A first line that names none of the required columns is not a registrations CSV: it is not shown."""
    end = raw.find(b"\n")
    end = len(raw) if end < 0 else end + 1
    first = raw[:end].decode("utf-8")
    try:
        header = [h.strip() for h in next(csv.reader(io.StringIO(first, newline=""), delimiter=delimiter), [])]
    except csv.Error as exc:
        raise FileProblems(name, [Problem("", f"not a readable CSV file: {exc}", 1)]) from None
    header, written = _upgrade_header(header, name)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing and len(missing) == len(REQUIRED_COLUMNS):
        raise FileProblems(name, [Problem(
            "", f"missing column(s) {', '.join(missing)}: the first line names none of them, so this is not a "
            "registrations CSV (its content is not shown)", 1)])
    if missing:
        as_written = [written.get(h, h) for h in header]  # the columns as the file names them (trial F14)
        hints = [f"write {new!r}, not {h!r}" for h in as_written
                 if (new := DANISH_COLUMNS.get(h.lower())) in missing]
        raise FileProblems(name, [Problem(
            "", f"missing column(s) {', '.join(missing)} (have: {', '.join(as_written)})"
                + "".join(f"; {h}" for h in hints), 1)])
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise FileProblems(name, [Problem("", f"unknown column(s) {', '.join(unknown)}; allowed: "
                                              f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}", 1)])
    doubled = sorted({c for c in header if header.count(c) > 1})
    if doubled:
        raise FileProblems(name, [Problem("", f"column(s) {', '.join(doubled)} appear more than once", 1)])
    return header, end, written


def _upgrade_header(header: list[str], name: str) -> tuple[list[str], dict[str, str]]:
    """The header with the old column names (OLD_COLUMNS) renamed, a DeprecatedKeyWarning for each, and
    new name -> old name of those renamed; FileProblems at line 1 if a file gives both names of one column."""
    both = [old for old, new in OLD_COLUMNS.items() if old in header and new in header]
    if both:
        raise FileProblems(name, [Problem("", f"give column {OLD_COLUMNS[old]!r} only; {old!r} is its old name", 1)
                                  for old in both])
    written: dict[str, str] = {}
    for old, new in OLD_COLUMNS.items():
        if old in header:
            written[new] = old
            warnings.warn(DeprecatedKeyWarning(f"{name}:1: column {old!r}: old column name; write {new!r} "
                                               "(old names are read until the next release)"), stacklevel=4)
    return [OLD_COLUMNS.get(h, h) for h in header], written


def _too_many(count: int, n_header: int, line: int) -> Problem:
    return Problem("", f"{count} values but the header has {n_header} columns "
                       f"(a decimal comma in a comma-separated file? use ';' or quote the value)", line)


def _split_with_pandas(raw: bytes, header: list[str], start: int, delimiter: str, quoted: bool = False):
    """Columns of raw strings (rows with too many values dropped), their line numbers, and structural problems.

    For files with \\n or \\r\\n line ends. Without quotes every line is one row, so the values on a line are
    its delimiters + 1, counted with numpy, and row i of pandas' frame is line i + 2. With quotes a delimiter
    may sit inside a value, so pandas must find exactly one row per line and nothing to skip or warn about (a
    quoted line break or a row with too many values sends the file to the csv module, which says where)."""
    import numpy as np
    import pandas as pd

    body = memoryview(raw)[start:]
    data = np.frombuffer(body, dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    if len(data) and data[-1] != 10:
        ends = np.append(ends, len(data))
    n_lines = len(ends)
    delims = np.bincount(np.searchsorted(ends, np.flatnonzero(data == ord(delimiter))), minlength=n_lines)
    del data
    lines = np.arange(2, n_lines + 2)
    if not n_lines:
        return {c: np.array([], dtype=object) for c in header}, lines, []
    options = dict(sep=delimiter, header=None, names=range(len(header)), dtype=str, keep_default_na=False,
                   na_filter=False, skip_blank_lines=False, index_col=False, engine="c", on_bad_lines="skip")
    if quoted:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            try:
                frame = pd.read_csv(io.BytesIO(body), quoting=csv.QUOTE_MINIMAL, **options)
            except (pd.errors.ParserWarning, pd.errors.ParserError):
                frame = None
        if frame is None or len(frame) != n_lines:
            return _split_with_csv(raw, header, delimiter)
        return {h: frame[i].to_numpy(dtype=object) for i, h in enumerate(header)}, lines, []
    with warnings.catch_warnings():  # a first row with too many values warns and is kept cut: caught below
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        frame = pd.read_csv(io.BytesIO(body), quoting=csv.QUOTE_NONE, **options)
    counts = delims[:n_lines] + 1
    bad = counts > len(header)
    problems = [_too_many(int(c), len(header), int(line)) for c, line in zip(counts[bad], lines[bad])]
    # on_bad_lines="skip" drops exactly the rows with too many values
    if len(frame) != int((~bad).sum()):  # pandas split differently than counted: let the csv module decide
        columns, csv_lines, csv_problems = _split_with_csv(raw, header, delimiter)
        return columns, csv_lines, csv_problems
    columns = {h: frame[i].to_numpy(dtype=object) for i, h in enumerate(header)}
    return columns, lines[~bad], problems


def _split_with_csv(raw: bytes, header: list[str], delimiter: str):
    """As _split_with_pandas, for any file Python's csv module reads (quotes, line breaks inside quotes)."""
    import numpy as np


    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), delimiter=delimiter)
    next(reader, None)
    n = len(header)
    cols: list[list[str]] = [[] for _ in header]
    lines: list[int] = []
    problems: list[Problem] = []
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem("", f"not readable as CSV: {exc}", reader.line_num))
            break
        if len(values) > n:
            problems.append(_too_many(len(values), n, reader.line_num))
            continue
        if len(values) < n:
            values = values + [""] * (n - len(values))
        for col, v in zip(cols, values):
            col.append(v)
        lines.append(reader.line_num)
    return ({h: np.array(c, dtype=object) for h, c in zip(header, cols)}, np.array(lines, dtype=np.int64),
            problems)


def _check_columns(columns: dict, lines: "np.ndarray", written: dict[str, str] | None = None):
    """The table of good rows, a Problem for every bad cell (at most MAX_CELL_PROBLEMS + 1 a column) and the
    number of bad cells beyond those; blank rows are skipped.

    Each column is factorised and its distinct values checked once, with the messages of the row-by-row reader
    this replaced. The delimiter does not change how numbers are read: "1,250" and "1.250" are ambiguous in a
    ','- and a ';'-separated file alike (people type Danish numbers into English CSVs and the reverse)."""
    import numpy as np
    import pandas as pd


    n = len(lines)
    blank = np.ones(n, dtype=bool)
    parsed: dict[str, tuple[np.ndarray, list[str]]] = {}
    for col in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
        if col in columns:
            codes, uniques = pd.factorize(columns[col])
            stripped = [str(u).strip() for u in uniques]
            if stripped:
                blank &= np.asarray([s == "" for s in stripped], dtype=bool)[codes]
            parsed[col] = (codes, stripped)
    checks = {"month": _month_cell, "personalegruppe": _group_cell, "hours": _hours_cell,
              "aktivitet": _activity_cell}
    problems: list[Problem] = []
    unlisted = 0
    good: dict[str, tuple[np.ndarray, list]] = {}
    for col, check in checks.items():
        codes, stripped = parsed[col]
        results = [check(s) for s in stripped]  # (value, None) or (None, message) per distinct value
        bad_codes = np.flatnonzero(np.array([msg is not None for _, msg in results], dtype=bool))
        if len(bad_codes):
            rows = np.flatnonzero(np.isin(codes, bad_codes) & ~blank)
            shown = (written or {}).get(col, col)  # the column's name as the file writes it
            problems += [Problem(f"column '{shown}'", results[codes[r]][1], int(lines[r]))
                         for r in rows[: MAX_CELL_PROBLEMS + 1]]
            unlisted += max(0, len(rows) - MAX_CELL_PROBLEMS - 1)
        good[col] = (codes, [v for v, _ in results])
    if problems:
        return None, problems, unlisted
    keep = ~blank
    frame: dict = {}
    for col in ("month", "personalegruppe", "aktivitet"):
        frame[col] = _categorical(*good[col], keep, pd, np)
    codes, hours = good["hours"]
    frame["hours"] = np.asarray(hours, dtype=np.float64)[codes[keep]] if hours else np.zeros(0)
    if "fase" in parsed:
        codes, stripped = parsed["fase"]
        frame["fase"] = _categorical(codes, [s or None for s in stripped], keep, pd, np)
    else:
        frame["fase"] = pd.Categorical([None] * int(keep.sum()))
    return RegistrationTable(pd.DataFrame(frame, columns=list(RegistrationTable.COLUMNS))), [], 0


def _categorical(codes, values: list, keep, pd, np):
    """Categorical of values[codes[keep]]; values may repeat ('2019-3' and '2019-03') or be None (missing)."""
    if not values:
        return pd.Categorical([])
    categories = sorted({v for v in values if v is not None})
    index = {v: i for i, v in enumerate(categories)}
    recode = np.array([index[v] if v is not None else -1 for v in values], dtype=np.int64)
    return pd.Categorical.from_codes(recode[codes[keep]], categories=categories)


def _month_cell(text: str):
    try:
        return parse_month(text), None
    except ValueError as exc:
        return None, str(exc)


def _group_cell(text: str):
    return (text, None) if text else (None, "empty staff group")


def _hours_cell(text: str):
    try:
        hours = parse_hours(text)
    except _Ambiguous:
        return None, (f"{text!r} is ambiguous (a thousands separator or a decimal one?); write it without "
                      "separators (1250) or with a decimal comma and no thousands dot (1,25)")
    except ValueError:
        return None, f"not a number: {text!r}"
    if not math.isfinite(hours):
        return None, f"not a finite number: {text!r}"
    if hours < 0:
        return None, f"hours must not be negative (got {text})"
    return hours, None


def _activity_cell(text: str):
    if text in ACTIVITIES:
        return text, None
    return None, f"must be one of {', '.join(ACTIVITIES)} (got {text!r})"
