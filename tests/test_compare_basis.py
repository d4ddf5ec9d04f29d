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


def _rows(payload, table: str) -> dict:
    return {r["row"]: r for r in payload[table]}


def test_compare_shows_before_and_after_grants_with_a_grant_row():
    # trial2 finding 5: HF/ICM's net is 4.542.300 kr. before and 2.573.100 kr. after the 1.969.200 kr. grant
    # (1.200.000 + 800.000 / 1,04 = 1.969.231, the trial's hand check); the payer table used to show the after-grants
    # figure beside totals and years before grants, with no grant row
    files = [str(TRIAL2 / n) for n in ("hf_icm.yaml", "mentor_prospektiv_2018.yaml")]
    out = runner.invoke(app, ["compare", "--portfolio", *files, "--format", "json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    hf = "Housing First med ICM-team"
    totals, payers = _rows(payload, "totals"), _rows(payload, "by_payer")
    assert totals["grants_total"][hf] == pytest.approx(-1_969_231, abs=1)
    assert totals["net_after_grants_total"][hf] == pytest.approx(totals["net_total"][hf] - 1_969_231, abs=1)
    for column in (hf, "I alt"):
        assert payers["kommune"][column] == pytest.approx(totals["net_total"][column])  # before grants, as totals
        assert payers["tilskud"][column] == pytest.approx(totals["grants_total"][column])
        assert payers["i alt efter tilskud"][column] == pytest.approx(totals["net_after_grants_total"][column])
    # the first year: 1.200.000 kr. received, undiscounted in both tables
    first_before = payload["by_year_nominal"][0][hf]
    assert payload["by_year_nominal_after_grants"][0][hf] == pytest.approx(first_before - 1_200_000)
    text = runner.invoke(app, ["compare", "--portfolio", *files]).output
    assert "Netto pr. år før tilskud (NNV)" in text and "Netto pr. år efter tilskud (NNV)" in text
    assert "Tilskud (modtaget negativt)" in text


def test_workbook_shows_a_received_grant_negative_as_the_people_tables(tmp_path):
    # trial2 finding 7: -1.969.200 kr. in run and the memo, +1.969.231 in the workbook's Resultat sheet
    from openpyxl import load_workbook

    out = tmp_path / "hf.xlsx"
    done = runner.invoke(app, ["export", str(TRIAL2 / "hf_icm.yaml"), "-o", str(out), "--no-analyses"])
    assert done.exit_code == 0, done.output
    values = [[c for c in row] for row in load_workbook(out)["Resultat"].iter_rows(values_only=True)]
    received = [r for r in values if "Tilskud modtaget" in r]
    assert received and all(v < 0 for r in received for v in r if isinstance(v, (int, float))), received
    plain = json.loads(runner.invoke(app, ["run", str(TRIAL2 / "hf_icm.yaml"), "--format", "json"]).output)
    assert plain["summary"]["grants_received_total"] == pytest.approx(1_969_231, abs=1)  # the field's name says received
