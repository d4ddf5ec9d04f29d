"""Fixtures for the reproduction tests: the published figures of report 002 (expectations never come from here)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_002 = ROOT / "src" / "costmodel" / "reproduction" / "data" / "published_figures_002.csv"


@pytest.fixture(scope="session")
def published_002() -> pd.DataFrame:
    return pd.read_csv(PUBLISHED_002)
