"""Bounds on every size that drives work: a hand-edited number must never make the tool run for hours or fill the
memory. Each bound is far above any real cost assessment and low enough that the work below it takes seconds; a
value above it is refused with a message that names the bound (docs/security.md).

Input files (yamlio), scenario fields (the models' validators) and command-line options (cli) read their bounds
from here, so the documentation, the tests and the code name the same numbers.
"""
from __future__ import annotations

import math

# ---- scenario fields: each one multiplies the number of forløb slots, persons or months the engine walks
MAX_FORLOEB_PER_YEAR = 250  # forloeb.pr_fagteam_pr_aar: one a working day; x 50 years = 12,500 slots
MAX_FORLOEB_TOTAL = 12_500  # forloeb.i_alt_pr_fagteam
MAX_STAFF_PER_ROLE = 1_000  # a staff role's count in one fagteam (each person gets a wage group)
MAX_TEAMS = 100_000  # a fagteam kind's count

MAX_SWEEP_ROWS = 200  # rows of all one-way tables together: each is a scenario validated and evaluated
MAX_UNCERTAIN = 50  # entries of the uncertainty block: tornado evaluates two rows each, psa draws them all
MAX_EXPOST_ROWS = 200  # an ex-post scenario's wage changes and volume values (each a row of its sweep)

# The engine's work grows with forløb slots x cost items x fagteam kinds (about 0.3 microseconds each), and a
# sweep or tornado repeats it per row: both products are bounded, so no combination of the bounds above runs long.
MAX_EVALUATION_WORK = 5_000_000  # slots x items x fagteam kinds: about 1.5 s for one evaluation
MAX_SCENARIO_WORK = 50_000_000  # the same x (1 + sensitivity rows + 2 x uncertainty entries): about 15 s


def schedule_slots(per_year: float | None, total: int | None, length: float, horizon: float) -> int:
    """Forløb slots one fagteam kind's schedule has within the horizon (an upper estimate)."""
    years = math.ceil(horizon - 1e-9)
    if per_year is not None:
        return math.ceil(per_year - 1e-9) * years
    return min(total or 0, math.ceil(horizon / length) + 1)


# ---- any number and any text in an input file
MAX_MAGNITUDE = 1e12  # kroner, hours, counts: a trillion is more than any input of a cost assessment
MAX_TEXT = 5_000  # characters in one text value (the longest shipped source quote is about 550)

MAX_LOGNORMAL_CV = 100.0  # an uncertainty range's lognormal sd / mean (beyond, its log-space sigma overflows)

# ---- command-line options
# psa/report/export --draws: drawn and evaluated 250.000 at a time, the four summarised measures kept (32 bytes a
# draw): 1e7 draws peak near 0,5 GB and take seconds (issue 12; docs/performance.md). With --samples the drawn
# values are kept and written too (~1 GB at the bound).
MAX_DRAWS = 10_000_000
MAX_OPTION_VALUES = 1_000  # values in one --x-values/--y-values/--changes list or range
MAX_GRID = 100_000  # cells of a two-way grid (x values x y values)
MAX_PLAIN_ROWS = 2_000  # analysis rows the plain engine evaluates one by one (structural parameters)
MAX_PCT = 1_000.0  # tornado --pct and spider --changes: +-1000 pct. of the base value
MAX_SEED = 2**63 - 1

# ---- plots
MAX_PLOT_LABEL = 300  # characters of a title or label drawn in a plot; longer text is cut with "..."


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if abs(value) < 1e15 else f"{value:g}"


def over(value: float, limit: float, what: str) -> str | None:
    """The refusal message if `value` exceeds `limit` (or is not finite), else None."""
    if value is None:
        return None
    if not math.isfinite(value):
        return f"{what} must be a finite number (got {value})"
    if abs(value) > limit:
        return f"{what} is {_n(value)}, above the bound of {_n(limit)} this tool accepts"
    return None


def check_count(value, count: int, limit: int, what: str):
    """A validator body for lists: return `value`, or raise ValueError if `count` exceeds `limit`."""
    if count > limit:
        raise ValueError(f"{count:,} {what}, above the bound of {limit:,} this tool accepts")
    return value


def check(value, limit: float, what: str):
    """A validator body: return `value`, or raise ValueError naming the bound."""
    message = over(value, limit, what)
    if message:
        raise ValueError(message)
    return value


# ---- results: an input within its bounds can still divide by almost nothing (0.0001 deltagere)
MAX_RESULT = 1e15  # kroner (or hours, counts) in any measure of a result: a thousand trillion


def result_problems(measures: dict[str, float]) -> list[str]:
    """Messages for every measure that is not finite or is above MAX_RESULT (empty when all are sound)."""
    out = []
    for name, value in measures.items():
        if value is None:
            continue
        value = float(value)
        if not math.isfinite(value) or abs(value) > MAX_RESULT:
            out.append(f"the result {name} is {value:g}, beyond the bound of {MAX_RESULT:g} for any figure: an "
                       "input is too large, or a number of deltagere (or a divisor like it) too close to 0")
    return out


def check_result(measures: dict[str, float], file) -> None:
    """Raise a ScenarioError (exit code 2) naming the scenario file if a measure is unsound (see result_problems)."""
    problems = result_problems(measures)
    if problems:
        from ..errors import Problem, ScenarioError

        more = f" (and {len(problems) - 1} more measures like it)" if len(problems) > 1 else ""
        raise ScenarioError(str(file), [Problem("", problems[0] + more)])
