"""The uncertainty block (validation with file, field and line), the distributions, and the analysis commands."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.report.formatting import format_number
from costmodel.analyses.distributions import draw, sample
from costmodel.cli import app
from costmodel.prospective.uncertainty import Lognormal, Normal, Pert, Triangular, Uniform

runner = CliRunner()
AKTIVT = "scenarios/aktivt_faellesskab.yaml"


def _run(*args):
    return runner.invoke(app, list(map(str, args)))


# --- distributions: moments against their closed forms ----------------------------------------------------------

N = 200_000


def _close(x: np.ndarray, mean: float, sd: float) -> None:
    """Sample mean within 5 standard errors of the known mean."""
    assert abs(x.mean() - mean) < 5 * sd / np.sqrt(len(x))


def test_uniform_and_triangular_means():
    rng = np.random.default_rng(1)
    u = sample(Uniform(parameter="p", source="s", distribution="uniform", low=2, high=4), N, rng)
    _close(u, 3, 2 / np.sqrt(12))
    t = sample(Triangular(parameter="p", source="s", distribution="triangular", low=1, mode=2, high=6), N, rng)
    sd = np.sqrt((1 + 4 + 36 - 2 - 6 - 12) / 18)
    _close(t, 3, sd)
    assert t.min() >= 1 and t.max() <= 6


def test_pert_mean_and_sd():
    """PERT (shape 4): mean (a + 4m + b) / 6; Beta(alpha, beta) variance scaled to [a, b]."""
    d = Pert(parameter="p", source="s", distribution="pert", low=1500, mode=2000, high=3000)
    x = sample(d, N, np.random.default_rng(2))
    mean = (1500 + 4 * 2000 + 3000) / 6
    alpha, beta = 1 + 4 * 500 / 1500, 1 + 4 * 1000 / 1500
    sd = 1500 * np.sqrt(alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1)))
    _close(x, mean, sd)
    assert x.std() == pytest.approx(sd, rel=0.02)
    assert x.min() >= 1500 and x.max() <= 3000


def test_normal_truncated_and_lognormal():
    rng = np.random.default_rng(3)
    n = sample(Normal(parameter="p", source="s", distribution="normal", mean=1, sd=0.1, low=0.9, high=1.3), N, rng)
    assert n.min() >= 0.9 and n.max() <= 1.3
    assert n.mean() > 1  # cut more on the left than on the right
    full = sample(Normal(parameter="p", source="s", distribution="normal", mean=10, sd=2), N, rng)
    _close(full, 10, 2)
    ln = sample(Lognormal(parameter="p", source="s", distribution="lognormal", mean=5, sd=2), N, rng)
    _close(ln, 5, 2)  # mean and sd are the value's own, not its log's
    assert ln.std() == pytest.approx(2, rel=0.03)


def test_draws_are_seeded():
    d = [Uniform(parameter="a", source="s", distribution="uniform", low=0, high=1),
         Normal(parameter="b", source="s", distribution="normal", mean=3, sd=1)]
    assert np.array_equal(draw(d, 100, 42), draw(d, 100, 42))
    assert not np.array_equal(draw(d, 100, 42), draw(d, 100, 43))
    assert (draw(d, 10_000, 1)[:, 1] >= 0).all()  # every parameter of the model is >= 0


def test_whole_number_draws_are_rounded():
    d = [Uniform(parameter="a", source="s", distribution="uniform", low=1, high=4)]
    x = draw(d, 1000, 1, integer=[True])[:, 0]
    assert set(np.unique(x)) <= {1.0, 2.0, 3.0, 4.0}


# --- validation of the block -----------------------------------------------------------------------------------

def _with_block(tmp_path: Path, root: Path, old: str, new: str) -> Path:
    text = (root / AKTIVT).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "aktivt.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ("    mode: 10\n", "    mode: 13\n", "mode (13) must lie between low (8) and high (12)"),
    ("    distribution: triangular\n", "    distribution: beta\n", "uncertainty.0"),
    ("    mode: 10\n", "    mode: 10\n    modus: 3\n", "modus"),
    ("  - parameter: forloeb.deltagere_pr_forloeb", "  - parameter: forloeb.deltagere", "no field 'deltagere'"),
    ("parameter: drift.forberedelse.hours", "parameter: drift.forberedelse.item", "is not a number"),
    ("parameter: drift.forberedelse.hours", "parameter: forloeb.deltagere_pr_forloeb", "given twice"),
    ("parameter: rates.wage_level", "parameter: rates.wage_groups.socialpaedagog", "rate parameters are"),
])
def test_bad_uncertainty_entries_are_named(tmp_path, root, old, new, message):
    path = _with_block(tmp_path, root, old, new)
    with pytest.raises(costmodel.ScenarioError) as info:
        costmodel.load(path)
    text = str(info.value)
    assert message in text and "uncertainty" in text
    assert f"{path}:" in text


def test_bad_entry_points_at_its_line(tmp_path, root):
    path = _with_block(tmp_path, root, "    mode: 10\n", "    mode: 13\n")
    out = _run("validate", path)
    assert out.exit_code == 2
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if l.startswith("  - parameter: forloeb.deltagere_pr_forloeb"))
    assert any(f":{n}:" in out.stderr for n in range(line - 1, line + 8))


def test_normal_needs_positive_sd(tmp_path, root):
    path = _with_block(tmp_path, root, "    distribution: uniform\n    low: 0.9\n    high: 1.1\n",
                       "    distribution: normal\n    mean: 1\n    sd: 0\n")
    with pytest.raises(costmodel.ScenarioError, match="sd"):
        costmodel.load(path)


# --- commands ---------------------------------------------------------------------------------------------------

def test_psa_command_json_is_reproducible(root):
    a = _run("psa", root / AKTIVT, "--draws", 500, "--seed", 3, "--format", "json")
    b = _run("psa", root / AKTIVT, "--draws", 500, "--seed", 3, "--format", "json")
    assert a.exit_code == 0, a.output
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["meta"]["draws"] == 500 and 0 <= data["meta"]["prob_net_below_zero"] <= 1
    assert {r["measure"] for r in data["rows"]} >= {"net_total", "net_per_participant"}
    assert a.stderr == ""  # no progress display when not on a terminal


def test_psa_command_table_is_danish(root, tmp_path):
    out = _run("psa", root / AKTIVT, "--draws", 300, "--samples", tmp_path / "s.csv")
    assert out.exit_code == 0, out.output
    assert "Sandsynlighed for nettoomkostninger under 0 kr.:" in out.stdout
    assert " kr." in out.stdout and "pct." in out.stdout
    assert len((tmp_path / "s.csv").read_text().splitlines()) == 301


def test_tornado_and_breakeven_commands(root):
    out = _run("tornado", root / AKTIVT, "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[0].startswith("parameter,label,unit,base_value")
    out = _run("breakeven", root / AKTIVT, "-p", "forloeb.deltagere_pr_forloeb", "--low", 4, "--high", 12)
    # The zero by hand from Tabel 7's rows at 8 and 12 deltagere (net total is linear in deltagere pr. forløb).
    rows = {r.row: r.net_total for r in costmodel.sweep(costmodel.load(root / AKTIVT))[0].frame.itertuples()}
    n8, n12 = rows["deltagere_pr_forloeb=8"], rows["deltagere_pr_forloeb=12"]
    assert out.exit_code == 0 and format_number(8 - n8 * 4 / (n12 - n8), 2) in out.stdout
    out = _run("twoway", root / AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "8:12:2",
               "--y", "fagteams.Fagteam.count", "--y-values", "1,3", "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["meta"]["grid"]["columns"] == [8, 10, 12]
    out = _run("spider", root / AKTIVT, "--changes=-10,0,10")
    assert out.exit_code == 0 and "-3.700 kr." in out.stdout


def test_analysis_commands_report_bad_parameters_without_traceback(root):
    out = _run("tornado", root / AKTIVT, "-p", "forloeb.nope", "--pct", 10)
    assert out.exit_code == 2
    assert "forloeb.nope" in out.stderr and "Traceback" not in out.output
    out = _run("twoway", root / AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "6:x",
               "--y", "fagteams.Fagteam.count", "--y-values", "1")
    assert out.exit_code == 2
    out = _run("psa", root / "scenarios/adhd_gruppen.yaml")
    assert out.exit_code == 2 and "uncertainty" in out.stderr


def test_every_bad_uncertainty_path_at_its_own_line(tmp_path, root):
    text = (root / AKTIVT).read_text(encoding="utf-8").replace("rates: rates_2020", f"rates: {root / 'salary_tables/rates_2020.yaml'}")
    lines = text.splitlines()
    hours = next(i for i, line in enumerate(lines) if line == "  - parameter: drift.forberedelse.hours")
    rate = next(i for i, line in enumerate(lines) if line == "  - parameter: discount_rate")
    lines[hours] = "  - parameter: drift.forberedelse.hourz"
    lines[rate] = "  - parameter: forloeb.deltagere_pr_forloeb"
    path = tmp_path / "two_bad.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(costmodel.ScenarioError) as info:
        costmodel.load(path)
    found = {(p.line, p.path) for p in info.value.problems}
    assert found == {(hours + 1, "uncertainty.3.parameter"), (rate + 1, "uncertainty.5.parameter")}
