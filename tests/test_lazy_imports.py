"""Each command loads only what it uses (issue 12): checked in fresh processes, since a test process has
imported everything long before."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def loaded(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, env=ENV, check=True, cwd=ROOT)
    return set(out.stdout.split())


def test_import_costmodel_loads_no_numpy_pandas_or_matplotlib():
    mods = loaded("import costmodel")
    assert not {"numpy", "pandas", "matplotlib", "typer"} & mods


def test_loading_a_scenario_needs_no_numpy_or_pandas():
    mods = loaded("import costmodel; costmodel.load('scenarios/aktivt_faellesskab.yaml')")
    assert "pydantic" in mods and not {"numpy", "pandas", "matplotlib"} & mods


def test_the_face_is_still_convenient():
    mods = loaded("import costmodel\n"
                  "r = costmodel.evaluate(costmodel.load('scenarios/aktivt_faellesskab.yaml'))\n"
                  "assert round(r['net_per_participant'], -2) == -3700\n"  # report 000, Figur 10
                  "assert costmodel.Scenario.__name__ == 'Scenario' and costmodel.Result.__name__ == 'Result'\n"
                  "assert {'load', 'evaluate', 'dump', 'sweep'} <= set(dir(costmodel))")
    assert "matplotlib" not in mods


def test_version_loads_neither_typer_nor_the_package_face():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "costmodel.cli", "--version"],
                         capture_output=True, text=True, env=ENV, check=True)
    assert out.stdout.strip().startswith("costmodel ")
    assert not any(name in out.stderr for name in ("typer", "pydantic", "numpy", "yaml"))


def test_unknown_attribute_is_an_attribute_error():
    import costmodel

    with pytest.raises(AttributeError, match="nope"):
        costmodel.nope  # noqa: B018


@pytest.mark.parametrize("name", ["aktivt_faellesskab", "brugerstyret_gruppeindsats", "kvindenetvaerksgruppen",
                                  "adhd_gruppen", "trivsel_gennem_netvaerk"])
def test_participants_total_is_the_sum_by_year(name):
    import costmodel
    from costmodel.prospective import parameters as prm
    from costmodel.prospective.schedule import participants, participants_total

    scenario = costmodel.load(ROOT / f"scenarios/{name}.yaml")
    for horizon in (0.5, 1.0, 3.0, 7.5):
        if horizon < scenario.forloeb.laengde_aar:  # refused: a forløb longer than the horizon
            continue
        s = prm.apply(scenario, {"horizon_years": horizon})[0]
        assert participants_total(s) == pytest.approx(float(participants(s).sum()), rel=1e-12)


def test_running_a_scenario_prints_its_summary_without_pandas():
    mods = loaded("import costmodel\n"
                  "from costmodel.report.render import result_text\n"
                  "r = costmodel.evaluate(costmodel.load('scenarios/aktivt_faellesskab.yaml'))\n"
                  "assert 'Nettoomkostninger' in result_text(r, 'table')")
    assert "numpy" in mods and "pandas" not in mods


@pytest.mark.parametrize("name", ["aktivt_faellesskab", "brugerstyret_gruppeindsats", "kvindenetvaerksgruppen",
                                  "adhd_gruppen", "trivsel_gennem_netvaerk"])
def test_category_totals_are_the_frames_to_the_last_bit(name):
    """The summary is summed without a frame; it must equal the frame's groupby sum exactly, for the scenario
    and for variants (so no printed figure moves by a rounding step)."""
    import numpy as np

    import costmodel
    from costmodel.prospective import parameters as prm

    scenario = costmodel.load(ROOT / f"scenarios/{name}.yaml")
    rng = np.random.default_rng(3)
    variants = [scenario] + [prm.apply(scenario, {"forloeb.deltagere_pr_forloeb": float(rng.uniform(3, 20)),
                                                   "discount_rate": float(rng.uniform(0, 0.08))})[0]
                             for _ in range(5)]
    for s in variants:
        result = costmodel.evaluate(s)
        by_frame = result.lines.groupby("category")["nnv"].sum()
        for category, total, _ in result.category_rows():
            sign = -1.0 if category == "sparede_omkostninger" else 1.0
            assert sign * total == float(by_frame.get(category, 0.0)), (name, category)


def test_validate_with_its_remarks_imports_no_pandas():
    mods = loaded("import sys\n"
                  "sys.argv = ['costmodel', 'validate', 'scenarios/aktivt_faellesskab.yaml']\n"
                  "from costmodel.cli import main\n"
                  "try:\n    main()\nexcept SystemExit:\n    pass")
    assert "costmodel.prospective.typical_time" in mods and "pandas" not in mods
