"""Issue 14, parts 7-8: `costmodel new`, the shipped JSON Schemas, typical staff time and validate's remarks."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.cli import app
from costmodel.io.yamlio import load_yaml

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("kind", ["prospective", "expost"])
def test_new_writes_a_template_that_validates_and_runs(tmp_path, kind):
    path = tmp_path / "vores.yaml"
    out = invoke("new", "--kind", kind, path)
    assert out.exit_code == 0, out.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and "Udfyld felterne" in text
    check = invoke("validate", path)
    assert check.exit_code == 0 and "ok (" in check.stdout and "bemærkning" not in check.output
    assert "old key name" not in check.output  # the template writes the current key names
    assert invoke("run", path).exit_code == 0
    again = invoke("new", path)
    assert again.exit_code == 2 and "file exists" in again.stderr


def test_template_shows_the_typical_staff_time_of_the_shipped_assessments(tmp_path):
    from costmodel.prospective.typical_time import ranges

    invoke("new", tmp_path / "x.yaml")
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    low, high = ranges()["per_session_per_facilitator"]
    assert f"{low:.1f}-{high:.1f}".replace(".", ",") in text
    scenario = costmodel.load(tmp_path / "x.yaml")
    assert scenario.stillinger and scenario.forloeb.start_aar > 0  # full-time post and set-up shown


def test_shipped_schemas_are_up_to_date():
    from costmodel.schema import FILES, schemas

    for kind, text in schemas().items():
        assert FILES[kind].read_text(encoding="utf-8") == text, (
            f"{FILES[kind]} is out of date: run PYTHONPATH=src python tools/make_schema.py")


def test_schema_accepts_the_shipped_scenarios_and_refuses_unknown_keys(root, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from costmodel.schema import FILES

    validators = {k: jsonschema.Draft202012Validator(json.loads(p.read_text(encoding="utf-8"))) for k, p in FILES.items()}
    invoke("new", tmp_path / "p.yaml")
    invoke("new", "--kind", "expost", tmp_path / "e.yaml")
    files = [*sorted((root / "scenarios").glob("*.yaml")), tmp_path / "p.yaml", tmp_path / "e.yaml"]
    for path in files:
        data, _ = load_yaml(path)
        validator = validators[data.get("kind", "prospective")]
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"
    data, _ = load_yaml(tmp_path / "p.yaml")
    data["forloebb"] = 1
    assert list(validators["prospective"].iter_errors(data))


def test_typical_time_file_is_what_the_tool_computes(root):
    spec = importlib.util.spec_from_file_location("typical_time_tool", root / "tools" / "typical_time.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    from costmodel.prospective.typical_time import shipped

    computed = tool.compute()
    assert computed["values"] == shipped()["values"], "run PYTHONPATH=src python tools/typical_time.py --write"
    # every value names its scenario and source; the ex-post five are listed as not derivable, with the reason
    for rows in computed["values"].values():
        assert all(r["scenario"].startswith("scenarios/") and r["source"] for r in rows)
    assert len(computed["not_derivable"]) == 5


def test_validate_remarks_on_staff_time_far_outside_the_shipped_range(tmp_path):
    path = tmp_path / "lav.yaml"
    path.write_text("""\
kind: prospective
title: Lav tid
source: {report: "test"}
price_year: 2026
rates: kommunale_satser
horizon_years: 2
fagteams:
  - name: Team
    medarbejdere:
      facilitator: {wage_group: socialpaedagog, count: 2}
forloeb:
  pr_fagteam_pr_aar: 2
  deltagere_pr_forloeb: 8
  laengde_aar: 0.26
  sessioner_pr_forloeb: 12
drift:
  - {item: Session, who: facilitator, hours: 0.5, per: session}
""", encoding="utf-8")
    out = invoke("validate", path)
    assert out.exit_code == 0
    assert f"{path}: bemærkning: timer pr. session pr. facilitator (alt inklusive): 0,5 ligger langt uden for" in out.stderr


def test_guide_shows_the_typical_staff_time_the_tool_computed(root):
    from costmodel.prospective.typical_time import shipped

    guide = (root / "docs" / "egen_indsats.md").read_text(encoding="utf-8")
    data = shipped()["values"]
    for row in data["per_session_per_facilitator"]:
        line = next(x for x in guide.splitlines() if x.startswith(f"| {row['title'].split(' (')[0]} ("))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1] == f"{row['value']:.1f}".replace(".", ","), line
        scenario = row["scenario"]
        for column, key in ((2, "per_forloeb"), (3, "per_participant"), (4, "per_team_year")):
            value = next(r["value"] for r in data[key] if r["scenario"] == scenario)
            assert cells[column] == str(int(value + 0.5)), (line, key)  # half up, as the guide rounds


def test_no_remark_for_a_case_management_team_without_group_sessions(root):
    """The typical staff time comes from group programmes; a full-time case-management team (CTI: 3 posts, one
    borger per forløb, no sessions) is far from them by design and gets no remark, while a group with sessions
    still does (the test above)."""
    from costmodel.prospective.typical_time import metrics, remarks

    scenario = costmodel.load(root / "examples" / "cti_socialstyrelsen_2017.yaml")
    assert metrics(scenario)["per_team_year"] == pytest.approx(3 * 1418)  # far above the groups' 150-890 hours
    assert remarks(scenario) == []
