"""HTTP caching for the app API: an ETag on every response, 304 on a match, Cache-Control a CDN can follow."""

import hashlib
from datetime import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag

# A CDN may serve a response for a minute, then keep serving it while it fetches a fresh one
# (or while the origin is down): readers see a new article within about a minute.
FRESH_SECONDS = 60
STALE_WHILE_REVALIDATE_SECONDS = 600
STALE_IF_ERROR_SECONDS = 86_400

# The same request always gets these answers, so a CDN may keep them like any page.
CACHEABLE_STATUSES = frozenset({200, 404, 405, 422})


def content_etag(content: bytes) -> str:
    """A strong validator of the exact bytes: any visible change to a listing changes it."""
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def _matches(if_none_match: str, etag: str) -> bool:
    # If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
    if if_none_match.strip() == "*":
        return True
    return any(tag.removeprefix("W/") == etag for tag in parse_etags(if_none_match))


def _lifetimes(horizon: datetime | None) -> dict[str, int]:
    """Cache-Control lifetimes that never carry a response past `horizon` (the next go-live or
    expiry time): fresh, then stale, within the seconds left, and none of either when none are."""
    fresh, while_revalidating, if_error = FRESH_SECONDS, STALE_WHILE_REVALIDATE_SECONDS, STALE_IF_ERROR_SECONDS
    if horizon is not None:
        left = max(0, int((horizon - timezone.now()).total_seconds()))
        fresh = min(fresh, left)
        while_revalidating = min(while_revalidating, left - fresh)
        if_error = min(if_error, left - fresh)
    lifetimes = {"max_age": fresh}
    if while_revalidating > 0:
        lifetimes["stale_while_revalidate"] = while_revalidating
    if if_error > 0:
        lifetimes["stale_if_error"] = if_error
    return lifetimes


def apply_http_caching(
    request: HttpRequest, response: HttpResponseBase, *, horizon: datetime | None = None
) -> HttpResponseBase:
    """Give `response` its ETag and Cache-Control, or answer 304 when the client already holds it.

    `horizon` is when what the response shows may change without a publish (an article's go-live
    or expiry time): no cache, fresh or stale, may keep it past then.
    """
    if response.streaming or not isinstance(response, HttpResponse):
        return response
    etag = content_etag(response.content)
    response["ETag"] = etag
    if response.status_code in CACHEABLE_STATUSES:
        patch_cache_control(response, public=True, **_lifetimes(horizon))
    else:
        # A spoofed host, a server error: nothing a shared cache should keep.
        patch_cache_control(response, no_store=True)
    if response.status_code == 200 and _matches(request.headers.get("If-None-Match", ""), etag):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary", "Content-Language"):
            if header in response:
                not_modified[header] = response[header]
        return not_modified
    return response
