"""Reading a user's own registrations: good rows, and clear errors naming file, line and column."""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from costmodel.expost.registrations import read_registrations

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE_CSV = ROOT / "examples" / "expost_registreringer.csv"
EXAMPLE = ROOT / "examples" / "expost_eget_eksempel.yaml"


def write(tmp_path: Path, text: str, name: str = "reg.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_example_csv_reads_all_rows():
    rows = read_registrations(EXAMPLE_CSV)
    assert len(rows) == 18
    assert {r.month for r in rows} == {f"2019-0{m}" for m in range(1, 7)}
    assert rows[13].hours == 36.5  # "36,5" with a Danish decimal comma


def test_semicolon_csv_and_short_month(tmp_path):
    path = write(tmp_path, "month;personalegruppe;hours;aktivitet\n2019-3;leder;7,5;uden_deltagere\n")
    (row,) = read_registrations(path)
    assert (row.month, row.hours) == ("2019-03", 7.5)


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("2019-01,leder,-3,med_deltagere", "hours", "must not be negative"),
        ("2019-13,leder,3,med_deltagere", "month", "YYYY-MM"),
        ("januar,leder,3,med_deltagere", "month", "YYYY-MM"),
        ("2019-01,leder,tre,med_deltagere", "hours", "not a number"),
        ("2019-01,leder,3,med_borgere", "aktivitet", "med_deltagere, uden_deltagere"),
        ("2019-01,,3,med_deltagere", "personalegruppe", "empty"),
    ],
)
def test_bad_row_names_file_line_and_column(tmp_path, line, column, message):
    path = write(tmp_path, "month,personalegruppe,hours,aktivitet\n2019-01,leder,2,med_deltagere\n" + line + "\n")
    with pytest.raises(ValueError) as err:
        read_registrations(path)
    text = str(err.value)
    assert str(path) in text and "line 3" in text and f"column '{column}'" in text and message in text


def test_missing_and_unknown_columns(tmp_path):
    with pytest.raises(ValueError, match="missing column.*aktivitet"):
        read_registrations(write(tmp_path, "month,personalegruppe,hours\n2019-01,leder,2\n"))
    with pytest.raises(ValueError, match="unknown column.*kommentar"):
        read_registrations(write(tmp_path, "month,personalegruppe,hours,aktivitet,kommentar\n"))


def test_relative_csv_is_resolved_against_the_scenario_file(tmp_path, monkeypatch, load):
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    scenario = load(EXAMPLE)
    assert scenario.registreringer.csv_path == EXAMPLE_CSV.resolve()


def test_bad_csv_row_surfaces_through_scenario_validation(tmp_path, load):
    write(tmp_path, "month,personalegruppe,hours,aktivitet\n2019-01,leder,-1,med_deltagere\n", "own.csv")
    scen = tmp_path / "s.yaml"
    scen.write_text(EXAMPLE.read_text(encoding="utf-8").replace("expost_registreringer.csv", "own.csv"))
    with pytest.raises(ValidationError, match=r"own\.csv: line 2, column 'hours'"):
        load(scen)


def test_unknown_key_is_an_error(load):
    with pytest.raises(ValidationError, match="deltagerne"):
        load(EXAMPLE, deltagerne={"pr_aar": 3})


def test_inline_rows_validate_negative_hours(load):
    with pytest.raises(ValidationError, match="hours must not be negative"):
        load(EXAMPLE, registreringer={
            "rows": [{"month": "2019-01", "personalegruppe": "leder", "hours": -2, "aktivitet": "med_deltagere"}]
        })


def test_shares_must_sum_to_one(load):
    with pytest.raises(ValidationError, match="sum to 1"):
        load(EXAMPLE, registreringer=None, drift={
            "aarlige_omkostninger": 100000,
            "fordeling": {"med_deltagere": 0.5, "uden_deltagere": 0.2},
        })


def test_share_given_as_percent_is_rejected(load):
    with pytest.raises(ValidationError, match="write 71 pct. as 0.71"):
        load(EXAMPLE, registreringer=None, drift={
            "aarlige_omkostninger": 100000, "fordeling": {"med_deltagere": 71, "uden_deltagere": 29},
        })


def test_unknown_staff_group_is_caught_at_validation(tmp_path, load):
    write(tmp_path, "month,personalegruppe,hours,aktivitet\n2019-01,laerer,3,med_deltagere\n", "own.csv")
    scen = tmp_path / "s.yaml"
    scen.write_text(EXAMPLE.read_text(encoding="utf-8").replace("expost_registreringer.csv", "own.csv"))
    with pytest.raises(ValidationError, match=r"unknown staff group\(s\) laerer .*own\.csv.*personalegrupper"):
        load(scen)


def test_mapping_to_an_unknown_wage_group_is_an_error(load):
    with pytest.raises(ValidationError, match="maps to unknown wage group"):
        load(EXAMPLE, registreringer={"csv": "expost_registreringer.csv",
                                      "personalegrupper": {"familieterapeut": "terapeut"}})


def test_fewer_months_than_registered_is_an_error(load):
    with pytest.raises(ValidationError, match=r"maaneder \(4\) is less than the 6 months"):
        load(EXAMPLE, registreringer={"csv": "expost_registreringer.csv", "maaneder": 4,
                                      "personalegrupper": {"familieterapeut": "gruppeleder"}})


def test_more_months_spreads_the_cost(load):
    from costmodel.expost import evaluate

    six = evaluate(load(EXAMPLE)).value("annual_cost")
    twelve = evaluate(load(EXAMPLE, registreringer={
        "csv": "expost_registreringer.csv", "maaneder": 12,
        "personalegrupper": {"familieterapeut": "gruppeleder"},
        "oevrige_udgifter": [{"item": "Transport", "amount": 4800}, {"item": "Materialer", "amount": 1200}],
    })).value("annual_cost")
    assert twelve == pytest.approx(six / 2)
