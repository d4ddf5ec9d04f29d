"""costmodel: Danish social-sector cost assessments after Socialstyrelsen's method.

    >>> import costmodel
    >>> scenario = costmodel.load("scenarios/aktivt_faellesskab.yaml")
    >>> result = costmodel.evaluate(scenario)
    >>> result["net_per_participant"]      # kroner, NNV, in result.price_year prices
"""
from __future__ import annotations

from .errors import Problem, ScenarioError

__version__ = "0.1.0"
__all__ = ["load", "dump", "evaluate", "sweep", "Scenario", "Result", "ScenarioError", "Problem", "__version__"]

# The rest of the face is imported on first use (module __getattr__, PEP 562): `costmodel --version` needs none
# of it and `validate` no pandas, so each command loads only what it uses (issue 12; benchmarks/bench_scale.py).
_LAZY = {
    "load": ("loader", "load"),
    "dump": ("io.dump", "dump"),
    "Scenario": ("prospective.model", "Scenario"),
    "Result": ("prospective.result", "Result"),
    "kinds": ("kinds", None),
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'costmodel' has no attribute {name!r}")
    from importlib import import_module

    module, attr = _LAZY[name]
    found = import_module(f".{module}", __name__)
    value = found if attr is None else getattr(found, attr)
    globals()[name] = value  # once found, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def evaluate(scenario):
    """Evaluate a loaded scenario of either kind.

    Parameters
    ----------
    scenario : Scenario or ExPostScenario
        As returned by `load` (its rate table attached; evaluation reads no file).

    Returns
    -------
    Result or ExPostResult
        `result["net_per_participant"]` [kr.], `.lines` (tidy cost lines), `.summary_frame()`, `.by_category()`,
        in `result.price_year` prices.
    """
    from . import kinds

    return kinds.evaluate(scenario)


def sweep(scenario):
    """The scenario's one-way sensitivity tables.

    Parameters
    ----------
    scenario : Scenario or ExPostScenario

    Returns
    -------
    list of SweepTable
        One table per sensitivity block, amounts [kr.] in the scenario's price year.
    """
    from . import kinds

    return kinds.sweep(scenario)
