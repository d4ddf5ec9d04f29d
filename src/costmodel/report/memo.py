"""The budget memo (budgetnotat): one directory with the memo (Markdown, HTML and Word), its plots and the workbook.

memo_facts finds the results, memo_layout lays them out as a short list of blocks (headings, paragraphs, tables,
images), and the blocks are rendered to Markdown, HTML and Word (memo_docx) alike, so all say the same. The directory is written whole or not at all: everything is
built in a temporary directory beside the target and renamed into place at the end.
"""
from __future__ import annotations

import base64
import html
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..io.atomic import umask
from ..errors import Problem, ScenarioError
from .memo_blocks import Block
from .memo_docx import to_docx

FORMATS = ("markdown", "html", "docx")
MEMO_NAMES = {"markdown": "notat.md", "html": "notat.html", "docx": "notat.docx"}


# ------------------------------------------------------------------------------------------------ blocks


_MD_SPECIAL = re.compile(r"([\\*\[\]<`])")


def _md_text(text: str) -> str:
    """Scenario text (titles, sources, quotes) as literal Markdown: no accidental emphasis, links or HTML.
    Underscores stay: CommonMark does not read them as emphasis inside words (calibrate_000.py)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _md_escape_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: list[Block]) -> str:
    """The memo's blocks as Markdown."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out += [f"# {_md_text(b.text)}", ""]
        elif b.kind == "h2":
            out += [f"## {_md_text(b.text)}", ""]
        elif b.kind == "h3":
            out += [f"### {_md_text(b.text)}", ""]
        elif b.kind == "strong":
            out += [f"**{_md_text(b.text)}**", ""]
        elif b.kind == "p":
            link = f" [{_md_text(b.link_text or b.href)}]({b.href})" if b.href else ""
            out += [_md_text(b.text) + link, ""]
        elif b.kind == "ul":
            out += [f"- {_md_text(item)}" for item in b.items or []] + [""]
        elif b.kind == "img":
            out += [f"![{_md_text(b.text)}]({b.href})", ""]
        elif b.kind == "table":
            headers = b.headers or []
            out.append("| " + " | ".join(_md_escape_cell(h) or " " for h in headers) + " |")
            out.append("|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|")
            out += ["| " + " | ".join(_md_escape_cell(c) for c in row) + " |" for row in b.rows or []]
            out.append("")
    return "\n".join(out)


_CSS = """body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1rem}th,td{border-bottom:1px solid #999;padding:0.2rem 0.6rem}
th{text-align:left;vertical-align:bottom}td.num{text-align:right;white-space:nowrap}img{max-width:100%;border:1px solid #ccc}
.headline{font-size:1.25rem}"""


_NUMBER = re.compile(r"-?[\d.]+(,\d+)?( kr\.| pct\.| timer| x)?")


def _html_cell(escape, text) -> str:
    """A table cell; numbers right-aligned and never broken across lines."""
    return f'<td class="num">{escape(text)}</td>' if _NUMBER.fullmatch(str(text).strip()) else f"<td>{escape(text)}</td>"


def to_html(blocks: list[Block], title: str, images: dict[str, bytes]) -> str:
    """One self-contained file: every value escaped, plots embedded as data URIs (also saved beside it)."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="da">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>"]
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{e(b.text)}</{b.kind}>")
        elif b.kind == "strong":
            out.append(f'<p class="headline"><strong>{e(b.text)}</strong></p>')
        elif b.kind == "p":
            link = f' <a href="{e(b.href, quote=True)}">{e(b.link_text or b.href)}</a>' if b.href else ""
            out.append(f"<p>{e(b.text)}{link}</p>")
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items or []) + "</ul>")
        elif b.kind == "img":
            data = base64.b64encode(images[b.href]).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(b.text, quote=True)}">'
                       f"<figcaption>{e(b.text)} ({e(b.href)})</figcaption></figure>")
        elif b.kind == "table":
            out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in b.headers or []) + "</tr></thead>")
            out.append("<tbody>" + "".join("<tr>" + "".join(_html_cell(e, c) for c in row) + "</tr>"
                                           for row in b.rows or []) + "</tbody></table>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ content


@dataclass
class Memo:
    """A laid-out memo: its blocks, the files written beside it (plots, workbook) and its title."""
    blocks: list[Block]
    files: dict[str, bytes]  # file name -> content, written beside the memo
    title: str


def build(scenario, draws: int = 10_000, seed: int = 20201, workbook_name: str = "regneark.xlsx",
          tmp_dir: Path | None = None) -> Memo:
    """Find the results (memo_facts), lay them out (memo_layout); plots and the workbook go into `tmp_dir`."""
    from . import export
    from .memo_facts import find
    from .memo_layout import Canvas, layout

    tmp_dir = Path(tmp_dir or tempfile.mkdtemp())
    facts = find(scenario, draws=draws, seed=seed)
    canvas = Canvas(tmp_dir)
    title, blocks = layout(facts, canvas, workbook_name)
    wb_path = export.write_workbook(tmp_dir / workbook_name, scenario, facts.result, facts.tables, facts.analyses)
    canvas.files[workbook_name] = wb_path.read_bytes()
    return Memo(blocks, canvas.files, title)


# ------------------------------------------------------------------------------------------------ writing


def _refuse_existing(output_dir: Path, force: bool) -> None:
    if output_dir.exists() and not output_dir.is_dir():
        raise ScenarioError(str(output_dir), [Problem("", "exists and is not a directory")])
    if output_dir.is_dir() and any(output_dir.iterdir()) and not force:
        raise ScenarioError(str(output_dir), [Problem("", "output directory exists and is not empty; "
                                                          "use --force to replace it")])


def write_memo(scenario, output_dir, fmt: str = "markdown", force: bool = False, draws: int = 10_000,
               seed: int = 20201) -> Path:
    """Write the memo, its plots and the workbook into `output_dir`; returns the memo's path.

    The directory appears whole or not at all; an existing non-empty directory is replaced only with force."""
    if fmt not in FORMATS:
        raise ValueError(f"memo format {fmt!r}: use one of {', '.join(FORMATS)}")
    output_dir = Path(output_dir)
    _refuse_existing(output_dir, force)
    parent = output_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{output_dir.name}.", suffix=".tmp"))
    try:
        source = getattr(scenario, "_source_path", None)
        stem = Path(source).stem if source else "omkostningsvurdering"
        memo = build(scenario, draws=draws, seed=seed, workbook_name=f"{stem}.xlsx", tmp_dir=tmp)
        name = MEMO_NAMES[fmt]
        # all three, whichever is asked for: committees read Word, the web reads HTML, diffs read Markdown
        (tmp / MEMO_NAMES["markdown"]).write_text(to_markdown(memo.blocks), encoding="utf-8")
        (tmp / MEMO_NAMES["html"]).write_text(to_html(memo.blocks, memo.title, memo.files), encoding="utf-8")
        (tmp / MEMO_NAMES["docx"]).write_bytes(to_docx(memo.blocks, memo.title, memo.files))
        _readable(tmp)
        _publish(tmp, output_dir, force)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return output_dir / name


def _readable(directory: Path) -> None:
    """mkdtemp/mkstemp create private (0700/0600) entries; the memo is for sharing: apply the usual umask."""
    mask = umask()
    os.chmod(directory, 0o777 & ~mask)
    for path in directory.iterdir():
        os.chmod(path, 0o666 & ~mask)


def _publish(tmp: Path, output_dir: Path, force: bool) -> None:
    """Rename the finished directory into place; an old one is moved aside first and removed only after."""
    _refuse_existing(output_dir, force)  # again: something may have appeared while we computed
    old = None
    if output_dir.exists():
        old = Path(tempfile.mkdtemp(dir=tmp.parent, prefix=f".{output_dir.name}.", suffix=".old"))
        os.rmdir(old)
        os.replace(output_dir, old)
    try:
        os.replace(tmp, output_dir)
    except BaseException:
        if old is not None:
            os.replace(old, output_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
