"""Use costmodel from Python: load, evaluate, look at the cost lines, change an assumption.

Run from the project root:  python examples/brug_som_bibliotek.py
"""
from pathlib import Path

import costmodel
from costmodel.report.formatting import format_kr
from costmodel.prospective.overrides import apply

ROOT = Path(__file__).resolve().parents[1]

scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")
result = costmodel.evaluate(scenario)
print(f"{result.title}: {format_kr(result['net_per_participant'], round_step=100)} pr. deltager "
      f"(NNV, {result.price_year}-priser)")

# The tidy cost lines: which items drive drift?
drift = result.lines.query("category == 'drift'").groupby("item")["nnv"].sum().sort_values(ascending=False)
print(drift.head(5).round(0).to_string())

# "How does it move if we have 8 instead of 10 deltagere?"
fewer = costmodel.evaluate(apply(scenario, {"forloeb.deltagere_pr_forloeb": 8}))
print("8 deltagere pr. forløb:", format_kr(fewer["net_per_participant"], round_step=100), "pr. deltager")
