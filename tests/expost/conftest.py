"""Shared helpers for the ex-post tests: paths and scenario loading (expectations never come from here)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_002 = ROOT / "src" / "costmodel" / "reproduction" / "data" / "published_figures_002.csv"


def _load(path: Path, **overrides):
    from costmodel.expost import ExPostScenario

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(overrides)
    return ExPostScenario.model_validate(data, context={"base_dir": path.parent})


@pytest.fixture(scope="session")
def published_002() -> pd.DataFrame:
    return pd.read_csv(PUBLISHED_002)


@pytest.fixture(scope="session")
def load():
    """load(path, **overrides) -> validated ExPostScenario (overrides replace top-level keys)."""
    return _load
