"""Sensitivity analyses from Python: tornado, break-even, probabilistic analysis and a plot for the memo.

Run from anywhere:  python examples/foelsomhed_som_bibliotek.py [output directory, default: the current one]
"""
import sys
from pathlib import Path

import costmodel
from costmodel.report import plots
from costmodel.analyses.breakeven import breakeven
from costmodel.analyses.psa import psa
from costmodel.analyses.tornado import tornado
from costmodel.report.analysis_text import worded
from costmodel.report.formatting import format_kr, format_number

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()

scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")

# Which assumptions matter most? (ranges from the scenario's uncertainty block)
swings = tornado(scenario).frame
for row in swings.itertuples():
    print(f"{row.label}: {format_kr(row.result_low, round_step=100)} til {format_kr(row.result_high, round_step=100)}")

# How many deltagere per forløb before the group is cheaper than the § 85 support it replaces?
zero = worded(breakeven(scenario, "forloeb.deltagere_pr_forloeb", 4, 12)).frame.iloc[0]  # the answer in words
print(zero["message"])

# How sure is the result? Seeded: the same seed gives the same numbers.
analysis = psa(scenario, draws=20_000, seed=20201)
net = analysis.frame.set_index("measure").loc["net_per_participant"]
print(f"Nettoomkostninger pr. deltager: gennemsnit {format_kr(net['mean'], round_step=100)}, "
      f"95 pct. interval {format_kr(net['p2_5'], round_step=100)} til {format_kr(net['p97_5'], round_step=100)}; "
      f"sandsynlighed for under 0 kr.: {format_number(analysis.meta['prob_net_below_zero'] * 100, 1)} pct.")

# A plot for the memo; every plot function also returns the data it draws.
figure, drawn = plots.tornado(tornado(scenario), out / "tornado.png")
print(f"Skrev {out / 'tornado.png'} ({len(drawn)} forudsætninger)")
