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

