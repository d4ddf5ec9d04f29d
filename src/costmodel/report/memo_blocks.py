"""The memo's building blocks: what memo_layout produces and the Markdown, HTML and Word writers read."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Block:
    """One block of the memo: a heading, paragraph, list, table, image or (Word) page break."""

    kind: str  # h1, h2, h3, p, strong, table, img, ul, pagebreak (Word only; the others flow on)
    text: str = ""
    headers: list[str] | None = None
    rows: list[list[str]] | None = None
    items: list[str] | None = None
    href: str | None = None  # img: file name; p: an optional link appended to the text
    link_text: str | None = None


# A number as the memo writes it, with the units its tables use: "-1.657.900 kr.", "70 pct.", "4 timer", "1,1 x"
NUMBER = re.compile(r"-?[\d.]+(,\d+)?( kr\.| pct\.| timer| x| år| mdr\.)?")


def is_number(text) -> bool:
    """Whether a table cell is one number (with its unit)."""
    return bool(NUMBER.fullmatch(str(text).strip()))


def numeric_columns(headers: list[str], rows: list[list[str]]) -> list[bool]:
    """Which columns of a table are numbers, to right-align as a whole: every non-empty cell a number and at
    least one. The first column is the row's name, always left. One rule for Markdown, HTML and Word, so a
    column of "4 timer" and one of "70 pct." align alike (trial2 W7) and text columns stay left (K3)."""
    out = []
    for j in range(len(headers)):
        column = [str(r[j]).strip() for r in rows if j < len(r)]
        filled = [c for c in column if c not in ("", "-")]
        out.append(j > 0 and bool(filled) and all(is_number(c) for c in filled))
    return out
