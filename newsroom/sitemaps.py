"""Sitemaps: every visible page at /sitemap.xml, and a Google News sitemap of the last two days."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap

from newsroom.articles.selectors import news_articles_live
from newsroom.readers.scope import reader_scope
from newsroom.sections.selectors import sitemap_pages_live

# Google News reads only articles published in the last two days.
NEWS_WINDOW = timedelta(days=2)
NEWS_SITEMAP_LIMIT = 1000


class ChannelSitemap(Sitemap):
    """Wagtail's sitemap, restricted to what readers may see (schedule and private branches included)."""

    def items(self) -> object:
        return sitemap_pages_live(scope=reader_scope(self.request))


@require_safe
def pages_sitemap(request: HttpRequest) -> HttpResponse:
    """`/sitemap.xml`: Django's sitemap view with a sitemap built per request (it needs the site)."""
    return sitemap(request, sitemaps={"pages": ChannelSitemap(request)})


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """`/news-sitemap.xml` in Google's News sitemap format."""
    scope = reader_scope(request)
    since = timezone.now() - NEWS_WINDOW
    articles = news_articles_live(scope, since=since)[:NEWS_SITEMAP_LIMIT]
    # Wagtail's full URL comes from the Site record, like the pages sitemap's <loc>.
    entries = [(article.get_full_url(request), article) for article in articles]
    context = {"entries": entries, "publication_name": scope.site.site_name or "青岛频道"}
    return render(request, "newsroom/news_sitemap.xml", context, content_type="application/xml; charset=utf-8")
