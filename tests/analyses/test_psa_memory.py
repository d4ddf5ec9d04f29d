"""PSA in chunks and without the drawn values (issue 12): the same summary, draws only where asked for."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import costmodel
from costmodel.analyses import psa as psa_module
from costmodel.analyses.base import MEASURES
from costmodel.analyses.distributions import draw

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def aktivt():
    return costmodel.load(ROOT / "scenarios/aktivt_faellesskab.yaml")


def test_without_samples_the_summary_is_the_same_and_no_draws_are_kept(aktivt):
    full = psa_module.psa(aktivt, draws=4000, seed=11)
    lean = psa_module.psa(aktivt, draws=4000, seed=11, keep_samples=False)
    assert lean.frame.equals(full.frame) and lean.meta == full.meta
    assert list(lean.samples.columns) == list(MEASURES)  # the measures (percentiles, plots), not the draws
    for m in MEASURES:
        assert np.array_equal(lean.samples[m].to_numpy(), full.samples[m].to_numpy())


def test_chunks_give_the_draws_of_one_generator_in_order(aktivt, monkeypatch):
    one_chunk = psa_module.psa(aktivt, draws=1000, seed=4)
    monkeypatch.setattr(psa_module, "CHUNK", 1000)
    chunked = psa_module.psa(aktivt, draws=2500, seed=4)
    # Up to one chunk the draws are draw(seed)'s; past it each chunk continues the same Generator
    entries = list(aktivt.uncertainty)
    rng = np.random.default_rng(4)
    expected = np.vstack([draw(entries, n, rng) for n in (1000, 1000, 500)])
    paths = [e.parameter for e in entries]
    assert np.array_equal(chunked.samples[paths].to_numpy(), expected)
    assert np.array_equal(one_chunk.samples[paths].to_numpy(), expected[:1000])
    # and the summary is that of the samples it reports
    net = chunked.frame.set_index("measure").loc["net_total"]
    x = chunked.samples["net_total"].to_numpy()
    assert net["mean"] == pytest.approx(x.mean()) and net["p97_5"] == pytest.approx(np.percentile(x, 97.5))
    assert chunked.meta["prob_net_below_zero"] == pytest.approx((x < 0).mean())


def test_cli_writes_samples_only_when_asked(tmp_path):
    from typer.testing import CliRunner

    from costmodel.cli import app

    out = tmp_path / "s.csv"
    result = CliRunner().invoke(app, ["psa", str(ROOT / "scenarios/aktivt_faellesskab.yaml"), "--draws", "300",
                                      "--samples", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 301 and lines[0].endswith("gross_per_participant,price_year")
