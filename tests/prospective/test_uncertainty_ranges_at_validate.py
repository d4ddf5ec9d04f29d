"""`validate` refuses an uncertainty range whose end gives an invalid scenario, as `tornado` would (reviewer R1:
a completion share with low 0 passed validate and failed in the analyses)."""
from pathlib import Path

import pytest

import costmodel
from costmodel.errors import ScenarioError

ROOT = Path(__file__).resolve().parents[2]


def _with_uncertainty(tmp_path, block: str) -> Path:
    text = (ROOT / "examples/investering_og_tilskud.yaml").read_text(encoding="utf-8")
    assert "\nuncertainty:" not in text
    path = tmp_path / "s.yaml"
    path.write_text(text + "\n" + block, encoding="utf-8")
    return path


def test_a_completion_share_range_ending_at_0_is_refused_with_its_line(tmp_path):
    path = _with_uncertainty(tmp_path, "uncertainty:\n  - parameter: forloeb.gennemfoerelsesandel\n"
                                       "    distribution: uniform\n    low: 0\n    high: 0.9\n    source: test\n")
    with pytest.raises(ScenarioError) as err:
        costmodel.load(path)
    problem = err.value.problems[0]
    assert problem.path == "uncertainty.0"
    assert "low end" in problem.message and "gennemfoerelsesandel" in problem.message
    assert problem.line == len(path.read_text(encoding="utf-8").splitlines()) - 4  # the entry's first line


def test_a_valid_range_still_loads(tmp_path):
    path = _with_uncertainty(tmp_path, "uncertainty:\n  - parameter: forloeb.gennemfoerelsesandel\n"
                                       "    distribution: uniform\n    low: 0.5\n    high: 0.9\n    source: test\n")
    assert costmodel.load(path).uncertainty[0].range() == (0.5, 0.9)
