"""The budget memo (budgetnotat): one directory with the memo (Markdown, HTML and Word), its plots and the workbook.

memo_facts finds the results, memo_layout lays them out as a short list of blocks (headings, paragraphs, tables,
images), and the blocks are rendered to Markdown, HTML and Word (memo_docx) alike, so all say the same. The directory is written whole or not at all: everything is
built in a temporary directory beside the target and renamed into place at the end.
"""
from __future__ import annotations

import base64
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ScenarioError
from ..io.neutralise import html_href, html_text, md_cell, md_inline, md_link_target
from .memo_blocks import Block, is_number, numeric_columns
from .memo_docx import to_docx

FORMATS = ("markdown", "html", "docx")
MEMO_NAMES = {"markdown": "notat.md", "html": "notat.html", "docx": "notat.docx"}


# ------------------------------------------------------------------------------------------------ blocks


def _md_text(text: str) -> str:
    """Scenario text (titles, sources, quotes) as literal Markdown on one line: no emphasis, links, HTML,
    headings or code fences (neutralise.md_inline). Underscores stay: CommonMark does not read them as emphasis
    inside words (calibrate_000.py)."""
    return md_inline(str(text))


def _md_escape_cell(text: str) -> str:
    return md_cell(str(text))


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
            link = f" [{_md_text(b.link_text or b.href)}]({md_link_target(b.href)})" if b.href else ""
            out += [_md_text(b.text) + link, ""]
        elif b.kind == "ul":
            out += [f"- {_md_text(item)}" for item in b.items or []] + [""]
        elif b.kind == "img":
            out += [f"![{_md_text(b.text)}]({md_link_target(b.href)})", ""]
        elif b.kind == "table":
            headers = b.headers or []
            out.append("| " + " | ".join(_md_escape_cell(h) or " " for h in headers) + " |")
            right = numeric_columns(headers, b.rows or [])
            out.append("|" + "|".join("---:" if r else "---" for r in right) + "|")
            out += ["| " + " | ".join(_md_escape_cell(c) for c in row) + " |" for row in b.rows or []]
            out.append("")
    return "\n".join(out)


_CSS = """body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1rem}th,td{border-bottom:1px solid #999;padding:0.2rem 0.6rem}
th{text-align:left;vertical-align:bottom}th.num,td.num{text-align:right}td.num{white-space:nowrap}td.short{white-space:nowrap}img{max-width:100%;border:1px solid #ccc}
.headline{font-size:1.25rem}"""


def _html_cell(escape, text, numeric: bool) -> str:
    """A table cell; a numeric column's cells right-aligned and never broken across lines."""
    text = str(text)
    if numeric or is_number(text):
        return f'<td class="num">{escape(text)}</td>' if numeric else f'<td class="short">{escape(text)}</td>'
    # A short label ("År 1", "I alt") is one unit: broken over two lines in a narrow, many-columned table it
    # reads as two rows. Longer text (sources, descriptions) may still wrap.
    return f'<td class="short">{escape(text)}</td>' if len(text) <= 12 else f"<td>{escape(text)}</td>"


def to_html(blocks: list[Block], title: str, images: dict[str, bytes]) -> str:
    """One self-contained file: every value escaped, plots embedded as data URIs (also saved beside it)."""
    e = html_text  # every value escaped (quotes too), control characters made visible
    out = ["<!DOCTYPE html>", '<html lang="da">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>"]
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{e(b.text)}</{b.kind}>")
        elif b.kind == "strong":
            out.append(f'<p class="headline"><strong>{e(b.text)}</strong></p>')
        elif b.kind == "p":
            link = f' <a href="{html_href(b.href)}">{e(b.link_text or b.href)}</a>' if b.href else ""
            out.append(f"<p>{e(b.text)}{link}</p>")
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items or []) + "</ul>")
        elif b.kind == "img":
            data = base64.b64encode(images[b.href]).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(b.text)}">'
                       f"<figcaption>{e(b.text)} ({e(b.href)})</figcaption></figure>")
        elif b.kind == "table":
            right = numeric_columns(b.headers or [], b.rows or [])
            out.append("<table><thead><tr>" + "".join(f'<th class="num">{e(h)}</th>' if r else f"<th>{e(h)}</th>"
                                                      for h, r in zip(b.headers or [], right)) + "</tr></thead>")
            out.append("<tbody>" + "".join("<tr>" + "".join(_html_cell(e, c, r) for c, r in zip(row, right)) + "</tr>"
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
          tmp_dir: Path | None = None, measure: str | None = None) -> Memo:
    """Find the results (memo_facts), lay them out (memo_layout); plots and the workbook go into `tmp_dir`."""
    from . import export
    from .memo_facts import find
    from .memo_layout import Canvas, layout

    tmp_dir = Path(tmp_dir or tempfile.mkdtemp())
    facts = find(scenario, draws=draws, seed=seed, measure=measure)
    canvas = Canvas(tmp_dir)
    title, blocks = layout(facts, canvas, workbook_name)
    wb_path = export.write_workbook(tmp_dir / workbook_name, scenario, facts.result, facts.tables, facts.analyses)
    canvas.files[workbook_name] = wb_path.read_bytes()
    return Memo(blocks, canvas.files, title)


# ------------------------------------------------------------------------------------------------ writing


def write_memo(scenario, output_dir, fmt: str = "markdown", force: bool = False, draws: int = 10_000,
               seed: int = 20201, measure: str | None = None) -> Path:
    """Write the memo, its plots and the workbook into `output_dir`; returns the memo's path.

    The directory appears whole or not at all; an existing non-empty directory is replaced only with force."""
    if fmt not in FORMATS:
        raise ValueError(f"memo format {fmt!r}: use one of {', '.join(FORMATS)}")
    from ..io import outdir

    output_dir = Path(output_dir)
    # never the directory holding the scenario, the current one, a special file, or one with files not ours (so
    # not one holding an ex-post scenario's registrations CSV either)
    from .. import kinds

    inputs = [getattr(scenario, "_source_path", None)] + [path for path, _ in kinds.input_files(scenario)]
    target = outdir.check_target(output_dir, force, inputs)
    tmp = outdir.make_tmp(target)
    try:
        source = getattr(scenario, "_source_path", None)
        stem = Path(source).stem if source else "omkostningsvurdering"
        memo = build(scenario, draws=draws, seed=seed, workbook_name=f"{stem}.xlsx", tmp_dir=tmp, measure=measure)
        name = MEMO_NAMES[fmt]
        # all three, whichever is asked for: committees read Word, the web reads HTML, diffs read Markdown
        (tmp / MEMO_NAMES["markdown"]).write_text(to_markdown(memo.blocks), encoding="utf-8")
        (tmp / MEMO_NAMES["html"]).write_text(to_html(memo.blocks, memo.title, memo.files), encoding="utf-8")
        (tmp / MEMO_NAMES["docx"]).write_bytes(to_docx(memo.blocks, memo.title, memo.files))
        outdir.publish(tmp, target, force, inputs)
    except BaseException:  # also SIGTERM (the CLI turns it into an exception): no temporary directory is left
        outdir.discard(tmp)
        raise
    return output_dir / name
