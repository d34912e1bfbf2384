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
from .reader_context import ReaderContextMixin
from .scheduling import ScheduledPageMixin, is_in_schedule


class ChannelHomePage(ReaderContextMixin, NewsroomPreviewMixin, Page):
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
        # Articles are usually found before this by the reader site's router, in one query
        # (newsroom.site.routing); what reaches here is checked for schedules the tree hides.
        result = super().route(request, path_components)
        page = result[0]
        # Wagtail serves a live page whose go-live time is ahead or expiry passed until the
        # scheduler runs; readers never see such a page.
        now = timezone.now()
        if not is_in_schedule(page, now):
            raise Http404
        # Wagtail checks only the last page of the path; a section that is unpublished, not yet
        # live or expired hides its articles (whether or not the scheduler has run).
        between = [page.path[: self.steplen * depth] for depth in range(self.depth + 1, page.depth)]
        hiding = Q(live=False) | Q(go_live_at__gt=now) | Q(expire_at__lte=now)
        if between and Page.objects.filter(hiding, path__in=between).exists():
            raise Http404
        return result


class SectionPage(ReaderContextMixin, ScheduledPageMixin, NewsroomPreviewMixin, Page):
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
