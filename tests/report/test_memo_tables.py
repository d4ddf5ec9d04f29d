"""The memo's tables read alike in Markdown, HTML and Word: numeric columns right-aligned as a whole, text
columns left (trial2 K3: the Markdown payer table right-aligned Bevillingsområde and Post; W7: Word aligned
"4 timer" left and "70 pct." right, and gave the source column 2,5 cm, so a source wrapped to five lines).

The rows are the trial's own (trial2/hf_icm.yaml, memo sections "Hvem betaler" and "Usikre forudsætninger").
"""
from __future__ import annotations

import io

import pytest

from costmodel.report.memo import to_html, to_markdown
from costmodel.report.memo_blocks import Block
from costmodel.report.memo_docx import to_docx

PAYERS = Block("table", headers=["Betaler", "Bevillingsområde", "Post", "Omkostninger", "Sparede omkostninger", "Netto"],
               rows=[["Kommune", "Service", "Drift", "10.683.300 kr.", "0 kr.", "10.683.300 kr."],
                     ["Kommune", "Service", "Satspuljemidler fra Satspuljen (staten)", "", "", "-1.969.200 kr."],
                     ["I alt", "", "", "11.673.000 kr.", "-7.130.700 kr.", "2.573.100 kr."]])
UNCERTAIN = Block("table", headers=["Forudsætning", "Grundværdi", "Lav", "Høj", "Fordeling", "Kilde"], rows=[
    ["Sparet § 85-støtte: timer pr. uge", "4 timer", "3 timer", "5 timer", "trekantfordeling",
     "skøn: 3-5 timer § 85-støtte om ugen (antagelse i scenariet, ikke fra kilden)"],
    ["Gennemførelsesandel", "70 pct.", "60 pct.", "80 pct.", "ligefordeling",
     "skøn (antagelse i scenariet, ikke fra kilden)"],
    ["Lønniveau (faktor på alle timelønninger)", "1 x", "0,9 x", "1,1 x", "ligefordeling",
     "skøn (antagelse i scenariet, ikke fra kilden)"],
    ["Ekstern supervision (1,5 t. om måneden pr. medarbejder à 1.100 kr.): beløb", "1.100 kr.", "900 kr.",
     "1.300 kr.", "ligefordeling", "skøn: timepris for ekstern supervisor (antagelse i scenariet, ikke fra kilden)"]])


def _rule(block: Block) -> list[str]:
    return to_markdown([block]).splitlines()[1].strip("|").split("|")


def test_markdown_right_aligns_only_numeric_columns():
    assert _rule(PAYERS) == ["---", "---", "---", "---:", "---:", "---:"]
    assert _rule(UNCERTAIN) == ["---", "---:", "---:", "---:", "---", "---"]


def test_html_aligns_by_column():
    html = to_html([UNCERTAIN], "t", {})
    assert html.count('<td class="num">') == 12  # Grundværdi, Lav and Høj of four rows, "4 timer" among them
    assert '<td class="num">4 timer</td>' in html
    assert '<th class="num">Grundværdi</th>' in html and "<th>Kilde</th>" in html


@pytest.fixture(scope="module")
def uncertain_docx():
    from docx import Document

    return Document(io.BytesIO(to_docx([UNCERTAIN], "t", {}))).tables[0]


def test_word_right_aligns_every_number_of_a_numeric_column(uncertain_docx):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for row in uncertain_docx.rows[1:]:
        aligned = [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in row.cells]
        assert aligned == [False, True, True, True, False, False], [c.text for c in row.cells]


def test_word_gives_the_sources_room(uncertain_docx):
    widths = [c.width.cm for c in uncertain_docx.rows[0].cells]
    assert abs(sum(widths) - 16.0) < 0.05  # the page's text width
    # at 7,5 pt a character of running text is about 0,13 cm: 3,5 cm hold a source in at most four lines
    assert widths[5] >= 3.5, widths
    assert widths[5] == max(widths), widths  # the longest text gets the widest column
    # a column holds its longest word: "trekantfordeling" at 7,5 pt is 2,1 cm, "Gennemførelsesandel" 2,9 cm
    assert widths[4] >= 2.1 + 0.3 and widths[0] >= 2.9 + 0.3, widths
