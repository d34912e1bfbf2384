"""The channel home (频道) and its sections (栏目)."""

from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from newsroom.search.segmenter import index_text

from .preview import NewsroomPreviewMixin
from .scheduling import ScheduledPageMixin


class ChannelHomePage(NewsroomPreviewMixin, Page):
    """The channel's front page; one per site."""

    intro = models.TextField("频道简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "newsroom.ReporterIndexPage"]
    max_count = 1
    page_description = "频道首页(每个站点只有一个),下设栏目和记者名录。"

    class Meta:
        verbose_name = "频道首页"
        verbose_name_plural = "频道首页"

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        # Articles are most of the traffic: find one by its tree address in a single query
        # (Wagtail walks the tree with two queries per level) and check visibility there too.
        if len(path_components) == 2:
            from wagtail.models import Site

            from newsroom.selectors import article_at_live
            from newsroom.site.pages import outline_for

            site = Site.find_for_request(request)
            if site is not None and site.root_page_id == self.pk:
                url_path = f"{self.url_path}{'/'.join(path_components)}/"
                article = article_at_live(url_path, outline=outline_for(request))
                if article is not None:
                    article.reader_visible = True
                    return RouteResult(article)
        result = super().route(request, path_components)
        page = result[0]
        # Wagtail serves a live page whose go-live time is ahead or expiry passed until the
        # scheduler runs; readers never see such a page.
        now = timezone.now()
        if (page.go_live_at and page.go_live_at > now) or (page.expire_at and page.expire_at <= now):
            raise Http404
        # Wagtail checks only the last page of the path; a section that is unpublished, not yet
        # live or expired hides its articles (whether or not the scheduler has run).
        between = [page.path[: self.steplen * depth] for depth in range(self.depth + 1, page.depth)]
        hiding = Q(live=False) | Q(go_live_at__gt=now) | Q(expire_at__lte=now)
        if between and Page.objects.filter(hiding, path__in=between).exists():
            raise Http404
        return result

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        from newsroom.site.pages import home_context

        return {**super().get_context(request, *args, **kwargs), **home_context(self, request)}


class SectionPage(ScheduledPageMixin, NewsroomPreviewMixin, Page):
    """A section (栏目) of the channel; articles live under it."""

    intro = models.TextField("栏目简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("search_title", boost=2)]

    parent_page_types = ["newsroom.ChannelHomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    page_description = "栏目:稿件都发在某个栏目之下。"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def search_title(self) -> str:
        return index_text(self.title, self.intro)

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        from newsroom.site.pages import section_context

        return {**super().get_context(request, *args, **kwargs), **section_context(self, request)}
