"""Messages a municipality evaluator met in trial3 (trial3/FINDINGS.md #8, #9): each must say plainly what is
wrong and what to write, with file, field path and line."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()
SCENARIO = Path(__file__).resolve().parents[1] / "trial3" / "forældregruppe_2023.yaml"


def validate(tmp_path, old: str, new: str):
    text = SCENARIO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "s.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = runner.invoke(app, ["validate", str(path)])
    return path, out


@pytest.mark.parametrize("written, message", [
    ('"8.500"', '"8.500" is ambiguous: a Danish thousands dot (8500) or a decimal point (8.5); write 8500 (or 8.5 '
                'if a decimal is meant)'),
    ('"1,250"', '"1,250" is ambiguous: an English thousands comma (1250) or a Danish decimal comma (1.25); write '
                '1250 (or 1.25 if a decimal is meant)'),
])
def test_a_quoted_thousands_number_says_what_to_write(tmp_path, written, message):
    path, out = validate(tmp_path, "    amount: 500", f"    amount: {written}")
    assert out.exit_code == 2, out.output
    assert f"{path}:85: drift.6.amount: {message}" in out.output, out.output


def test_a_misspelt_course_key_gets_a_suggestion(tmp_path):
    path, out = validate(tmp_path, "    overnight_stays:", "    overnigth_stays:")
    assert out.exit_code == 2
    assert "uddannelse.0.overnigth_stays: unknown key (did you mean 'overnight_stays'?)" in out.output, out.output


def test_a_wage_group_with_danish_letters_gets_its_ascii_name(tmp_path):
    path, out = validate(tmp_path, "wage_group: paedagog", "wage_group: pædagog")
    assert out.exit_code == 2
    assert "wage_group: unknown wage group 'pædagog' (did you mean 'paedagog'?); available in" in out.output, out.output


def test_an_uncertainty_error_names_the_path_as_written(tmp_path):
    text = SCENARIO.read_text(encoding="utf-8")
    high = [line for line in text.splitlines() if line.strip().startswith("high:")][0]
    path, out = validate(tmp_path, high, high.split(":")[0] + ": 3,5")
    assert out.exit_code == 2
    line = text.splitlines().index(high) + 1
    assert f"{path}:{line}: uncertainty.0.high: Input should be a valid number" in out.output, out.output
    assert ".pert." not in out.output


def _travel_line(tmp_path, old: str = "", new: str = "") -> float:
    import csv
    import io

    text = SCENARIO.read_text(encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    out = runner.invoke(app, ["run", str(path), "--lines"])
    assert out.exit_code == 0, out.output
    rows = [r for r in csv.DictReader(io.StringIO(out.stdout)) if r["kind"] == "rejse"]
    assert len(rows) == 1 and rows[0]["item"].endswith(": overnatning og timedagpenge"), rows
    return float(rows[0]["kroner"])


def test_overnight_stays_are_per_attendee_and_imply_per_diem_days_as_the_docs_say(tmp_path):
    # trial3 #7, hand check: 2 gruppeledere × (2 nights × 1.081,90 + 2 døgn × 556,75 kr., 2023 rates) = 6.554,60
    assert _travel_line(tmp_path) == pytest.approx(2 * (2 * 1081.90 + 2 * 556.75), abs=0.5)
    no_meals = _travel_line(tmp_path, "    overnight_stays: 2", "    overnight_stays: 2\n    per_diem_days: 0")
    assert no_meals == pytest.approx(2 * 2 * 1081.90, abs=0.5)
    docs = " ".join((Path(__file__).resolve().parents[1] / "docs" / "scenario_format.md")
                    .read_text(encoding="utf-8").split())
    assert "`overnight_stays` and `per_diem_days` are **per attendee**" in docs
    assert "`per_diem_days` defaults to `overnight_stays` (one døgn of timedagpenge per night)" in docs
    assert "are read as kroner of its `price_year`, as typed: only the rate table's values" in docs
