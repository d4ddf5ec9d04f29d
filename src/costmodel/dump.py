"""Write a scenario back to YAML, and write any output file whole or not at all.

`dump(scenario, path_or_stream)` writes safe YAML (plain mappings, lists, text and numbers) that `costmodel.load`
reads back to the same scenario: fields left at their defaults are omitted, the rate table is named as given
(a relative path to a table is made absolute, so the dump may live elsewhere), and an ex-post scenario's
registrations CSV is written inline so the dump does not depend on that file. Comments are not kept.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

import yaml

from .errors import Problem, ScenarioError


def to_data(scenario: Any) -> dict:
    """The scenario as plain data, ready for YAML."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data = {"kind": scenario.kind, **data}
    source = getattr(scenario, "_source_path", None)
    rates = str(scenario.rates)
    if Path(rates).suffix in (".yaml", ".yml") and not Path(rates).is_absolute() and source is not None:
        data["rates"] = str((Path(source).parent / rates).resolve())
    reg = getattr(scenario, "registreringer", None)
    if reg is not None and reg.csv is not None:
        # rows already holds the CSV's rows (read at validation) followed by any inline ones
        data["registreringer"].pop("csv", None)
        data["registreringer"]["rows"] = [r.model_dump(mode="json", exclude_defaults=True) for r in reg.rows]
    return data


def dumps(scenario: Any) -> str:
    return yaml.safe_dump(to_data(scenario), allow_unicode=True, sort_keys=False, width=120)


def dump(scenario: Any, target: str | Path | IO[str], force: bool = False) -> None:
    """Write the scenario as YAML to a path (atomically; an existing file only with force=True) or a text stream."""
    text = dumps(scenario)
    if hasattr(target, "write"):
        target.write(text)  # type: ignore[union-attr]
        return
    write_atomic(Path(target), text, force)


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` whole or not at all: a temporary file in the same directory, then a rename, so a
    reader never sees half a file and a failure leaves nothing behind. Without `force` an existing file is never
    replaced, not even one that appears between the check and the rename (a hard link, which fails if the name
    exists, publishes the file where the file system allows it). Problems are ScenarioErrors (exit code 2)."""
    name = str(path)
    if path.is_dir():
        raise ScenarioError(name, [Problem("", "is a directory; give a file name for the output")])
    if path.exists() and not force:
        raise ScenarioError(name, [Problem("", "file exists; use --force to overwrite")])
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ScenarioError(name, [Problem("", "file exists; use --force to overwrite")]) from None
            except OSError:  # no hard links on this file system (some network and FAT ones): plain rename
                if path.exists():
                    raise ScenarioError(name, [Problem("", "file exists; use --force to overwrite")]) from None
                os.replace(tmp, path)
    except OSError as exc:
        raise ScenarioError(name, [Problem("", f"cannot write the file: {exc.strerror or exc}")]) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
