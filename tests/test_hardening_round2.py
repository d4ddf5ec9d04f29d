"""Hardening, round two (issue 9): ambiguous numbers, control characters behind YAML escapes, bounds on every size
that drives work, command-line options, and outputs that never cost the user a file. Every refusal is exit code 2
with the file, field or option named, never exit 1 "internal error" (docs/security.md, docs/input_errors.md).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

ROOT = Path(__file__).resolve().parents[1]
AKTIVT = ROOT / "scenarios" / "aktivt_faellesskab.yaml"
EXPOST = ROOT / "examples" / "expost_eget_eksempel.yaml"
runner = CliRunner()


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


def variant(tmp_path: Path, *replacements: tuple[str, str], base: Path = AKTIVT, name: str = "s.yaml") -> Path:
    text = base.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if base == EXPOST:
        (tmp_path / "expost_registreringer.csv").write_bytes((base.parent / "expost_registreringer.csv").read_bytes())
    return path


def refused(result, *fragments: str) -> str:
    out = result.output
    assert result.exit_code == 2, (result.exit_code, out)
    assert "internal error" not in out and "Traceback" not in out, out
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} not in:\n{out}"
    return out


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# ------------------------------------------------------------------------------------------------ misreadings


@pytest.mark.parametrize("written", ["8.500", "1.250", "-12.345", "999.999"])
def test_a_possible_thousands_dot_is_refused_with_field_and_line(tmp_path, written):
    path = variant(tmp_path, ("fee: 8500", f"fee: {written}"))
    refused(_run("validate", path), f"{path}:{line_of(path, f'fee: {written}')}: uddannelse.1.fee: {written} is "
                                    "ambiguous", f"write {written.replace('.', '')}")


@pytest.mark.parametrize("written", ['"8.500"', '"1,250"', "1,250"])
def test_a_possible_thousands_separator_in_text_is_refused(tmp_path, written):
    path = variant(tmp_path, ("fee: 8500", f"fee: {written}"))
    refused(_run("validate", path), "uddannelse.1.fee:", "is ambiguous")


@pytest.mark.parametrize("escape, code", [("\\a", "0007"), ("\\0", "0000"), ("\\e", "001B"), ("\\x85", "0085"),
                                          ("\\u202e", "202E"), ("\\x7f", "007F"), ("\\r", "000D")])
def test_control_characters_written_as_yaml_escapes_are_refused(tmp_path, escape, code):
    path = variant(tmp_path, ("title: Aktivt fællesskab", f'title: "Aktivt{escape}fællesskab"'))
    refused(_run("validate", path), f"{path}:{line_of(path, 'title:')}: title: the text holds a control character "
                                    f"(U+{code}")


def test_the_readmes_expost_example_reports_and_exports(tmp_path):
    """examples/expost_eget_eksempel.yaml has no source: it crashed report and export (AttributeError)."""
    result = _run("export", EXPOST, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 0, result.output
    result = _run("export", EXPOST, "-o", tmp_path / "x.md")
    assert result.exit_code == 0 and "ingen kilde angivet" in (tmp_path / "x.md").read_text(encoding="utf-8")
    result = _run("report", EXPOST, "-o", tmp_path / "memo", "--draws", 100)
    assert result.exit_code == 0, result.output


def test_a_sensitivity_row_with_an_unknown_rate_table_fails_validate(tmp_path):
    path = variant(tmp_path, ('- {value: 8, label: "8 deltagere pr. forløb"}',
                              '- {value: 8, label: "8 deltagere pr. forløb", set: {rates: ingen_tabel}}'))
    refused(_run("validate", path), f"{path}:{line_of(path, 'ingen_tabel')}: sensitivity.0.rows.0:",
            "no rate table 'ingen_tabel'")


# ------------------------------------------------------------------------------------------------ bounds


@pytest.mark.parametrize("old, new, fragment", [
    ("pr_fagteam_pr_aar: 3", "pr_fagteam_pr_aar: 1000000000", "forloeb.pr_fagteam_pr_aar: pr_fagteam_pr_aar"),
    ("pr_fagteam_pr_aar: 3", "i_alt_pr_fagteam: 1000000000", "forloeb.i_alt_pr_fagteam: i_alt_pr_fagteam"),
    ("count: 2 ", "count: 1000000000 ", "fagteams.0.medarbejdere.gruppefacilitator.count: count"),
    ("count: 3 ", "count: 1000000000 ", "fagteams.0.count: count"),
    ("fee: 8500", "fee: 1.0e+308", "uddannelse.1.fee: 1.0e+308 is larger than 1e+12"),
    ("fee: 8500", "fee: 1e13", "uddannelse.1.fee: 1e13 is larger than 1e+12"),
    ("title: Aktivt fællesskab", "title: " + "x" * 400_000, "title: the text is 400,000 characters long"),
])
def test_every_size_that_drives_work_is_bounded(tmp_path, old, new, fragment):
    path = variant(tmp_path, (old, new))
    out = refused(_run("validate", path), fragment)
    assert re.search(r"bound|larger than", out)


@pytest.mark.parametrize("base, old, new", [
    (AKTIVT, "deltagere_pr_forloeb: 10", "deltagere_pr_forloeb: 1e-300"),
    (EXPOST, "pr_aar: 8 ", "pr_aar: 1e-300 "),
])
def test_a_result_beyond_any_sense_is_refused_not_printed_as_inf(tmp_path, base, old, new):
    path = variant(tmp_path, (old, new), base=base)
    refused(_run("validate", path), "beyond the bound of 1e+15")
    for fmt in ("table", "json"):
        out = refused(_run("run", path, "-f", fmt), "beyond the bound of 1e+15")
        assert "inf" not in out.replace("information", "") and "null" not in out


def test_lognormal_spread_is_bounded(tmp_path):
    path = variant(tmp_path, ("distribution: triangular\n    low: 8\n    mode: 10\n    high: 12",
                              "distribution: lognormal\n    mean: 1e-9\n    sd: 1e9"))
    refused(_run("validate", path), "uncertainty.0", "the bound on a lognormal's spread")


def test_extreme_normal_range_is_refused_by_the_analyses_not_crashed(tmp_path):
    path = variant(tmp_path, ("distribution: triangular\n    low: 8\n    mode: 10\n    high: 12",
                              "distribution: normal\n    mean: 10\n    sd: 1e12"))
    # the tornado's low end is the truncation at 0 deltagere, which the scenario model refuses (as the plain engine)
    refused(_run("tornado", path), "gives an invalid scenario: forloeb.deltagere_pr_forloeb: Input should be greater "
                                   "than 0 (got 0.0)")
    refused(_run("psa", path, "--draws", 200), "beyond the bound of 1e+15")


@pytest.mark.parametrize("args, option", [
    (["psa", AKTIVT, "--draws", "1000000000"], "--draws"),
    (["psa", AKTIVT, "--seed", "-1"], "--seed"),
    (["report", AKTIVT, "-o", "MEMO", "--seed", "-1"], "--seed"),
    (["export", AKTIVT, "-o", "x.xlsx", "--seed", "-1"], "--seed"),
    (["report", AKTIVT, "-o", "MEMO", "--draws", "1000000000"], "--draws"),
    (["tornado", AKTIVT, "--pct", "nan"], "--pct"),
    (["tornado", AKTIVT, "--pct", "inf"], "--pct"),
    (["spider", AKTIVT, "--changes", "nan"], "--changes"),
    (["spider", AKTIVT, "--changes", "0:1e12"], "--changes"),
    (["spider", AKTIVT, "--changes", "0:100:0.001"], "--changes"),
    (["twoway", AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "nan", "--y", "discount_rate",
      "--y-values", "0.03"], "--x-values"),
    (["twoway", AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "1:1e12", "--y", "discount_rate",
      "--y-values", "0.03"], "--x-values"),
    (["twoway", AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "1:1000", "--y", "discount_rate",
      "--y-values", "0:0.999:0.001"], "--x-values/--y-values"),
    (["breakeven", AKTIVT, "-p", "forloeb.deltagere_pr_forloeb", "--low", "nan", "--high", "3"], "--low"),
])
def test_options_that_drive_work_are_bounded_and_named(tmp_path, args, option):
    args = [a.replace("MEMO", str(tmp_path / "memo")) if isinstance(a, str) else a for a in args]
    args = [str(tmp_path / a) if a == "x.xlsx" else a for a in args]
    out = refused(_run(*args), option)
    assert not (tmp_path / "memo").exists() and not (tmp_path / "x.xlsx").exists()
    assert out


def test_dollar_signs_and_long_titles_in_plots(tmp_path):
    """'$' is text, not mathtext (it crashed matplotlib); a 400k-character title is clipped when drawn."""
    import pandas as pd

    from costmodel.report import plots
    from costmodel.tables import SweepTable

    frame = pd.DataFrame({"row": ["a", "b"], "label": ["5 $ pr. $x^$ time", "$\\frac{$"],
                          "net_per_participant": [1000.0, 2000.0]})
    table = SweepTable(key="k", title="T" * 400_000 + "$x^$", frame=frame, units={"net_per_participant": "kr."})
    fig, _ = plots.sweep_bars(table, path=tmp_path / "p.png", measure="net_per_participant")
    assert (tmp_path / "p.png").stat().st_size > 1000
    from matplotlib.text import Text

    assert max(len(t.get_text()) for t in fig.findobj(Text)) <= 310
    # a tab has no glyph: drawn as a space (matplotlib warned once per drawn tab, and the CLI kept every warning)
    frame["label"] = ["\t=1+1", "a\tb"]
    fig, _ = plots.sweep_bars(SweepTable(key="k", title="\tT", frame=frame, units={"net_per_participant": "kr."}),
                              path=tmp_path / "q.png", measure="net_per_participant")
    assert not any("\t" in t.get_text() for t in fig.findobj(Text))


# ------------------------------------------------------------------------------------------------ nothing lost


def _memo(tmp_path, out, *extra):
    return _run("report", AKTIVT, "-o", out, "--draws", 100, *extra)


def test_report_refuses_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "mine.txt").write_text("keep")
    monkeypatch.chdir(tmp_path)
    refused(_memo(tmp_path, ".", "--force"), "current directory")
    refused(_memo(tmp_path, "..", "--force"), "current directory")
    refused(_run("export", AKTIVT, "-o", ".", "--force"), "")  # no suffix, and a directory
    refused(_run("run", AKTIVT, "-o", ".", "--force"), "is a directory")
    assert (tmp_path / "mine.txt").read_text() == "keep"


def test_report_refuses_a_directory_holding_the_input(tmp_path):
    scenario = tmp_path / "data" / "s.yaml"
    scenario.parent.mkdir()
    scenario.write_bytes(AKTIVT.read_bytes())
    refused(_run("report", scenario, "-o", tmp_path / "data", "--force"), "holds the input file s.yaml")
    assert scenario.exists()


def test_report_force_refuses_files_it_did_not_write(tmp_path):
    out = tmp_path / "memo"
    out.mkdir()
    (out / "budget.xlsx").write_text("the user's own")
    refused(_memo(tmp_path, out, "--force"), "holds files costmodel did not write (budget.xlsx)")
    assert (out / "budget.xlsx").read_text() == "the user's own"


def test_report_force_replaces_only_its_own_directory_and_a_link_stays_a_link(tmp_path):
    real = tmp_path / "real"
    assert _memo(tmp_path, real).exit_code == 0
    manifest = (real / ".costmodel-manifest.json").read_text()
    assert "notat.md" in manifest
    link = tmp_path / "LINK"
    link.symlink_to(real)
    result = _memo(tmp_path, link, "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (real / "notat.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LINK", "real"]  # no .LINK.*.old, no .tmp
    (real / "added.txt").write_text("later")  # something added since: not ours any more
    refused(_memo(tmp_path, link, "--force"), "added.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_force_never_replaces_special_files(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for args in (["report", AKTIVT, "-o", fifo, "--force"], ["export", AKTIVT, "-o", fifo, "--force"],
                 ["run", AKTIVT, "--lines", "-o", fifo, "--force"], ["psa", AKTIVT, "--draws", 100, "-o", fifo,
                                                                     "--force"]):
        refused(_run(*args), "special file")
        assert fifo.is_fifo()


@pytest.mark.parametrize("target", ["file.txt/memo", "dangling"])
def test_impossible_output_directories_are_exit_2(tmp_path, target):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    refused(_memo(tmp_path, tmp_path / target), "")
    refused(_run("export", AKTIVT, "-o", tmp_path / "file.txt" / "x.csv"), "")
    refused(_run("run", AKTIVT, "-o", tmp_path / "dangling"), "symbolic link")


def test_unwritable_places_are_exit_2(tmp_path, monkeypatch):
    """Read-only directories (simulated: the tests may run as root, who may write anywhere)."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    refused(_memo(tmp_path, tmp_path / "memo"), "Permission denied")
    refused(_run("export", AKTIVT, "-o", tmp_path / "x.csv"), "Permission denied")
    refused(_run("psa", AKTIVT, "--draws", 100, "-o", tmp_path / "p.txt"), "Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_plot_leaves_no_partial_set(tmp_path, monkeypatch):
    """psa -o OUT --samples S --plot P: if placing the plot fails, the output and samples are taken back."""
    real_replace = os.replace

    def failing(src, dst, *a, **kw):
        if str(dst).endswith(".png"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", failing)
    out, samples, plot = tmp_path / "psa.txt", tmp_path / "draws.csv", tmp_path / "psa.png"
    refused(_run("psa", AKTIVT, "--draws", 100, "-o", out, "--samples", samples, "--plot", plot),
            "No space left on device", "none of the output files was written")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_mid_report_leaves_no_temporary_directory(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "costmodel.cli", "report", str(AKTIVT), "-o",
                             str(tmp_path / "memo"), "--draws", "200000"], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the report ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert list(tmp_path.iterdir()) == [], list(tmp_path.iterdir())


def test_sweep_rows_uncertainty_entries_and_expost_rows_are_bounded(tmp_path):
    rows = "".join(f'      - {{value: {8 + i % 5}, label: "r{i}"}}\n' for i in range(300))
    path = variant(tmp_path, ('      - {value: 8, label: "8 deltagere pr. forløb"}\n', rows))
    refused(_run("validate", path), "sensitivity: 305 rows in the sensitivity tables, above the bound of 200")
    entry = ("  - parameter: forloeb.deltagere_pr_forloeb\n    distribution: uniform\n    low: 8\n    high: 12\n"
             "    source: x\n")
    path = variant(tmp_path, ("uncertainty:\n", "uncertainty:\n" + entry * 60), name="u.yaml")
    refused(_run("validate", path), "uncertainty: 66 entries in the uncertainty block, above the bound of 50")
    path = variant(tmp_path, ("wages: [0.10, 0.20]", "wages: [" + ", ".join(["0.1"] * 300) + "]"), base=EXPOST,
                   name="e.yaml")
    refused(_run("validate", path), "sensitivity.wages: 300 wage changes, above the bound of 200")


def test_the_product_of_the_bounds_is_bounded_too(tmp_path):
    """250 forløb a year for 50 years and 1.600 items are each within bounds; together they are 6 s a run."""
    items = "".join(f"  - item: I{i}\n    who: gruppefacilitator\n    hours_per_week: 1\n    weeks: forloeb\n"
                    "    per: forloeb\n" for i in range(1600))
    path = variant(tmp_path, ("drift:\n", "drift:\n" + items), ("pr_fagteam_pr_aar: 3", "pr_fagteam_pr_aar: 250"),
                   ("horizon_years: 3 ", "horizon_years: 50 "))
    refused(_run("validate", path), "12,500 forløb slots x 1,622 cost items", "above the bound of 5,000,000")


def test_rows_the_plain_engine_evaluates_one_by_one_are_bounded(monkeypatch):
    """A structural parameter over many values that the schedule model cannot carry would be evaluated row by row:
    a 401 x 100 grid is refused. (On the forløb length the schedule model carries it: issue 12.)"""
    from costmodel.analyses import schedule_model

    assert _run("twoway", AKTIVT, "--x", "forloeb.laengde_aar", "--x-values", "0.1:0.5:0.001",
                "--y", "forloeb.deltagere_pr_forloeb", "--y-values", "1:100", "-f", "csv").exit_code == 0

    def refuse(*args, **kwargs):
        raise schedule_model.NotSchedule("as for a parameter it cannot carry")

    monkeypatch.setattr(schedule_model.ScheduleModel, "build", refuse)
    refused(_run("twoway", AKTIVT, "--x", "forloeb.laengde_aar", "--x-values", "0.1:0.5:0.001",
                 "--y", "forloeb.deltagere_pr_forloeb", "--y-values", "1:100"),
            "40,100 rows would each need a full evaluation", "above the bound of 2,000")
