"""--force replaces an earlier output, never an input (trial3 finding 2, review R2): `run X.yaml -o X.yaml --force`
replaced the scenario with its own table and exited 0. Every command that writes a file refuses an output that is
one of the files it reads (the scenario, an ex-post scenario's registrations CSV, a compare's basisalternativ), exit
2, and the input is left byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scenario(tmp_path) -> Path:
    path = tmp_path / "aktivt.yaml"
    shutil.copy(ROOT / "scenarios" / "aktivt_faellesskab.yaml", path)
    return path


@pytest.mark.parametrize("argv", [
    ["run", "{s}", "-o", "{s}"],
    ["run", "{s}", "--lines", "-o", "{s}"],
    ["sweep", "{s}", "-o", "{s}"],
    ["tornado", "{s}", "-o", "{s}"],
    ["tornado", "{s}", "--plot", "{png}"],
    ["psa", "{s}", "--draws", "100", "-o", "{s}"],
    ["psa", "{s}", "--draws", "100", "--samples", "{s}"],
    ["compare", "{s}", "{s}", "-o", "{s}"],
])
def test_an_output_that_is_the_scenario_is_refused_even_with_force(scenario, tmp_path, argv):
    before = scenario.read_bytes()
    png = tmp_path / "aktivt.png"  # a plot path that is the scenario under another name (a hard link)
    png.hardlink_to(scenario)
    args = [a.format(s=scenario, png=png) for a in argv] + ["--force"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 2, out.output
    assert "an input of this command" in out.output
    assert scenario.read_bytes() == before


def test_export_never_replaces_the_registrations_csv(tmp_path):
    for name in ("expost_eget_eksempel.yaml", "expost_registreringer.csv"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    csv = tmp_path / "expost_registreringer.csv"
    before = csv.read_bytes()
    for argv in (["export", str(tmp_path / "expost_eget_eksempel.yaml"), "-o", str(csv), "--force"],
                 ["run", str(tmp_path / "expost_eget_eksempel.yaml"), "-f", "csv", "-o", str(csv), "--force"]):
        out = CliRunner().invoke(app, argv)
        assert out.exit_code == 2, out.output
        assert csv.read_bytes() == before


def test_force_still_replaces_an_earlier_output(scenario, tmp_path):
    target = tmp_path / "resultat.txt"
    target.write_text("old", encoding="utf-8")
    out = CliRunner().invoke(app, ["run", str(scenario), "-o", str(target), "--force"])
    assert out.exit_code == 0, out.output
    assert "-3.700 kr." in target.read_text(encoding="utf-8")  # report 000: Aktivt fællesskab, net per deltager
