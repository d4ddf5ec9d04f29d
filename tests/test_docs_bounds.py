"""The docs state the tool's bounds (trial3/FINDINGS.md #3: docs said 1,000,000 draws, the tool allowed
10,000,000). The code is the authority: the bound is read from io/limits.py and looked for in the docs."""
from __future__ import annotations

import re
from pathlib import Path

from costmodel.io import limits

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_input_errors_states_the_draws_bound():
    text = (DOCS / "input_errors.md").read_text(encoding="utf-8")
    row = [line for line in text.splitlines() if line.startswith("| `--draws`")]
    assert len(row) == 1, row
    assert f"| {limits.MAX_DRAWS:,} |" in row[0], row[0]


def test_security_states_the_draws_bound_and_no_other():
    text = " ".join((DOCS / "security.md").read_text(encoding="utf-8").split())
    assert f"The bound on `--draws` is {limits.MAX_DRAWS:,}" in text
    for number in re.findall(r"bound on `--draws` is ([\d,.]+)", text):
        assert number.rstrip(".") == f"{limits.MAX_DRAWS:,}", number
