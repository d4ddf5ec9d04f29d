"""Plot functions return what they draw and write valid files; frames are built here in the contract's shape
(API_CONTRACT.md) so the plots are tested apart from the analyses that will feed them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import costmodel
from costmodel.report import plots
from costmodel.tables import SweepTable

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass
class FakeAnalysis:  # the contract's AnalysisResult, as far as plots read it
    kind: str
    title: str
    measure: str
    frame: pd.DataFrame
    price_year: int = 2020
    meta: dict = field(default_factory=dict)
    samples: pd.DataFrame | None = None


def tornado_frame() -> pd.DataFrame:
    # deliberately NOT sorted: the plot must put the widest swing on top
    rows = [
        ("rates.wage_level", "Lønniveau", "faktor", 1.0, 0.9, 1.1, -2500.0, -4900.0),
        ("forloeb.deltagere_pr_forloeb", "Deltagere pr. forløb", "antal", 10, 8, 12, -900.0, -5500.0),
        ("fagteams.Fagteam.count", "Antal teams", "antal", 3, 1, 3, -3200.0, -3700.0),
    ]
    frame = pd.DataFrame(rows, columns=["parameter", "label", "unit", "base_value", "low_value", "high_value",
                                        "result_low", "result_high"])
    frame["base_result"] = -3700.0
    frame["swing"] = (frame["result_high"] - frame["result_low"]).abs()
    return frame


def test_tornado_draws_widest_on_top_with_the_input_values(tmp_path):
    frame = tornado_frame()
    fig, drawn = plots.tornado(FakeAnalysis("tornado", "Tornado", "net_per_participant", frame),
                               path=tmp_path / "t.png")
    assert list(drawn["parameter"]) == ["forloeb.deltagere_pr_forloeb", "rates.wage_level",
                                        "fagteams.Fagteam.count"]
    by_param = frame.set_index("parameter")
    for r in drawn.itertuples():
        assert r.result_low == by_param.loc[r.parameter, "result_low"]
        assert r.result_high == by_param.loc[r.parameter, "result_high"]
    ax = fig.axes[0]
    # the top tick (inverted y axis: position 0) is the widest, labelled with its input range
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Deltagere pr. forløb") and "(8 – 12)" in labels[0]
    assert ax.yaxis_inverted()
    # the bars start at the base case
    lefts = {round(p.get_x(), 6) for p in ax.patches}
    assert lefts == {-3700.0}
    assert (tmp_path / "t.png").read_bytes()[:8] == PNG_MAGIC


def test_tornado_accepts_a_plain_frame():
    _, drawn = plots.tornado(tornado_frame())
    assert drawn["swing"].is_monotonic_decreasing


@pytest.mark.parametrize("suffix,magic", [(".png", PNG_MAGIC), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_saved_by_suffix(tmp_path, suffix, magic):
    path = tmp_path / f"t{suffix}"
    plots.tornado(tornado_frame(), path=path)
    assert path.read_bytes()[: len(magic)] == magic


def test_unknown_suffix_is_an_error_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match=r"\.png"):
        plots.tornado(tornado_frame(), path=tmp_path / "t.jpg")
    assert not list(tmp_path.iterdir())


def test_danish_numbers_on_axes():
    fig, _ = plots.tornado(tornado_frame())
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert any("." in t and "," not in t for t in ticks if abs(int(t.replace(".", ""))) >= 1000), ticks
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "-5.500 kr." in texts and "-900 kr." in texts


def spider_frame() -> pd.DataFrame:
    rows = []
    for param, label, base, slope in [("forloeb.deltagere_pr_forloeb", "Deltagere pr. forløb", 10, -9000),
                                      ("rates.wage_level", "Lønniveau", 1.0, -12000)]:
        for change in (-0.2, -0.1, 0.0, 0.1, 0.2):
            rows.append((param, label, change, base * (1 + change), -3700 + slope * change))
    return pd.DataFrame(rows, columns=["parameter", "label", "change", "value", "result"])


def test_spider_one_line_per_input():
    frame = spider_frame()
    fig, drawn = plots.spider(FakeAnalysis("spider", "Spindel", "net_per_participant", frame))
    lines = [l for l in fig.axes[0].get_lines() if l.get_label() in set(frame["label"])]
    assert len(lines) == 2
    assert {l.get_linestyle() for l in lines} == {"-", "--"}  # told apart without colour
    assert len(drawn) == len(frame)
    line = next(l for l in lines if l.get_label() == "Lønniveau")
    np.testing.assert_allclose(line.get_xdata(), [-20, -10, 0, 10, 20])
    np.testing.assert_allclose(line.get_ydata(),
                               frame.loc[frame["label"] == "Lønniveau", "result"].to_numpy())


def twoway_analysis() -> FakeAnalysis:
    xs, ys = [6, 8, 10, 12], [1, 2, 3]
    rows = [(x, y, -3700 + 900 * (10 - x) - 200 * (y - 3)) for y in ys for x in xs]
    long = pd.DataFrame(rows, columns=["x_value", "y_value", "result"])
    grid = long.pivot(index="y_value", columns="x_value", values="result")
    meta = {"grid": grid, "x": "forloeb.deltagere_pr_forloeb", "y": "fagteams.Fagteam.count",
            "x_label": "Deltagere pr. forløb", "y_label": "Antal teams"}
    return FakeAnalysis("twoway", "Deltagere og teams", "net_per_participant", long, meta=meta)


def test_twoway_heatmap_writes_values_and_marks_zero():
    analysis = twoway_analysis()
    fig, grid = plots.twoway(analysis)
    pd.testing.assert_frame_equal(grid, analysis.meta["grid"])
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts}
    assert "-3.700" in texts and "300" in texts  # (10, 3 teams) and (6, 1 team): -3700 + 3600 + 400
    assert ax.collections, "a zero contour is drawn when the result changes sign"


def psa_analysis(n=2000) -> FakeAnalysis:
    rng = np.random.default_rng(1)
    net = rng.normal(-3700, 2500, n)
    samples = pd.DataFrame({"forloeb.deltagere_pr_forloeb": rng.uniform(8, 12, n), "net_per_participant": net})
    q = np.percentile(net, [2.5, 5, 50, 95, 97.5])
    frame = pd.DataFrame([dict(measure="net_per_participant", mean=net.mean(), sd=net.std(), p2_5=q[0], p5=q[1],
                               p50=q[2], p95=q[3], p97_5=q[4])])
    return FakeAnalysis("psa", "PSA", "net_per_participant", frame,
                        meta={"prob_net_below_zero": float((net < 0).mean()), "draws": n, "seed": 20201},
                        samples=samples)


def test_psa_histogram_counts_every_draw_and_states_the_probability(tmp_path):
    analysis = psa_analysis()
    fig, bins = plots.psa_histogram(analysis, path=tmp_path / "psa.png")
    assert bins["count"].sum() == 2000
    markers = bins.attrs["markers"].set_index("marker")["value"]
    assert markers["gennemsnit"] == pytest.approx(analysis.frame["mean"].iloc[0])
    title = fig.axes[0].get_title()
    prob = analysis.meta["prob_net_below_zero"] * 100
    assert f"{prob:.1f}".replace(".", ",") + " pct." in title
    assert (tmp_path / "psa.png").read_bytes()[:8] == PNG_MAGIC


@pytest.fixture(scope="module")
def aktivt():
    scenario = costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")
    return scenario, costmodel.evaluate(scenario)


def test_category_waterfall_adds_up_to_gross_and_net(aktivt):
    _, result = aktivt
    fig, drawn = plots.category_breakdown(result)
    steps = drawn.set_index("step")
    parts = steps.loc[["etablering", "uddannelse", "drift"], "value"].sum()
    assert parts == pytest.approx(result["gross_per_participant"])
    assert steps.loc["sparede_omkostninger", "end"] == pytest.approx(result["net_per_participant"])
    assert steps.loc["netto", "value"] == pytest.approx(result["net_per_participant"])
    assert "-3.700 kr." in {t.get_text() for t in fig.axes[0].texts}


def test_category_breakdown_refuses_an_expost_result():
    result = costmodel.evaluate(costmodel.load(ROOT / "scenarios" / "lovende_praksis_thisted.yaml"))
    with pytest.raises(ValueError, match="prospective"):
        plots.category_breakdown(result)


def test_sweep_bars_draw_the_table_values():
    frame = pd.DataFrame({"row": ["a", "b"], "label": ["8 deltagere", "12 deltagere"],
                          "net_per_participant": [-900.0, -5500.0]})
    table = SweepTable("d", "Tabel 7", frame, units={"net_per_participant": "kr."})
    fig, drawn = plots.sweep_bars(table)
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert heights == [-900.0, -5500.0]
    assert list(drawn["value"]) == [-900.0, -5500.0]


def test_by_year_plot_draws_the_years_and_saves(tmp_path):
    import costmodel
    from costmodel.report import plots

    root = Path(__file__).resolve().parents[2]
    result = costmodel.evaluate(costmodel.load(root / "scenarios" / "aktivt_faellesskab.yaml"))
    fig, frame = plots.by_year(result, path=tmp_path / "aar.png")
    assert list(frame["label"]) == ["År 1", "År 2", "År 3"]
    assert (tmp_path / "aar.png").read_bytes()[:4] == b"\x89PNG"
    texts = [t.get_text() for t in fig.axes[0].texts]
    # each year's cumulative net is labelled (undiscounted, whole hundreds)
    from costmodel.report import plotstyle

    assert [plotstyle.kr_label(v) for v in frame["net_cumulative"]] == texts


def test_category_waterfall_ends_at_the_net_after_grants_where_there_are_grants():
    """trial2 W5: the waterfall stopped at netto though the headline gives the net after grants. The grant bar
    runs from netto to netto efter tilskud; the example's grants are 100.000 kr. in year 0 and 100.000 in year 1
    (examples/investering_og_tilskud.yaml), so the bar is minus their NNV per deltager."""
    result = costmodel.evaluate(costmodel.load(ROOT / "examples" / "investering_og_tilskud.yaml"))
    fig, drawn = plots.category_breakdown(result)
    assert list(drawn["step"])[-3:] == ["netto", "tilskud", "netto_efter_tilskud"]
    steps = drawn.set_index("step")
    m = result.measures
    assert steps.loc["tilskud", "start"] == pytest.approx(m["net_per_participant"])
    assert steps.loc["tilskud", "value"] == pytest.approx(-m["grants_received_total"] / m["net_total"]
                                                          * m["net_per_participant"])
    assert steps.loc["netto_efter_tilskud", "end"] == pytest.approx(m["net_after_grants_per_participant"])
    assert "Netto efter\ntilskud" in [t.get_text() for t in fig.axes[0].get_xticklabels()]


def test_category_waterfall_without_grants_ends_at_netto(aktivt):
    _, result = aktivt
    assert plots.category_breakdown(result)[1]["step"].iloc[-1] == "netto"


def test_by_year_stacks_a_grant_paid_on_the_cost_and_one_received_below_the_savings(tmp_path, monkeypatch):
    """A grant is a bar of its own (review R2): one paid (positive) sat from 0 up, inside the cost bar, and hid part
    of it; it goes on top of the cost, as one received goes below the savings. Scenario: trial/bostoette.yaml
    with its 2 × 400.000 kr. grant received, and again with it paid (retning: betalt)."""
    import yaml

    from costmodel.report import plotstyle

    figures = []
    real = plotstyle.figure
    monkeypatch.setattr(plotstyle, "figure", lambda *a, **k: figures.append(real(*a, **k)) or figures[-1])
    data = yaml.safe_load((ROOT / "trial" / "bostoette.yaml").read_text(encoding="utf-8"))
    for retning in ("modtaget", "betalt"):
        data["tilskud"][0]["retning"] = retning
        path = tmp_path / f"{retning}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = costmodel.evaluate(costmodel.load(path))
        plots.by_year(result)
        frame = result.by_year()
        bars = [p for p in figures[-1].axes[0].patches if p.get_hatch() == "..."]
        assert len(bars) == 4 and [b.get_height() for b in bars[2:]] == [0, 0]  # pr_aar: 2026 and 2027 only
        for bar, (_, year) in zip(bars[:2], frame.iloc[:2].iterrows()):
            low, high = sorted((bar.get_y(), bar.get_y() + bar.get_height()))
            if retning == "modtaget":  # from the savings' bottom down by 400.000 kr.
                assert high == pytest.approx(year["savings"]) and high - low == pytest.approx(400_000)
            else:  # from the cost's top up by 400.000 kr.
                assert low == pytest.approx(year["cost"]) and high - low == pytest.approx(400_000)
