"""A PSA drawing the forløb count in a scenario with full-time posts and investments: the schedule model against
the plain engine row by row, which such a scenario took before posts and investments had a schedule source of
their own (trial F24, code finding C17). Nothing is asserted; ratios are printed.

    PYTHONPATH=src python benchmarks/bench_posts_psa.py [--quick]

Scenarios: the trial's bostøtte team (trial/bostoette.yaml: four posts, one investment, 60 forløb a year) and
the CTI example (examples/cti_socialstyrelsen_2017.yaml: three posts), each with a triangular forløb count
(±1/6 of its own). "plain" is what the evaluator did for these before: every draw through the plain engine
(vectorized.plain), bounded at 2.000 rows, so `costmodel report`'s default 10.000 draws were refused. Wall times
are the best of a few runs in this process; the machine's 2 cores are shared, so they move by tens of percent.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_analysis import best  # noqa: E402  (best of several wall times; the script's folder is on sys.path)

SCENARIOS = [ROOT / "trial" / "bostoette.yaml", ROOT / "examples" / "cti_socialstyrelsen_2017.yaml"]
COUNT = "forloeb.pr_fagteam_pr_aar"




def main() -> None:
    quick = "--quick" in sys.argv
    rep = 1 if quick else 3
    import numpy as np

    import costmodel
    from costmodel.analyses.psa import psa
    from costmodel.analyses.vectorized import plain
    from costmodel.prospective import parameters as prm
    from costmodel.prospective.uncertainty import Triangular

    for path in SCENARIOS:
        if not path.exists():
            continue
        scenario = costmodel.load(path)
        base = scenario.forloeb.pr_fagteam_pr_aar
        entry = Triangular(parameter=COUNT, distribution="triangular", low=base * 5 / 6, mode=base,
                           high=base * 7 / 6, source="benchmark")
        drawn = scenario.model_copy(update={"uncertainty": [entry]})
        rates = prm.load_rates_for(scenario)
        n_plain = 200 if quick else 500
        values = np.random.default_rng(1).triangular(base * 5 / 6, base, base * 7 / 6, n_plain)[:, None]
        t_plain = best(lambda: plain(drawn, [COUNT], values, rates), 1) / n_plain
        t_2k = best(lambda: psa(drawn, draws=2_000, seed=1, keep_samples=False), rep)
        t_10k = best(lambda: psa(drawn, draws=10_000, seed=1, keep_samples=False), rep)
        notes = psa(drawn, draws=2_000, seed=1, keep_samples=False).meta["notes"]
        print(f"{path.relative_to(ROOT)}: {len(scenario.stillinger)} posts, {len(scenario.investeringer)} investments,"
              f" {COUNT} triangular {base * 5 / 6:g}-{base:g}-{base * 7 / 6:g}")
        print(f"  plain engine, per draw (timed on {n_plain})     {t_plain * 1000:8.2f} ms")
        print(f"  before: 2.000 draws by the plain engine          {t_plain * 2_000:8.3f} s (extrapolated)")
        print(f"  now:    psa 2.000 draws                          {t_2k:8.3f} s   ({t_plain * 2_000 / t_2k:.0f} x faster)")
        print("  before: 10.000 draws                             refused (above the plain bound of 2.000)")
        print(f"  now:    psa 10.000 draws                         {t_10k:8.3f} s   "
              f"({t_plain * 10_000 / t_10k:.0f} x the plain engine's {t_plain * 10_000:.1f} s)")
        print(f"  notes: {notes or 'none (array path)'}")


if __name__ == "__main__":
    main()
