"""What readers may see of the channel and its sections: the home, article counts, the whole tree for the sitemap."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from wagtail.models import Page, Site

from newsroom.articles.selectors import article_feed_live
from newsroom.models import (
    ChannelHomePage,
)
from newsroom.readers.scope import ReaderScope


def channel_home(*, site: Site | None = None) -> ChannelHomePage:
    """The channel home of the given site (the default site when none is given)."""
    site = site or Site.objects.get(is_default_site=True)
    return ChannelHomePage.objects.get(pk=site.root_page_id)


def sitemap_pages_live(*, scope: ReaderScope) -> QuerySet[Page]:
    """Every page a reader may see, the channel home included, in tree order, as specific pages."""
    return (
        Page.objects.filter(Q(pk=scope.root.pk) | Q(pk__in=scope.pages(Page).values("pk")))
        .order_by("path")
        .defer_streamfields()
        .specific(defer=True)
    )


def section_counts_live(scope: ReaderScope) -> dict[str, int]:
    """The number of visible articles in each section, by section path: one query."""
    counted = article_feed_live(scope).order_by().values("section_path").annotate(n=Count("id"))
    return {row["section_path"]: row["n"] for row in counted}
