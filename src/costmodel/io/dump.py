"""Write a scenario back to YAML.

`dump(scenario, path_or_stream)` writes safe YAML (plain mappings, lists, text and numbers) that `costmodel.load`
reads back to the same scenario: fields left at their defaults are omitted, the rate table is named as given
(a relative path to a table is made absolute, so the dump may live elsewhere), and an ex-post scenario's
registrations CSV is written inline so the dump does not depend on that file. Comments are not kept.
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

from .atomic import write_atomic


def to_data(scenario: Any) -> dict:
    """The scenario as plain data, ready for YAML."""
    data = scenario.model_dump(mode="json", exclude_defaults=True, by_alias=True)  # the keys a file gives
    data = {"kind": scenario.kind, **data}
    source = getattr(scenario, "_source_path", None)
    rates = str(scenario.rates)
    if Path(rates).suffix in (".yaml", ".yml") and not Path(rates).is_absolute() and source is not None:
        data["rates"] = str((Path(source).parent / rates).resolve())
    reg = getattr(scenario, "registreringer", None)
    if reg is not None and reg.csv is not None:
        # rows already holds the CSV's rows (read at validation) followed by any inline ones
        data["registreringer"].pop("csv", None)
        data["registreringer"]["rows"] = reg.table().records()  # CSV rows column-wise, then inline ones
    return data


def dumps(scenario: Any) -> str:
    """The scenario as YAML text (see `dump`)."""
    return yaml.safe_dump(to_data(scenario), allow_unicode=True, sort_keys=False, width=120)


def dump(scenario: Any, target: str | Path | IO[str], force: bool = False) -> None:
    """Write the scenario as YAML to a path (atomically; an existing file only with force=True) or a text stream."""
    text = dumps(scenario)
    if hasattr(target, "write"):
        target.write(text)  # type: ignore[union-attr]
        return
    write_atomic(Path(target), text, force)
