"""/api/v1/articles: the newest-first feed with its filters, and one article with body and related."""

from datetime import UTC, datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router

from newsroom.api import payloads, schemas
from newsroom.api.pagination import feed_page
from newsroom.api.search import ranked_ids
from newsroom.articles.selectors import (
    RELATED_LIMIT,
    article_feed_live,
    article_live,
    attach_credits,
    for_listing,
    related_articles_live,
)
from newsroom.models import ArticleCorrection, ArticlePage, ReporterPage
from newsroom.readers.scope import ReaderScope, reader_scope

router = Router(tags=["articles"])

# Page ids are 32-bit: a larger number names no article (and SQLite could not even compare it).
LARGEST_ID = 2**31 - 1

LIST_RESPONSES = {200: schemas.ArticleList, 304: None, 422: schemas.ValidationFailure}
DETAIL_RESPONSES = {200: schemas.ArticleDetail, 304: None, 404: schemas.Error, 422: schemas.ValidationFailure}


def as_instant(moment: datetime | None) -> datetime | None:
    """A parameter's date-time (always with its offset) as a UTC instant the database can compare."""
    if moment is None:
        return None
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        # Year 1 or 9999 with an offset falls off the calendar in UTC: it bounds nothing, so clamp it.
        return (datetime.min if moment.year == datetime.min.year else datetime.max).replace(tzinfo=UTC)


def filtered_feed(scope: ReaderScope, filters: schemas.ArticleFilters) -> QuerySet[ArticlePage] | None:
    """The feed narrowed by the list's filters; an unknown section or reporter narrows it to nothing."""
    section = None
    if filters.section:
        section = scope.section_by_slug(filters.section)
        if section is None:
            return None
    reporter = None
    if filters.reporter:
        reporter = scope.pages(ReporterPage).filter(slug=filters.reporter).first()
        if reporter is None:
            return None
    among = ranked_ids(filters.q, scope) if filters.q and filters.q.strip() else None
    return article_feed_live(
        scope,
        section=section,
        reporter=reporter,
        tag=filters.tag or None,
        since=as_instant(filters.since),
        until=as_instant(filters.until),
        among=among,
    )


@router.get("", response=LIST_RESPONSES, operation_id="articles_list", summary="稿件列表:最新在前,可筛选")
def articles_list(request: HttpRequest, filters: Query[schemas.ArticleFilters]) -> schemas.ArticleList:
    scope = reader_scope(request, default_site_only=True)
    feed = filtered_feed(scope, filters)
    if feed is None:
        return schemas.ArticleList(items=[], next_cursor=None)
    page = feed_page(for_listing(feed, payloads.LISTED_COLUMNS), limit=filters.limit, cursor=filters.cursor)
    attach_credits(page.items, scope)
    return schemas.ArticleList(items=payloads.articles_of(page.items, scope), next_cursor=page.next_cursor)


@router.get(
    "/{int:article_id}", response=DETAIL_RESPONSES, operation_id="articles_detail", summary="一篇稿件:正文和相关稿件"
)
def articles_detail(request: HttpRequest, article_id: int) -> schemas.ArticleDetail:
    scope = reader_scope(request, default_site_only=True)
    # One address per article: `/articles/007` names no article (and would be purged under no name).
    canonical = request.path == reverse("api-v1:articles_detail", args=[article_id])
    article = article_live(scope, article_id) if canonical and article_id <= LARGEST_ID else None
    if article is None:
        raise Http404("没有这篇稿件,或稿件尚未发布")
    related = related_articles_live(scope, article, columns=payloads.LISTED_COLUMNS, limit=RELATED_LIMIT)
    attach_credits([article, *related], scope)
    tags = sorted(tag.name for tag in article.tags.all())
    # Children of the page row: what was published, never a draft's (the model orders newest first).
    corrections = ArticleCorrection.objects.filter(page=article)
    return payloads.article_detail_of(article, related=related, tags=tags, corrections=corrections, scope=scope)
