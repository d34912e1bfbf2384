"""Headlines: a title heading with the kicker (引题) above it and the subtitle (副题) below."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsroom.importer.parser.blocks import Block, kind_at
from newsroom.importer.parser.datelines import match_dateline

_DASH_PAIR = "[—―]{2}"
_KICKER_TITLE_RE = re.compile(rf"(?P<kicker>.+?{_DASH_PAIR})\s+(?P<title>\S.*)")


@dataclass(frozen=True)
class Headline:
    """A kicker, title and subtitle, read from one to three heading blocks."""

    kicker: str | None
    title: str
    subtitle: str | None
    line: int
    next: int  # index of the first block after the headline's headings


def headline_at(blocks: list[Block], index: int) -> Headline:
    """Read a kicker, title and subtitle from the heading at `index` and those right after."""
    first = blocks[index]
    after = index + 1
    kicker = None
    title, line = first.text, first.line
    one_line = _KICKER_TITLE_RE.fullmatch(first.text)
    if one_line:
        kicker, title = one_line["kicker"], one_line["title"]
    elif re.search(f"{_DASH_PAIR}$", first.text) and kind_at(blocks, after) == "heading":
        kicker, title, line = first.text, blocks[after].text, blocks[after].line
        after += 1
    subtitle = None
    if kind_at(blocks, after) == "heading" and re.match(_DASH_PAIR, blocks[after].text):
        subtitle = blocks[after].text
        after += 1
    return Headline(kicker, title, subtitle, line, after)


def opens_article(blocks: list[Block], headline: Headline) -> bool:
    """A headline opens an article when a byline or a dateline paragraph follows it."""
    kind = kind_at(blocks, headline.next)
    if kind == "byline":
        return True
    return kind == "paragraph" and match_dateline(blocks[headline.next].text) is not None


def is_titled(headline: Headline) -> bool:
    # A kicker or a subtitle only ever stands around a title, so it marks a new article.
    return headline.kicker is not None or headline.subtitle is not None
