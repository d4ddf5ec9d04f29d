"""Snapshot every CLI output on the shipped scenarios, and compare a new snapshot with an old one byte for byte.

Usage (from the project root, with the source to check first on the path)::

    PYTHONPATH=$PWD/src python tools/check_outputs.py snapshot /tmp/snap_before
    PYTHONPATH=$PWD/src python tools/check_outputs.py compare /tmp/snap_before [--keep /tmp/snap_after]

What is captured, per case: stdout, stderr and the exit code of the command, and every file it writes (a workbook
as its cell values per sheet, since an .xlsx carries timestamps; everything else as bytes; a .docx compares equal
when its parts are, whatever their zip timestamps). Cases: `run` in every
format and `--lines`, `sweep` in every format and `validate` on every shipped scenario and example (both kinds);
`reproduce --report all|000|002` in every format; tornado, spider, two-way, break-even and PSA with fixed seeds in
json, csv and table (and one plot); `export` to csv (both dialects), json, md and xlsx; `report` (the memo in
Markdown with its plots and workbook, also of examples/investering_og_tilskud.yaml); `compare` in every format and
`--portfolio`; the Python examples in examples/; and a set of bad inputs (unknown key, duplicate key, bad values,
YAML syntax, missing file, bad rate table, bad registrations CSV, bad uncertainty entry, bad analysis options)
whose error messages, line numbers and exit codes must not change.

The commands run in this process through Typer's test runner (one import instead of eighty); bad-input files are
written to a fixed directory so that the file names inside error messages are the same in every snapshot.
Restructuring must leave every byte alone: `compare` prints each differing case and exits 1 if there is any.
"""
from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.gettempdir()) / "costmodel_check_outputs"  # fixed: paths appear in messages and outputs
AKTIVT = "scenarios/aktivt_faellesskab.yaml"
KVINDE = "scenarios/kvindenetvaerksgruppen.yaml"
THISTED = "scenarios/lovende_praksis_thisted.yaml"
TRIVSEL = "scenarios/trivsel_gennem_netvaerk.yaml"
INVESTERING = "examples/investering_og_tilskud.yaml"
EXPOST_EXAMPLE = "examples/expost_eget_eksempel.yaml"
FORMATS = ("table", "json", "csv", "markdown")


def scenario_files() -> list[str]:
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scenarios").glob("*.yaml"))
    return files + sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))


def _variant(name: str, base: str, *replacements: tuple[str, str]) -> str:
    """A copy of a shipped file with text replaced, in WORK/bad; a replacement whose target has gone is a case
    that fails loudly (its output says so) rather than one that silently tests nothing."""
    text = (ROOT / base).read_text(encoding="utf-8")
    for old, new in replacements:
        if old not in text:
            return f"MISSING-TARGET:{old!r}"
        text = text.replace(old, new, 1)
    path = WORK / "bad" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def bad_inputs() -> list[tuple[str, list[str]]]:
    """(case name, argv) for inputs that must be refused with the same words, lines and exit code as before."""
    bad = WORK / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "syntax.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (bad / "tag.yaml").write_text("title: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    (bad / "empty.yaml").write_text("", encoding="utf-8")
    (bad / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    rates = str(ROOT / "salary_tables" / "rates_2020.yaml")
    table = _variant("my_rates.yaml", "salary_tables/rates_2020.yaml", ("    hourly: ", "    hourly: -"))
    # the ex-post example with its CSV next to it, the CSV with bad cells
    expost_dir = bad / "expost"
    expost_dir.mkdir(exist_ok=True)
    shutil.copy(ROOT / EXPOST_EXAMPLE, expost_dir / "eget.yaml")
    (expost_dir / "expost_registreringer.csv").write_text(
        "month,personalegruppe,hours,aktivitet,fase\n2019-01,socialraadgiver,40,med_deltagere,x\n"
        "2019-13,socialraadgiver,tre,med_borgere,x\n2019-02,leder,-3,uden_deltagere,x\n"
        "2019-02,leder,2,uden_deltagere,x,y\n", encoding="utf-8")
    cases = [
        ("unknown_key", ["run", _variant("unknown_key.yaml", KVINDE, ("horizon_years: 3", "horizon_yaers: 3"))]),
        ("duplicate_key", ["run", _variant("duplicate.yaml", KVINDE, ("horizon_years: 3", "horizon_years: 3\nhorizon_years: 4"))]),
        ("negative_hours", ["run", _variant("negative.yaml", KVINDE, ("hours: 2.5", "hours: -2.5"))]),
        ("unknown_wage_group", ["validate", _variant("wage_group.yaml", KVINDE, ("wage_group: socialpaedagog", "wage_group: socialpedagog"))]),
        ("unknown_role", ["run", _variant("role.yaml", KVINDE, ("who: ", "who: facilitatorx", ))]),
        ("yaml_syntax", ["run", str(bad / "syntax.yaml")]),
        ("python_tag", ["run", str(bad / "tag.yaml")]),
        ("empty_file", ["validate", str(bad / "empty.yaml")]),
        ("list_file", ["validate", str(bad / "list.yaml")]),
        ("missing_file", ["run", str(bad / "nope.yaml")]),
        ("bad_rate_table", ["run", _variant("uses_my_rates.yaml", KVINDE, ("rates: rates_2020", f"rates: {table}"))]),
        ("unknown_rate_table", ["run", _variant("no_rates.yaml", KVINDE, ("rates: rates_2020", "rates: rates_2099"))]),
        ("expost_unknown_key", ["run", _variant("e_key.yaml", THISTED, ("price_year: 2019", "price_year: 2019\nprize_year: 1"))]),
        ("expost_nan", ["run", _variant("e_nan.yaml", THISTED, ("value: ", "value: .nan #"))]),
        ("expost_csv_cells", ["run", str(expost_dir / "eget.yaml")]),
        ("expost_to_tornado", ["tornado", THISTED, "--pct", "10"]),
        ("sweep_row_breaks", ["sweep", _variant("sweep_row.yaml", AKTIVT, ("{value: 8,", "{value: -8,"))]),
        ("uncertainty_distribution", ["validate", _variant("unc_dist.yaml", AKTIVT, ("rates: rates_2020", f"rates: {rates}"), ("    distribution: triangular\n", "    distribution: beta\n"))]),
        ("uncertainty_path", ["validate", _variant("unc_path.yaml", AKTIVT, ("rates: rates_2020", f"rates: {rates}"), ("  - parameter: drift.forberedelse.hours", "  - parameter: drift.forberedelse.hourz"))]),
        ("uncertainty_mode", ["validate", _variant("unc_mode.yaml", AKTIVT, ("rates: rates_2020", f"rates: {rates}"), ("    mode: 10\n", "    mode: 13\n"))]),
        ("tornado_bad_parameter", ["tornado", AKTIVT, "-p", "forloeb.nope", "--pct", "10"]),
        ("tornado_not_a_number", ["tornado", AKTIVT, "-p", "drift.forberedelse.item", "--pct", "10"]),
        ("twoway_bad_values", ["twoway", AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "6:x", "--y", "fagteams.Fagteam.count", "--y-values", "1"]),
        ("psa_without_uncertainty", ["psa", "scenarios/adhd_gruppen.yaml", "--draws", "100"]),
        ("breakeven_no_zero", ["breakeven", AKTIVT, "-p", "forloeb.deltagere_pr_forloeb", "--low", "20", "--high", "30"]),
        ("breakeven_bad_range", ["breakeven", AKTIVT, "-p", "forloeb.deltagere_pr_forloeb", "--low", "12", "--high", "4"]),
        ("export_bad_suffix", ["export", AKTIVT, "-o", str(bad / "out.txt")]),
        ("plot_bad_suffix", ["tornado", AKTIVT, "--plot", str(bad / "t.gif")]),
        ("no_command", []),
        ("unknown_command", ["nonsense"]),
        ("run_missing_argument", ["run"]),
        ("bad_format", ["run", AKTIVT, "--format", "xml"]),
    ]
    return cases


def cli_cases(out: Path) -> list[tuple[str, list[str], list[Path]]]:
    """(case name, argv, files the command writes)."""
    cases: list[tuple[str, list[str], list[Path]]] = []
    for file in scenario_files():
        stem = Path(file).stem
        for fmt in FORMATS:
            cases.append((f"run_{stem}_{fmt}", ["run", file, "--format", fmt], []))
            cases.append((f"sweep_{stem}_{fmt}", ["sweep", file, "--format", fmt], []))
        cases.append((f"run_{stem}_lines", ["run", file, "--lines"], []))
        cases.append((f"validate_{stem}", ["validate", file], []))
    cases.append(("run_output_file", ["run", AKTIVT, "-o", str(out / "run.txt")], [out / "run.txt"]))
    for report in ("all", "000", "002"):
        for fmt in FORMATS:
            cases.append((f"reproduce_{report}_{fmt}", ["reproduce", "--report", report, "--format", fmt], []))
    cases.append(("reproduce_all_csv_detail", ["reproduce", "--format", "csv", "--detail"], []))
    cases.append(("reproduce_all_json_detail", ["reproduce", "--format", "json", "--detail"], []))
    for fmt in ("table", "json", "csv"):
        cases += [
            (f"tornado_{fmt}", ["tornado", AKTIVT, "--format", fmt], []),
            (f"tornado_pct_{fmt}", ["tornado", KVINDE, "--pct", "10", "-p", "forloeb.deltagere_pr_forloeb",
                                    "-p", "rates.wage_level", "-p", "discount_rate", "--format", fmt], []),
            (f"spider_{fmt}", ["spider", AKTIVT, "--changes=-20,-10,0,10,20", "--format", fmt], []),
            (f"twoway_{fmt}", ["twoway", AKTIVT, "--x", "forloeb.deltagere_pr_forloeb", "--x-values", "6:12:2",
                               "--y", "fagteams.Fagteam.count", "--y-values", "1,2,3", "--format", fmt], []),
            (f"breakeven_{fmt}", ["breakeven", AKTIVT, "-p", "forloeb.deltagere_pr_forloeb", "--low", "4",
                                  "--high", "12", "--format", fmt], []),
            (f"psa_{fmt}", ["psa", AKTIVT, "--draws", "2000", "--seed", "7", "--format", fmt], []),
        ]
    cases.append(("psa_samples", ["psa", AKTIVT, "--draws", "300", "--seed", "3", "--format", "json",
                                  "--samples", str(out / "samples.csv")], [out / "samples.csv"]))
    cases.append(("tornado_plot", ["tornado", AKTIVT, "--format", "csv", "--plot", str(out / "tornado.svg")],
                  [out / "tornado.svg"]))
    for scen in (AKTIVT, THISTED):
        stem = Path(scen).stem
        for suffix in (".csv", ".json", ".md", ".xlsx"):
            target = out / f"export_{stem}{suffix}"
            cases.append((f"export_{stem}{suffix.replace('.', '_')}",
                          ["export", scen, "-o", str(target), "--draws", "500", "--seed", "5"], [target]))
        target = out / f"export_{stem}_danish.csv"
        cases.append((f"export_{stem}_danish_csv", ["export", scen, "-o", str(target), "--dialect", "danish",
                                                   "--draws", "500", "--seed", "5"], [target]))
        memo = out / f"memo_{stem}"
        cases.append((f"report_{stem}", ["report", scen, "-o", str(memo), "--draws", "500", "--seed", "5"], [memo]))
    # the memo with investments, restværdi, tilskud and a modpart, which the two above have none of
    memo = out / "memo_investering_og_tilskud"
    cases.append(("report_investering_og_tilskud", ["report", INVESTERING, "-o", str(memo), "--draws", "500",
                                                    "--seed", "5"], [memo]))
    for fmt in FORMATS:  # compare in every format (its CSV once crashed unnoticed) and the portfolio
        cases.append((f"compare_{fmt}", ["compare", AKTIVT, TRIVSEL, "--format", fmt], []))
    cases.append(("compare_portfolio", ["compare", "--portfolio", AKTIVT, TRIVSEL], []))
    return cases


def _xlsx_values(path: Path) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets = {ws.title: [[repr(c.value) for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    return json.dumps(sheets, ensure_ascii=False, indent=1).encode("utf-8")


def _store_file(src: Path, dest: Path) -> None:
    if src.is_dir():
        for child in sorted(src.rglob("*")):
            if child.is_file():
                _store_file(child, dest / child.relative_to(src))
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not src.exists():
        dest.with_name(dest.name + ".absent").write_text("", encoding="utf-8")
    elif src.suffix == ".xlsx":
        dest.with_name(dest.name + ".values.json").write_bytes(_xlsx_values(src))
    elif src.suffix == ".svg":  # matplotlib stamps the date into SVG metadata
        text = src.read_text(encoding="utf-8")
        import re

        dest.write_text(re.sub(r"<dc:date>.*?</dc:date>", "<dc:date/>", text), encoding="utf-8")
    else:
        shutil.copyfile(src, dest)


def snapshot(target: Path) -> None:
    os.environ.setdefault("COLUMNS", "120")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    os.chdir(ROOT)
    if WORK.exists():
        shutil.rmtree(WORK)
    out = WORK / "out"
    out.mkdir(parents=True)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)

    from typer.testing import CliRunner

    from costmodel.cli import app

    runner = CliRunner()
    cases = [(name, argv, files) for name, argv, files in cli_cases(out)]
    cases += [(f"bad_{name}", argv, []) for name, argv in bad_inputs()]
    for name, argv, files in cases:
        result = runner.invoke(app, argv, prog_name="costmodel")
        case = target / name
        case.mkdir()
        (case / "argv").write_text(json.dumps(argv) + "\n", encoding="utf-8")
        (case / "stdout").write_bytes(result.stdout_bytes)
        (case / "stderr").write_bytes(result.stderr_bytes or b"")
        exc = result.exception if not isinstance(result.exception, SystemExit) else None
        (case / "exit").write_text(f"{result.exit_code}\n{type(exc).__name__ + ': ' + str(exc) if exc else ''}\n",
                                   encoding="utf-8")
        for path in files:
            _store_file(path, case / "files" / path.name)
        print(f"{name}: exit {result.exit_code}", file=sys.stderr)

    # the Python examples, as a user runs them (own process, the source under test first on the path)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for script in sorted((ROOT / "examples").glob("*.py")):
        case = target / f"example_{script.stem}"
        case.mkdir()
        plots = out / f"example_{script.stem}"
        plots.mkdir()
        proc = subprocess.run([sys.executable, str(script), str(plots)], capture_output=True, env=env, cwd=ROOT)
        (case / "stdout").write_bytes(proc.stdout)
        (case / "stderr").write_bytes(proc.stderr)
        (case / "exit").write_text(f"{proc.returncode}\n", encoding="utf-8")
        _store_file(plots, case / "files")
        print(f"example {script.name}: exit {proc.returncode}", file=sys.stderr)


def _zip_entries(data: bytes) -> list[tuple[str, bytes]] | None:
    """A zip archive's parts (name, content) in order, without their timestamps; None if it is no zip."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [(i.filename, z.read(i)) for i in z.infolist()]
    except zipfile.BadZipFile:
        return None


def compare(before: Path, after: Path) -> int:
    differences = 0

    def walk(cmp: filecmp.dircmp, prefix: str = "") -> None:
        nonlocal differences
        for name in cmp.left_only:
            differences += 1
            print(f"ONLY BEFORE: {prefix}{name}")
        for name in cmp.right_only:
            differences += 1
            print(f"ONLY AFTER: {prefix}{name}")
        for name in cmp.diff_files + cmp.funny_files:
            a, b = (Path(cmp.left) / name).read_bytes(), (Path(cmp.right) / name).read_bytes()
            if name.endswith(".docx") and _zip_entries(a) is not None and _zip_entries(a) == _zip_entries(b):
                continue  # the same document: a .docx zip stamps each part with the time it was written
            differences += 1
            print(f"DIFFERS: {prefix}{name}")
            try:
                diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), "before", "after",
                                            lineterm="", n=1)
                print("\n".join(list(diff)[:30]))
            except UnicodeDecodeError:
                print(f"  (binary, {len(a)} vs {len(b)} bytes)")
        for sub, sub_cmp in sorted(cmp.subdirs.items()):
            walk(sub_cmp, f"{prefix}{sub}/")

    class ByteCmp(filecmp.dircmp):  # dircmp's default comparison is shallow (size and mtime)
        def phase3(self):
            self.same_files, self.diff_files, self.funny_files = filecmp.cmpfiles(
                self.left, self.right, self.common_files, shallow=False)

        def phase4(self):
            self.subdirs = {x: ByteCmp(os.path.join(self.left, x), os.path.join(self.right, x), self.ignore,
                                       self.hide) for x in self.common_dirs}

    walk(ByteCmp(str(before), str(after), ignore=[]))
    cases = len([p for p in before.iterdir() if p.is_dir()])
    print(f"{cases} cases compared: {'identical' if not differences else f'{differences} difference(s)'}")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["snapshot", "compare"])
    parser.add_argument("directory", type=Path, help="snapshot: where to store it; compare: the snapshot to compare with")
    parser.add_argument("--keep", type=Path, help="compare: store the new snapshot here (default: a temporary directory)")
    args = parser.parse_args()
    if args.mode == "snapshot":
        snapshot(args.directory.resolve())
        return 0
    after = (args.keep or Path(tempfile.mkdtemp(prefix="snap_after_"))).resolve()
    snapshot(after)
    return compare(args.directory.resolve(), after)


if __name__ == "__main__":
    sys.exit(main())
