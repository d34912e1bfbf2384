"""The CDN in front of the reader site: when what readers may see changes, purge the addresses
that show it, once the transaction commits.

A publish reaches the page, its section and the home page, the reporters it credits, its tags,
the section's and the channel's feeds and both sitemaps. Unpublishing, deleting, making private
or moving a page reaches the same for it and every page below it, worked out before the change
(a deleted page has no address after it); a changed slug, the old address. The CDN is Wagtail's
frontend cache, configured in `WAGTAILFRONTENDCACHE` (from `FRONTEND_CACHE_PURGE_URL` for an HTTP
PURGE endpoint such as Varnish; Wagtail's backends for Cloudflare, CloudFront and Azure work the
same); without it nothing is done. Wagtail's `wagtail.contrib.frontend_cache` app is not
installed: it purges page by page as each is published, where an import publishes a thousand
pages in one transaction.
"""

from __future__ import annotations

import threading
from functools import reduce
from operator import or_
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from newsroom.models import ArticleByline, ArticlePhotoCredit, ArticleTag, SectionPage

# What this thread's open transaction changed: pages to work out at commit, addresses worked out.
_pending = threading.local()


def addresses_showing(pages: list[Page], *, below: bool = False) -> set[str]:
    """Every absolute address whose content shows these pages (and, with `below`, every page under
    them): a handful of queries for any number of pages."""
    if not pages:
        return set()
    if below:
        pages = list(Page.objects.filter(reduce(or_, (Q(path__startswith=page.path) for page in pages))))
    # Their ancestors below the tree's root: the sections and the channel home that list them.
    prefixes = {page.path[: Page.steplen * depth] for page in pages for depth in range(2, page.depth)}
    ancestors = list(Page.objects.filter(path__in=prefixes)) if prefixes else []
    sections = SectionPage.objects.filter(pk__in=[page.pk for page in (*pages, *ancestors)])
    ids = [page.pk for page in pages]
    credited = {
        *ArticleByline.objects.filter(page_id__in=ids).values_list("reporter_id", flat=True),
        *ArticlePhotoCredit.objects.filter(page_id__in=ids).values_list("reporter_id", flat=True),
    }
    reporters = list(Page.objects.filter(pk__in=credited))
    tags = set(ArticleTag.objects.filter(content_object_id__in=ids).values_list("tag__name", flat=True))

    batch = PurgeBatch()
    batch.add_pages([*pages, *ancestors, *reporters])
    homes = [page for page in (*ancestors, *pages) if page.depth == 2]
    paths = [reverse(name) for name in ("reader_feed", "reader_sitemap", "reader_news_sitemap")]
    paths += [reverse("reader_section_feed", args=[section.slug]) for section in sections]
    for tag in tags:
        try:
            paths.append(reverse("reader_tag", args=[tag]))
        except NoReverseMatch:  # a tag with a "/" has no tag page
            continue
    for home in {home.pk: home for home in homes}.values():
        # The reader site's own addresses sit at the site's root, as the channel home does.
        if (root := home.get_full_url(batch)) is not None:
            batch.add_urls(urljoin(root, path) for path in paths)
    return set(batch.urls)


def _later(page_id: int) -> None:
    """Work out this page's addresses when the transaction commits (one batch for an import)."""
    if not hasattr(_pending, "page_ids"):
        _pending.page_ids = set()
    _pending.page_ids.add(page_id)
    _on_commit()


def _now(urls: set[str]) -> None:
    """Addresses worked out before the change made them unreachable; purged when it commits."""
    if not hasattr(_pending, "urls"):
        _pending.urls = set()
    _pending.urls |= urls
    _on_commit()


def _on_commit() -> None:
    # One callback per change: a rolled-back transaction drops its callbacks (what it left pending
    # goes with the next commit). Robust: a failed purge never turns a saved publish into an error.
    transaction.on_commit(_purge_pending, robust=True)


def _purge_pending() -> None:
    page_ids, _pending.page_ids = getattr(_pending, "page_ids", set()), set()
    urls, _pending.urls = getattr(_pending, "urls", set()), set()
    if page_ids:
        urls |= addresses_showing(list(Page.objects.filter(pk__in=page_ids)))
    if urls:
        PurgeBatch(urls).purge()


def _configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _shown(sender: type, instance: Page, **kwargs: object) -> None:
    # Published, or moved: what shows it is worked out where it stands once the change commits.
    if _configured():
        _later(instance.pk)


def _hidden(sender: type, instance: Page, **kwargs: object) -> None:
    # Unpublished or deleted (Wagtail unpublishes first), or about to move: it and what lies under it.
    if _configured():
        _now(addresses_showing([instance], below=True))


def _restriction_changed(sender: type, instance: object, **kwargs: object) -> None:
    if _configured():
        _now(addresses_showing([instance.page], below=True))


def _slug_changed(sender: type, instance: Page, instance_before: Page, **kwargs: object) -> None:
    if _configured() and (old := instance_before.get_full_url()) is not None:
        _now({old})


def connect_cdn_purge() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

    page_published.connect(_shown, dispatch_uid="cdn-purge-published")
    page_unpublished.connect(_hidden, dispatch_uid="cdn-purge-unpublished")
    pre_page_move.connect(_hidden, dispatch_uid="cdn-purge-moving")
    post_page_move.connect(_shown, dispatch_uid="cdn-purge-moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="cdn-purge-slug")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="cdn-purge-restricted")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="cdn-purge-unrestricted")
