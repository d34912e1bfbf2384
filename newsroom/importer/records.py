"""Frozen records of a parsed edition: what the parser returns and the loader consumes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Byline:
    """One person in a byline (署名), with the role word printed before the name."""

    role: str
    name: str


def byline_text(bylines: tuple[Byline, ...]) -> str:
    """A byline as printed: a role word once before each run of names that share it."""
    words: list[str] = []
    previous = None
    for byline in bylines:
        if byline.role and byline.role != previous:
            words.append(byline.role)
        words.append(byline.name)
        previous = byline.role
    return " ".join(words)


@dataclass(frozen=True)
class Dateline:
    """The 电头 lifted from an article's first paragraph."""

    text: str
    source: str
    place: str | None
    date: datetime.date | None
    line: int = 0


@dataclass(frozen=True)
class LeadImage:
    """A photo printed before an article: its caption and the byline crediting it."""

    caption: str
    credits: tuple[Byline, ...]
    marker: str | None
    line: int = 0


@dataclass(frozen=True)
class BodyBlock:
    """A body paragraph or a subheading (小标题)."""

    type: str
    text: str
    line: int = 0
    # How many column breaks (跨栏断段) were mended to make this paragraph.
    breaks_joined: int = 0


@dataclass(frozen=True)
class Article:
    """One article of an edition, in reading order."""

    kicker: str | None
    title: str
    subtitle: str | None
    section: str
    bylines: tuple[Byline, ...]
    byline_marker: str | None
    dateline: Dateline | None
    lead_image: LeadImage | None
    body: tuple[BodyBlock, ...]
    line: int
    position: int

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The printed lines of a headline; the space in the title marks the break."""
        return tuple(self.title.split())

    @property
    def breaks_joined(self) -> int:
        return sum(block.breaks_joined for block in self.body)

    @property
    def text(self) -> str:
        """Every printed word of the article, one part a line (for counting and search)."""
        parts: list[str] = []
        if self.lead_image:
            parts.append(self.lead_image.caption)
            parts.append(byline_text(self.lead_image.credits))
            parts.append(self.lead_image.marker or "")
        parts.extend([self.kicker or "", self.title, self.subtitle or ""])
        parts.append(byline_text(self.bylines))
        parts.append(self.byline_marker or "")
        parts.append(self.dateline.text if self.dateline else "")
        parts.extend(block.text for block in self.body)
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Edition:
    """A parsed edition file: its date, articles in reading order, and warnings."""

    source_name: str
    edition_date: datetime.date
    date_source: str
    articles: tuple[Article, ...]
    warnings: tuple[str, ...]

    @property
    def breaks_joined(self) -> int:
        return sum(article.breaks_joined for article in self.articles)


@dataclass(frozen=True)
class Section:
    """A section (栏目) of the channel and the keywords that route articles to it."""

    slug: str
    title: str
    keywords: tuple[str, ...]


def _byline_dicts(bylines: tuple[Byline, ...]) -> list[dict[str, str]]:
    return [{"role": b.role, "name": b.name} for b in bylines]


def _dateline_dict(dateline: Dateline | None) -> dict[str, Any] | None:
    if dateline is None:
        return None
    return {
        "text": dateline.text,
        "source": dateline.source,
        "place": dateline.place,
        "date": dateline.date.isoformat() if dateline.date else None,
    }


def _lead_image_dict(image: LeadImage | None) -> dict[str, Any] | None:
    if image is None:
        return None
    return {"caption": image.caption, "credits": _byline_dicts(image.credits)}


def article_to_dict(article: Article) -> dict[str, Any]:
    """One article in the importer's JSON shape (contracts.md section 1), plus extras."""
    return {
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "section": article.section,
        "bylines": _byline_dicts(article.bylines),
        "dateline": _dateline_dict(article.dateline),
        "lead_image": _lead_image_dict(article.lead_image),
        "body": [{"type": block.type, "text": block.text} for block in article.body],
        # Extra keys: the contract allows additions, never renames.
        "title_lines": list(article.title_lines),
        "byline_marker": article.byline_marker,
        "line": article.line,
        "position": article.position,
    }


def edition_to_dict(edition: Edition) -> dict[str, Any]:
    """The edition as `import_edition --dry-run --json` prints it (contracts.md section 1)."""
    return {
        "edition_date": edition.edition_date.isoformat(),
        "articles": [article_to_dict(article) for article in edition.articles],
        "warnings": list(edition.warnings),
        "source": edition.source_name,
        "date_source": edition.date_source,
    }
