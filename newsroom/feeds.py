"""RSS feeds: the channel's newest articles at /feed/, and one per section at /feed/<栏目>/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from newsroom.articles.selectors import article_listing_live
from newsroom.chinese import description_of
from newsroom.models import ArticlePage, SectionPage
from newsroom.readers.scope import ReaderScope, reader_scope
from newsroom.templatetags.reader import byline_text

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedScope:
    """What a reader of the request's site sees and, for a section feed, which section."""

    scope: ReaderScope
    section: SectionPage | None = None


class ChannelFeed(Feed):
    """The whole channel, newest first."""

    feed_type = Rss201rev2Feed
    language = "zh-cn"
    title = "青岛频道"
    description = "青岛频道最新稿件"

    # One Feed instance serves every request (and thread): the request's site travels in `obj`.
    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> FeedScope:
        return FeedScope(scope=reader_scope(request))

    # Absolute from the Site record: Django's feed would take the request's Host header, and a
    # kept feed is served to every host name.
    def link(self, obj: FeedScope) -> str:
        return obj.scope.url_of(obj.section) if obj.section else obj.scope.absolute("/")

    def feed_url(self, obj: FeedScope) -> str:
        path = reverse("reader_section_feed", args=[obj.section.slug]) if obj.section else reverse("reader_feed")
        return obj.scope.absolute(path)

    def items(self, obj: FeedScope) -> list[ArticlePage]:
        articles = article_listing_live(obj.scope, section=obj.section)
        # The feed shows text, so it needs the body the listing normally leaves out.
        return list(articles.defer(None).prefetch_related("tags")[:FEED_LENGTH])

    def item_title(self, item: ArticlePage) -> str:
        return " ".join(part for part in (item.kicker, item.title, item.subtitle) if part)

    def item_description(self, item: ArticlePage) -> str:
        return description_of(item, 200)

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url()

    def item_pubdate(self, item: ArticlePage) -> datetime | None:
        return item.first_published_at

    # Also the feed's <lastBuildDate>, the newest of these: an import of old editions changes nothing.
    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        return item.reader_modified_at

    def item_author_name(self, item: ArticlePage) -> str | None:
        return byline_text(item) or None

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class SectionFeed(ChannelFeed):
    """One section (栏目), newest first; an unknown or hidden section is a 404."""

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> FeedScope:
        scope = reader_scope(request)
        section = scope.section_by_slug(str(kwargs["section"]))
        if section is None:
            raise Http404("没有这个栏目")
        return FeedScope(scope=scope, section=section)

    def title(self, obj: FeedScope) -> str:
        return f"青岛频道 · {obj.section.title}"

    def description(self, obj: FeedScope) -> str:
        return obj.section.intro or f"青岛频道{obj.section.title}栏目最新稿件"
