"""/api/v1/reporters: visible reporters and correspondents, and one reporter's articles."""

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from newsroom.api import payloads, schemas
from newsroom.api.pagination import feed_page
from newsroom.articles.selectors import article_feed_live, attach_credits, for_listing
from newsroom.readers.scope import reader_scope
from newsroom.reporters.selectors import reporter_article_counts_live, reporters_live

router = Router(tags=["reporters"])


@router.get("", response={200: list[schemas.Reporter], 304: None}, operation_id="reporters_list", summary="记者列表")
def reporters_list(request: HttpRequest) -> list[schemas.Reporter]:
    scope = reader_scope(request, default_site_only=True)
    counts = reporter_article_counts_live(scope)
    return [payloads.reporter_of(reporter, counts.get(reporter.pk, 0), scope) for reporter in reporters_live(scope)]


@router.get(
    "/{slug}",
    response={200: schemas.ReporterDetail, 304: None, 404: schemas.Error, 422: schemas.ValidationFailure},
    operation_id="reporters_detail",
    summary="一位记者和他署名的稿件",
)
def reporters_detail(
    request: HttpRequest, slug: Path[schemas.Slug], params: Query[schemas.PageParams]
) -> schemas.ReporterDetail:
    scope = reader_scope(request, default_site_only=True)
    reporter = reporters_live(scope).filter(slug=slug).first()
    if reporter is None:
        raise Http404("没有这位记者")
    article_count = reporter_article_counts_live(scope, reporters=[reporter.pk]).get(reporter.pk, 0)
    page = feed_page(
        for_listing(article_feed_live(scope, reporter=reporter), payloads.LISTED_COLUMNS),
        limit=params.limit,
        cursor=params.cursor,
    )
    attach_credits(page.items, scope)
    articles = schemas.ArticleList(items=payloads.articles_of(page.items, scope), next_cursor=page.next_cursor)
    person = payloads.reporter_of(reporter, article_count, scope)
    return schemas.ReporterDetail(**person.model_dump(), articles=articles)
