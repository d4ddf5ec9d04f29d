"""Read a scenario file: safe YAML, then validation by its kind's model, then the kind's own checks; every problem
tied to a field and line. Reading a file computes no cost."""
from __future__ import annotations

from pathlib import Path

from . import kinds
from .errors import ScenarioError
from .io.validate import validate_data
from .io.yamlio import load_yaml


# Whether files a scenario names (a registrations CSV) may lie outside its folder when load() is not told; the
# CLI's --allow-outside-paths sets it for its one command.
ALLOW_OUTSIDE_PATHS = {"default": False}


def load(path: str | Path, allow_outside_paths: bool | None = None):
    """Load and validate a scenario file of either kind.

    Parameters
    ----------
    path : str or Path
        The scenario's YAML file; a relative rate-table or registrations path in it is relative to this file.
    allow_outside_paths : bool, optional
        Let a registrations CSV lie outside the scenario's folder (absolute, '..', a symlink out); refused
        otherwise (docs/security.md). Default: ALLOW_OUTSIDE_PATHS["default"] (False; the CLI's
        --allow-outside-paths sets it).

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
    if allow_outside_paths is None:
        allow_outside_paths = ALLOW_OUTSIDE_PATHS["default"]
    try:
        scenario = validate_data(data, lines, model, str(path),
                                 {"base_dir": path.parent, "allow_outside_paths": allow_outside_paths})
    except ScenarioError as exc:
        if exc.file == str(path):  # checks that need a valid scenario, tried on the raw data so that they are
            # reported with the field errors
            exc.problems.extend(p for p in kinds.problems_beside(model, data, path, lines) if p not in exc.problems)
        raise
    kinds.after_load(scenario, data, path, lines)
    return scenario
