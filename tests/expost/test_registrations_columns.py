"""Registrations read column-wise (issue 12) and the registrations rules of issue 9: the path stays in the
scenario's folder, nothing of a foreign file is echoed, ambiguous numbers and implausible months are refused.

Expected values are written into the CSVs by the tests themselves (plain numbers chosen here), never read back
from the reader under test.
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app
from costmodel.expost.registrations import read_registrations

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "expost_eget_eksempel.yaml"
HEADER = "month,personalegruppe,hours,aktivitet,fase\n"
runner = CliRunner()


def write(tmp_path: Path, text: str, name: str = "reg.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scenario_with_csv(folder: Path, csv_value: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8").replace("csv: expost_registreringer.csv", f"csv: '{csv_value}'")
    path = folder / "eget.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> str:
    with pytest.raises(ValueError) as err:
        read_registrations(path)
    return str(err.value)


def cli(*args) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stderr


# --- the path stays inside the scenario's folder -------------------------------------------------------------


def csv_line(path: Path) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "csv:" in line)


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_registrations_path_outside_the_folder_is_refused(tmp_path, how):
    outside = tmp_path / "elsewhere" / "reg.csv"
    outside.parent.mkdir()
    outside.write_bytes((ROOT / "examples" / "expost_registreringer.csv").read_bytes())
    folder = tmp_path / "scen"
    folder.mkdir()
    if how == "symlink":
        os.symlink(outside, folder / "reg.csv")
    given = {"absolute": str(outside), "dotdot": "../elsewhere/reg.csv", "symlink": "reg.csv"}[how]
    scenario = scenario_with_csv(folder, given)
    code, err = cli("run", scenario)
    assert code == 2, err
    assert f"{scenario}:{csv_line(scenario)}: registreringer.csv:" in err
    assert "scenario's folder" in err and "--allow-outside-paths" in err
    code, err = cli("--allow-outside-paths", "run", scenario)
    assert code == 0, err
    code, err = cli("run", scenario)  # the flag held for one command only
    assert code == 2


def test_registrations_in_a_subfolder_are_read(tmp_path):
    sub = tmp_path / "scen" / "data"
    sub.mkdir(parents=True)
    (sub / "reg.csv").write_bytes((ROOT / "examples" / "expost_registreringer.csv").read_bytes())
    code, err = cli("run", scenario_with_csv(tmp_path / "scen", "data/reg.csv"))
    assert code == 0, err


def test_foreign_file_content_is_not_echoed(tmp_path):
    folder = tmp_path / "scen"
    folder.mkdir()
    (folder / "shadow").write_text("hemmeligrod:*:19000:0:99999:7:::\ndaemonx:*:19000:0:99999:7:::\n", encoding="utf-8")
    code, err = cli("run", scenario_with_csv(folder, "shadow"))
    assert code == 2 and "not a registrations CSV" in err and "missing column(s)" in err
    assert "hemmeligrod" not in err and "19000" not in err and "daemonx" not in err
    # with the flag and a file outside, the same: nothing of it is shown
    outside = tmp_path / "passwd"
    outside.write_text("secret-user:x:1000:1000::/home/secret:/bin/sh\n", encoding="utf-8")
    code, err = cli("--allow-outside-paths", "run", scenario_with_csv(folder, str(outside)))
    assert code == 2 and "secret" not in err


def test_header_of_a_registrations_csv_is_still_shown(tmp_path):
    # one required column named: it is a registrations CSV with a typo, and the header helps
    text = problems(write(tmp_path, "month,personalegrupe,hours,aktivitet\n2019-01,leder,2,med_deltagere\n"))
    assert "missing column(s) personalegruppe (have: month, personalegrupe, hours, aktivitet)" in text


# --- numbers that could be read two ways ---------------------------------------------------------------------


@pytest.mark.parametrize("sep, cell", [(",", '"1,250"'), (";", "1,250"), (";", "1.250"), (",", "1.250"),
                                       (",", '"12,500"'), (";", "-1.250")])
def test_thousands_or_decimal_is_ambiguous(tmp_path, sep, cell):
    head = HEADER.replace(",", sep)
    row = sep.join(["2019-01", "leder", cell, "med_deltagere", "x"])
    text = problems(write(tmp_path, head + sep.join(["2019-01", "leder", "2", "med_deltagere", "x"]) + "\n" + row + "\n"))
    assert "line 3, column 'hours'" in text and "is ambiguous" in text


@pytest.mark.parametrize("sep, cell, hours", [
    (",", '"0,250"', 0.25),  # a thousands group never starts with 0
    (",", '"1,25"', 1.25), (",", "1.25", 1.25), (";", "1,25", 1.25),
    (";", "1.250,5", 1250.5), (",", '"1,250.5"', 1250.5),  # both separators: the last is the decimal one
    (";", "1.250.000", 1_250_000.0), (",", '"1,250,000"', 1_250_000.0),  # repeated: only thousands
    (",", "1250", 1250.0), (";", "1 250", 1250.0), (",", "36", 36.0), (",", "7.1234", 7.1234),
])
def test_numbers_whose_reading_is_certain(tmp_path, sep, cell, hours):
    head = HEADER.replace(",", sep)
    (row,) = read_registrations(write(tmp_path, head + sep.join(["2019-01", "leder", cell, "med_deltagere", "x"]) + "\n"))
    assert row.hours == hours


@pytest.mark.parametrize("cell", ['"1,2,3"', '"1.25,500"', "1_000", '"1,25.5"'])
def test_malformed_groupings_are_not_numbers(tmp_path, cell):
    text = problems(write(tmp_path, HEADER + f"2019-01,leder,{cell},med_deltagere,x\n"))
    assert "line 2, column 'hours': not a number" in text


# --- months --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "1969-12", "2101-01"])
def test_implausible_months_are_refused(tmp_path, month):
    text = problems(write(tmp_path, HEADER + f"{month},leder,2,med_deltagere,x\n"))
    assert "line 2, column 'month'" in text and "outside 1970-2100" in text


def test_months_at_the_bounds_are_read(tmp_path):
    rows = read_registrations(write(tmp_path, HEADER + "1970-01,leder,2,med_deltagere,x\n2100-12,leder,2,med_deltagere,x\n"))
    assert [r.month for r in rows] == ["1970-01", "2100-12"]


def test_inline_rows_use_the_same_month_bound(load):
    import pydantic

    with pytest.raises(pydantic.ValidationError, match="outside 1970-2100"):
        load(EXAMPLE, registreringer={"rows": [{"month": "9999-12", "personalegruppe": "leder", "hours": 2,
                                                "aktivitet": "med_deltagere"}]})


# --- column-wise reading gives what was written, with the lines of the file ------------------------------------


def _random_rows(n: int, seed: int):
    rng = random.Random(seed)
    groups = ["leder", "socialraadgiver", "psykolog", "familieterapeut"]
    out = []
    for _ in range(n):
        month = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):0{rng.choice([1, 2])}d}"
        hours = rng.randint(0, 400) / 4  # exact in binary, so the written text reads back exactly
        out.append((month, rng.choice(groups), hours, rng.choice(["med_deltagere", "uden_deltagere"]),
                    rng.choice(["", "opstart", "forløb"])))
    return out


@pytest.mark.parametrize("quoted", [False, True])
def test_many_rows_read_back_exactly(tmp_path, quoted):
    rows = _random_rows(5_000, seed=3 + quoted)
    body = []
    for m, g, h, a, f in rows:
        text = f"{h:g}".replace(".", ",")
        cell = f'"{text}"' if quoted or "," in text else text  # a quote anywhere sends the file to the csv module
        body.append(f"{m}, {g} ,{cell},{a},{f}")
    path = write(tmp_path, HEADER + "\n".join(body) + "\n")
    table = read_registrations(path)
    assert len(table) == len(rows)
    frame = table.frame
    assert list(frame["hours"]) == [h for _, _, h, _, _ in rows]
    assert list(frame["personalegruppe"].astype(str)) == [g for _, g, _, _, _ in rows]
    assert list(frame["month"].astype(str)) == [f"{m[:4]}-{int(m[5:]):02d}" for m, *_ in rows]
    assert [None if f != f else f for f in frame["fase"].astype(object)] == [f or None for *_, f in rows]


def test_line_numbers_with_blank_lines_crlf_and_quoted_line_breaks(tmp_path):
    plain = HEADER.replace("\n", "\r\n") + "2019-01,leder,2,med_deltagere,x\r\n\r\n   \r\n2019-01,leder,tre,med_deltagere,x\r\n"
    assert "line 5, column 'hours': not a number: 'tre'" in problems(write(tmp_path, plain))
    quoted = HEADER + '2019-01,leder,2,med_deltagere,"two\nlines"\n\n2019-01,leder,tre,med_deltagere,x\n'
    assert "line 5, column 'hours': not a number: 'tre'" in problems(write(tmp_path, quoted))


def test_too_many_values_on_the_first_row_and_cells_after_it(tmp_path):
    path = write(tmp_path, HEADER + "2019-01,leder,2,med_deltagere,x,y\n2019-01,leder,-1,med_deltagere,x\n"
                                    "2019-01,leder,2,med_deltagere,x,y,z\n")
    with pytest.raises(ValueError) as err:
        read_registrations(path)
    found = [(p.line, p.path, p.message.split(" (")[0]) for p in err.value.problems]
    assert found == [(2, "", "6 values but the header has 5 columns"),
                     (3, "column 'hours'", "hours must not be negative"),
                     (4, "", "7 values but the header has 5 columns")]


def test_a_column_of_bad_cells_is_listed_up_to_a_bound(tmp_path):
    from costmodel.expost.registrations import MAX_CELL_PROBLEMS

    n = MAX_CELL_PROBLEMS + 500
    text = problems(write(tmp_path, HEADER + "2019-01,leder,7 t,med_deltagere,x\n" * n))
    assert f"line {MAX_CELL_PROBLEMS + 1}, column 'hours'" in text
    assert f"line {MAX_CELL_PROBLEMS + 2}, column" not in text
    assert "... and 500 more bad cells" in text


def test_two_million_rows_fit_under_the_size_bound():
    from costmodel.io import yamlio

    row = "2019-01,socialraadgiver,37,5,med_deltagere,opstart\n"
    assert yamlio.MAX_CSV_BYTES >= 2_000_000 * len(row.encode())


def test_quoted_file_with_a_row_of_too_many_values_names_every_line(tmp_path):
    text = (HEADER + '2019-01,leder,"7,5",med_deltagere,x\n'
            '2019-01,leder,"2,5",med_deltagere,x,y\n'
            '2019-01,leder,"tre",med_deltagere,x\n')
    with pytest.raises(ValueError) as err:
        read_registrations(write(tmp_path, text))
    found = [(p.line, p.path, p.message.split(" (")[0]) for p in err.value.problems]
    assert found == [(3, "", "6 values but the header has 5 columns"), (4, "column 'hours'", "not a number: 'tre'")]


def test_quoted_and_unquoted_files_read_alike(tmp_path):
    rows = _random_rows(2_000, seed=9)
    plain = "".join(f"{m},{g},{h:g},{a},{f}\n" for m, g, h, a, f in rows)
    quoted = "".join(f'"{m}","{g}","{h:g}","{a}","{f}"\n' for m, g, h, a, f in rows)
    a = read_registrations(write(tmp_path, HEADER + plain, "a.csv")).frame
    b = read_registrations(write(tmp_path, HEADER + quoted, "b.csv")).frame
    assert a.astype(object).equals(b.astype(object))
