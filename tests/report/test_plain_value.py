"""One converter for the values JSON and workbook cells take (report.formatting.plain_value): it replaced three
near-copies (render._plain, export._cell_value, analysis_text._jsonable's scalars) that differed at the edges."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from costmodel.report.formatting import plain_value


@pytest.mark.parametrize("value, expected", [
    (np.int64(7), 7), (np.float64(2.5), 2.5), (np.bool_(True), True), (3, 3), ("tekst", "tekst"), (None, None),
    (float("nan"), None), (float("inf"), None), (-math.inf, None), (np.float64("nan"), None),
    (np.float32("nan"), None),  # export._cell_value let this one through as NaN (np.float32 is no float)
])
def test_plain_value(value, expected):
    out = plain_value(value)
    assert out == expected and type(out) is type(expected)
    json.dumps(out, allow_nan=False)  # always valid JSON
