"""Ex-post (registered-cost) assessments: report 002's method (Rambøll 2020, Dokumentation af lovende praksis)."""
from .engine import ExPostResult, evaluate
from .model import ExPostScenario
from .sensitivity import SweepTable, sweep

__all__ = ["ExPostResult", "ExPostScenario", "SweepTable", "evaluate", "sweep"]
