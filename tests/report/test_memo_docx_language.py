"""The Word memo is Danish to Word too (review R2): its default text language, which Word and LibreOffice spell-check
with, is da-DK (python-docx's template says en-US, so every Danish word showed as misspelt), and it does not name
python-docx as its author. Read from the .docx's own XML, not through costmodel."""
from __future__ import annotations

import io
import re
import zipfile

from costmodel.report import memo
from costmodel.report.memo_docx import to_docx


def test_word_memo_is_spell_checked_in_danish():
    data = to_docx([memo.Block("h1", "Budgetnotat"), memo.Block("p", "Nettoomkostninger pr. deltager")], "t", {})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert re.search(r'<w:lang [^>]*w:val="da-DK"', defaults), defaults
    assert "python-docx" not in core
