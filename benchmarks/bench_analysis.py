"""Print timings for the sensitivity suite against start-up time and a plain per-scenario loop (not asserted).

    python benchmarks/bench_analysis.py [--quick]

Subprocesses run this checkout's code (PYTHONPATH=src). Wall times are the best of several runs. The plain loop
(overrides + costmodel's engine, one scenario at a time) is timed on a few hundred evaluations and
extrapolated to 100.000 draws and 10.000 grid cells; the script says so where it does.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
AKTIVT = ROOT / "scenarios/aktivt_faellesskab.yaml"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def wall(args: list[str], repeat: int) -> float:
    return best(lambda: subprocess.run([sys.executable, *args], check=True, capture_output=True, env=ENV), repeat)


def main() -> None:
    quick = "--quick" in sys.argv
    rep = 2 if quick else 5
    import numpy as np

    t_import = wall(["-c", "import costmodel"], rep)
    t_run = wall(["-m", "costmodel.cli", "run", str(AKTIVT)], rep)
    t_psa_cli = wall(["-m", "costmodel.cli", "psa", str(AKTIVT), "--draws", "100000", "--format", "json"],
                     max(2, rep - 2))
    print(f"python -c 'import costmodel'                     {t_import:8.3f} s")
    print(f"costmodel run aktivt_faellesskab.yaml            {t_run:8.3f} s   ({t_run / t_import:.2f} x import; "
          "target <= 1.5)")
    print(f"costmodel psa aktivt --draws 100000 (subprocess) {t_psa_cli:8.3f} s   ({t_psa_cli / t_import:.2f} x import; "
          "target <= 4)")

    import costmodel
    from costmodel.prospective import parameters as prm
    from costmodel.analyses.psa import psa
    from costmodel.analyses.twoway import twoway
    from costmodel.analyses.vectorized import Evaluator

    scenario = costmodel.load(AKTIVT)
    t_psa = best(lambda: psa(scenario, draws=100_000, seed=1), rep)
    paths = [e.parameter for e in scenario.uncertainty]
    ev = Evaluator(scenario, paths)
    rows = np.tile([prm.base_value(scenario, p) for p in paths], (100_000, 1))
    rows[:, 0] = np.random.default_rng(1).uniform(8, 12, 100_000)
    t_eval = best(lambda: ev(rows), rep)
    xs = list(np.linspace(5, 15, 100))
    ys = list(np.linspace(1, 5, 100))
    t_grid = best(lambda: twoway(scenario, "forloeb.deltagere_pr_forloeb", xs,
                                 "sparede_omkostninger.0.hours_per_week", ys), rep)
    print(f"psa, 100000 draws (in process, all of it)       {t_psa:8.3f} s")
    print(f"  of which array evaluation of 100000 rows      {t_eval:8.3f} s")
    print(f"two-way grid 100 x 100 (in process)              {t_grid:8.3f} s")

    # The plain loop: one overridden scenario at a time through the engine.
    n_loop = 100 if quick else 300
    rng = np.random.default_rng(2)
    rates = prm.load_rates_for(scenario)
    draws = [dict(zip(paths, row)) for row in rows[:n_loop]]
    for d in draws:
        d["forloeb.deltagere_pr_forloeb"] = float(rng.uniform(8, 12))
    start = time.perf_counter()
    for d in draws:
        prm.evaluate_at(scenario, d, rates)
    per = (time.perf_counter() - start) / n_loop
    loop_psa, loop_grid = per * 100_000, per * 10_000
    print(f"plain loop: {per * 1000:.2f} ms per scenario (timed on {n_loop}, extrapolated below)")
    print(f"  100000 draws by plain loop                     {loop_psa:8.1f} s   "
          f"(vectorized psa {loop_psa / t_psa:.0f} x faster)")
    print(f"  100 x 100 grid by plain loop                   {loop_grid:8.1f} s   "
          f"(vectorized grid {loop_grid / t_grid:.0f} x faster)")


if __name__ == "__main__":
    main()
