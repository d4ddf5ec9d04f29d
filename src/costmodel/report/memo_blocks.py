"""The memo's building blocks: what memo_layout produces and the Markdown, HTML and Word writers read."""
from __future__ import annotations

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
