"""The ex-post YAML's old key names (foelsomhed, antagelser, kroner, ...) are read for one more release: the file
loads to the same scenario, each old key is named on stderr with its line and its new name, and the command's
output is the same as for the file with the new names (docs/scenario_format.md, naming rule)."""
from __future__ import annotations

import io
import warnings

import pytest
from typer.testing import CliRunner

import costmodel
from costmodel.cli import app
from costmodel.errors import DeprecatedKeyWarning

THISTED = "scenarios/lovende_praksis_thisted.yaml"
EXAMPLE = "examples/expost_eget_eksempel.yaml"
# new -> old, written by hand from the rule (not read from costmodel.expost.keys)
OLD_NAMES = [("sensitivity:", "foelsomhed:"), ("assumptions:", "antagelser:"), ("variants:", "varianter:"),
             ("  wages:", "  loen:"), ("  volume:", "  volumen:"), ("    key:", "    noegle:"),
             ("    values:", "    vaerdier:"), ("    scales:", "    skalerer:"),
             ("    scaling_share:", "    skalerende_andel:"), ("  singular:", "  ental:"), ("  plural:", "  flertal:"),
             ("- item:", "- post:"), ("  amount:", "  kroner:"), ("  count:", "  antal:"),
             ("  unit_price:", "  pris_pr_stk:"), ("      month:", "      maaned:")]


def _old(root, tmp_path, name):
    text = (root / name).read_text(encoding="utf-8")
    for new, old in OLD_NAMES:
        text = text.replace(new, old)
    target = tmp_path / (root / name).name
    target.write_text(text, encoding="utf-8")
    if name == EXAMPLE:
        (tmp_path / "expost_registreringer.csv").write_bytes((root / "examples/expost_registreringer.csv").read_bytes())
    return target, text


@pytest.mark.parametrize("name", [THISTED, EXAMPLE])
def test_old_keys_give_the_same_output_and_a_warning_each(root, tmp_path, name):
    path, text = _old(root, tmp_path, name)
    runner = CliRunner()
    for command in ("run", "sweep"):
        new = runner.invoke(app, [command, str(root / name), "--format", "json"])
        old = runner.invoke(app, [command, str(path), "--format", "json"])
        assert new.exit_code == old.exit_code == 0, old.output
        assert old.stdout == new.stdout
        assert new.stderr == ""
    lines = text.splitlines()
    warned = old.stderr.splitlines()
    assert warned and all(" old key name; write " in w for w in warned)
    for w in warned:  # each warning points at the line where the old key is written
        line = int(w.split(":")[1])
        old_key = w.split(": ")[1].split(".")[-1]
        assert lines[line - 1].lstrip(" -").startswith(old_key + ":"), (w, lines[line - 1])
    assert f"{path}:" in warned[0]
    assert any("foelsomhed: old key name; write 'sensitivity'" in w for w in warned)


def test_old_key_problems_keep_their_lines(root, tmp_path):
    path, text = _old(root, tmp_path, EXAMPLE)
    path.write_text(text.replace("kroner: 4800", "kroner: -4800"), encoding="utf-8")
    out = CliRunner().invoke(app, ["run", str(path)])
    assert out.exit_code == 2
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "kroner: 4800" in l)
    assert f"{path}:{line}: registreringer.oevrige_udgifter.0.amount: amount must not be negative" in out.stderr


def test_old_and_new_name_together_is_an_error(root, tmp_path):
    text = (root / THISTED).read_text(encoding="utf-8").replace("sensitivity:", "foelsomhed: {}\nsensitivity:")
    path = tmp_path / "both.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(costmodel.ScenarioError, match="give 'sensitivity' only; 'foelsomhed' is its old name"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecatedKeyWarning)
            costmodel.load(path)


def test_library_load_warns_and_dump_writes_new_names(root, tmp_path):
    path, _ = _old(root, tmp_path, THISTED)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scenario = costmodel.load(path)
    assert any(issubclass(w.category, DeprecatedKeyWarning) and "write 'sensitivity'" in str(w.message)
               for w in caught)
    stream = io.StringIO()
    costmodel.dump(scenario, stream)
    assert "sensitivity:" in stream.getvalue() and "foelsomhed" not in stream.getvalue()
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecatedKeyWarning)  # the dump has only new names
        again = tmp_path / "again.yaml"
        again.write_text(stream.getvalue(), encoding="utf-8")
        assert costmodel.evaluate(costmodel.load(again)).value("annual_cost") == \
            costmodel.evaluate(scenario).value("annual_cost")


def test_an_other_expenses_old_maaned_reads_as_month_with_a_warning(root, tmp_path):
    """The registrations moved maaned -> month; an other expense's month follows the same rule."""
    path, text = _old(root, tmp_path, EXAMPLE)
    out = CliRunner().invoke(app, ["run", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip().startswith("maaned: 2019-03"))
    assert (f"{path}:{line}: registreringer.oevrige_udgifter.0.maaned: old key name; write 'month'"
            in out.stderr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecatedKeyWarning)
        scenario = costmodel.load(path)
    assert scenario.registreringer.oevrige_udgifter[0].month == "2019-03"
