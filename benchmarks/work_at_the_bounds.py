"""Time and peak memory of the work just below each bound of costmodel.io.limits (prints figures; nothing is
asserted), and of the refusal just above it. The bounds are chosen so that every line here ends in seconds.

    PYTHONPATH=src python benchmarks/work_at_the_bounds.py
"""
from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

import costmodel
from costmodel.io import limits

BASE = Path(__file__).resolve().parents[1] / "scenarios" / "aktivt_faellesskab.yaml"


def scenario(tmp: Path, *replacements: tuple[str, str], name: list = [0]):
    text = BASE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    name[0] += 1
    path = tmp / f"s{name[0]}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def items(n: int) -> str:
    return "".join(f"  - item: I{i}\n    who: gruppefacilitator\n    hours_per_week: 1\n    weeks: forloeb\n"
                   "    per: forloeb\n" for i in range(n))


def _once(work) -> str:
    try:
        work()
        return "ok"
    except costmodel.ScenarioError as exc:
        return "refused: " + str(exc).splitlines()[0].split(": ", 2)[-1][:60]
    except ValueError as exc:
        return "refused: " + str(exc)[:60]


def measure(label: str, work) -> None:
    """Time without tracing (tracemalloc slows Python code down severalfold), then the peak with it."""
    start = time.perf_counter()
    outcome = _once(work)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _once(work)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"{label:58s} {seconds:7.2f} s {peak:8.1f} MB  {outcome}")


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        horizon = ("horizon_years: 3 ", "horizon_years: 50 ")
        cases = {
            f"pr_fagteam_pr_aar {limits.MAX_FORLOEB_PER_YEAR:,} over 50 years": scenario(
                tmp, horizon, ("pr_fagteam_pr_aar: 3", f"pr_fagteam_pr_aar: {limits.MAX_FORLOEB_PER_YEAR}")),
            f"i_alt_pr_fagteam {limits.MAX_FORLOEB_TOTAL:,}, forløb of 0.001 years": scenario(
                tmp, horizon, ("pr_fagteam_pr_aar: 3", f"i_alt_pr_fagteam: {limits.MAX_FORLOEB_TOTAL}"),
                ("laengde_aar: 0.3478", "laengde_aar: 0.001")),
            f"{limits.MAX_STAFF_PER_ROLE:,} persons in a role": scenario(
                tmp, ("count: 2 ", f"count: {limits.MAX_STAFF_PER_ROLE} ")),
            "pr_fagteam_pr_aar 1e9 (refused)": scenario(tmp, ("pr_fagteam_pr_aar: 3", "pr_fagteam_pr_aar: 1e9")),
            "250 a year x 50 years x 150 items (within the work bounds)": scenario(
                tmp, horizon, ("pr_fagteam_pr_aar: 3", "pr_fagteam_pr_aar: 250"), ("drift:\n", "drift:\n" + items(150))),
            "250 a year x 50 years x 1,600 items (refused: work)": scenario(
                tmp, horizon, ("pr_fagteam_pr_aar: 3", "pr_fagteam_pr_aar: 250"), ("drift:\n", "drift:\n" + items(1600))),
        }
        for label, path in cases.items():
            measure("run: " + label, lambda path=path: costmodel.evaluate(costmodel.load(path)))
        s = costmodel.load(BASE)
        from costmodel.analyses.psa import psa
        from costmodel.analyses.twoway import twoway

        measure(f"psa --draws {limits.MAX_DRAWS:,}", lambda: psa(s, draws=limits.MAX_DRAWS))
        measure("psa --draws 1e9 (refused)", lambda: psa(s, draws=10**9))
        side = int(limits.MAX_GRID ** 0.5)
        xs = [6 + i * 6 / side for i in range(side)]
        ys = [0.01 + i * 0.05 / side for i in range(side)]
        measure(f"twoway {side} x {side} (smooth parameters)",
                lambda: twoway(s, "forloeb.deltagere_pr_forloeb", xs, "drift.aktiviteter.amount", ys))
        measure("twoway, a structural parameter, 401 x 100 (refused: plain rows)",
                lambda: twoway(s, "forloeb.laengde_aar", [0.1 + i / 1000 for i in range(401)],
                               "forloeb.deltagere_pr_forloeb", list(range(1, 101))))
        measure("twoway 1e6 x 1e6 (refused)", lambda: twoway(s, "forloeb.deltagere_pr_forloeb", range(10**6),
                                                              "discount_rate", range(10**6)))


if __name__ == "__main__":
    main()
