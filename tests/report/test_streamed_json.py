"""Analyses rendered in pieces (issue 12): the JSON is byte for byte json.dumps of the payload the renderer
used to build whole, and the CSV the one to_csv call it used to make."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import costmodel
from costmodel.analyses.base import AnalysisResult
from costmodel.report.analysis_text import _jsonable, render


def _whole_json(result) -> str:
    payload = {"kind": result.kind, "title": result.title, "measure": result.measure,
               "price_year": result.price_year, "currency": "DKK",
               "rows": _jsonable(result.frame.to_dict("records")), "meta": _jsonable(result.meta)}
    return json.dumps(payload, ensure_ascii=False, indent=2)


ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def analyses():
    from costmodel.analyses.psa import psa
    from costmodel.analyses.spider import spider
    from costmodel.analyses.tornado import tornado
    from costmodel.analyses.twoway import twoway

    s = costmodel.load(ROOT / "scenarios/aktivt_faellesskab.yaml")
    return [psa(s, draws=500, seed=3), tornado(s), spider(s),
            twoway(s, "forloeb.deltagere_pr_forloeb", [6, 8, 10, 12], "forloeb.laengde_aar", [0.2, 0.35, 0.5])]


def test_json_in_pieces_is_json_dumps(analyses):
    for result in analyses:
        assert render(result, "json") == _whole_json(result), result.kind


def test_csv_in_pieces_is_one_to_csv(analyses, monkeypatch):
    import costmodel.report.analysis_text as text

    monkeypatch.setattr(text, "_ROWS", 7)  # several pieces even for small frames
    for result in analyses:
        from costmodel.io.neutralise import csv_frame

        whole = csv_frame(result.frame.assign(price_year=result.price_year)).to_csv(index=False, float_format="%.10g")
        assert render(result, "csv") == whole, result.kind
        assert render(result, "json") == _whole_json(result), result.kind


def test_odd_cells_in_json():
    frame = pd.DataFrame({"a": [1.5, np.nan, np.inf, -0.0, 1e300], "b": ["x", "æø\"å\n", None, "", "<s>"],
                          "c": np.arange(5), "d": [True, False, True, True, False]})
    meta = {"grid": pd.DataFrame([[1.0, np.nan]], index=[2.5], columns=["u", "v"]), "empty": [], "none": {},
            "nested": [{"k": (1, 2)}, [np.float64(3.25), np.int64(4)]], "n": np.int64(7)}
    result = AnalysisResult("twoway", "Titel æ", "net_total", frame, 2020, meta)
    assert render(result, "json") == _whole_json(result)
    empty = AnalysisResult("spider", "t", "net_total", frame.iloc[:0], 2020, {})
    assert render(empty, "json") == _whole_json(empty)
