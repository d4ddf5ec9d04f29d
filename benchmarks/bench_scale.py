"""Issue 12's "Done when" figures in one run, as ratios, and how time and memory grow (nothing is asserted).

    PYTHONPATH=src python benchmarks/bench_scale.py [--quick] [--skip-growth]

Printed first, each against its target:
- start-up: `costmodel --version`, `validate`, `run` against the floor `python -c "import numpy, pandas, pydantic,
  yaml"` (best of several runs, each in a fresh process);
- a PSA drawing the forløb length against the same PSA over ordinary parameters (20.000 draws, in process);
- a registrations CSV of 1.000.000 rows through `costmodel run`: wall time against the floor, peak memory;
- 1e7 PSA draws: peak memory (a fresh process; --quick: 2e6 draws, and the 1e7 figure extrapolated).
Then growth of time and memory with draws, grid size, scenario size, horizon and registration rows, the
1000 x 1000 two-way JSON, and the whole-country estimate (98 municipalities x 20 interventions x 10.000 draws).

Timing noise: the machine has 2 cores shared with other work; wall times are the best of several runs and still
move by tens of percent from run to run (docs/performance.md).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
AKTIVT = ROOT / "scenarios" / "aktivt_faellesskab.yaml"
EXPOST = ROOT / "examples" / "expost_eget_eksempel.yaml"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
FLOOR = ["-c", "import numpy, pandas, pydantic, yaml"]


# A small launcher runs each measured process: Linux counts a child's peak memory from the memory of the process
# it was forked from, so forking from this (by then large) benchmark process would inflate every figure.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
err = proc.stderr.read().decode(errors="replace")[-2000:]
print(os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024)
sys.stderr.write(err)
"""


def measured(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB) of one fresh Python process."""
    out = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, *args], env=ENV, capture_output=True,
                         text=True, check=True)
    code, wall, mb = out.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{out.stderr}")
    return float(wall), float(mb)


def best(args: list[str], repeat: int) -> tuple[float, float]:
    runs = [measured(args) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def best_in_process(fn, repeat: int) -> float:
    """Best wall time of `fn`, each run from scratch: the evaluators keep the last scenario's line exponents
    (analyses/lines.py), which a loop over different scenarios would not find."""
    from costmodel.analyses import lines

    times = []
    for _ in range(repeat):
        lines._LAST.clear()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def line(label: str, value: str, target: str = "") -> None:
    print(f"  {label:58s} {value:>22s}   {target}")


def registrations_csv(folder: Path, rows: int, seed: int = 1) -> Path:
    """A scenario beside a CSV of `rows` registrations (made-up hours; staff groups of the example)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    groups = np.array(["socialraadgiver", "leder", "familieterapeut"])
    acts = np.array(["med_deltagere", "uden_deltagere"])
    months = np.array([f"2019-{m:02d}" for m in range(1, 13)])
    hours = np.round(rng.uniform(0, 40, rows) * 4) / 4
    csv = folder / f"reg_{rows}.csv"
    with csv.open("w", encoding="utf-8") as handle:
        handle.write("month,personalegruppe,hours,aktivitet,fase\n")
        for lo in range(0, rows, 200_000):
            hi = min(lo + 200_000, rows)
            n = hi - lo
            m, g, a = months[rng.integers(0, 12, n)], groups[rng.integers(0, 3, n)], acts[rng.integers(0, 2, n)]
            handle.write("".join(f"{mm},{gg},{h:g},{aa},forløb\n" for mm, gg, h, aa in zip(m, g, hours[lo:hi], a)))
    scenario = folder / f"eget_{rows}.yaml"
    scenario.write_text(EXPOST.read_text(encoding="utf-8").replace("expost_registreringer.csv", csv.name),
                        encoding="utf-8")
    return scenario


PSA_SCRIPT = """
import sys, costmodel
from costmodel.analyses.psa import psa
psa(costmodel.load(sys.argv[1]), draws=int(float(sys.argv[2])), seed=1, keep_samples=False)
"""


GRID_SCRIPT = """
import sys, numpy as np, costmodel
from costmodel.analyses.twoway import twoway
from costmodel.cli.common import write_chunks
from costmodel.report.analysis_text import render_chunks
n = int(sys.argv[3])
result = twoway(costmodel.load(sys.argv[1]), "forloeb.deltagere_pr_forloeb", np.linspace(5, 15, n),
                "sparede_omkostninger.0.hours_per_week", np.linspace(1, 5, n))
write_chunks(render_chunks(result, "json"), __import__("pathlib").Path(sys.argv[2]), True)
"""


def main() -> None:
    quick = "--quick" in sys.argv
    rep = 3 if quick else 5
    print("Issue 12, 'Done when' (ratios measured in this run)")
    floor, floor_mb = best(FLOOR, rep)
    line("floor: python -c 'import numpy, pandas, pydantic, yaml'", f"{floor:.3f} s  {floor_mb:.0f} MB")
    for label, args, target in [
        ("costmodel --version", ["-m", "costmodel.cli", "--version"], 0.3),
        ("costmodel validate aktivt_faellesskab.yaml", ["-m", "costmodel.cli", "validate", str(AKTIVT)], 1.0),
        ("costmodel run aktivt_faellesskab.yaml", ["-m", "costmodel.cli", "run", str(AKTIVT)], 1.1),
    ]:
        wall, _ = best(args, rep)
        line(label, f"{wall:.3f} s = {wall / floor:.2f} x floor", f"target <= {target}")

    import numpy as np

    import costmodel
    from costmodel.analyses.psa import psa

    scenario = costmodel.load(AKTIVT)
    entry = type(scenario.uncertainty[2]).model_validate(dict(
        parameter="forloeb.laengde_aar", distribution="uniform", low=0.2, high=0.6, source="benchmark"))
    drawn = scenario.model_copy(update={"uncertainty": [*scenario.uncertainty, entry]})
    t_plain = best_in_process(lambda: psa(scenario, draws=20_000, seed=1, keep_samples=False), rep)
    t_struct = best_in_process(lambda: psa(drawn, draws=20_000, seed=1, keep_samples=False), rep)
    line("PSA 20.000 draws, ordinary parameters", f"{t_plain:.3f} s")
    line("PSA 20.000 draws, + forløb length (uniform 0,2-0,6 years)",
         f"{t_struct:.3f} s = {t_struct / t_plain:.2f} x", "target <= 3")

    with tempfile.TemporaryDirectory() as tmp:
        big = registrations_csv(Path(tmp), 1_000_000)
        wall, mb = best(["-m", "costmodel.cli", "run", str(big)], 2 if quick else 3)
        line("costmodel run, registrations CSV of 1.000.000 rows",
             f"{wall:.2f} s = {wall / floor:.1f} x floor", "target <= 15")
        line("  peak memory", f"{mb:.0f} MB", "target <= 1500")

        draws = 2e6 if quick else 1e7
        script = Path(tmp) / "psa.py"
        script.write_text(PSA_SCRIPT, encoding="utf-8")
        wall, mb = measured([str(script), str(AKTIVT), str(draws)])
        label = f"PSA {draws:.0e} draws (no --samples), peak memory"
        if quick:
            small_wall, small_mb = measured([str(script), str(AKTIVT), "1e5"])
            per = (mb - small_mb) / (draws - 1e5)
            line(label, f"{mb:.0f} MB in {wall:.1f} s")
            line("  extrapolated to 1e7 draws", f"{small_mb + per * (1e7 - 1e5):.0f} MB", "target <= 1000")
        else:
            line(label, f"{mb:.0f} MB in {wall:.1f} s", "target <= 1000")

        if "--skip-growth" not in sys.argv:
            growth(Path(tmp), floor, quick)


def growth(tmp: Path, floor: float, quick: bool) -> None:
    import numpy as np

    import costmodel
    from costmodel.analyses.psa import psa
    from costmodel.analyses.twoway import twoway
    from costmodel.analyses.vectorized import Evaluator
    from costmodel.prospective import parameters as prm

    scenario = costmodel.load(AKTIVT)
    script = tmp / "psa.py"
    print("\nGrowth with draws (PSA of aktivt_faellesskab, fresh process: wall time and peak memory)")
    for draws in (1e4, 1e5, 1e6) if quick else (1e4, 1e5, 1e6, 3e6):
        wall, mb = measured([str(script), str(AKTIVT), str(draws)])
        line(f"{draws:.0e} draws", f"{wall:6.2f} s {mb:6.0f} MB")

    print("\nGrowth with grid size (two-way, in process; deltagere x § 85 hours)")
    from costmodel.io.limits import MAX_GRID

    for n in (50, 200, int(MAX_GRID ** 0.5)):  # issue 9 bounds a grid at MAX_GRID cells
        xs, ys = list(np.linspace(5, 15, n)), list(np.linspace(1, 5, n))
        t = best_in_process(lambda: twoway(scenario, "forloeb.deltagere_pr_forloeb", xs,
                                           "sparede_omkostninger.0.hours_per_week", ys), 2)
        line(f"{n} x {n}", f"{t:6.3f} s")
    for nx in (200, 201):
        xs, ys = list(np.linspace(0.2, 0.6, nx)), list(np.linspace(1, 5, 50))
        t = best_in_process(lambda: twoway(scenario, "forloeb.laengde_aar", xs,
                                           "sparede_omkostninger.0.hours_per_week", ys), 2)
        line(f"{nx} x 50, forløb length x § 85 hours (structural)", f"{t:6.3f} s")
    grid_script = tmp / "grid.py"
    grid_script.write_text(GRID_SCRIPT, encoding="utf-8")
    side = int(MAX_GRID ** 0.5)
    wall, mb = measured([str(grid_script), str(AKTIVT), str(tmp / "grid.json"), str(side)])
    line(f"two-way {side} x {side} (the grid bound) written as JSON (fresh process)", f"{wall:6.2f} s {mb:6.0f} MB")

    print("\nGrowth with scenario size (the five report-000 scenarios; 10.000-row array evaluation, in process)")
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        s = costmodel.load(path)
        if s.kind != "prospective":
            continue
        from costmodel.analyses.lines import engine_lines

        rates = prm.load_rates_for(s)
        n_lines = len(engine_lines(s, rates)[0])
        paths = ["forloeb.deltagere_pr_forloeb", "rates.wage_level", "discount_rate"]
        t_build = best_in_process(lambda: Evaluator(s, paths, rates), 2)
        ev = Evaluator(s, paths, rates)
        rows = np.column_stack([np.full(10_000, prm.base_value(s, p, rates)) for p in paths])
        t_eval = best_in_process(lambda: ev(rows), 3)
        t_run = best_in_process(lambda: costmodel.evaluate(s).lines, 3)
        line(f"{path.stem} ({n_lines} cost lines)",
             f"run+lines {t_run * 1e3:5.1f} ms, build {t_build * 1e3:5.0f} ms, eval {t_eval * 1e3:5.1f} ms")

    print("\nGrowth with horizon (aktivt_faellesskab; one evaluation, and a 10.000-draw PSA)")
    for years in (3, 10, 25, 50):
        s = prm.apply(scenario, {"horizon_years": float(years)})[0]
        t_run = best_in_process(lambda: costmodel.evaluate(s).lines, 3)
        t_psa = best_in_process(lambda: psa(s, draws=10_000, seed=1, keep_samples=False), 2)
        line(f"{years} years", f"run {t_run * 1e3:6.1f} ms, PSA {t_psa:6.3f} s")

    print("\nGrowth with registration rows (costmodel run, fresh process)")
    for rows in (10_000, 100_000, 1_000_000) if quick else (10_000, 100_000, 1_000_000, 2_000_000):
        path = registrations_csv(tmp, rows, seed=rows)
        wall, mb = best(["-m", "costmodel.cli", "run", str(path)], 2)
        size = (tmp / f"reg_{rows}.csv").stat().st_size / 1e6
        line(f"{rows:,} rows ({size:.0f} MB)", f"{wall:6.2f} s {mb:6.0f} MB  {wall / floor:5.1f} x floor")

    print("\nWhole country: 98 municipalities x 20 interventions x 10.000 draws")
    t_one = best_in_process(lambda: psa(scenario, draws=10_000, seed=1, keep_samples=False), 3)
    total = 98 * 20 * t_one
    line("one PSA of 10.000 draws (evaluator built anew)", f"{t_one:.3f} s")
    line("1.960 such PSAs one after another", f"{total:.0f} s = {total / 60:.1f} min")
    line("  on both cores (two processes)", f"{total / 120:.1f} min")


if __name__ == "__main__":
    main()
