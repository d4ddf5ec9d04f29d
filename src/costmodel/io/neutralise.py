"""Scenario text made harmless for the place it is written to: one function per target format.

Scenario files are written by people and passed on; a title, item name, source or label must reach every output
as the text it is, never as a formula (spreadsheets), markup (Markdown, HTML) or a control sequence (terminals).
Every writer calls the function for its target on every string it writes (docs/security.md):

- `xlsx_text` / `xlsx_cell`: a text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, also after
  leading blanks, tab or CR) is stored as a text cell with Excel's quote prefix; characters the file format
  cannot hold are replaced.
- `csv_field`: the same text gets a leading `'` (OWASP's advice for CSV injection); numbers stay numbers.
- `md_inline` / `md_cell` / `md_link_target`: Markdown that renders as the text it is (no HTML, links, headings,
  code fences, emphasis) on one line.
- `html_text` / `html_href`: HTML-escaped text; links only to plain relative file names.
- `terminal`: control characters (ESC, BEL, ...) and bidirectional overrides shown as visible escapes.

The module knows nothing about scenarios or methods.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

# ------------------------------------------------------------------------------------------------ spreadsheets

# Characters after which Excel, LibreOffice and Google Sheets start a formula (and their full-width forms,
# which some of them normalise); tab and CR are OWASP's additions: pasted cells are split at them.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_LEADING_BLANKS = " \t\r\n\u00a0"
# A text that is only a number ("-20", "+3.5", "1e-3") is read as that number, which is harmless and wanted.
_PLAIN_NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")
# What the xlsx (XML 1.0) format cannot hold: C0 controls other than tab, LF and CR (openpyxl refuses them).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read `text` as a formula (or split it so a part starts one)?"""
    if not text or _PLAIN_NUMBER.match(text.strip()):
        return False
    if text[0] in "\t\r":
        return True
    return text.lstrip(_LEADING_BLANKS)[:1] in FORMULA_STARTS


def csv_field(value):
    """A CSV field: text a spreadsheet would run as a formula gets a leading `'`; everything else as it is."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_frame(frame):
    """A copy of a pandas frame fit for CSV: every text cell and column name through csv_field, numbers kept."""
    from pandas.api.types import is_numeric_dtype

    out = frame.copy()
    for col in out.columns:
        if not is_numeric_dtype(out[col].dtype):  # object, str (pandas 3), category: any column that holds text
            out[col] = out[col].map(lambda v: csv_field(xlsx_text(v)) if isinstance(v, str) else v)
    out.columns = [csv_field(xlsx_text(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def xlsx_text(text: str) -> str:
    """Text an xlsx cell can hold: characters XML 1.0 forbids become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def xlsx_cell(cell, value) -> None:
    """Set an openpyxl cell: text always as a text cell (never a formula, whatever it starts with), with the
    quote prefix where it looks like one, so that editing the cell in Excel does not turn it into one."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value


# ------------------------------------------------------------------------------------------------ Markdown

# Inline characters that start markup anywhere in a line (CommonMark; any ASCII punctuation may be escaped).
_MD_INLINE = re.compile(r"([\\`*\[\]<>|])")
# What starts a block when it opens a line: heading, quote, list, thematic break, setext underline, fence, table.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=~-]|\d+[.)])")
_WHITESPACE_RUN = re.compile(r"[\s\u2028\u2029\x85]+")


def one_line(text: str) -> str:
    """Line breaks (and the Unicode ones) become single spaces: a title or source is one line of output."""
    return _WHITESPACE_RUN.sub(" ", str(text)).strip()


def md_inline(text: str) -> str:
    """Scenario text as literal Markdown on one line: no HTML, links, images, emphasis, code, headings."""
    text = _MD_INLINE.sub(r"\\\1", one_line(terminal_free(text)))
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def md_cell(text: str) -> str:
    """A Markdown table cell: inline escaping (a cell never starts a block, so a leading '-' stays as it is)."""
    return _MD_INLINE.sub(r"\\\1", one_line(terminal_free(text)))


def md_link_target(name: str) -> str:
    """A link to a file beside the document, percent-encoded (spaces, ':', '/', parentheses): with its ':'
    encoded no name can become a `javascript:` or other scheme link, and none can break out of the parentheses."""
    return quote(str(name), safe="")


# ------------------------------------------------------------------------------------------------ HTML


def html_text(text) -> str:
    """Text for an HTML element or attribute (quotes escaped too); control characters made visible."""
    return html.escape(terminal_free(str(text)), quote=True)


def html_href(name: str) -> str:
    """An href to a file beside the document (see md_link_target), escaped for an attribute."""
    return html.escape(md_link_target(name), quote=True)


# ------------------------------------------------------------------------------------------------ terminals

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """Text for a terminal: ESC, BEL, CR and other control characters shown as `\\x1b` etc., never interpreted."""
    return _TERMINAL.sub(_visible, str(text))


def terminal_free(text: str) -> str:
    """The same escaping, used where a document would otherwise carry a control character along."""
    return terminal(text)
