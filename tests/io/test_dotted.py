"""The one dotted-path walker: the paths it writes (workbook inputs) are the paths it reads (overrides,
parameters, uncertainty), and a wrong path is refused with the same words everywhere."""
from __future__ import annotations

import pytest

import costmodel
from costmodel.errors import PathError
from costmodel.io import dotted
from costmodel.prospective.overrides import OverrideError, set_path
from costmodel.prospective.parameters import ParameterError, resolve_scenario_path

DATA = {"deltagere": {"pr_aar": {"value": 8, "source": "a"}},
        "variants": [{"key": "kun_2019", "aarlige_omkostninger": {"value": 100, "source": "b"}}],
        "items": [{"id": "x", "amount": {"value": 3, "source": "c"}}, {"amount": {"value": 4, "source": "d"}}]}


def test_leaves_give_paths_that_walk_back():
    found = dotted.leaves(DATA, lambda n: isinstance(n, dict) and "value" in n)
    assert [p for p, _ in found] == ["deltagere.pr_aar", "variants.kun_2019.aarlige_omkostninger",
                                     "items.x.amount", "items.1.amount"]
    for path, node in found:
        assert dotted.walk(DATA, path)[-1] is node


def test_one_message_for_a_wrong_path_in_overrides_and_parameters(root):
    scenario = costmodel.load(root / "scenarios/aktivt_faellesskab.yaml")
    with pytest.raises(ParameterError) as read:
        resolve_scenario_path(scenario, "drift.nosuch.hours")
    with pytest.raises(OverrideError) as write:
        set_path(scenario.model_dump(mode="python"), "drift.nosuch.hours", 1)
    assert str(read.value) == str(write.value) == "drift.nosuch: no list element with id or name 'nosuch'"
    assert isinstance(read.value, PathError) and isinstance(write.value, PathError)
    assert dotted.number_at(scenario, "forloeb.deltagere_pr_forloeb") == 10
    with pytest.raises(PathError, match="is not a number"):
        dotted.number_at(scenario, "title")
