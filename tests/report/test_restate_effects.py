"""`--price-year` on a scenario with SØM-style effects: the consequences' prices are kroner and must be restated
with everything else (reviewer R1 found the memo's restated net 92.000 kr. off for examples/effekt_og_betalere)."""
from pathlib import Path

import pytest

import costmodel
from costmodel.report.restate import restate_result, restated_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_restating_the_scenario_equals_restating_the_result_with_effects():
    # The cost model is linear in kroner, so restating every kroner input must give the same result as
    # restating the result: two independent routes (restated_scenario rebuilds the scenario; restate_result
    # multiplies the finished measures).
    scenario = costmodel.load(ROOT / "examples/effekt_og_betalere.yaml")
    assert scenario.effekter, "the example must carry effects for this test to mean anything"
    to_year = scenario.price_year + 4
    via_scenario = costmodel.evaluate(restated_scenario(scenario, to_year))
    via_result = restate_result(costmodel.evaluate(scenario), to_year)
    for measure in ("gross_total", "savings_total", "net_total"):
        assert via_scenario[measure] == pytest.approx(via_result[measure], rel=1e-9), measure
