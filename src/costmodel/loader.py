"""Read a scenario file: safe YAML, then validation by its kind's model, then the kind's own checks; every problem
tied to a field and line. Reading a file computes no cost."""
from __future__ import annotations

from pathlib import Path

from . import kinds
from .errors import ScenarioError
from .io.validate import validate_data
from .io.yamlio import load_yaml


def load(path: str | Path):
    """Load and validate a scenario file of either kind.

    Parameters
    ----------
    path : str or Path
        The scenario's YAML file; a relative rate-table or registrations path in it is relative to this file.

    Returns
    -------
    Scenario or ExPostScenario
        The validated scenario, its own checks done and its rate table attached (evaluating it reads no file).

    Raises
    ------
    ScenarioError
        Every problem found, each with file, field path and line.
    """
    path = Path(path)
    data, lines = load_yaml(path)
    model = kinds.model_for(data, str(path), lines)
    lines = kinds.upgrade_keys(model, data, lines, path)
    try:
        scenario = validate_data(data, lines, model, str(path), {"base_dir": path.parent})
    except ScenarioError as exc:
        if exc.file == str(path):  # checks that need a valid scenario, tried on the raw data so that they are
            # reported with the field errors
            exc.problems.extend(p for p in kinds.problems_beside(model, data, path, lines) if p not in exc.problems)
        raise
    kinds.after_load(scenario, data, path, lines)
    return scenario
