"""The memo as a Word document (.docx, python-docx): municipal memos are Word documents.

Same blocks as the Markdown and HTML memo. Text goes in as runs (Word does not interpret markup in them, so
scenario text stays literal); control characters XML cannot hold are dropped. Tables get the built-in grid style
and right-aligned numbers; plots are embedded at the text width.
"""
from __future__ import annotations

import io
import re

_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
TEXT_WIDTH_CM = 15.0
LETTER_WIDTH = 1.2  # a letter's width against a digit's, in the table type (its least column width)


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


def to_docx(blocks, title: str, images: dict[str, bytes]) -> bytes:
    """The memo's bytes as a .docx file."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.title = _clean(title)[:255]
    doc.core_properties.language = "da-DK"
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
            for row in b.rows or []:
                cells = table.add_row().cells
                for j, value in enumerate(row):
                    cells[j].text = _cell(value)
                    if j > 0 and _numeric(value):
                        cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = size
            _widths(table, [headers] + [list(r) for r in b.rows or []], Cm, TEXT_WIDTH_CM + 1.0,
                    char_cm=0.21 if len(headers) <= 5 else 0.18)
            doc.add_paragraph()
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _widths(table, rows: list[list[str]], Cm, total_cm: float, char_cm: float) -> None:
    """Columns as wide as their text needs, instead of Word's equal split: each at least its longest unbreakable
    piece (a number with 'kr.', a word), the rest of the page shared by how much text each column holds."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    n = len(rows[0]) if rows else 0
    if not n:
        return
    cells = [[str(r[j]) if j < len(r) else "" for r in rows] for j in range(n)]
    body = [c[1:] or c for c in cells]  # headers wrap at spaces; numbers must not
    # a word of letters is wider than a number of as many digits: "Kommune" at 7,5 pt needs about 1,8 cm with the
    # padding, and at 7 × 0,18 + 0,35 = 1,6 cm LibreOffice broke it inside the word (by payer, without spare room)
    least = [max([len(t) * char_cm for text in col[1:] for t in [text] if _numeric(text)]
                 + [len(w) * char_cm * (1.0 if _numeric(w) else LETTER_WIDTH) for text in col for w in text.split()]
                 + [3 * char_cm]) + 0.35 for col in cells]
    need = [max(min(max(len(t) for t in col), 60), 4) for col in body]
    spare = max(total_cm - sum(least), 0.0)
    widths = [least[j] + spare * need[j] / sum(need) for j in range(n)]
    table.autofit = False
    layout = OxmlElement("w:tblLayout")  # fixed: Word and LibreOffice keep the widths given
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for j, column in enumerate(table.columns):
        column.width = Cm(widths[j])  # the grid
        for cell in column.cells:
            cell.width = Cm(widths[j])


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"-?[\d.]+(,\d+)?( kr\.| pct\.)?", str(text).strip()))
