"""Decide the `basis` of every published figure (check, calibration, forced, reading) and store it.

Run: python tools/basis.py            (writes src/costmodel/reproduction/data/basis_000.csv and basis_002.csv)

Method: costmodel.reproduction.basis (report 000) and costmodel.reproduction.basis_002 (report 002);
docs/reproduction.md, "How basis is decided". Re-run after changing a scenario, a rate table or a calibration
spec (it takes a few minutes: every move re-solves the residual lines). tests/reproduction/test_basis.py
re-applies each stored check's move (it must take the figure out of tolerance) and each forced figure's largest
move (it must not), so a stale file fails the suite for most changes that matter.
"""
from __future__ import annotations

import sys

from costmodel.reproduction.basis import classify_000
from costmodel.io.paths import data_dir


def main() -> None:
    reports = sys.argv[1:] or ["000", "002"]
    if "000" in reports:
        frame = classify_000()
        frame.to_csv(data_dir() / "basis_000.csv", index=False)
        print("report 000:", frame.basis.value_counts().to_dict())
    if "002" in reports:
        from costmodel.reproduction.basis_002 import classify_002

        frame = classify_002()
        frame.to_csv(data_dir() / "basis_002.csv", index=False)
        print("report 002:", frame.basis.value_counts().to_dict())


if __name__ == "__main__":
    main()
