"""The five shipped report-002 scenarios: every number cites report 002, inferred ones say so."""
from __future__ import annotations

from pathlib import Path

import pytest

from costmodel.expost.model import Sourced

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "scenarios").glob("lovende_praksis_*.yaml"))


def sourced_values(obj, path="scenario"):
    if isinstance(obj, Sourced):
        yield path, obj
    elif hasattr(obj, "__pydantic_fields__"):
        for name in type(obj).model_fields:
            yield from sourced_values(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from sourced_values(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from sourced_values(v, f"{path}[{i}]")


def test_five_scenarios_ship():
    assert len(FILES) == 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_value_cites_report_002(path, load):
    scenario = load(path)
    values = list(sourced_values(scenario))
    assert values
    for where, value in values:
        assert value.source and "report 002" in value.source, f"{path.name}: {where} has no report-002 source"
        if value.source.startswith("implied"):
            assert "implied by report 002" in value.source


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_price_year_2019(path, load):
    assert load(path).price_year == 2019
