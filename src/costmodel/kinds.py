"""The only place that knows there are two kinds of scenario: prospective (Socialstyrelsen's method, report 000)
and ex-post (registered costs, report 002).

Everything that must treat the kinds differently asks here: which model validates a file, what a loaded
scenario still needs checked and attached, how it is evaluated and swept, and whether a result has the
prospective category breakdown. The methods themselves (`costmodel.prospective`, `costmodel.expost`) never
import each other or this module; callers above them never test a scenario's or result's type themselves.

The methods are imported when first needed, so `import costmodel` does not pay for both.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from .errors import DeprecatedKeyWarning, InputError, Problem, ScenarioError
from .io.yamlio import LineMap, line_for

PROSPECTIVE = "prospective"
EXPOST = "expost"
KINDS = (PROSPECTIVE, EXPOST)


def kind_of(obj: Any) -> str:
    """'prospective' or 'expost' for a scenario or an evaluation result (both carry `kind`)."""
    kind = getattr(obj, "kind", PROSPECTIVE)
    return kind if kind in KINDS else PROSPECTIVE


def is_expost(obj: Any) -> bool:
    """Whether a scenario or result is of the ex-post (registered-cost) kind."""
    return kind_of(obj) == EXPOST


def is_prospective(obj: Any) -> bool:
    """Whether a scenario or result is of the prospective kind."""
    return kind_of(obj) == PROSPECTIVE


def has_categories(result: Any) -> bool:
    """Whether a result has the prospective breakdown: etablering, uddannelse, drift, sparede omkostninger."""
    return is_prospective(result)


def require_prospective(scenario: Any) -> None:
    """Raise ValueError unless the scenario is prospective (the sensitivity suite's parameters are its fields)."""
    if not is_prospective(scenario):
        raise InputError("the sensitivity suite works on prospective scenarios (ex-post scenarios have their own "
                         "one-way tables: costmodel sweep)")


def model_for(data: dict, file: str, lines: LineMap) -> type:
    """The pydantic model that validates a scenario file's data, chosen by its `kind:` (default prospective)."""
    kind = data.get("kind", PROSPECTIVE)
    if kind == PROSPECTIVE:
        from .prospective.model import Scenario

        return Scenario
    if kind == EXPOST:
        from .expost.model import ExPostScenario

        return ExPostScenario
    raise ScenarioError(file, [Problem("kind", f"unknown scenario kind {kind!r}; use 'prospective' or 'expost'",
                                       line_for(lines, ("kind",)))])


def upgrade_keys(model: type, data: dict, lines: LineMap, path: Path) -> LineMap:
    """Rename a file's old key names to the new ones (ex-post, expost/keys.py), warning once per key with its
    line; returns the line map under the new names, so later problems keep their lines."""
    if data.get("kind", PROSPECTIVE) != EXPOST:  # (model_for has chosen the model by this key)
        return lines
    from .expost.keys import upgrade

    renamed, clashes = upgrade(data)
    notes = []
    for old, new in renamed:
        where = f"{path}:{lines[old]}" if old in lines else str(path)
        notes.append((lines.get(old, 0), f"{where}: {'.'.join(map(str, old))}: old key name; write {new[-1]!r} "
                                         "(old names are read until the next release)"))
        n = len(old)
        lines = {(new + loc[n:] if loc[:n] == old else loc): line for loc, line in lines.items()}
    for _, note in sorted(notes, key=lambda n: n[0]):  # in the order of the file
        warnings.warn(DeprecatedKeyWarning(note), stacklevel=2)
    if clashes:
        raise ScenarioError(str(path), [Problem(".".join(map(str, loc)), message, line_for(lines, loc))
                                        for loc, message in clashes])
    return lines


def problems_beside(model: type, data: dict, path: Path, lines: LineMap) -> list[Problem]:
    """Problems to report with the field errors of a file that did not validate (the prospective kind checks
    wage groups against its rate table on the raw data)."""
    from .prospective.model import Scenario

    if model is Scenario:
        from .prospective.checks import raw_wage_group_problems

        return raw_wage_group_problems(data, path, lines)
    return []


def after_load(scenario: Any, data: dict, path: Path, lines: LineMap) -> None:
    """The kind's own checks on a validated scenario, and what its evaluation needs attached (rate table)."""
    scenario._source_path = path
    if is_prospective(scenario):
        from .prospective.checks import after_load as prospective_after_load

        prospective_after_load(scenario, data, path, lines)


def evaluate(scenario: Any):
    """Evaluate a loaded scenario of either kind: a result with `.lines`, `[measure]`, `.summary_frame()`."""
    if is_expost(scenario):
        from .expost.engine import evaluate as evaluate_expost

        return evaluate_expost(scenario)
    from .prospective.result import evaluate_with
    from .rates.table import rates_for

    return evaluate_with(scenario, rates_for(scenario))


def sweep(scenario: Any) -> list:
    """The scenario's one-way sensitivity tables (SweepTable list), as its kind defines them."""
    if is_expost(scenario):
        from .expost.sensitivity import sweep as sweep_expost

        return sweep_expost(scenario)
    from .prospective.sensitivity import sweep as sweep_prospective

    return sweep_prospective(scenario)


def sensitivity_specs(scenario: Any) -> list:
    """The prospective scenario's one-way table specs (`sensitivity:`, each with a `key`); [] for an ex-post
    scenario, whose `sensitivity:` block is wage changes and a volume table, not a list of specs."""
    return list(scenario.sensitivity) if is_prospective(scenario) else []


def sweep_column_labels() -> dict[str, str]:
    """Danish column headings of the one-way tables of both kinds (a SweepTable does not say its kind; the
    prospective heading wins where both name a column)."""
    from .expost.sensitivity import COLUMN_LABELS as expost_labels
    from .prospective.sensitivity import COLUMN_LABELS as labels

    return {**expost_labels, **labels}


def remarks(scenario: Any) -> list[str]:
    """Remarks (bemærkninger, Danish) on a valid scenario of the ex-post kind that is probably not what its author
    means (expost/remarks.py); the prospective kind's are asked for by its commands themselves."""
    if not is_expost(scenario):
        return []
    from .expost.remarks import remarks as expost_remarks

    return expost_remarks(scenario)


def input_files(scenario: Any) -> list[tuple[Path, str]]:
    """Every file a loaded scenario was read from, with what it is: the scenario file, its rate table, an ex-post
    scenario's registrations CSV, a prospective one's basisalternativ. An output never replaces one of them
    (io.atomic.refuse_inputs), not even with --force."""
    source = getattr(scenario, "_source_path", None)
    if source is None:
        return []
    source = Path(source)
    found = [(source, "the scenario being read")]
    from .rates.table import resolve_path

    rates = getattr(scenario, "rates", None)
    if isinstance(rates, str):
        found.append((resolve_path(rates, source.parent), "the rate table the scenario reads"))
    if is_expost(scenario):
        registrations = getattr(scenario, "registreringer", None)
        csv = getattr(registrations, "csv_path", None)
        if csv is not None:
            found.append((Path(csv), "the registrations CSV the scenario reads"))
    else:
        name = getattr(scenario, "basisalternativ", None)
        if name:
            found.append((source.parent / name, "the scenario's basisalternativ"))
    return found
