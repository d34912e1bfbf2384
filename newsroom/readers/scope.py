"""One request's view of the channel: the site, the moment, what is hidden, the visible sections.

Worked out once per request by `reader_scope`, which the reader site and the app API both call;
every read they make goes through it. The outline (hidden branches, sections, next scheduled
change) is kept in the reader cache until a change purges it or a go-live or expiry time comes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from newsroom.readers import cache
from newsroom.readers.visibility import hidden_paths_and_next_change, is_visible_to_readers, visible_to_readers

# What Django's reverse() leaves unescaped in a path (RFC 3986 sub-delimiters, "/~:@").
URL_PATH_SAFE = "!$&'()*+,;=/~:@"
# The request attribute the scope is kept in, so each request works it out once.
REQUEST_ATTRIBUTE = "reader_scope"


@dataclass(frozen=True)
class Outline:
    """The shape of the tree readers see; it changes with a publish, unpublish, move or privacy
    change (which purge it) and at `next_change` (which bounds how long it is kept)."""

    hidden_paths: tuple[str, ...]
    sections: tuple  # SectionPage rows, in tree order
    # The next go-live or expiry time ahead anywhere in the site, or the end of an editor's pick:
    # what readers see changes then with no publish, so nothing built on this outline may outlive it.
    next_change: datetime | None


@dataclass(frozen=True)
class ReaderScope:
    """What a reader of one site may see at one moment."""

    site: Site
    now: datetime
    outline: Outline

    @property
    def root(self) -> Page:
        return self.site.root_page

    @property
    def root_path(self) -> str:
        return self.root.path

    @property
    def root_depth(self) -> int:
        return self.root.depth

    @property
    def hidden_paths(self) -> tuple[str, ...]:
        return self.outline.hidden_paths

    @property
    def sections(self) -> tuple:
        """Visible sections in tree order."""
        return self.outline.sections

    @property
    def next_change(self) -> datetime | None:
        return self.outline.next_change

    def pages(self, model: type[Page]) -> QuerySet:
        """Pages of `model` a reader may see."""
        return visible_to_readers(model.objects.all(), self)

    def shows(self, page: Page) -> bool:
        """Whether a reader may see `page`, already read."""
        return is_visible_to_readers(page, self)

    def section_by_slug(self, slug: str):  # -> SectionPage | None
        """A visible section by its slug (no query)."""
        return next((section for section in self.sections if section.slug == slug), None)

    def section_of(self, page: Page):  # -> SectionPage | None
        """The visible section a page sits directly under (no query)."""
        parent_path = page.path[: -Page.steplen]
        return next((section for section in self.sections if section.path == parent_path), None)

    def path_of(self, page: Page) -> str:
        """The page's address on this site, from its `url_path` alone (no query)."""
        return reverse("wagtail_serve", args=(page.url_path[len(self.root.url_path) :],))

    @cached_property
    def _serve_prefix(self) -> str:
        return self.site.root_url + reverse("wagtail_serve", args=("",))

    def absolute(self, path: str) -> str:
        """An address on this site from the Site record, never from the request's Host header: a
        kept answer is served to every host name the site answers to."""
        return self.site.root_url + path

    def url_of(self, page: Page) -> str:
        """The page's absolute address, from the Site record: a request's Host header plays no part."""
        return self._serve_prefix + quote(page.url_path[len(self.root.url_path) :], safe=URL_PATH_SAFE)


def read_outline(site: Site, now: datetime) -> Outline:
    """The outline of `site` at `now`: two queries (hidden branches with the next change, sections)."""
    from newsroom.curation.selectors import pick_end_times
    from newsroom.models import SectionPage

    root = site.root_page
    # An editor's pick ending changes the home or a section front as a page's expiry would.
    hidden, next_change = hidden_paths_and_next_change(root, now, other_changes=pick_end_times(root, now))
    probe = ReaderScope(site, now, Outline(hidden, (), None))
    sections = tuple(visible_to_readers(SectionPage.objects.filter(depth=root.depth + 1), probe).order_by("path"))
    return Outline(hidden, sections, next_change)


def scope_of_site(site: Site) -> ReaderScope:
    """The scope of `site` now, its outline from the reader cache when kept there."""
    now = timezone.now()
    outline = cache.remember(
        cache.outline_key(site.pk), lambda: read_outline(site, now), until=lambda outline: outline.next_change
    )
    return ReaderScope(site, now, outline)


def reader_scope(request: HttpRequest, *, default_site_only: bool = False) -> ReaderScope:
    """The scope of this request, worked out once: for the site its address belongs to, or with
    `default_site_only` the channel's whatever the Host header says (the app API)."""
    scope = getattr(request, REQUEST_ATTRIBUTE, None)
    if scope is None:
        site = default_site() if default_site_only else Site.find_for_request(request)
        if site is None:
            raise Http404("没有这个站点")
        scope = scope_of_site(site)
        setattr(request, REQUEST_ATTRIBUTE, scope)
    return scope


def scope_read_by(request: HttpRequest) -> ReaderScope | None:
    """The scope this request worked out, if it needed one (the cache bounds its answer by it)."""
    return getattr(request, REQUEST_ATTRIBUTE, None)


def default_site() -> Site:
    """The default site with its root page: one query."""
    return Site.objects.select_related("root_page").get(is_default_site=True)


def channel_scope() -> ReaderScope:
    """What a reader of the channel (the default site) may see now, outside any request."""
    return scope_of_site(default_site())
