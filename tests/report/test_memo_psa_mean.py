"""The memo's sentence on the simulations' mean against the base result says the actual difference (trial2 W3:
"Gennemsnittet af simuleringerne (62.900 kr. pr. deltager) er ikke det samme som grundberegningen (62.900 kr.)"
contradicted itself when both rounded to the same hundred)."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from costmodel.report.memo_layout import _psa_mean_text


def _text(mean: float, base: float) -> str:
    facts = SimpleNamespace(psa_skew=[], result=SimpleNamespace(measures={"net_per_participant": base}))
    return _psa_mean_text(facts, pd.DataFrame({"mean": [mean]}, index=["net_per_participant"]))


def test_same_hundred_says_they_agree_to_the_rounding_and_gives_the_difference():
    text = _text(62_870.0, 62_910.0)  # both 62.900 kr. to the hundred
    assert "ikke det samme" not in text
    assert "det samme som grundberegningen afrundet til hele hundrede (62.900 kr. pr. deltager)" in text
    assert "uafrundet ligger det 40 kr. under" in text and "fordi" in text


def test_different_hundreds_give_the_difference_and_its_direction():
    text = _text(64_020.0, 62_910.0)
    assert text.startswith("Gennemsnittet af simuleringerne (64.000 kr. pr. deltager) ligger 1.110 kr. over "
                           "grundberegningen (62.900 kr.), fordi")


def test_equal_results_need_no_reason():
    text = _text(62_910.2, 62_910.0)
    assert text.startswith("Gennemsnittet af simuleringerne er det samme som grundberegningen (62.900 kr. pr. deltager).")
    assert "fordi" not in text
