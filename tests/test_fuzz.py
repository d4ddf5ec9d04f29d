"""Fuzz the loader with generated malformed input: every file is either a valid scenario that evaluates to finite
numbers, or a clean refusal (ScenarioError with at least one readable problem) -- never another exception.

Derandomized and bounded (PROFILE) so CI is reproducible and quick; COSTMODEL_FUZZ_EXAMPLES=1000 explores more,
COSTMODEL_HYPOTHESIS_RANDOM=1 explores other examples on each run.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import costmodel
from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[1]
PROFILE = settings(
    max_examples=int(os.environ.get("COSTMODEL_FUZZ_EXAMPLES", "60")),
    deadline=None,
    derandomize=not os.environ.get("COSTMODEL_HYPOTHESIS_RANDOM"),  # CI: the same examples every run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
SEEDS = {
    "prospective": (ROOT / "scenarios" / "kvindenetvaerksgruppen.yaml").read_text(encoding="utf-8"),
    "expost": (ROOT / "scenarios" / "lovende_praksis_thisted.yaml").read_text(encoding="utf-8"),
    "example": (ROOT / "examples" / "gruppeforloeb_egen_kommune.yaml").read_text(encoding="utf-8"),
}
# characters that mean something to YAML, and some that arrive from Word or other editors
NASTY = list(":-[]{}&*!|>'\"#%@,?\t\n ") + ["\u00a0", "\u201c", "\u201d", "\ufeff", "\x00", "\u2028", "<<", "---",
                                           ".nan", "-.inf", "~", "yes", "1:30", "2,5", "!!binary", "&a", "*a"]


def check(path: Path) -> None:
    """The loader's contract for any input file."""
    try:
        scenario = costmodel.load(path)
    except costmodel.ScenarioError as exc:
        assert exc.problems, "a refusal names at least one problem"
        for problem in exc.problems:
            text = problem.render(exc.file)
            assert text.startswith(problem.file or exc.file) and problem.message.strip()
            assert "Traceback" not in text
        return
    result = costmodel.evaluate(scenario)  # a file that loads must evaluate to finite numbers
    values = result.measures.items() if isinstance(result.measures, dict) else \
        [(m.measure, m.value) for m in result.measures]  # ex-post results hold a list of Measure
    for measure, value in values:
        assert isinstance(value, float) and math.isfinite(value), (measure, value)


@st.composite
def mutated(draw):
    """A shipped scenario with a few random edits: deletions, insertions, swapped or duplicated lines."""
    text = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["delete", "insert", "swap", "duplicate", "replace_value"]))
        lines = text.splitlines(keepends=True)
        if kind == "delete":
            start = draw(st.integers(0, max(len(text) - 1, 0)))
            text = text[:start] + text[start + draw(st.integers(1, 40)):]
        elif kind == "insert":
            at = draw(st.integers(0, len(text)))
            piece = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)))
            text = text[:at] + piece + text[at:]
        elif kind == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        elif kind == "duplicate" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])
        elif kind == "replace_value":
            candidates = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
            if candidates:
                i = draw(st.sampled_from(candidates))
                key = lines[i].split(": ", 1)[0]
                value = draw(st.one_of(st.sampled_from(NASTY), st.integers(-10**6, 10**6).map(str),
                                       st.floats(allow_nan=True, allow_infinity=True).map(repr), st.text(max_size=6)))
                lines[i] = f"{key}: {value}\n"
                text = "".join(lines)
    return text


plain = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=20,
)


@PROFILE
@given(text=mutated())
def test_mutated_scenarios_load_or_are_refused_cleanly(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    check(path)


@PROFILE
@given(data=st.dictionaries(st.sampled_from(["kind", "title", "source", "price_year", "rates", "horizon_years",
                                             "fagteams", "forloeb", "drift", "deltagere", "registreringer",
                                             "etablering", "sensitivity", "medarbejdere", "typo"]),
                            plain, max_size=8))
def test_random_structures_are_refused_cleanly(tmp_path, data):
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    check(path)


@PROFILE
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_random_bytes_are_refused_cleanly(tmp_path, raw):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    check(path)


@settings(PROFILE, max_examples=15)
@given(text=mutated())
def test_cli_never_shows_a_traceback(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out.csv"
    if out.exists():
        out.unlink()
    result = CliRunner().invoke(app, ["run", str(path), "--output", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert out.exists() == (result.exit_code == 0)
