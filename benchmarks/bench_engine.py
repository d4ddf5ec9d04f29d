"""Print speed and memory figures for the engine (not asserted anywhere; run by hand).

    python benchmarks/bench_engine.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def timed(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def wall(cmd: list[str], repeat: int = 3) -> float:
    return timed(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat)


def main() -> None:
    import costmodel
    from costmodel.reproduction.reproduce import reproduce_000

    print(f"python -c 'import costmodel'          {wall([sys.executable, '-c', 'import costmodel']):8.3f} s")
    print(f"costmodel run aktivt_faellesskab.yaml  "
          f"{wall([sys.executable, '-m', 'costmodel.cli', 'run', str(ROOT / 'scenarios/aktivt_faellesskab.yaml')]):8.3f} s")
    for path in SCENARIOS:
        try:
            scenario = costmodel.load(path)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            print(f"{path.name:40s} skipped ({exc})")
            continue
        t_eval = timed(lambda: costmodel.evaluate(scenario))
        t_sweep = timed(lambda: costmodel.sweep(scenario), repeat=3)
        print(f"{path.name:40s} evaluate {t_eval * 1000:7.1f} ms   sweep {t_sweep * 1000:7.1f} ms")
    tracemalloc.start()
    start = time.perf_counter()
    reproduce_000()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    print(f"reproduce report 000 (all variants)    {elapsed:8.3f} s, peak traced memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
