"""StreamField blocks of an article body, in the order a reader sees them."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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
