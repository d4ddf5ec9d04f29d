"""`costmodel validate`'s remarks on one field (prospective/remarks.py), each as `file:line: field.path:
bemærkning: ...`, exit 0: an hours, days or course item for staff whose full-time post already pays those hours
(trial/FINDINGS.md F5, C5), and a forløb start that reads as months (F12, C11)."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from costmodel.cli import app

BASE = """\
kind: prospective
title: Bostøtte
source: {report: "test"}
price_year: 2026
rates: kommunale_satser
vurderingsdato: 2026-11-30
horizon_years: 4
fagteams:
  - name: Team
    count: 1
    medarbejdere:
      socialraadgiver: {wage_group: socialraadgiver, count: 3}
medarbejdere:
  leder: {wage_group: leder}
  psykolog: {wage_group: psykolog}
forloeb:
  pr_fagteam_pr_aar: 60
  deltagere_pr_forloeb: 1
  laengde_aar: 0.5
  start_aar: 0.25
stillinger:
  - {item: Socialrådgivere, who: socialraadgiver, aarsvaerk: 2.5}
  - {item: Leder, who: leder, aarsvaerk: 0.5, start_aar: 0, aar: 1}
"""


def validate(tmp_path: Path, text: str) -> tuple[Path, str]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return path, result.stderr


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_course_days_for_staff_on_posts_are_remarked_with_file_field_and_line(tmp_path):
    path, err = validate(tmp_path, BASE + """\
uddannelse:
  - course: Metodekursus
    days: 3
    fee: 4500
    fee_basis: per_person
    attendees: socialraadgiver
""")
    line = line_of(path, "days: 3")
    assert (f"{path}:{line}: uddannelse.0.days: bemærkning: Metodekursus: socialrådgiver har også en stilling "
            "(Socialrådgivere) i år 1; stillingen betaler allerede timerne; skriv kurset som gebyr (days: 0) eller "
            "lad posten udgå") in err


def test_a_course_given_as_fee_only_is_no_double_counting(tmp_path):
    _, err = validate(tmp_path, BASE + """\
uddannelse:
  - {course: Metodekursus, days: 0, fee: 4500, fee_basis: per_person, attendees: socialraadgiver}
""")
    assert "stilling" not in err


def test_hours_for_posted_staff_in_the_same_years_are_remarked_and_in_other_years_not(tmp_path):
    # the leder's post runs in year 1 only: supervision of the leder in years 2-4 is no double counting,
    # the socialrådgivere's supervision (their post runs all four years) is
    path, err = validate(tmp_path, BASE + """\
drift:
  - {item: Supervision, who: socialraadgiver, hours: 18, per: team_year}
  - {item: Ledersupervision, who: leder, hours: 10, per: year, active: {start_years: 1, years: 3}}
  - {item: Ledermøder, who: leder, hours: 10, per: year}
  - {item: Psykolog, who: psykolog, hours: 10, per: year}
""")
    line = line_of(path, "item: Supervision,")
    assert (f"{path}:{line}: drift.0.who: bemærkning: Supervision: socialrådgiver har også en stilling "
            "(Socialrådgivere) i år 1-4; stillingen betaler allerede timerne; skriv kun det, der købes udefra (fx "
            "som amount), eller lad posten udgå") in err
    assert "drift.1" not in err
    assert f"{path}:{line_of(path, 'Ledermøder')}: drift.2.who: bemærkning: Ledermøder: leder har også en " \
           "stilling (Leder) i år 1;" in err
    assert "drift.3" not in err and "Psykolog" not in err


def test_savings_of_a_posted_role_are_not_remarked(tmp_path):
    _, err = validate(tmp_path, BASE + """\
sparede_omkostninger:
  - {item: Sparet, who: socialraadgiver, hours: 2, per: participant}
""")
    assert "stilling" not in err


def test_a_forloeb_start_of_years_that_reads_as_months_is_remarked(tmp_path):
    path, err = validate(tmp_path, BASE.replace("start_aar: 0.25", "start_aar: 3"))
    line = line_of(path, "start_aar: 3")
    assert (f"{path}:{line}: forloeb.start_aar: bemærkning: 3 år før det første forløb er over halvdelen af "
            "tidshorisonten på 4 år; start_aar er i år: 3 måneder er 3/12 = 0,25") in err


def test_a_start_within_the_first_half_of_the_horizon_is_not_remarked(tmp_path):
    for start, horizon in (("0.25", "4"), ("1", "4"), ("2", "4"), ("3", "10")):
        text = BASE.replace("start_aar: 0.25", f"start_aar: {start}").replace("horizon_years: 4",
                                                                            f"horizon_years: {horizon}")
        _, err = validate(tmp_path, text)
        assert "forloeb.start_aar" not in err, (start, horizon)


def test_a_start_in_months_that_overruns_the_horizon_names_months_in_the_error(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(BASE.replace("start_aar: 0.25", "start_aar: 6"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "start_aar is in years: 6 months are 6/12 = 0.500 years" in result.stderr
