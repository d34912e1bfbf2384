"""The word check of imported articles: reported in the import's JSON and warnings, never blocking it."""

from __future__ import annotations

from newsroom.articles.models import ArticlePage
from newsroom.importer.records import Article, Edition
from newsroom.wordcheck.check import Hit, check_page, current_matcher, hits_summary
from newsroom.wordcheck.matcher import Matcher


def article_hits(article: Article, matcher: Matcher) -> list[Hit]:
    """The hits in a parsed article's texts, read as the article page will hold them."""
    page = ArticlePage(
        kicker=article.kicker or "",
        title=article.title,
        subtitle=article.subtitle or "",
        body=[(block.type, block.text) for block in article.body],
        lead_image_caption=article.lead_image.caption if article.lead_image else "",
    )
    return check_page(page, matcher)


def hit_dicts(article: Article, hits: list[Hit]) -> list[dict[str, object]]:
    """The hits in the import's JSON: each names its article by headline and line."""
    return [{"article": article.title, "line": article.line, **hit.as_dict()} for hit in hits]


def hit_warning(source_name: str, article: Article, hits: list[Hit]) -> str:
    return f"{source_name}:{article.line}: {article.title}: 字词检查: {hits_summary(hits)}"


def with_word_hits(plan: dict[str, object], edition: Edition) -> dict[str, object]:
    """The parsed edition's JSON (`--dry-run --json`) with each article's hits and a warning for each
    article that has some: additions to the contract's shape, nothing renamed."""
    matcher = current_matcher()
    for entry, article in zip(plan["articles"], edition.articles, strict=True):
        hits = article_hits(article, matcher)
        entry["word_hits"] = [hit.as_dict() for hit in hits]
        if hits:
            plan["warnings"].append(hit_warning(edition.source_name, article, hits))
    return plan
