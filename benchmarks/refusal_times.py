"""How fast hostile or huge inputs are refused (prints figures; nothing is asserted).

    PYTHONPATH=src python benchmarks/refusal_times.py
"""
from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

import costmodel


def billion_laughs(levels: int = 9) -> str:
    names = "abcdefghijklmnopqrstuvwxyz"
    out = [f'{names[0]}: &{names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip(names, names[1:levels]):
        out.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(out) + "\n"


CASES = {
    "billion laughs (9 levels, 9^9 values)": billion_laughs(9),
    "billion laughs (20 levels)": billion_laughs(20),
    "recursive alias": "a: &a [1, *a]\n",
    "nesting 100,000 deep": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "1 MB of comments (just under the limit)": "title: x\n" + ("# " + "x" * 98 + "\n") * 9_900,
    "1 MB mapping of 70,000 keys (too many values)": "".join(f"k{i}: {i}\n" for i in range(70_000)),
    "9,000 unknown keys (problems capped at 100)": "".join(f"k{i}: {i}\n" for i in range(9_000)),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in CASES.items():
            path = Path(tmp) / "case.yaml"
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            try:
                costmodel.load(path)
                outcome = "loaded"
            except costmodel.ScenarioError as exc:
                outcome = f"refused ({len(exc.problems)} problem(s)): {exc.problems[0].message[:60]}"
            seconds = time.perf_counter() - start
            tracemalloc.start()  # a second run for memory: tracing slows Python down several times
            try:
                costmodel.load(path)
            except costmodel.ScenarioError:
                pass
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{label:48s} {len(text) / 1e6:5.2f} MB  {seconds * 1000:8.1f} ms  peak {peak / 1e6:6.1f} MB  {outcome}")


if __name__ == "__main__":
    main()
