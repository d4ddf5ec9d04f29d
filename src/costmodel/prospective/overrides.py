"""Change one or more values of a scenario by dotted path, then re-validate.

Path segments name mapping keys, list indexes, or list elements by their `id` or `name`
(e.g. `fagteams.Fagteam.count`, `deltagergrupper.§ 82a.share`, `uddannelse.fit.enabled`).
"""
from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from ..errors import PathError
from ..io import dotted
from ..io.validate import problems_from, problems_text
from .model import Scenario


class OverrideError(PathError):
    """A change names no value of the scenario, or gives an invalid scenario."""


def set_path(data: dict, path: str, value: Any) -> None:
    """Set `value` at the dotted `path` in the scenario's data as written (see costmodel.io.dotted)."""
    dotted.set_path(data, path, value, OverrideError)


def apply(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    """A new, validated scenario with `changes` applied (the original is left alone)."""
    # Prefer the data as the user wrote it (keeps defaults that are derived during validation derived).
    raw = getattr(scenario, "_raw", None)
    data = copy.deepcopy(raw) if raw is not None else scenario.model_dump(mode="python", warnings=False)
    for path, value in changes.items():
        set_path(data, path, value)
    try:
        changed = Scenario.model_validate(data)
    except ValidationError as exc:
        # the scenario model's own words, field by field (as a file's problems), not pydantic's raw report
        inner = problems_text(problems_from(exc, {}, Scenario))
        raise OverrideError(f"changing {', '.join(changes)} gives an invalid scenario: {inner}") from None
    changed._source_path = scenario._source_path
    # resolved when the scenario was loaded; a change to what picks the table, its year or the discount rule
    # needs it resolved again (rates.table.rates_for then reads it)
    rebind = {"rates", "price_year", "vurderingsdato", "diskonteringsregel"}
    changed._rate_table = None if any(str(p).split(".")[0] in rebind for p in changes) else scenario._rate_table
    changed._raw = data
    return changed
