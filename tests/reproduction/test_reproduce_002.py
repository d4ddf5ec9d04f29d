"""`reproduce_rows()` for report 002: contract, count, and that every miss is explained."""
from __future__ import annotations

import pandas as pd
import pytest

from costmodel.reproduction.expost_002 import COLUMNS, reproduce_rows, scenarios_dir, summary_counts


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return reproduce_rows()


def test_columns_and_keys(frame, published_002):
    assert list(frame.columns) == COLUMNS
    assert (frame["report"] == "002").all()
    keys = set(zip(published_002["intervention"], published_002["row"], published_002["measure"]))
    assert set(zip(frame["intervention"], frame["row"], frame["measure"])) <= keys


def test_every_published_result_once(frame):
    assert len(frame) == 83
    assert not frame.duplicated(["intervention", "row", "measure", "published"]).any()


def test_done_criterion_at_least_65_within(frame):
    counts = summary_counts(frame)
    assert counts["within"] >= 65
    # Independent checks, inputs and fitted shares excluded: measured 68 on 2026-11-22 (63 before the named
    # reading A-thisted-volume of Tablet 8-7).
    assert counts["within_not_calibration"] >= 68


def test_every_miss_has_a_note(frame):
    misses = frame[~frame["within"]]
    assert (misses["note"].str.len() > 20).all(), misses[["intervention", "row", "measure"]]


def test_calibration_rows_are_flagged(frame):
    cal = frame[frame["used_for_calibration"]]
    # each scenario's annual cost (or the figure it was derived from) is an input
    assert set(cal["intervention"]) == {
        "spaedbarnsindsatsen_jammerbugt", "spydspidsen_koebenhavn", "boernegrupper_favrskov",
        "familiekonsulent_thisted", "spaedeindsats_holstebro",
    }
    assert cal["within"].all()


def test_millions_get_the_wider_tolerance(frame):
    jam = frame[(frame["intervention"] == "spaedbarnsindsatsen_jammerbugt") & (frame["measure"] == "annual_operating_cost")]
    assert (jam["tolerance"] == 100_000).all()


def test_scenarios_dir_is_the_project_one():
    assert (scenarios_dir() / "lovende_praksis_jammerbugt.yaml").is_file()
