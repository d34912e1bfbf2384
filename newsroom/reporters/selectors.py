"""What readers may see of reporters: the people with a visible page, and the articles credited to each."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, QuerySet

from newsroom.articles.selectors import article_feed_live
from newsroom.models import (
    ArticleByline,
    ArticlePhotoCredit,
    ReporterPage,
)
from newsroom.readers.scope import ReaderScope


def reporters_live(scope: ReaderScope) -> QuerySet[ReporterPage]:
    """Visible reporters by name."""
    return scope.pages(ReporterPage).order_by("title", "id")


def reporter_article_counts_live(scope: ReaderScope, *, reporters: Iterable[int] | None = None) -> dict[int, int]:
    """Visible articles crediting each reporter (byline or photo), by reporter id: one query.

    The same articles their feed lists. Counted in one pass over the credits, grouped by person,
    against the feed read once (a count per reporter would check the feed again for each).
    """
    visible = article_feed_live(scope).order_by().values("pk")
    wrote = ArticleByline.objects.filter(page_id__in=visible)
    # A photo of an article they also wrote is that article again: counted once.
    also_wrote_it = ArticleByline.objects.filter(reporter_id=OuterRef("reporter_id"), page_id=OuterRef("page_id"))
    photographed_only = ArticlePhotoCredit.objects.filter(page_id__in=visible).exclude(Exists(also_wrote_it))
    if reporters is not None:
        ids = list(reporters)
        wrote, photographed_only = wrote.filter(reporter_id__in=ids), photographed_only.filter(reporter_id__in=ids)

    def per_person(credits: QuerySet) -> QuerySet:
        return (
            credits.order_by()
            .values("reporter_id")
            .annotate(n=Count("page_id", distinct=True))
            .values_list("reporter_id", "n")
        )

    counts: dict[int, int] = {}
    for reporter_id, n in per_person(wrote).union(per_person(photographed_only), all=True):
        counts[reporter_id] = counts.get(reporter_id, 0) + n
    return counts
