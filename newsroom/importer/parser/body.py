"""Article bodies: paragraphs and subheadings, with paragraphs broken by the column layout mended."""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.importer.records import BodyBlock

_SENTENCE_ENDS = frozenset("。!?!?…")
# Closing quotes and brackets may stand after the sentence-final mark: 。” ?’ !」 。)
_CLOSING_MARKS = "”’」』))"


@dataclass(frozen=True)
class Item:
    """A paragraph, subheading or footer break of an article, before broken paragraphs are mended."""

    kind: str  # "paragraph" | "heading" | "break" (a footer inside an article)
    text: str
    line: int


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSING_MARKS)[-1:] in _SENTENCE_ENDS


def mend_paragraphs(items: list[Item]) -> tuple[BodyBlock, ...]:
    """Body blocks, joining a paragraph broken by the column layout with the one after it."""
    body: list[BodyBlock] = []
    # The pieces of the paragraph being mended, joined once when it closes: adding each piece to
    # a growing string, and reading that string's end again, is quadratic in a body whose
    # paragraphs never end a sentence.
    pieces: list[Item] = []

    def close() -> None:
        if pieces:
            text = "".join(piece.text for piece in pieces)
            body.append(BodyBlock("paragraph", text, pieces[0].line, breaks_joined=len(pieces) - 1))
            pieces.clear()

    for item in items:
        if item.kind == "paragraph":
            # The last piece decides: the pieces before it are open (else it would not have
            # joined them), and a piece of closing quotes only leaves them open.
            if pieces and _ends_sentence(pieces[-1].text):
                close()
            pieces.append(item)
            continue
        # A heading or a footer closes the paragraph: never mend across them.
        close()
        if item.kind == "heading":
            body.append(BodyBlock("heading", item.text, item.line))
    close()
    return tuple(body)
