"""Find articles for a reader's query and rank them: headline hits first, then people, then text."""

from __future__ import annotations

from django.db.models import QuerySet

from newsroom.models import ArticleByline, ArticlePage, ArticlePhotoCredit
from newsroom.search.segmenter import normalize, query_words

# How many of the newest matches are ranked. The index finds the matches; ranking a bounded,
# recent set keeps a search as fast on 100,000 articles as on 1,000 (see docs/benchmarks.md).
CANDIDATES = 300
_HEADLINE_FIELDS = ("id", "kicker", "title", "subtitle", "first_published_at")


def _credited_names(ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    for model in (ArticleByline, ArticlePhotoCredit):
        for page_id, name in model.objects.filter(page_id__in=ids).values_list("page_id", "reporter__title"):
            names.setdefault(page_id, []).append(name)
    return {page_id: normalize(" ".join(found)) for page_id, found in names.items()}


def ranked_article_ids(query: str, articles: QuerySet[ArticlePage]) -> list[int]:
    """Ids of `articles` holding every word of `query`, best first; newer first on ties.

    `articles` must be a plain queryset the search index can filter (live pages, say); the
    caller applies what readers may see. Three queries, whatever the number of matches.
    """
    words = query_words(query)
    if not words:
        return []
    newest = articles.only(*_HEADLINE_FIELDS).order_by("-first_published_at", "-id")
    matches = list(newest.search(" ".join(words), operator="and", order_by_relevance=False)[:CANDIDATES])
    people = _credited_names([article.pk for article in matches])

    def hits(article: ArticlePage) -> tuple[int, int]:
        headline = normalize(f"{article.kicker} {article.title} {article.subtitle}")
        credited = people.get(article.pk, "")
        return sum(word in headline for word in words), sum(word in credited for word in words)

    # A stable sort: among equal hits the newest-first order of the matches stays.
    return [article.pk for article in sorted(matches, key=hits, reverse=True)]
