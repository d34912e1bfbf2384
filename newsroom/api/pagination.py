"""Opaque, signed cursors: a feed page starts after a (published_at, id) position, a search page at an offset."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from django.core import signing
from django.db.models import Q, QuerySet

from newsroom.models import ArticlePage

# Salted apart from every other signature the site makes, so no other signed value passes as a cursor.
SALT = "newsroom.api.cursor"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FEED, SEARCH = "f", "s"

T = TypeVar("T")


class BadCursor(ValueError):
    """A cursor this API did not make, or made for another listing."""


@dataclass(frozen=True)
class FeedPage:
    items: list[ArticlePage]
    next_cursor: str | None


def _sign(payload: list[object]) -> str:
    return signing.Signer(salt=SALT).sign_object(payload)


def _unsign(cursor: str, kind: str, length: int) -> list[object]:
    try:
        payload = signing.Signer(salt=SALT).unsign_object(cursor)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise BadCursor("cursor 无效:请使用上一页响应中的 next_cursor") from error
    if not isinstance(payload, list) or len(payload) != length or payload[0] != kind:
        raise BadCursor("cursor 不属于这个列表")
    return payload


def _micros(moment: datetime) -> int:
    # Whole microseconds since the epoch: exact, unlike a float timestamp.
    return (moment - EPOCH) // timedelta(microseconds=1)


def feed_cursor(article: ArticlePage) -> str:
    """The cursor of the page that starts right after `article`."""
    return _sign([FEED, _micros(article.first_published_at), article.pk])


def _feed_position(cursor: str) -> tuple[datetime, int]:
    _, micros, article_id = _unsign(cursor, FEED, 3)
    if type(micros) is not int or type(article_id) is not int:
        raise BadCursor("cursor 无效")
    try:
        return EPOCH + timedelta(microseconds=micros), article_id
    except OverflowError as error:
        raise BadCursor("cursor 无效") from error


def feed_page(feed: QuerySet[ArticlePage], *, limit: int, cursor: str | None) -> FeedPage:
    """One page of a newest-first feed, and the cursor of the next page (None on the last one).

    The cursor holds the position of the last article shown, not an offset, so articles
    published or unpublished between two requests never shift, repeat or skip the rest.
    """
    if cursor:
        published_at, article_id = _feed_position(cursor)
        feed = feed.filter(
            Q(first_published_at__lt=published_at) | Q(first_published_at=published_at, pk__lt=article_id)
        )
    # One row more than asked tells whether another page follows, without a COUNT.
    rows = list(feed[: limit + 1])
    items = rows[:limit]
    return FeedPage(items, feed_cursor(items[-1]) if len(rows) > limit else None)


def _query_digest(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:12]


def search_cursor(query: str, offset: int) -> str:
    return _sign([SEARCH, _query_digest(query), offset])


def search_offset(query: str, cursor: str | None) -> int:
    """Where a page of ranked search results starts; a cursor from another query is refused."""
    if not cursor:
        return 0
    _, digest, offset = _unsign(cursor, SEARCH, 3)
    if digest != _query_digest(query) or type(offset) is not int or offset < 0:
        raise BadCursor("cursor 不属于这次搜索")
    return offset


def search_page(ranked: Sequence[T], *, query: str, limit: int, cursor: str | None) -> tuple[list[T], str | None]:
    """One page of ranked results (best match first) and the cursor of the next page."""
    offset = search_offset(query, cursor)
    end = offset + limit
    return list(ranked[offset:end]), search_cursor(query, end) if len(ranked) > end else None
