"""A change that makes the scenario invalid (an analysis's drawn or stated value) is refused with the scenario
model's own words: the field path and what is wrong, never pydantic's raw report (its 'input_value=' dump and
'For further information visit' link), and on the array paths as on the plain engine."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import costmodel
from costmodel.analyses.vectorized import Evaluator
from costmodel.prospective import parameters as prm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples/investering_og_tilskud.yaml"  # horizon 4 years, a grant over its first two years


def test_a_change_that_breaks_the_scenario_names_the_field_and_the_reason():
    scenario = costmodel.load(EXAMPLE)
    with pytest.raises(prm.ParameterError) as refused:
        prm.apply(scenario, {"horizon_years": 0.5})
    message = str(refused.value)
    assert message.startswith("changing horizon_years gives an invalid scenario: tilskud.0.pr_aar: 2 years of "
                              "amounts for a horizon of 0.5 years"), message
    assert "pydantic" not in message and "input_value" not in message and "\n" not in message



@pytest.mark.parametrize("low", [0.0, 1.5])
def test_a_completion_share_out_of_bounds_is_refused_on_the_array_path_as_by_the_plain_engine(low):
    # the share only divides the per-completer measures, so the array models never rebuilt the scenario with it:
    # 0 gave a silent NaN per completer (and a crash in the tornado's table), 1,5 a figure the engine refuses
    scenario = costmodel.load(EXAMPLE)
    path = "forloeb.gennemfoerelsesandel"
    with pytest.raises(prm.ParameterError, match="gennemfoerelsesandel"):
        prm.evaluate_at(scenario, {path: low})
    with pytest.raises(prm.ParameterError, match="gennemfoerelsesandel"):
        Evaluator(scenario, [path, "forloeb.deltagere_pr_forloeb"])(np.array([[low, 8.0], [0.75, 9.0]]))
