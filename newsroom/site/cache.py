"""Full-page cache for anonymous readers: answered before any view runs, purged whenever pages change.

`wagtail-cache` does not install with Wagtail 8, so this is a small middleware on Django's cache
framework. Every stored page carries the cache *generation* it was made in; publishing,
unpublishing, moving or deleting any page (or changing who may see it) starts a new generation,
so an article's page, its section, the home page, reporter pages, feeds and sitemaps that show it
are all purged at once without tracking which page shows what.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import has_vary_header, patch_cache_control

if TYPE_CHECKING:
    from wagtail.models import Site

GENERATION_KEY = "reader-page-cache:generation"
# Page saves that only record a draft or a lock change nothing a reader sees.
DRAFT_BOOKKEEPING = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 60, "s_maxage": 300, "stale_while_revalidate": 60}


def page_cache() -> BaseCache:
    """The cache the reader pages live in (`READER_PAGE_CACHE` alias)."""
    return caches[getattr(settings, "READER_PAGE_CACHE", "default")]


def purge_reader_pages() -> None:
    """Start a new generation: every page stored so far stops being served."""
    # A fresh token rather than incr(): it also works after the cache lost the old key.
    page_cache().set(GENERATION_KEY, time.time_ns(), timeout=None)


def purge_now_and_on_commit() -> None:
    # Purge at once, and again once the transaction commits, so a page rendered from the
    # old rows while the transaction was open does not stay cached.
    purge_reader_pages()
    transaction.on_commit(purge_reader_pages)


class ReaderPageCacheMiddleware:
    """Serve anonymous GETs from the page cache; store cacheable 200 responses with CDN headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.cache = page_cache()
        self.timeout = getattr(settings, "READER_PAGE_CACHE_SECONDS", 300)
        self.excluded = tuple(getattr(settings, "READER_PAGE_CACHE_EXCLUDED_PATHS", ("/admin/",)))
        self.cache_control = getattr(settings, "READER_CACHE_CONTROL", PUBLIC_CACHE_CONTROL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._is_anonymous_read(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # A signed-in editor's view of the site must never land in a shared cache.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = self._key(request)
        generation, entry = self._lookup(key)
        if entry is not None:
            status, content, headers, bounded_until = entry
            response = HttpResponse(content, status=status, headers=headers)
            if bounded_until is not None:
                # Counted down to the go-live or expiry time the page must not outlive.
                response["Cache-Control"] = self._cache_control(int(bounded_until - time.time()), bounded=True)
            return response
        response = self.get_response(request)
        if self._is_shareable(request, response):
            now = time.time()
            lifetime, bounded_until = self.timeout, None
            # A go-live or expiry time ahead changes what readers see with no publish to purge:
            # neither this cache nor a CDN may keep the page past it.
            outline = getattr(request, "_reader_outline", None)
            if outline is not None and outline.next_change is not None:
                bounded_until = outline.next_change.timestamp()
                lifetime = max(0, min(lifetime, int(bounded_until - now)))
            response["Cache-Control"] = self._cache_control(lifetime, bounded=bounded_until is not None)
            if lifetime > 0:
                entry = (response.status_code, response.content, dict(response.items()), bounded_until)
                self.cache.set(key, (generation, now + lifetime, entry), lifetime)
        return response

    def _cache_control(self, seconds_left: int, *, bounded: bool) -> str:
        """The CDN header: the configured ages, none past `seconds_left`; no serving stale past a
        go-live or expiry time."""
        control = dict(self.cache_control)
        for directive in ("max_age", "s_maxage"):
            if directive in control:
                control[directive] = max(0, min(control[directive], seconds_left))
        if bounded:
            control.pop("stale_while_revalidate", None)
        return ", ".join(
            name.replace("_", "-") if value is True else f"{name.replace('_', '-')}={value}"
            for name, value in control.items()
        )

    def _is_anonymous_read(self, request: HttpRequest) -> bool:
        # Without a session cookie nobody is signed in: no need to load the session (a query).
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.excluded)
        )

    def _key(self, request: HttpRequest) -> str:
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        # Hashed: long Chinese slugs, percent-encoded, outgrow the key length some backends allow.
        return "reader-page:" + hashlib.sha1(address.encode(), usedforsecurity=False).hexdigest()

    def _lookup(self, key: str) -> tuple[int, tuple | None]:
        """The current generation and, if stored in it, the page (one round trip to the cache)."""
        found = self.cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = time.time_ns()
            self.cache.add(GENERATION_KEY, generation, timeout=None)
            return self.cache.get(GENERATION_KEY, generation), None
        stored = found.get(key)
        if stored is not None and stored[0] == generation and time.time() < stored[1]:
            return generation, stored[2]
        return generation, None

    def _is_shareable(self, request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A view that set its own policy (never_cache, private pages, the API) keeps it.
            and "Cache-Control" not in response
            and not has_vary_header(response, "Cookie")
            and not getattr(request, "is_preview", False)
        )


def _page_saved(sender: type, instance: object, update_fields: frozenset[str] | None = None, **kwargs: object) -> None:
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    purge_now_and_on_commit()


def _page_changed(sender: type, **kwargs: object) -> None:
    purge_now_and_on_commit()


def connect_purge_signals() -> None:
    """Purge on publish, unpublish, move, delete, and on changes to who may see a page."""
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_page_changed, dispatch_uid="reader-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="reader-cache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="reader-cache-moved")
    for model in (Page, PageViewRestriction, Site):
        post_delete.connect(_page_changed, sender=model, dispatch_uid=f"reader-cache-deleted-{model.__name__}")
    # A site's host, port or root page decides which pages a reader reaches at an address.
    for model in (PageViewRestriction, Site):
        post_save.connect(_page_changed, sender=model, dispatch_uid=f"reader-cache-saved-{model.__name__}")

    # post_save fires with the concrete page class as sender: listen to all and pick pages.
    def page_saved(sender: type, **kwargs: object) -> None:
        if issubclass(sender, Page):
            _page_saved(sender, **kwargs)

    post_save.connect(page_saved, weak=False, dispatch_uid="reader-cache-page-saved")


def remember_for_generation(
    key: str, compute: Callable[[], object], *, until: Callable[[object], datetime | None] = lambda value: None
) -> object:
    """`compute()`, kept in the page cache until the next publish starts a new generation, or
    until the moment `until(value)` names, whichever comes first."""
    cache = page_cache()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    stored = found.get(key)
    now = time.time()
    if generation is not None and stored is not None and stored[0] == generation and now < stored[1]:
        return stored[2]
    value = compute()
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    lifetime = getattr(settings, "READER_PAGE_CACHE_SECONDS", 300)
    if (moment := until(value)) is not None:
        lifetime = max(0, min(lifetime, int(moment.timestamp() - now)))
    if lifetime > 0:
        cache.set(key, (generation, now + lifetime, value), lifetime)
    return value


def site_for_request(request: HttpRequest) -> Site | None:
    """`Site.find_for_request`, from `remembered_site`: kept on the request where Wagtail keeps it."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = remembered_site(request)
    return request._wagtail_site


def remembered_site(request: HttpRequest) -> Site | None:
    """The Wagtail site for this request's host and port (or None), its root page loaded as the
    specific channel home, kept with the page cache until the next publish or site change."""
    from wagtail.models.sites import Site, get_site_for_hostname

    hostname, port = split_domain_port(request.get_host())[0], request.get_port()

    def find() -> Site | None:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page.specific  # noqa: B018 - loaded now, kept with the site
        return site

    address = hashlib.sha1(f"{hostname}:{port}".encode(), usedforsecurity=False).hexdigest()
    return remember_for_generation(f"reader-site:{address}", find)


def remembered_outline(site: object) -> object:
    """The reader's outline of `site` (newsroom.selectors.ReaderOutline), kept with the page cache:
    read again after each publish, and at the next go-live or expiry time. Shared by the reader
    site and the API (the same key), so one read serves both."""
    from newsroom.selectors import reader_outline

    return remember_for_generation(
        f"reader-outline:{site.pk}",
        lambda: reader_outline(site=site),
        until=lambda outline: outline.next_change,
    )
