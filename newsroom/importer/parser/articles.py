"""Articles: one walk over the blocks that groups them into drafts, photo captions included."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsroom.importer.parser.blocks import Block, kind_at
from newsroom.importer.parser.body import Item, mend_paragraphs
from newsroom.importer.parser.bylines import parse_byline
from newsroom.importer.parser.datelines import RawDateline, match_dateline
from newsroom.importer.parser.headlines import Headline, headline_at, is_titled, opens_article
from newsroom.importer.parser.lines import ParseError
from newsroom.importer.records import BodyBlock, Byline


@dataclass(frozen=True)
class Image:
    """A photo caption and its credit, held until the article it belongs to starts."""

    caption: str
    credits: tuple[Byline, ...]
    marker: str | None
    line: int


@dataclass
class Draft:
    """An article as read so far: its dateline still without a year, its body still unmended."""

    headline: Headline
    image: Image | None
    bylines: list[Byline] = field(default_factory=list)
    marker: str | None = None
    dateline: RawDateline | None = None
    dateline_line: int = 0
    items: list[Item] = field(default_factory=list)
    body: tuple[BodyBlock, ...] = ()


class Assembler:
    """Walks the blocks once and groups them into article drafts (internal, single use)."""

    def __init__(self, path: str, blocks: list[Block], warnings: list[str]) -> None:
        self.path = path
        self.blocks = blocks
        self.warnings = warnings
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        # Right after a footer or a photo credit, a heading starts an article even without
        # a byline or dateline under it.
        self.between_articles = False
        self.stray_heading: Item | None = None
        self.pending_image: Image | None = None

    def run(self) -> list[Draft]:
        handlers = {
            "footer": self._footer,
            "heading": self._heading,
            "paragraph": self._paragraph,
            "byline": self._stray_byline,
        }
        index = 0
        while index < len(self.blocks):
            index = handlers[self.blocks[index].kind](index)
        self._finish_current()
        if self.stray_heading is not None:
            self._no_body(self.stray_heading)
        if not self.drafts:
            raise ParseError(self.path, None, "no article found (an article starts at a heading)")
        return self.drafts

    def _footer(self, index: int) -> int:
        # A footer is never body text, and no paragraph is mended across it.
        self.between_articles = True
        if self.current is not None:
            self.current.items.append(Item("break", "", self.blocks[index].line))
        return index + 1

    def _heading(self, index: int) -> int:
        headline = headline_at(self.blocks, index)
        opens = opens_article(self.blocks, headline)
        outside = self.current is None or self.between_articles
        loose = kind_at(self.blocks, headline.next) == "paragraph" and (outside or is_titled(headline))
        if opens or loose:
            if not opens:
                self.warnings.append(f"line {headline.line}: article 「{headline.title}」 has no byline or dateline")
            return self._start_article(headline)
        block = self.blocks[index]
        item = Item("heading", block.text, block.line)
        if self.current is None:
            if self.stray_heading is not None:
                self._no_body(self.stray_heading)
            self.stray_heading = item
        else:
            self.current.items.append(item)
        return index + 1

    def _start_article(self, headline: Headline) -> int:
        if headline.kicker is None and self.pending_image is None:
            stray = self._take_trailing_heading()
            if stray is not None:
                # A bodiless heading right above a title can only be its kicker.
                self.warnings.append(
                    f"line {stray.line}: heading 「{stray.text}」 has no body and does not end "
                    f"in ——; taken as the kicker of 「{headline.title}」"
                )
                headline = replace(headline, kicker=stray.text)
        self._finish_current()
        draft = Draft(headline, self.pending_image)
        self.pending_image = None
        index = headline.next
        while kind_at(self.blocks, index) == "byline":
            block = self.blocks[index]
            bylines, marker = parse_byline(block.text, block.line, self.path, self.warnings)
            draft.bylines.extend(bylines)
            draft.marker = marker or draft.marker
            index += 1
        if kind_at(self.blocks, index) == "paragraph":
            block = self.blocks[index]
            dateline = match_dateline(block.text)
            if dateline is not None:
                draft.dateline, draft.dateline_line = dateline, block.line
                if dateline.rest:
                    draft.items.append(Item("paragraph", dateline.rest, block.line))
                index += 1
        self.current = draft
        self.between_articles = False
        return index

    def _take_trailing_heading(self) -> Item | None:
        if self.stray_heading is not None:
            stray, self.stray_heading = self.stray_heading, None
            return stray
        items = self.current.items if self.current is not None else []
        return items.pop() if items and items[-1].kind == "heading" else None

    def _paragraph(self, index: int) -> int:
        block = self.blocks[index]
        after = index + 1
        while kind_at(self.blocks, after) == "byline":
            after += 1
        if after > index + 1 and self._article_starts_at(after):
            credits: list[Byline] = []
            marker = None
            for byline in self.blocks[index + 1 : after]:
                people, byline_marker = parse_byline(byline.text, byline.line, self.path, self.warnings)
                credits.extend(people)
                marker = byline_marker or marker
            # A caption and its credit belong to the photo of the article that follows.
            self.pending_image = Image(block.text, tuple(credits), marker, block.line)
            self.between_articles = True
            return after
        if match_dateline(block.text) is not None:
            raise ParseError(
                self.path,
                block.line,
                "dateline paragraph with no article: no title heading before it",
            )
        if self.current is None:
            raise ParseError(self.path, block.line, "text outside any article: no title heading before it")
        self.current.items.append(Item("paragraph", block.text, block.line))
        self.between_articles = False
        return index + 1

    def _article_starts_at(self, index: int) -> bool:
        if kind_at(self.blocks, index) != "heading":
            return False
        headline = headline_at(self.blocks, index)
        if opens_article(self.blocks, headline):
            return True
        # After a caption and its credit only an article can follow, byline or not.
        return kind_at(self.blocks, headline.next) == "paragraph"

    def _stray_byline(self, index: int) -> int:
        raise ParseError(
            self.path,
            self.blocks[index].line,
            "byline with no article after it (a byline follows a title heading, "
            "or credits a photo caption just before an article)",
        )

    def _no_body(self, heading: Item) -> None:
        raise ParseError(self.path, heading.line, f"heading 「{heading.text}」 with no body after it")

    def _finish_current(self) -> None:
        draft, self.current = self.current, None
        if draft is None:
            return
        content = [item for item in draft.items if item.kind != "break"]
        if content and content[-1].kind == "heading":
            self._no_body(content[-1])
        draft.body = mend_paragraphs(draft.items)
        if not any(block.type == "paragraph" for block in draft.body):
            raise ParseError(self.path, draft.headline.line, f"article 「{draft.headline.title}」 has no body")
        self.drafts.append(draft)
