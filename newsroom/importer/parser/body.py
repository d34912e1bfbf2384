"""Article bodies: paragraphs and subheadings, with paragraphs broken by the column layout mended."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsroom.importer.records import BodyBlock

_SENTENCE_END_RE = re.compile(r"[。!?!?…][”’」』))]*$")


@dataclass(frozen=True)
class Item:
    """A paragraph, subheading or footer break of an article, before broken paragraphs are mended."""

    kind: str  # "paragraph" | "heading" | "break" (a footer inside an article)
    text: str
    line: int


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END_RE.search(text) is not None


def mend_paragraphs(items: list[Item]) -> tuple[BodyBlock, ...]:
    """Body blocks, joining a paragraph broken by the column layout with the one after it."""
    body: list[BodyBlock] = []
    open_paragraph: BodyBlock | None = None
    for item in items:
        if item.kind == "paragraph":
            if open_paragraph is not None and not _ends_sentence(open_paragraph.text):
                open_paragraph = replace(
                    open_paragraph,
                    text=open_paragraph.text + item.text,
                    breaks_joined=open_paragraph.breaks_joined + 1,
                )
                continue
            if open_paragraph is not None:
                body.append(open_paragraph)
            open_paragraph = BodyBlock("paragraph", item.text, item.line)
            continue
        # A heading or a footer closes the paragraph: never mend across them.
        if open_paragraph is not None:
            body.append(open_paragraph)
            open_paragraph = None
        if item.kind == "heading":
            body.append(BodyBlock("heading", item.text, item.line))
    if open_paragraph is not None:
        body.append(open_paragraph)
    return tuple(body)
