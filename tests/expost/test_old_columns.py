"""The registrations' old column and row-key names `maaned` and `timer` (now `month` and `hours`, generic quantities
under docs/scenario_format.md's naming rule) are read for one more release: the same rows, a DeprecatedKeyWarning
naming the file, line 1 (the CSV header) or the key's line (YAML), and the new name; a bad cell under an old
column keeps its line and the column's name as the file writes it."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app
from costmodel.errors import DeprecatedKeyWarning
from costmodel.expost.registrations import read_registrations

ROWS = "2019-01,leder,7,med_deltagere\n2019-02,leder,3,uden_deltagere\n"


def _write(tmp_path: Path, text: str, name: str = "reg.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_old_header_reads_the_same_rows_with_a_warning_each(tmp_path):
    new = read_registrations(_write(tmp_path, "month,personalegruppe,hours,aktivitet\n" + ROWS, "new.csv"))
    path = _write(tmp_path, "maaned,personalegruppe,timer,aktivitet\n" + ROWS, "old.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = read_registrations(path)
    assert old.records() == new.records() == [
        {"month": "2019-01", "personalegruppe": "leder", "hours": 7.0, "aktivitet": "med_deltagere"},
        {"month": "2019-02", "personalegruppe": "leder", "hours": 3.0, "aktivitet": "uden_deltagere"}]
    notes = [str(w.message) for w in caught if issubclass(w.category, DeprecatedKeyWarning)]
    assert notes == [f"{path}:1: column 'maaned': old column name; write 'month' (old names are read until the "
                     "next release)",
                     f"{path}:1: column 'timer': old column name; write 'hours' (old names are read until the "
                     "next release)"]


def test_a_bad_cell_under_an_old_column_keeps_its_line_and_column(tmp_path):
    path = _write(tmp_path, "maaned;personalegruppe;timer;aktivitet\n2019-01;leder;7;med_deltagere\n"
                            "2019-13;leder;tre;med_deltagere\n")
    with pytest.warns(DeprecatedKeyWarning), pytest.raises(ValueError) as err:
        read_registrations(path)
    text = str(err.value)
    assert "line 3, column 'maaned'" in text and "YYYY-MM" in text
    assert "line 3, column 'timer': not a number: 'tre'" in text


def test_old_and_new_name_of_one_column_is_an_error_at_line_1(tmp_path):
    path = _write(tmp_path, "maaned,month,personalegruppe,hours,aktivitet\n" + ROWS)
    with pytest.raises(ValueError, match="line 1.*give column 'month' only; 'maaned' is its old name"):
        read_registrations(path)


def test_inline_rows_with_old_keys_give_the_same_output_and_a_warning_with_the_line(root, tmp_path):
    example = (root / "examples/expost_eget_eksempel.yaml").read_text(encoding="utf-8")
    csv_line = "  csv: expost_registreringer.csv   # relative to this file\n"
    assert csv_line in example

    def variant(month: str, hours: str, name: str) -> Path:
        rows = ("  rows:\n"
                f"    - {{{month}: 2019-01, personalegruppe: socialraadgiver, {hours}: 40, aktivitet: med_deltagere}}\n"
                f"    - {{{month}: 2019-02, personalegruppe: socialraadgiver, {hours}: 12, aktivitet: uden_deltagere}}\n")
        return _write(tmp_path, example.replace(csv_line, rows), name)

    new, old = variant("month", "hours", "new.yaml"), variant("maaned", "timer", "old.yaml")
    runner = CliRunner()
    out_new = runner.invoke(app, ["run", str(new), "--format", "json"])
    out_old = runner.invoke(app, ["run", str(old), "--format", "json"])
    assert out_new.exit_code == out_old.exit_code == 0, out_old.output
    assert out_old.stdout == out_new.stdout and out_new.stderr == ""
    lines = old.read_text(encoding="utf-8").splitlines()
    row_line = next(i for i, line in enumerate(lines, 1) if "2019-01" in line)
    warned = out_old.stderr.splitlines()
    assert f"{old}:{row_line}: registreringer.rows.0.maaned: old key name; write 'month'" in warned[0]
    assert any("registreringer.rows.1.timer: old key name; write 'hours'" in w for w in warned)
