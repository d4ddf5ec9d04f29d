"""The memo as a Word document (.docx, python-docx): municipal memos are Word documents.

Same blocks as the Markdown and HTML memo. Text goes in as runs (Word does not interpret markup in them, so
scenario text stays literal); control characters XML cannot hold are dropped. Tables get the built-in grid style
and right-aligned numbers; plots are embedded at the text width.
"""
from __future__ import annotations

import functools
import io
import re

from .memo_blocks import is_number, numeric_columns

_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
TEXT_WIDTH_CM = 15.0


def _clean(text) -> str:
    return _XML_UNSAFE.sub("", str(text))


def _cell(text) -> str:
    """A table cell: '-1.657.900 kr.' must not break after the minus or before 'kr.' in a narrow column."""
    text = _clean(text)
    if _numeric(text):
        text = text.replace(" ", "\u00a0")
        if text.startswith("-"):
            text = "\u2011" + text[1:]  # non-breaking hyphen
    return text


def _proofing_language(doc, language: str) -> None:
    """Set the document's default text language (`w:docDefaults`), which Word and LibreOffice spell-check with:
    the template's en-US marked every Danish word of the memo as misspelt (core_properties.language is metadata
    only)."""
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def to_docx(blocks, title: str, images: dict[str, bytes]) -> bytes:
    """The memo's bytes as a .docx file."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.title = _clean(title)[:255]
    doc.core_properties.language = "da-DK"
    # python-docx's template stamps itself as author and describer; a committee's memo names neither
    doc.core_properties.author, doc.core_properties.comments = "costmodel", ""
    _proofing_language(doc, "da-DK")
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4, as Danish offices print
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    # the summary is one page (a page break follows it): the template's 10 pt after every paragraph, 1,15 line
    # spacing and 26 pt title pushed its last lines onto page 2 (trial F9)
    normal.paragraph_format.space_after = Pt(5)
    normal.paragraph_format.line_spacing = 1.05
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(1)
    doc.styles["Title"].font.size = Pt(20)

    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            doc.add_heading(_clean(b.text), level={"h1": 0, "h2": 1, "h3": 2}[b.kind])
        elif b.kind == "pagebreak":
            doc.add_page_break()
        elif b.kind == "strong":
            run = doc.add_paragraph().add_run(_clean(b.text))
            run.bold = True
            run.font.size = Pt(13)
        elif b.kind == "p":
            paragraph = doc.add_paragraph(_clean(b.text))
            if b.href:
                paragraph.add_run(" " + _clean(b.link_text or b.href)).underline = True
        elif b.kind == "ul":
            for item in b.items or []:
                doc.add_paragraph(_clean(item), style="List Bullet")
        elif b.kind == "img":
            doc.add_picture(io.BytesIO(images[b.href]), width=Cm(TEXT_WIDTH_CM))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption = doc.add_paragraph(_clean(b.text))
            caption.runs[0].italic = True
        elif b.kind == "table":
            headers = b.headers or []
            table = doc.add_table(rows=1, cols=len(headers))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            size = Pt(9) if len(headers) <= 5 else Pt(7.5)  # wide tables: smaller type, not broken numbers
            for j, h in enumerate(headers):
                cell = table.rows[0].cells[j]
                cell.text = _clean(h)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            right = numeric_columns(headers, b.rows or [])
            for j, r in enumerate(right):
                if r:  # a numeric column's header stands over its numbers
                    table.rows[0].cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for row in b.rows or []:
                cells = table.add_row().cells
                for j, value in enumerate(row):
                    cells[j].text = _cell(value)
                    if j < len(right) and right[j]:
                        cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = size
            _widths(table, [headers] + [list(r) for r in b.rows or []], Cm, TEXT_WIDTH_CM + 1.0,
                    size_pt=size.pt)
            doc.add_paragraph()
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _widths(table, rows: list[list[str]], Cm, total_cm: float, size_pt: float) -> None:
    """Columns as wide as their text needs, instead of Word's equal split: each at least its longest unbreakable
    piece (a number with 'kr.', a word), the rest of the page shared by how much text each column holds."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    widths = column_widths(rows, total_cm, size_pt)
    if not widths:
        return
    table.autofit = False
    layout = OxmlElement("w:tblLayout")  # fixed: Word and LibreOffice keep the widths given
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for j, column in enumerate(table.columns):
        column.width = Cm(widths[j])  # the grid
        for cell in column.cells:
            cell.width = Cm(widths[j])


CELL_PADDING_CM = 0.45  # a cell's left and right padding and border in Word and LibreOffice, with a little room


def column_widths(rows: list[list[str]], total_cm: float, size_pt: float) -> list[float]:
    """Each column's width [cm] for a table of `rows` (headers first) at `size_pt` type: at least the widest
    piece that must not break (a whole number with its unit, a word; headers bold), measured in the font's own
    metrics, and the rest of `total_cm` shared by how much text each column holds. Letters were counted as 1,2
    digits each: "trekantfordeling" got 3,5 cm where it needs 2,1, and a source column got what was left, 2,5 cm,
    so a source wrapped to five lines (trial2 W7); and the spare width went by each column's longest entry, so
    four sources got no more than one long label."""
    n = len(rows[0]) if rows else 0
    if not n:
        return []
    cells = [[str(r[j]) if j < len(r) else "" for r in rows] for j in range(n)]
    body = [c[1:] or c for c in cells]  # headers wrap at spaces; numbers must not
    least = []
    for col in cells:
        pieces = [(text, False) for text in col[1:] if _numeric(text)]
        pieces += [(w, i == 0) for i, text in enumerate(col) for w in text.split() if i == 0 or not _numeric(text)]
        least.append(max([_text_cm(t, size_pt, bold) for t, bold in pieces] + [0.5]) + CELL_PADDING_CM)
    spare = max(total_cm - sum(least), 0.0)
    widths = _fill(least, body, spare, size_pt)
    # what is left once no row gets lower is shared by each column's characters (a cell counted up to 200)
    need = [max(sum(min(len(t), 200) for t in col), 4) for col in body]
    left = max(total_cm - sum(widths), 0.0)
    return [widths[j] + left * need[j] / sum(need) for j in range(n)]


def _fill(least: list[float], body: list[list[str]], spare: float, size_pt: float, step: float = 0.1) -> list[float]:
    """Give the spare width [cm] in steps to the column that lowers the table most (its rows' lines summed),
    so a column of sources is widened before a column of short labels; stops when no step lowers it."""
    widths = list(least)

    def height(w: list[float]) -> int:
        rows = len(body[0]) if body else 0
        return sum(max(_lines(col[i], w[j] - CELL_PADDING_CM, size_pt) for j, col in enumerate(body) if i < len(col))
                   for i in range(rows))

    current = height(widths)
    while spare >= step:
        choice = None
        # the smallest widening that lowers the table (a word moves up whole, so one step may not be enough),
        # given to the column where it lowers it most; at most 3 cm looked ahead
        for k in range(1, min(int(spare / step + 1e-9), 30) + 1):
            h, j = min((height(widths[:j] + [widths[j] + k * step] + widths[j + 1:]), j) for j in range(len(widths)))
            if h < current:
                choice = (j, k, h)
                break
        if choice is None:
            break
        j, k, current = choice
        widths[j] += k * step
        spare -= k * step
    return widths


def _lines(text: str, width_cm: float, size_pt: float) -> int:
    """How many lines `text` takes wrapped at spaces in `width_cm` [lines]; a word wider than the line counts
    as a line of its own (Word breaks it, the least width prevents that)."""
    space = _text_cm(" ", size_pt)
    n, used = 1, 0.0
    for word in str(text).split():
        w = _text_cm(word, size_pt)
        if used and used + space + w > width_cm:
            n, used = n + 1, w
        else:
            used += (space if used else 0.0) + w
    return n


@functools.lru_cache(maxsize=4096)
def _text_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """How wide `text` is set in DejaVu Sans at `size_pt` [cm]: the font matplotlib ships, a little wider than
    Word's Calibri and the one LibreOffice falls back to, so a width that holds it holds it in both."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family="DejaVu Sans", size=size_pt, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0] / 72 * 2.54


def _numeric(text: str) -> bool:
    return is_number(text)
