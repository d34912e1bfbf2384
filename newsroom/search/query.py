"""Find articles for a reader's query and rank them: headline hits first, then people, then text."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from newsroom.models import ArticlePage
from newsroom.search.segmenter import normalize, query_words

# How many of the newest matches are ranked. The index finds the matches; ranking a bounded,
# recent set keeps a search as fast on 100,000 articles as on 1,000 (see docs/benchmarks.md).
CANDIDATES = 500


@dataclass(frozen=True)
class RankedArticle:
    """An article with why it matched: how many query words its headline and credits hold."""

    article: ArticlePage
    headline_hits: int
    people_hits: int


def _rank(article: ArticlePage, words: list[str]) -> RankedArticle:
    headline = normalize(f"{article.kicker} {article.title} {article.subtitle}")
    people = normalize(" ".join(c.reporter.title for c in (*article.bylines.all(), *article.photo_credits.all())))
    return RankedArticle(
        article=article,
        headline_hits=sum(word in headline for word in words),
        people_hits=sum(word in people for word in words),
    )


def search_articles(query: str, articles: QuerySet[ArticlePage]) -> list[RankedArticle]:
    """Articles of `articles` holding every word of `query`, best first; newer first on ties.

    `articles` must be a plain queryset the search index can filter (live pages, say); the
    caller applies what readers may see to the result.
    """
    words = query_words(query)
    if not words:
        return []
    newest = articles.order_by("-first_published_at", "-id")
    matches = list(newest.search(" ".join(words), operator="and", order_by_relevance=False)[:CANDIDATES])
    ranked = [_rank(article, words) for article in matches]
    # Stable sort: within equal hits the newest-first order of the matches stays.
    ranked.sort(key=lambda r: (r.headline_hits, r.people_hits), reverse=True)
    return ranked
