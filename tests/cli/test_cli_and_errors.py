"""The command line and bad input: clear messages naming file, field and line; exit codes 0/1/2."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, list(map(str, args)))


def test_run_prints_headline_figure(root):
    out = _run("run", root / "scenarios/aktivt_faellesskab.yaml")
    assert out.exit_code == 0
    assert "-3.700 kr." in out.stdout
    out = _run("run", root / "scenarios/trivsel_gennem_netvaerk.yaml")
    assert "14.500 kr." in out.stdout


def test_json_output_has_plain_numbers(root):
    import json

    out = _run("run", root / "scenarios/aktivt_faellesskab.yaml", "--format", "json")
    data = json.loads(out.stdout)
    assert data["price_year"] == 2020
    assert round(data["summary"]["net_per_participant"], -2) == -3700


def _scenario(tmp_path: Path, root: Path, replace: tuple[str, str]) -> Path:
    text = (root / "scenarios/kvindenetvaerksgruppen.yaml").read_text(encoding="utf-8")
    assert replace[0] in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_unknown_key_names_file_field_line_and_suggests(tmp_path, root):
    path = _scenario(tmp_path, root, ("horizon_years: 3", "horizon_yaers: 3"))
    out = _run("run", path)
    assert out.exit_code == 2
    assert f"{path}:{_line_of(path, 'horizon_yaers')}: horizon_yaers: unknown key (did you mean 'horizon_years'?)" in out.stderr


def test_duplicate_key_is_refused(tmp_path, root):
    path = _scenario(tmp_path, root, ("horizon_years: 3", "horizon_years: 3\nhorizon_years: 4"))
    out = _run("run", path)
    assert out.exit_code == 2 and "duplicate key" in out.stderr


def test_negative_hours_and_unknown_wage_group(tmp_path, root):
    path = _scenario(tmp_path, root, ("hours: 2.5", "hours: -2.5"))
    out = _run("run", path)
    assert out.exit_code == 2 and "drift.2.hours" in out.stderr and "greater than or equal to 0" in out.stderr
    path = _scenario(tmp_path, root, ("wage_group: socialpaedagog", "wage_group: socialpedagog"))
    out = _run("run", path)
    assert out.exit_code == 2 and "unknown wage group 'socialpedagog'" in out.stderr and "socialpaedagog" in out.stderr


def test_yaml_syntax_error_and_missing_file(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    out = _run("run", bad)
    assert out.exit_code == 2 and "YAML syntax error" in out.stderr
    out = _run("run", tmp_path / "nope.yaml")
    assert out.exit_code == 2 and "file not found" in out.stderr


def test_object_constructing_tags_are_refused(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("title: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    out = _run("run", bad)
    assert out.exit_code == 2


def test_output_written_whole_and_not_overwritten_without_force(tmp_path, root):
    target = tmp_path / "out.json"
    assert _run("run", root / "scenarios/aktivt_faellesskab.yaml", "-f", "json", "-o", target).exit_code == 0
    first = target.read_text(encoding="utf-8")
    out = _run("run", root / "scenarios/aktivt_faellesskab.yaml", "-f", "csv", "-o", target)
    assert out.exit_code == 2 and "--force" in out.stderr
    assert target.read_text(encoding="utf-8") == first
    assert _run("run", root / "scenarios/aktivt_faellesskab.yaml", "-f", "csv", "-o", target, "--force").exit_code == 0


def test_reproduce_csv_columns():
    out = _run("reproduce", "--report", "000", "--format", "csv")
    assert out.exit_code == 0
    assert out.stdout.splitlines()[0] == "report,intervention,source,row,measure,published,computed,basis"


def test_version():
    from typer.testing import CliRunner

    import costmodel
    from costmodel.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"costmodel {costmodel.__version__}"
