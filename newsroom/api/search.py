"""/api/v1/search: articles matching a query, best match first, through the shared search selector."""

import logging

from django.db import OperationalError, transaction
from django.http import HttpRequest
from ninja import Query, Router

from newsroom.api import payloads, schemas
from newsroom.api.pagination import search_page
from newsroom.articles.selectors import article_feed_live, article_search_ids_live, attach_credits, for_listing
from newsroom.readers.scope import ReaderScope, reader_scope
from newsroom.throttling import search_throttle

logger = logging.getLogger(__name__)
router = Router(tags=["search"])


def ranked_ids(query: str, scope: ReaderScope) -> list[int]:
    """Ids of the articles matching `query`, best match first; a query the backend cannot parse matches nothing."""
    query = query.strip()
    if not query:
        return []
    try:
        # A savepoint, so that a refused query leaves the connection usable on PostgreSQL too.
        with transaction.atomic():
            return article_search_ids_live(query, scope=scope)
    except OperationalError:
        # SQLite's full-text syntax refuses some input (an unbalanced quote): a reader's typo,
        # not a server fault.
        logger.warning("search backend refused the query %r", query, exc_info=True)
        return []


@router.get(
    "",
    response={200: schemas.ArticleList, 304: None, 422: schemas.ValidationFailure, 429: schemas.Error},
    operation_id="search",
    summary="搜索稿件:最相关的在前",
    description="每个客户端每分钟有次数限制(缓存中的答案不计);超过时答 429,`Retry-After` 给出要等的秒数。",
    throttle=search_throttle,
)
def search(request: HttpRequest, params: Query[schemas.SearchParams]) -> schemas.ArticleList:
    scope = reader_scope(request, default_site_only=True)
    # Best match first, visible articles only (the listings' rules, applied by the selector).
    ranked = ranked_ids(params.q, scope)
    page_ids, next_cursor = search_page(ranked, query=params.q.strip(), limit=params.limit, cursor=params.cursor)
    listed = for_listing(article_feed_live(scope, among=page_ids), payloads.LISTED_COLUMNS)
    found = listed.in_bulk(page_ids) if page_ids else {}
    items = [found[pk] for pk in page_ids if pk in found]
    attach_credits(items, scope)
    return schemas.ArticleList(items=payloads.articles_of(items, scope), next_cursor=next_cursor)
