"""What a change purges, defined once: the addresses that show a changed page, in the reader cache and the CDN.

A publish reaches the page, its section and the home page, the reporters it credits, its tags,
the articles that list it as related, the feeds, sitemaps and search, and the app API's
addresses that show it; a reporter's page reaches the articles that credit them. Unpublishing,
deleting, making private or moving a page reaches the same for it and every page below it,
worked out before the change (a deleted page has no address after it), and is a hard purge:
nothing that showed it is served again. Everything is purged once the transaction commits, so a
rolled-back change purges nothing and an import of a thousand articles purges once. Publishing
or unpublishing a front's picks (newsroom.curation) reaches the front's page, and for the channel
home the app API's home.

The CDN is Wagtail's frontend cache, configured in `WAGTAILFRONTENDCACHE` (from
`FRONTEND_CACHE_PURGE_URL`); without it only the reader cache is purged.
"""

from __future__ import annotations

import threading
from functools import reduce
from operator import or_
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from newsroom.articles.selectors import RELATED_LIMIT
from newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticlePhotoCredit,
    ArticleRelatedLink,
    ArticleTag,
    ChannelHomePage,
    ReporterPage,
    SectionPage,
)
from newsroom.readers import cache
from newsroom.readers.visibility import is_in_schedule

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
# The reader site's and the API's addresses that list articles from the whole channel.
CHANNEL_LISTINGS = (
    "reader_feed",
    "reader_sitemap",
    "reader_news_sitemap",
    "reader_search",
    "api-v1:home",
    "api-v1:articles_list",
    "api-v1:sections_list",
    "api-v1:reporters_list",
    "api-v1:search",
)

# What this thread's open transaction changed, purged when it commits.
_pending = threading.local()


def _articles_shown_with(article_ids: list[int]) -> set[int]:
    """Articles whose page lists one of these as related: editors' picks, and the section's
    whole article list when one of them is new enough to be among its newest (they fill
    everyone's related list). Works the same before and after the change: an article being
    unpublished is compared by its date, whatever its state."""
    shown = set(ArticleRelatedLink.objects.filter(related_id__in=article_ids).values_list("page_id", flat=True))
    now = timezone.now()
    by_section: dict[str, list[ArticlePage]] = {}
    for article in ArticlePage.objects.filter(pk__in=article_ids).only("path", "first_published_at"):
        by_section.setdefault(article.path[: -Page.steplen], []).append(article)
    for section_path, articles in by_section.items():
        listed = ArticlePage.objects.live().filter(
            path__startswith=section_path, first_published_at__isnull=False, first_published_at__lte=now
        )
        # An article newer than the (limit + 1)th newest of the others is in some sibling's list.
        others = listed.exclude(pk__in=article_ids).order_by("-first_published_at")
        dates = list(others.values_list("first_published_at", flat=True)[: RELATED_LIMIT + 1])
        threshold = dates[-1] if len(dates) > RELATED_LIMIT else None
        dated = [article.first_published_at for article in articles if article.first_published_at]
        if any(threshold is None or date >= threshold for date in dated):
            shown |= set(listed.values_list("pk", flat=True))
    return shown - set(article_ids)


def addresses_showing(pages: list[Page], *, below: bool = False) -> set[str]:
    """Every absolute address whose answer shows these pages (with `below`, every page under them too)."""
    if not pages:
        return set()
    if below:
        pages = list(Page.objects.filter(reduce(or_, (Q(path__startswith=page.path) for page in pages))))
    ids = [page.pk for page in pages]
    # A reporter's name is printed on every article that credits them.
    reporter_ids = set(ReporterPage.objects.filter(pk__in=ids).values_list("pk", flat=True))
    credited_on = {
        *ArticleByline.objects.filter(reporter_id__in=reporter_ids).values_list("page_id", flat=True),
        *ArticlePhotoCredit.objects.filter(reporter_id__in=reporter_ids).values_list("page_id", flat=True),
    }
    article_ids = list({*ArticlePage.objects.filter(pk__in=ids).values_list("pk", flat=True), *credited_on})
    also_shown = _articles_shown_with(article_ids)
    pages = [*pages, *Page.objects.filter(pk__in=(credited_on | also_shown) - set(ids))]
    # The people credited: their pages list the articles, the reporter index counts them.
    credited = {
        *ArticleByline.objects.filter(page_id__in=article_ids).values_list("reporter_id", flat=True),
        *ArticlePhotoCredit.objects.filter(page_id__in=article_ids).values_list("reporter_id", flat=True),
    }
    reporters = list(Page.objects.filter(pk__in=credited - set(ids)))
    # Their ancestors below the tree's root: the sections, the reporter index and the channel home.
    shown = [*pages, *reporters]
    prefixes = {page.path[: Page.steplen * depth] for page in shown for depth in range(2, page.depth)}
    ancestors = list(Page.objects.filter(path__in=prefixes)) if prefixes else []
    all_ids = [page.pk for page in (*pages, *ancestors)]
    sections = list(SectionPage.objects.filter(pk__in=all_ids).values_list("slug", flat=True))
    people = [page.slug for page in (*pages, *reporters) if page.pk in credited or page.pk in reporter_ids]
    tags = set(ArticleTag.objects.filter(content_object_id__in=article_ids).values_list("tag__name", flat=True))

    batch = PurgeBatch()
    batch.add_pages([*pages, *ancestors, *reporters])
    paths = [reverse(name) for name in CHANNEL_LISTINGS]
    paths += [reverse("reader_section_feed", args=[slug]) for slug in sections]
    paths += [reverse("api-v1:sections_detail", args=[slug]) for slug in sections]
    paths += [reverse("api-v1:reporters_detail", args=[slug]) for slug in people]
    paths += [reverse("api-v1:articles_detail", args=[pk]) for pk in {*article_ids, *also_shown}]
    for tag in tags:
        try:
            paths.append(reverse("reader_tag", args=[tag]))
        except NoReverseMatch:  # a tag with a "/" has no tag page
            continue
    homes = {page.pk: page for page in (*ancestors, *pages) if page.depth == 2}
    for home in homes.values():
        # The reader site's own addresses sit at the site's root, as the channel home does.
        if (root := home.get_full_url(batch)) is not None:
            batch.add_urls(urljoin(root, path) for path in paths)
    return set(batch.urls)


def addresses_showing_picks(front: Page) -> set[str]:
    """Every absolute address that shows a front's editors' picks: the front's page (every page of a
    section's listing), and for the channel home the app API's home."""
    batch = PurgeBatch()
    batch.add_page(front)
    if issubclass(front.specific_class or Page, ChannelHomePage) and (root := front.get_full_url(batch)) is not None:
        batch.add_url(urljoin(root, reverse("api-v1:home")))
    return set(batch.urls)


def reader_path(url: str) -> str:
    """The reader cache's name for an address: its path as a request sees it (decoded, no query)."""
    return unquote(urlsplit(url).path)


def _outline_keys() -> set[str]:
    # Wagtail's own list of sites, kept in Django's cache: no query on each publish of an import.
    return {cache.outline_key(root.site_id) for root in Site.get_site_root_paths()}


def _in_navigation(page: Page) -> bool:
    """Every reader page lists the visible sections: a section or the channel home changing changes them all."""
    return issubclass(page.specific_class or Page, (SectionPage, ChannelHomePage))


def _schedule(
    *, shown: set[int] = frozenset(), hard_urls: set[str] = frozenset(), soft_urls=frozenset(), everything=False
) -> None:
    """Purge what is known now, and once the transaction commits what changed in it (one batch for an import).

    Now as well as at commit: what a reader sees of the tree at once, and the addresses a retraction
    worked out before the change; a render that read the old rows meanwhile is purged at commit.
    With `everything` (the navigation changed), every stored answer goes.
    """
    if everything:
        cache.purge_everything()
        _pending.everything = True
    cache.purge_paths(_outline_keys() | {reader_path(url) for url in hard_urls}, hard=True)
    cache.purge_paths({reader_path(url) for url in soft_urls}, hard=False)
    if not hasattr(_pending, "shown"):
        _pending.shown, _pending.hard, _pending.soft = set(), set(), set()
    _pending.shown |= set(shown)
    _pending.hard |= set(hard_urls)
    _pending.soft |= set(soft_urls)
    # One callback per change; a rolled-back transaction drops its callbacks (and what it left
    # pending goes with the next commit). Robust: a failed purge never fails a saved publish.
    transaction.on_commit(purge_pending, robust=True)


def purge_pending() -> None:
    """Purge what this thread's committed changes showed, from the reader cache and the CDN."""
    shown, hard, soft = (getattr(_pending, name, set()) for name in ("shown", "hard", "soft"))
    everything = getattr(_pending, "everything", False)
    _pending.shown, _pending.hard, _pending.soft, _pending.deleted_paths = set(), set(), set(), set()
    _pending.everything = False
    if everything:
        cache.purge_everything()
    if shown:
        soft |= addresses_showing(list(Page.objects.filter(pk__in=shown)))
    if not (shown or hard or soft):
        return
    # What readers see of the tree (sections, hidden branches) is read again after any change.
    hard_paths = {reader_path(url) for url in hard} | _outline_keys()
    cache.purge_paths(hard_paths, hard=True)
    cache.purge_paths({reader_path(url) for url in soft} - hard_paths, hard=False)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and (hard or soft):
        PurgeBatch(hard | soft).purge()


# --- When: every way a page's visibility or content can change, wherever it happens. ---


def _shown(sender: type, instance: Page, **kwargs: object) -> None:
    # Published: what shows it is worked out where it stands once the change commits.
    _schedule(shown={instance.pk}, everything=_in_navigation(instance))


def _hidden(sender: type, instance: Page, **kwargs: object) -> None:
    # Unpublished, or about to be deleted: it and everything under it, worked out now.
    _schedule(hard_urls=addresses_showing([instance], below=True), everything=_in_navigation(instance))


def _moving(sender: type, instance: Page, **kwargs: object) -> None:
    # Wagtail announces a move outside its transaction: the old addresses are purged now, and
    # again once the page has moved (a reader may have had one rendered in between).
    urls = addresses_showing([instance], below=True)
    if not hasattr(_pending, "moving"):
        _pending.moving = {}
    _pending.moving[instance.pk] = urls
    _schedule(hard_urls=urls, everything=_in_navigation(instance))


def _moved(sender: type, instance: Page, **kwargs: object) -> None:
    old_urls = getattr(_pending, "moving", {}).pop(instance.pk, set())
    _schedule(shown={instance.pk}, hard_urls=old_urls, everything=_in_navigation(instance))


def _saved(
    sender: type,
    instance: Page,
    created: bool = False,
    update_fields: frozenset[str] | None = None,
    raw: bool = False,
    **kwargs: object,
) -> None:
    # A page row saved outside publishing (the shell, a data fix): shown anew if readers may see
    # it, else taken out of sight with everything under it. Not a row loaded as stored (loaddata, a
    # test database restored): its content types may not be loaded yet, and the operator who
    # restores data empties the caches (docs/operations.md, restore).
    if raw or not issubclass(sender, Page):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    if is_in_schedule(instance):
        _schedule(shown={instance.pk}, everything=_in_navigation(instance))
    elif not created:
        _hidden(sender, instance)


def _deleting(sender: type, instance: Page, **kwargs: object) -> None:
    # Sent for each page row deleted (and each table of it): the first one covers its branch.
    if not issubclass(sender, Page):
        return
    if not hasattr(_pending, "deleted_paths"):
        _pending.deleted_paths = set()
    if instance.path.startswith(tuple(_pending.deleted_paths)):
        return
    _pending.deleted_paths.add(instance.path)
    _hidden(sender, instance)


def _forget_deleted_branches(sender: type, **kwargs: object) -> None:
    # Each request starts afresh: a delete rolled back in an earlier one must not hide a later one.
    _pending.deleted_paths = set()


def _restricted(sender: type, instance: object, **kwargs: object) -> None:
    page = instance.page
    _schedule(hard_urls=addresses_showing([page], below=True), everything=_in_navigation(page))


def _unrestricted(sender: type, instance: object, **kwargs: object) -> None:
    page = instance.page
    _schedule(soft_urls=addresses_showing([page], below=True), everything=_in_navigation(page))


def _slug_changed(sender: type, instance: Page, instance_before: Page, **kwargs: object) -> None:
    # The old addresses of the page and everything under it answer 404 from now on.
    urls = addresses_showing([instance], below=True)
    old_urls = set(urls)
    # Paths only: with several sites Wagtail's get_url() gives a full address.
    old, new = (urlsplit(page.get_url() or "").path for page in (instance_before, instance))
    if old and new:
        old_urls = {url.replace(new, old, 1) if urlsplit(url).path.startswith(new) else url for url in urls}
    if issubclass(instance.specific_class, ReporterPage) and urls:
        # Beside the site's addresses: the API's, on the same host.
        old_urls.add(urljoin(min(urls), reverse("api-v1:reporters_detail", args=[instance_before.slug])))
    _schedule(hard_urls=old_urls | urls, everything=_in_navigation(instance))


def _picks_changed(sender: type, instance: object, **kwargs: object) -> None:
    # Picks only ever show pages readers may see: a publish's soft purge is enough either way.
    _schedule(soft_urls=addresses_showing_picks(instance.front))


def _site_changed(sender: type, **kwargs: object) -> None:
    # A site's host, port or root decides which pages every address reaches: start afresh.
    transaction.on_commit(cache.purge_everything, robust=True)


def connect_purge_signals() -> None:
    """Purge on publish, unpublish, move, slug change, delete, privacy change, site change, and on
    publishing or unpublishing a front's picks."""
    from django.core.signals import request_started
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.models import PageViewRestriction
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        pre_page_move,
        published,
        unpublished,
    )

    from newsroom.curation.models import FrontPicks

    page_published.connect(_shown, dispatch_uid="reader-purge-published")
    page_unpublished.connect(_hidden, dispatch_uid="reader-purge-unpublished")
    pre_page_move.connect(_moving, dispatch_uid="reader-purge-moving")
    post_page_move.connect(_moved, dispatch_uid="reader-purge-moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="reader-purge-slug")
    # Sent with each concrete page class as sender: listen to all and pick pages.
    post_save.connect(_saved, dispatch_uid="reader-purge-saved")
    pre_delete.connect(_deleting, dispatch_uid="reader-purge-deleting")
    request_started.connect(_forget_deleted_branches, dispatch_uid="reader-purge-request-started")
    post_save.connect(_restricted, sender=PageViewRestriction, dispatch_uid="reader-purge-restricted")
    post_delete.connect(_unrestricted, sender=PageViewRestriction, dispatch_uid="reader-purge-unrestricted")
    published.connect(_picks_changed, sender=FrontPicks, dispatch_uid="reader-purge-picks-published")
    unpublished.connect(_picks_changed, sender=FrontPicks, dispatch_uid="reader-purge-picks-unpublished")
    post_save.connect(_site_changed, sender=Site, dispatch_uid="reader-purge-site-saved")
    post_delete.connect(_site_changed, sender=Site, dispatch_uid="reader-purge-site-deleted")
