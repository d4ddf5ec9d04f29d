"""costmodel: Danish social-sector cost assessments after Socialstyrelsen's method.

    >>> import costmodel
    >>> scenario = costmodel.load("scenarios/aktivt_faellesskab.yaml")
    >>> result = costmodel.evaluate(scenario)
    >>> result["net_per_participant"]      # kroner, NNV, in result.price_year prices
"""
from __future__ import annotations

from .errors import Problem, ScenarioError
from .io.dump import dump
from .loader import load

# The engine is imported with the package, not on first use: nearly every use of the library (and every CLI
# command) evaluates a scenario right after loading it, and the results are pandas frames. Importing it here
# keeps `costmodel run` close to the cost of `import costmodel` itself (benchmarks/bench_engine.py).
from .prospective.model import Scenario
from .rates.table import rates_for
from .prospective.result import Result, evaluate_with

__version__ = "0.1.0"
__all__ = ["load", "dump", "evaluate", "sweep", "Scenario", "Result", "ScenarioError", "Problem", "__version__"]


def evaluate(scenario):
    """Evaluate a loaded scenario: a Result with `.lines` (tidy cost lines) and `.summary_frame()`."""
    if getattr(scenario, "kind", "prospective") == "expost":
        from .expost.engine import evaluate as evaluate_expost

        return evaluate_expost(scenario)
    return evaluate_with(scenario, rates_for(scenario))


def sweep(scenario):
    """The scenario's one-way sensitivity tables."""
    if getattr(scenario, "kind", "prospective") == "expost":
        from .expost.sensitivity import sweep as sweep_expost

        return sweep_expost(scenario)
    from .prospective.sensitivity import sweep as sweep_prospective

    return sweep_prospective(scenario)
