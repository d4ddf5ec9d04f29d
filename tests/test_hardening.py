"""Bad input of every kind gets exit code 2 and one readable line per problem naming the file, the field and the
line; nothing is written, no traceback is shown (issue 5; what is refused and how it reads: docs/input_errors.md).

Each case runs `costmodel run FILE --output OUT` and checks the exit code, the expected lines on stderr, that OUT
was not written and that no traceback appeared.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()
BASE = "scenarios/kvindenetvaerksgruppen.yaml"


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


def refused(path: Path, tmp_path: Path, *expected: str, command: str = "run") -> str:
    """Run the CLI on `path` with an output file; require exit 2, every expected fragment, no output, no traceback."""
    out_file = tmp_path / "out" / "result.csv"
    args = [command, path] + (["--output", out_file] if command in ("run", "sweep") else [])
    result = _run(*args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    for fragment in expected:
        assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"
    assert not out_file.exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    return result.stderr


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def variant(tmp_path: Path, root: Path, *replacements: tuple[str, str], name: str = "bad.yaml",
            base: str = BASE) -> Path:
    text = (root / base).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write(tmp_path: Path, text: str | bytes, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the file itself -------------------------------------------------------------------------------------------

def test_yaml_syntax_error_names_line(tmp_path):
    path = write(tmp_path, "title: ok\nforloeb:\n  deltagere: [1, 2\n  other: 3\n")
    err = refused(path, tmp_path, "YAML syntax error")
    assert re.search(rf"{re.escape(str(path))}:\d+: YAML syntax error", err)


def test_tab_indentation_and_non_breaking_space_get_a_hint(tmp_path):
    path = write(tmp_path, "title: x\nforloeb:\n\tlaengde_aar: 1\n")
    refused(path, tmp_path, f"{path}:3: YAML syntax error", "indent with spaces")


@pytest.mark.parametrize("text, message", [
    ("- a\n- b\n", "the top level must be a mapping"),
    ("just text\n", "the top level must be a mapping"),
    ("", "file is empty"),
    ("# only a comment\n\n", "file is empty"),
    ("title: a\n---\ntitle: b\n", "more than one YAML document"),
])
def test_top_level_must_be_one_mapping(tmp_path, text, message):
    refused(write(tmp_path, text), tmp_path, message)


def test_missing_file_and_directory(tmp_path):
    refused(tmp_path / "nope.yaml", tmp_path, f"{tmp_path / 'nope.yaml'}: file not found")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    refused(folder, tmp_path, f"{folder}: is a directory")


@pytest.mark.parametrize("raw, message", [
    (b"title: K\xf8ge\n", "not UTF-8"),  # Latin-1 / Windows-1252
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("title: x\n".encode("utf-16"), "UTF-16"),
])
def test_not_utf8_text(tmp_path, raw, message):
    refused(write(tmp_path, raw), tmp_path, message)


def test_latin1_names_the_line(tmp_path):
    path = write(tmp_path, b"title: x\nmunicipality: K\xf8ge\n")
    refused(path, tmp_path, f"{path}:2: file is not UTF-8")


def test_utf8_with_bom_is_read(tmp_path, root):
    text = (root / BASE).read_text(encoding="utf-8")
    path = write(tmp_path, "\ufeff".encode() + text.encode("utf-8"))
    assert _run("validate", path).exit_code == 0


def test_absurdly_large_file(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"title: x\n")
        handle.write(b"# " + b"x" * 1_000_000 + b"\n")
    refused(path, tmp_path, "larger than 1,000,000 bytes")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_not_read(tmp_path):
    refused(Path("/dev/zero"), tmp_path, "not a regular file")


# --- YAML features that construct more than plain data -----------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [{', '.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
) + "\n"


def test_billion_laughs_is_refused(tmp_path):
    # 9^9 = 387 million values once expanded; the alias budget refuses it before anything walks the tree.
    # (How fast: benchmarks/refusal_times.py prints it; well under a second.)
    refused(write(tmp_path, BILLION_LAUGHS), tmp_path, "aliases (*name) expand this file to")


def test_recursive_alias_and_deep_nesting(tmp_path):
    refused(write(tmp_path, "title: x\na: &a [1, *a]\n"), tmp_path, ":2: an alias refers to a value that contains it")
    deep = "title: x\nforloeb: " + "[" * 500 + "]" * 500 + "\n"
    refused(write(tmp_path, deep), tmp_path, "nested more than 40 levels deep")


def test_small_aliases_and_merge_keys_are_fine(tmp_path, root):
    # A merge key overriding a merged value is not a duplicate key.
    path = variant(tmp_path, root, ("forloeb:\n  pr_fagteam_pr_aar: 1 ",
                                    "x_defaults: &d {pr_fagteam_pr_aar: 2, laengde_aar: 1}\nforloeb:\n  <<: *d\n"
                                    "  pr_fagteam_pr_aar: 1 "))
    refused(path, tmp_path, f"{path}:{line_of(path, 'x_defaults')}: x_defaults: unknown key")
    path = variant(tmp_path, root, ("source:\n", "source: &src\n"), ("forloeb:\n", "forloeb:\n  source: *src\n"))
    refused(path, tmp_path, "forloeb.source: Input should be a valid string")


@pytest.mark.parametrize("value, tag", [
    ("!!python/object/apply:os.system ['echo pwned']", "!!python/object/apply:os.system"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!binary aGVsbG8=", "!!binary"),
    ("!!set {a, b}", "!!set"),
    ("!!timestamp 2020-01-01", "!!timestamp"),
    ("!!omap [a: 1]", "!!omap"),
    ("!custom thing", "!custom"),
])
def test_object_constructing_and_non_plain_tags_are_refused(tmp_path, root, value, tag):
    path = variant(tmp_path, root, ("title: Kvindenetværksgruppen", f"title: {value}"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'title:')}: the tag {tag} is not allowed")


def test_non_scalar_key(tmp_path):
    path = write(tmp_path, "title: x\n? [a, b]\n: 1\n")
    refused(path, tmp_path, f"{path}:2: a key must be a plain name")


@pytest.mark.parametrize("old, new, field, fragment", [
    ("horizon_years: 3 ", "horizon_years: 2020-01-01 ", "horizon_years", "got '2020-01-01'"),  # not a date
    ("hours: 2.5", "hours: 1:30", "drift.2.hours", "1:30 as 1.5"),  # YAML 1.1 would read 90
    ("amount: 12000", "amount: yes", "etablering.0.amount", "got 'yes'"),  # YAML 1.1 would read true
    ("amount: 12000", "amount: 12.000.000", "etablering.0.amount", "without thousands separators"),
    ("hours: 2.5", "hours: 2,5", "drift.2.hours", "2.5, not 2,5"),
    ("deltagere_pr_forloeb: 6 ", "deltagere_pr_forloeb: true ", "forloeb.deltagere_pr_forloeb", "got true"),
    ("count: 1 ", "count: on ", "fagteams.0.count", "got 'on'"),
])
def test_yaml_1_1_surprises_are_refused_not_guessed(tmp_path, root, old, new, field, fragment):
    path = variant(tmp_path, root, (old, new))
    line = line_of(path, new.split(":")[0] + ":" + new.split(":", 1)[1][:4])
    refused(path, tmp_path, f"{path}:{line}: {field}:", fragment)


# --- keys ------------------------------------------------------------------------------------------------------

def test_unknown_nested_key_suggests(tmp_path, root):
    path = variant(tmp_path, root, ("deltagere_pr_forloeb: 6", "deltagere_pr_forlob: 6"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'deltagere_pr_forlob')}: forloeb.deltagere_pr_forlob: unknown key "
                            "(did you mean 'deltagere_pr_forloeb'?)")


def test_duplicate_keys_each_reported_with_line(tmp_path, root):
    path = variant(tmp_path, root, ("deltagere_pr_forloeb: 6", "deltagere_pr_forloeb: 6\n  deltagere_pr_forloeb: 8"),
                   ("title: Kvindenetværksgruppen", "title: A\ntitle: B"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'title: B')}: title: duplicate key",
            f"{path}:{line_of(path, 'deltagere_pr_forloeb: 8')}: deltagere_pr_forloeb: duplicate key")


# --- values ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, field, fragment", [
    ("horizon_years: 3 ", "horizon_years: tre ", "horizon_years", "valid number"),
    ("horizon_years: 3 ", "horizon_years: [3] ", "horizon_years", "valid number"),
    ("title: Kvindenetværksgruppen", "title: 2020", "title", "valid string"),
    ("price_year: 2020", "price_year: 2020.5", "price_year", "integer"),
    ("horizon_years: 3 ", "horizon_years: .nan ", "horizon_years", "finite number"),
    ("horizon_years: 3 ", "horizon_years: .inf ", "horizon_years", "finite number"),
    ("amount: 12000", "amount: -.inf", "etablering.0.amount", "finite number"),
    ("hours: 2.5", "hours: -2.5", "drift.2.hours", "greater than or equal to 0"),
    ("amount: 12000", "amount: -12000", "etablering.0.amount", "greater than or equal to 0"),
    ("fee: 8500", "fee: -8500", "uddannelse.0.fee", "greater than or equal to 0"),
    ("count: 1 ", "count: -1 ", "fagteams.0.count", "greater than or equal to 0"),
    ("times: 4", "times: -4", "drift.4.times", "greater than or equal to 0"),
    ("deltagere_pr_forloeb: 6 ", "deltagere_pr_forloeb: 0 ", "forloeb.deltagere_pr_forloeb", "greater than 0"),
    ("horizon_years: 3 ", "horizon_years: 0 ", "horizon_years", "greater than 0"),
    ("horizon_years: 3 ", "horizon_years: 500 ", "horizon_years", "over 50 years"),
    ("per: participant", "per: deltager", "drift.0.per", "'participant'"),
    ("fagteams:\n  - name: Fagteam", "fagteams: Fagteam\nx_fagteams:\n  - name: Fagteam", "fagteams", "valid list"),
])
def test_wrong_values_name_field_and_line(tmp_path, root, old, new, field, fragment):
    path = variant(tmp_path, root, (old, new))
    line = line_of(path, new.split("\n")[0])
    refused(path, tmp_path, f"{path}:{line}: {field}:", fragment)


def test_zero_fagteams_means_zero_participants(tmp_path, root):
    path = variant(tmp_path, root, ("count: 1 ", "count: 0 "))
    refused(path, tmp_path, f"{path}:{line_of(path, 'fagteams:')}: fagteams: every fagteam has count 0")


@pytest.mark.parametrize("text, fragment", [
    ("share: 25", "write 25 % as 0.25"),
    ("share: -0.1", "between 0 and 1"),
    ("share: 25 %", "write a percentage as a share"),
])
def test_shares_outside_0_to_100_pct(tmp_path, root, text, fragment):
    path = variant(tmp_path, root, ("forloeb:\n", f"deltagergrupper:\n  - name: alle\n    {text}\nforloeb:\n"))
    refused(path, tmp_path, f"{path}:{line_of(path, text)}: deltagergrupper.0.share:", fragment)


def test_discount_rate_as_percent(tmp_path, root):
    path = variant(tmp_path, root, ("horizon_years: 3 ", "discount_rate: 3.5\nhorizon_years: 3 "))
    refused(path, tmp_path, f"{path}:{line_of(path, 'discount_rate')}: discount_rate:", "0.035")


def test_unknown_wage_group_price_year_and_rate_table_list_what_exists(tmp_path, root):
    path = variant(tmp_path, root, ("wage_group: socialpaedagog", "wage_group: socialpedagog"))
    refused(path, tmp_path,
            f"{path}:{line_of(path, 'socialpedagog')}: medarbejdere.kontaktperson_85.wage_group: unknown wage group "
            "'socialpedagog' (did you mean 'socialpaedagog'?); available in rates_2020: fysioterapeut,")
    # a price year the index series does not reach cannot be indexed to (issue 14: other years are indexed)
    path = variant(tmp_path, root, ("price_year: 2020", "price_year: 1990"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'price_year')}: price_year: cannot index rate table rates_2020 "
                            "from 2020 to 1990: index fm_pl.loen covers 1991-2026, not 1990")
    path = variant(tmp_path, root, ("rates: rates_2020", "rates: rates_2031"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'rates:')}: rates: no rate table 'rates_2031'; available:")


def test_unknown_wage_group_reported_together_with_field_errors(tmp_path, root):
    path = variant(tmp_path, root, ("wage_group: socialpaedagog", "wage_group: socialpedagog"),
                   ("hours: 2.5", "hours: -2.5"))
    refused(path, tmp_path, "drift.2.hours:", "unknown wage group 'socialpedagog'")


def test_every_problem_is_reported_each_on_its_own_line(tmp_path, root):
    path = variant(tmp_path, root, ("horizon_years: 3 ", "horizon_years: 0 "),
                   ("deltagere_pr_forloeb: 6 ", "deltagere_pr_forloeb: .nan "),
                   ("hours: 2.5", "hours: 2,5"), ("fee: 8500", "fee: -1"),
                   ("price_year: 2020", "price_year: 2020\nmunicipalty: x"))
    err = refused(path, tmp_path, f"{path}:{line_of(path, 'horizon_years')}: horizon_years:",
                  f"{path}:{line_of(path, 'deltagere_pr_forloeb')}: forloeb.deltagere_pr_forloeb:",
                  f"{path}:{line_of(path, 'hours: 2,5')}: drift.2.hours:",
                  f"{path}:{line_of(path, 'fee: -1')}: uddannelse.0.fee:",
                  f"{path}:{line_of(path, 'municipalty')}: municipalty: unknown key (did you mean 'municipality'?)")
    assert len(err.strip().splitlines()) == 5


def test_cross_references_each_with_own_line(tmp_path, root):
    path = variant(tmp_path, root, ("per: participant", "per: participant\n    group: unge"),
                   ("who: gruppefacilitator\n    hours: 0.5", "who: facilitator\n    hours: 0.5"))
    refused(path, tmp_path,
            f"{path}:{line_of(path, 'group: unge')}: drift.0.group: unknown participant group 'unge'; known: alle",
            f"{path}:{line_of(path, 'who: facilitator')}: drift.1.who: unknown staff role 'facilitator'")


def test_sensitivity_row_that_breaks_the_scenario(tmp_path, root):
    path = variant(tmp_path, root, ("{value: 8,", "{value: -8,"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'value: -8')}: sensitivity.0.rows.2: row '8 deltagere pr. forløb' "
                            "sets forloeb.deltagere_pr_forloeb and so gives an invalid scenario", command="sweep")


# --- rate tables go through the same loader -------------------------------------------------------------------

@pytest.mark.parametrize("old, new, field, fragment", [
    ("    hourly: ", "    hourly: -", "wage_groups.", "greater than 0"),
    ("price_year: 2020", "price_year: 2020\nprice_yaer: 2020", "price_yaer", "unknown key"),
    ("price_year: 2020", "price_year: 2020\nprice_year: 2021", "price_year", "duplicate key"),
])
def test_bad_rate_table_names_its_own_file_and_line(tmp_path, root, old, new, field, fragment):
    table = variant(tmp_path, root, (old, new), name="my_rates.yaml", base="salary_tables/rates_2020.yaml")
    path = variant(tmp_path, root, ("rates: rates_2020", "rates: my_rates.yaml"))
    err = refused(path, tmp_path, f"{table}:", fragment)
    assert re.search(rf"{re.escape(str(table))}:\d+: {re.escape(field)}", err), err


# --- ex-post scenarios and registration CSVs -----------------------------------------------------------------

EXPOST = "examples/expost_eget_eksempel.yaml"
CSV_HEADER = "month,personalegruppe,hours,aktivitet,fase\n"


def expost_with_csv(tmp_path: Path, root: Path, csv: str | bytes, *replacements) -> tuple[Path, Path]:
    scenario = variant(tmp_path, root, *replacements, name="eget.yaml", base=EXPOST)
    target = tmp_path / "expost_registreringer.csv"
    if isinstance(csv, bytes):
        target.write_bytes(csv)
    else:
        target.write_text(csv, encoding="utf-8")
    return scenario, target


def test_expost_values(tmp_path, root):
    path = variant(tmp_path, root, ("price_year: 2019", "price_year: 2019\nprize_year: 1"), name="e.yaml",
                   base="scenarios/lovende_praksis_thisted.yaml")
    refused(path, tmp_path, f"{path}:{line_of(path, 'prize_year')}: prize_year: unknown key")
    text = (root / "scenarios/lovende_praksis_thisted.yaml").read_text(encoding="utf-8")
    first_value = re.search(r"value: (\d[\d.]*)", text).group(0)
    path = variant(tmp_path, root, (first_value, "value: .nan"), name="e.yaml",
                   base="scenarios/lovende_praksis_thisted.yaml")
    refused(path, tmp_path, f"{path}:{line_of(path, 'value: .nan')}:", "finite number")


def test_expost_csv_every_bad_cell_with_line_and_column(tmp_path, root):
    csv = (CSV_HEADER + "2019-01,socialraadgiver,40,med_deltagere,x\n"
           "2019-13,socialraadgiver,tre,med_borgere,x\n"
           "2019-02,leder,-3,uden_deltagere,x\n"
           "2019-02,leder,2,uden_deltagere,x,y\n")
    scenario, csv_path = expost_with_csv(tmp_path, root, csv)
    refused(scenario, tmp_path,
            f"{csv_path}:3: column 'month': month must be YYYY-MM",
            f"{csv_path}:3: column 'hours': not a number: 'tre'",
            f"{csv_path}:3: column 'aktivitet': must be one of med_deltagere, uden_deltagere (got 'med_borgere')",
            f"{csv_path}:4: column 'hours': hours must not be negative",
            f"{csv_path}:5: 6 values but the header has 5 columns")


@pytest.mark.parametrize("csv, fragment", [
    (b"\x00\x01\x02binary", "binary"),
    (("month,personalegruppe,hours,aktivitet\n2019-01,s\xf8ren,1,med_deltagere\n").encode("latin-1"), ":2: file is not UTF-8"),
    ("month,personalegruppe,hours\n2019-01,leder,2\n", ":1: missing column(s) aktivitet"),
    ("month,personalegruppe,hours,aktivitet,hours\n", ":1: column(s) hours appear more than once"),
    ("month,personalegruppe,hours,aktivitet,kommentar\n", ":1: unknown column(s) kommentar"),
    (CSV_HEADER, "no registrations"),
    ("", "missing column(s)"),
    ("month,personalegruppe,hours,aktivitet\n2019-01,leder,nan,med_deltagere\n", ":2: column 'hours': not a finite number"),
])
def test_expost_csv_file_problems(tmp_path, root, csv, fragment):
    scenario, csv_path = expost_with_csv(tmp_path, root, csv)
    refused(scenario, tmp_path, f"{csv_path}", fragment)


def test_expost_csv_missing_or_directory(tmp_path, root):
    scenario = variant(tmp_path, root, name="eget.yaml", base=EXPOST)
    refused(scenario, tmp_path, f"{tmp_path / 'expost_registreringer.csv'}: file not found")
    (tmp_path / "expost_registreringer.csv").mkdir()
    refused(scenario, tmp_path, "is a directory")


# --- errors that are not the input's fault, and output files -------------------------------------------------

def test_internal_error_is_one_line_exit_1_and_debug_shows_traceback(monkeypatch, root):
    import costmodel

    def boom(scenario):
        raise RuntimeError("engine exploded\nsecond line")

    monkeypatch.setattr(costmodel, "evaluate", boom)
    result = _run("run", root / BASE)
    assert result.exit_code == 1
    assert result.stderr.strip() == ("internal error: RuntimeError: engine exploded "
                                     "(run with --debug for the traceback)")
    result = _run("--debug", "run", root / BASE)
    assert result.exit_code == 1 and "Traceback" in result.stderr and "boom" in result.stderr


def test_output_that_is_a_directory_or_exists(tmp_path, root):
    folder = tmp_path / "folder"
    folder.mkdir()
    result = _run("run", root / BASE, "-o", folder)
    assert result.exit_code == 2 and "is a directory" in result.stderr
    target = tmp_path / "kept.txt"
    target.write_text("mine", encoding="utf-8")
    result = _run("run", root / BASE, "-o", target)
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_failed_write_leaves_no_file_and_no_temporary(tmp_path, root, monkeypatch):
    import os

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", fail)
    monkeypatch.setattr(os, "replace", fail)
    target = tmp_path / "out.csv"
    result = _run("run", root / BASE, "-o", target)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_failure_while_rendering_writes_nothing(tmp_path, root, monkeypatch):
    import costmodel.report.render as render

    def half(*args, **kwargs):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(render, "result_text", half)
    target = tmp_path / "out.txt"
    result = _run("run", root / BASE, "-o", target)
    assert result.exit_code == 1 and list(tmp_path.iterdir()) == []


def test_too_many_values_and_too_many_problems(tmp_path):
    many = "".join(f"k{i}: {i}\n" for i in range(25_000))
    refused(write(tmp_path, many), tmp_path, "more than 20,000 values")
    unknown = "".join(f"k{i}: {i}\n" for i in range(500))
    err = refused(write(tmp_path, unknown), tmp_path, "unknown key", "more problems; fix the ones above first")
    assert len(err.strip().splitlines()) == 101


def test_control_character_names_line(tmp_path):
    path = write(tmp_path, "title: x\nmunicipality: a\x1fb\n")
    refused(path, tmp_path, f"{path}:2: the file holds a control character (U+001F)")


def test_danish_thousands_dot_is_not_read_as_a_decimal(tmp_path, root):
    path = variant(tmp_path, root, ("amount: 12000", "amount: 12.000"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'amount: 12.000')}: etablering.0.amount: 12.000 is ambiguous",
            "write 12000")
    # any dot followed by exactly three digits could be Danish thousands (issue 9: fee 8.500 was read as 8,5)
    path = variant(tmp_path, root, ("amount: 12000", "amount: 12.500"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'amount: 12.500')}: etablering.0.amount: 12.500 is ambiguous",
            "write 12500 (or 12.5")
    # decimals that cannot be thousands are decimals, and quoted text is text
    for certain in ("12.5", "12.50", "12.5000", "0.125"):
        path = variant(tmp_path, root, ("amount: 12000", f"amount: {certain}"))
        assert _run("validate", path).exit_code == 0, certain


def test_expost_semicolon_csv_thousands_dot_is_ambiguous(tmp_path, root):
    csv = ("month;personalegruppe;hours;aktivitet\n2019-01;socialraadgiver;1.250;med_deltagere\n"
           "2019-01;socialraadgiver;1.234,5;uden_deltagere\n")
    scenario, csv_path = expost_with_csv(tmp_path, root, csv)
    err = refused(scenario, tmp_path, f"{csv_path}:2: column 'hours': '1.250' is ambiguous")
    assert ":3:" not in err  # 1.234,5 is plain Danish: a thousands dot and a decimal comma


@pytest.mark.parametrize("old, new, field, fragment", [
    ("pr_aar: 8 ", "pr_aar: -8 ", "deltagere.pr_aar", "must be greater than 0"),
    ("pr_aar: 8 ", "pr_aar: yes ", "deltagere.pr_aar", "got 'yes'"),
    ("amount: 4800", "amount: -4800", "registreringer.oevrige_udgifter.0.amount", "must not be negative"),
    ("unit_price: 12500", "unit_price: .inf", "etablering.0.unit_price.value", "finite number"),
    ("values: [10, 12]", "values: [10, .nan]", "sensitivity.volume.values.1", "finite number"),
    ("price_year: 2019", "price_year: 2020", "price_year", "wage table krl_2019_report002 is in 2019 prices"),
    ("familieterapeut: gruppeleder", "familieterapeut: gruppeleeder", "registreringer.personalegrupper.familieterapeut",
     "unknown wage group(s) gruppeleeder"),
    ("rates: krl_2019_report002", "rates: krl_2031", "rates", "wage table 'krl_2031' not found"),
])
def test_expost_values_name_field_and_line(tmp_path, root, old, new, field, fragment):
    path = variant(tmp_path, root, (old, new), name="eget.yaml", base=EXPOST)
    (tmp_path / "expost_registreringer.csv").write_bytes((root / "examples/expost_registreringer.csv").read_bytes())
    refused(path, tmp_path, f"{path}:{line_of(path, new.split(':')[0] + ':')}: {field}:", fragment)


def test_expost_cross_checks_all_reported(tmp_path, root):
    path = variant(tmp_path, root, ("pr_aar: 8 ", "x: 1\n"), ("month: 2019-03", "month: 2019-13"),
                   name="eget.yaml", base=EXPOST)
    (tmp_path / "expost_registreringer.csv").write_bytes((root / "examples/expost_registreringer.csv").read_bytes())
    # an other expense's month is a month as in the registrations (it counts among the months covered)
    refused(path, tmp_path, "deltagere.x: unknown key",
            f"{path}:{line_of(path, 'month: 2019-13')}: registreringer.oevrige_udgifter.0.month: month must be YYYY-MM")
    path = variant(tmp_path, root, ("etablering:", "drift:\n  aarlige_omkostninger: 1000\n  fordeling: "
                                    "{med_deltagere: 71, uden_deltagere: 0.29}\netablering:"),
                   name="eget.yaml", base=EXPOST)
    refused(path, tmp_path, f"{path}:{line_of(path, 'fordeling')}: drift.fordeling.med_deltagere:", "write 71 pct. as 0.71")


def test_expost_csv_too_large(tmp_path, root, monkeypatch):
    import costmodel.io.yamlio as yamlio

    monkeypatch.setattr(yamlio, "MAX_CSV_BYTES", 1_000)  # the real limit is 20 MB; the check is the same
    csv = CSV_HEADER + "2019-01,socialraadgiver,40,med_deltagere,x\n" * 40
    scenario, csv_path = expost_with_csv(tmp_path, root, csv)
    refused(scenario, tmp_path, f"{csv_path}: file is larger than 1,000 bytes; not a registrations CSV")


def test_rate_table_path_that_does_not_exist(tmp_path, root):
    path = variant(tmp_path, root, ("rates: rates_2020", "rates: ./egne_satser.yaml"))
    refused(path, tmp_path, f"{path}:{line_of(path, 'rates:')}: rates: no rate table './egne_satser.yaml'")
