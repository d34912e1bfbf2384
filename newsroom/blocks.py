"""StreamField blocks of an article body, in the order a reader sees them."""

import re

from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.images.blocks import ImageChooserBlock

# A line of spaces only (full-width ones too) is blank: it ends a paragraph, as in an edition.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def paragraphs_of(text: str) -> list[str]:
    """Typed or pasted text as paragraphs: a blank line ends one, as the importer reads an edition
    (newsroom/importer/parser/blocks.py); a single line break stays inside its paragraph."""
    pieces = (piece.strip() for piece in _BLANK_LINE.split(text.replace("\r\n", "\n")))
    return [piece for piece in pieces if piece]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.TextBlock(required=False, label="图片说明")
    credit = blocks.CharBlock(required=False, label="摄影", help_text="如:记者 薄克国 摄")

    class Meta:
        icon = "image"
        label = "图片"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(required=False, label="出处")

    class Meta:
        icon = "openquote"
        label = "引语"


class ArticleBodyBlock(blocks.StreamBlock):
    # Paragraphs are plain text: imported copy must show exactly as printed,
    # and any markup in it must display literally, never run.
    paragraph = blocks.TextBlock(label="段落", icon="pilcrow")
    heading = blocks.CharBlock(label="小标题", icon="title")
    image = ImageBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {}

    def clean(self, value: StreamValue) -> StreamValue:
        # A story pasted whole into one 段落 arrives as one text with blank lines; saved as it is,
        # readers would get one <p> with <br><br> in it and the app one block. Cut it where the
        # blank lines are, into a 段落 each: the first keeps the block's id, so comments stay on it.
        cleaned = super().clean(value)
        children = []
        for child in cleaned:
            if child.block_type != "paragraph":
                children.append((child.block_type, child.value, child.id))
                continue
            for number, text in enumerate(paragraphs_of(child.value)):
                children.append(("paragraph", text, child.id if number == 0 else None))
        return StreamValue(self, children) if len(children) != len(cleaned) else cleaned
