"""The CDN in front of the reader site: when pages are published or unpublished, purge every
address that shows them, once per transaction.

What a page change reaches: the page, its section and the home page, the reporters it credits,
its tags, the section's and the channel's feeds, both sitemaps. The CDN is Wagtail's frontend
cache, configured in `WAGTAILFRONTENDCACHE` (from `FRONTEND_CACHE_PURGE_URL` for an HTTP PURGE
endpoint such as Varnish; Wagtail's backends for Cloudflare, CloudFront and Azure work the same);
without it nothing is sent. Wagtail's `wagtail.contrib.frontend_cache` app is not installed: it
purges page by page as each is published, where an import publishes a thousand in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from newsroom.models import ArticleByline, ArticlePhotoCredit, ArticleTag, SectionPage

_pending = threading.local()


def addresses_showing(page_ids: Iterable[int]) -> list[str]:
    """Every absolute address whose content shows these pages: a handful of queries for any number."""
    pages = list(Page.objects.filter(pk__in=set(page_ids)))
    if not pages:
        return []
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
    homes = [page for page in ancestors if page.depth == 2] or [p for p in pages if p.depth == 2]
    for home in homes:
        root = home.get_full_url(batch)
        if root is None:
            continue
        paths = [reverse(name) for name in ("reader_feed", "reader_sitemap", "reader_news_sitemap")]
        paths += [reverse("reader_section_feed", args=[section.slug]) for section in sections]
        paths += [reverse("reader_tag", args=[tag]) for tag in tags]
        # The reader site's own addresses sit at the site's root, as the channel home does.
        batch.add_urls(urljoin(root, path) for path in paths)
    return sorted(set(batch.urls))


def _purge_pending() -> None:
    page_ids, _pending.page_ids = getattr(_pending, "page_ids", set()), set()
    if page_ids:
        batch = PurgeBatch()
        batch.add_urls(addresses_showing(page_ids))
        batch.purge()


def page_changed(sender: type, instance: Page, **kwargs: object) -> None:
    """Remember the page; purge what shows it once the transaction commits (at once without one)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if not hasattr(_pending, "page_ids"):
        _pending.page_ids = set()
    _pending.page_ids.add(instance.pk)
    # One callback per change: a rolled-back transaction drops its callbacks, and the pages it
    # left pending go with the next commit.
    transaction.on_commit(_purge_pending)


def connect_cdn_purge() -> None:
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(page_changed, dispatch_uid="cdn-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="cdn-purge-unpublished")
