"""`--plot FILE` on the analysis commands: the drawing written whole, never over an existing file without --force."""
from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from costmodel.cli import app

AKTIVT = "scenarios/aktivt_faellesskab.yaml"
PNG = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()


@pytest.mark.parametrize("command", [
    ["tornado"], ["spider"], ["psa", "--draws", "300"],
    ["twoway", "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "8:12:2", "--y", "fagteams.Fagteam.count",
     "--y-values", "1,3"],
])
def test_plot_written_as_png(root, tmp_path, command):
    target = tmp_path / "plot.png"
    result = runner.invoke(app, [command[0], str(root / AKTIVT), *command[1:], "--plot", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == PNG
    assert [p.name for p in tmp_path.iterdir()] == ["plot.png"]  # no temporary file left


def test_plot_file_is_as_shareable_as_any_new_file(root, tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "t.svg"
        assert runner.invoke(app, ["tornado", str(root / AKTIVT), "--plot", str(target)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_existing_plot_kept_without_force(root, tmp_path):
    target = tmp_path / "t.png"
    target.write_bytes(b"mine")
    result = runner.invoke(app, ["tornado", str(root / AKTIVT), "--plot", str(target)])
    assert result.exit_code == 2 and "use --force" in result.output
    assert target.read_bytes() == b"mine"
    assert runner.invoke(app, ["tornado", str(root / AKTIVT), "--plot", str(target), "--force"]).exit_code == 0
    assert target.read_bytes()[:8] == PNG


def test_unknown_plot_format_refused_before_any_work(root, tmp_path):
    result = runner.invoke(app, ["tornado", str(root / AKTIVT), "--plot", str(tmp_path / "t.gif"),
                                 "-o", str(tmp_path / "t.csv"), "--format", "csv"])
    assert result.exit_code == 2 and "not .gif" in result.output
    assert list(tmp_path.iterdir()) == []
