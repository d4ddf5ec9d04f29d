"""No output replaces an input, not even with --force (trial3/FINDINGS.md #2: `run X.yaml -o X.yaml --force`
replaced the scenario with its table and exited 0). Every command with `-o` is tried against the scenario, its
registrations CSV, its rate table and its basisalternativ, also through a symbolic and a hard link; `new --force`
replaces only an unedited template it wrote."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def scenario(tmp_path):
    path = tmp_path / "s.yaml"
    shutil.copy(ROOT / "scenarios" / "aktivt_faellesskab.yaml", path)
    return path


def refused(args, victim: Path, what: str):
    before = victim.read_bytes()
    out = runner.invoke(app, args)
    assert out.exit_code == 2, out.output
    assert what in out.output and "never replaces an input" in out.output, out.output
    assert victim.read_bytes() == before


ANALYSES = [["run"], ["sweep"], ["psa", "--draws", "200"], ["tornado"], ["spider"],
            ["breakeven", "-p", "forloeb.deltagere_pr_forloeb", "--low", "4", "--high", "12"],
            ["twoway", "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "6:8", "--y",
             "fagteams.Fagteam.count", "--y-values", "1,2"]]


@pytest.mark.parametrize("command", ANALYSES, ids=lambda c: c[0])
def test_no_command_writes_over_its_scenario(scenario, command):
    refused([command[0], str(scenario), *command[1:], "-o", str(scenario), "--force"], scenario,
            "is the scenario being read")


def test_psa_samples_and_plots_never_over_the_scenario(scenario, tmp_path):
    link = tmp_path / "draws.png"
    link.symlink_to(scenario)
    refused(["psa", str(scenario), "--draws", "200", "--samples", str(scenario), "--force"], scenario,
            "is the scenario being read")
    refused(["tornado", str(scenario), "--plot", str(link), "--force"], scenario, "is the scenario being read")


def test_symbolic_and_hard_links_to_the_scenario_are_refused(scenario, tmp_path):
    soft = tmp_path / "soft.json"
    soft.symlink_to(scenario)
    hard = tmp_path / "hard.json"
    os.link(scenario, hard)
    refused(["run", str(scenario), "-o", str(soft), "--force"], scenario, "is the scenario being read")
    refused(["run", str(scenario), "-o", str(hard), "--force"], scenario, "is the scenario being read")
    refused(["export", str(scenario), "-o", str(soft), "--force"], scenario, "is the scenario being read")
    refused(["export", str(scenario), "-o", str(hard), "--force", "--som"], scenario, "is the scenario being read")


def test_the_registrations_csv_and_the_rate_table_are_inputs(tmp_path):
    for name in ("expost_eget_eksempel.yaml", "expost_registreringer.csv"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    scenario = tmp_path / "expost_eget_eksempel.yaml"
    csv = tmp_path / "expost_registreringer.csv"
    refused(["run", str(scenario), "-o", str(csv), "--force"], csv, "the registrations CSV")
    refused(["export", str(scenario), "-o", str(csv), "--force"], csv, "the registrations CSV")
    own = tmp_path / "own_rates.yaml"
    shutil.copy(ROOT / "salary_tables" / "rates_2020.yaml", own)
    prospective = tmp_path / "p.yaml"
    prospective.write_text((ROOT / "scenarios" / "adhd_gruppen.yaml").read_text(encoding="utf-8")
                           .replace("rates: rates_2020", "rates: own_rates.yaml"), encoding="utf-8")
    assert runner.invoke(app, ["run", str(prospective)]).exit_code == 0
    refused(["run", str(prospective), "-o", str(own), "--force"], own, "the rate table")
    refused(["sweep", str(prospective), "-o", str(own), "--force"], own, "the rate table")


def test_compare_never_writes_over_a_scenario_or_the_basisalternativ(tmp_path):
    for name in ("effekt_og_betalere.yaml", "gruppeforloeb_egen_kommune.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    scenario, basis = tmp_path / "effekt_og_betalere.yaml", tmp_path / "gruppeforloeb_egen_kommune.yaml"
    refused(["compare", str(scenario), "-o", str(basis), "--force"], basis, "is the scenario being read")  # loaded
    refused(["compare", str(scenario), "-o", str(scenario), "--force"], scenario, "the scenario being read")
    refused(["run", str(scenario), "-o", str(basis), "--force"], basis, "basisalternativ")


def test_the_report_directory_never_holds_the_registrations_csv(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "examples" / "expost_registreringer.csv", data / "expost_registreringer.csv")
    text = (ROOT / "examples" / "expost_eget_eksempel.yaml").read_text(encoding="utf-8")
    scenario = tmp_path / "e.yaml"
    scenario.write_text(text.replace("csv: expost_registreringer.csv", "csv: data/expost_registreringer.csv"),
                        encoding="utf-8")
    out = runner.invoke(app, ["report", str(scenario), "-o", str(data), "--force"])
    assert out.exit_code == 2 and "holds the input file expost_registreringer.csv" in out.output, out.output
    assert (data / "expost_registreringer.csv").exists()


def test_new_force_replaces_only_its_own_unedited_template(tmp_path):
    path = tmp_path / "ny.yaml"
    assert runner.invoke(app, ["new", str(path)]).exit_code == 0
    out = runner.invoke(app, ["new", str(path)])
    assert out.exit_code == 2 and "file exists" in out.output
    assert runner.invoke(app, ["new", str(path), "--force"]).exit_code == 0  # its own template, unedited
    path.write_text(path.read_text(encoding="utf-8").replace("Udfyld felterne", "Udfyld"), encoding="utf-8")
    edited = path.read_bytes()
    out = runner.invoke(app, ["new", str(path), "--force"])
    assert out.exit_code == 2 and "not an unedited template written by costmodel new" in out.output, out.output
    assert path.read_bytes() == edited
    other = tmp_path / "noter.txt"
    other.write_text("mine\n", encoding="utf-8")
    assert runner.invoke(app, ["new", str(other), "--force"]).exit_code == 2
    assert other.read_text(encoding="utf-8") == "mine\n"
