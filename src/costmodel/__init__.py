"""costmodel: Danish social-sector cost assessments after Socialstyrelsen's method.

    >>> import costmodel
    >>> scenario = costmodel.load("scenarios/aktivt_faellesskab.yaml")
    >>> result = costmodel.evaluate(scenario)
    >>> result["net_per_participant"]      # kroner, NNV, in result.price_year prices
"""
from __future__ import annotations

from . import kinds
from .errors import Problem, ScenarioError
from .io.dump import dump
from .loader import load

# The engine is imported with the package, not on first use: nearly every use of the library (and every CLI
# command) evaluates a scenario right after loading it, and the results are pandas frames. Importing it here
# keeps `costmodel run` close to the cost of `import costmodel` itself (benchmarks/bench_engine.py).
from .prospective.model import Scenario
from .prospective.result import Result

__version__ = "0.1.0"
__all__ = ["load", "dump", "evaluate", "sweep", "Scenario", "Result", "ScenarioError", "Problem", "__version__"]


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
    return kinds.sweep(scenario)
