"""Where the shipped data lives: the project root in a checkout, or inside the wheel."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # src/costmodel (this file is src/costmodel/io/paths.py)


def _shipped(name: str) -> Path:
    inside_wheel = _PACKAGE / "_shipped" / name
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE.parents[1] / name  # src/costmodel -> project root (editable install or checkout)


def salary_tables_dir() -> Path:
    """The shipped rate and wage tables (salary_tables/)."""
    return _shipped("salary_tables")


def scenarios_dir() -> Path:
    """The shipped scenarios (scenarios/)."""
    return _shipped("scenarios")


def data_dir() -> Path:
    """The reproduction data: published figures and known issues (reproduction/data/)."""
    return _PACKAGE / "reproduction" / "data"
