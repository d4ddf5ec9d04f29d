"""compare against a basisalternativ (trial2/FINDINGS.md findings 2 and 10): a saving in the intervention that
the basisalternativ also costs is counted twice, and says so in `validate` and `compare`; a basisalternativ that
does not load is an error of the scenario that names it (file, line, field `basisalternativ`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
TRIAL2 = ROOT / "trial2"


def test_compare_says_the_saving_is_counted_twice():
    # hf_icm.yaml saves 4 h § 85 støtte a week per borger ("Sparet § 85-støtte") and names as its basisalternativ
    # hf_basis_i_dag.yaml, which costs that support ("§ 85-støtte"): the trial's "Forskel: -2.588.400 kr." counts
    # the support twice (the increment is ICM's own net, +4.542.300 kr.)
    out = runner.invoke(app, ["compare", str(TRIAL2 / "hf_icm.yaml"), "--format", "json"])
    assert out.exit_code == 0, out.output
    notes = json.loads(out.output)["notes"]
    assert any("Sparet § 85-støtte" in n and "tælles to gange" in n and "ikke begge" in n for n in notes), notes


def test_validate_remarks_on_the_double_count_at_the_saving():
    out = runner.invoke(app, ["validate", str(TRIAL2 / "hf_icm.yaml")])
    assert out.exit_code == 0, out.output
    text = (TRIAL2 / "hf_icm.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "item: Sparet § 85-støtte" in t)
    assert f"hf_icm.yaml:{line}: sparede_omkostninger.0.item: bemærkning: Sparet § 85-støtte" in out.output
    assert "tælles to gange" in out.output


def test_no_remark_when_the_basisalternativ_costs_other_support():
    # report 000's two interventions: Trivsel saves § 85 support, Aktivt fællesskab costs group work, not § 85
    files = [str(ROOT / f"scenarios/{n}.yaml") for n in ("aktivt_faellesskab", "trivsel_gennem_netvaerk")]
    out = runner.invoke(app, ["compare", *files, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert not any("tælles to gange" in n for n in json.loads(out.output)["notes"])


@pytest.mark.parametrize("command", ["validate", "compare"])
def test_a_missing_basisalternativ_names_the_scenario_line_and_field(tmp_path, command):
    text = (TRIAL2 / "hf_icm.yaml").read_text(encoding="utf-8")
    for name in ("hf_icm.yaml", "hf_basis_i_dag.yaml"):
        (tmp_path / name).write_text((TRIAL2 / name).read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "b.yaml"
    bad.write_text(text.replace("hf_basis_i_dag", "findes_ikke"), encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("basisalternativ:"))
    out = runner.invoke(app, [command, str(bad)])
    assert out.exit_code == 2, out.output
    assert f"b.yaml:{line}: basisalternativ: file not found: findes_ikke.yaml" in out.output
    assert ": ok (" not in out.output and "Traceback" not in out.output
