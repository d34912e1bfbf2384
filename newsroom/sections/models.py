"""The channel home (频道) and its sections (栏目)."""

from django.db import models
from django.http import Http404, HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from newsroom.page_rights import ChannelStructurePageRights
from newsroom.preview import NewsroomPreviewMixin
from newsroom.readers.visibility import in_schedule_q, is_in_schedule
from newsroom.scheduling import ScheduledPageMixin
from newsroom.search.segmenter import index_text

# The home page's latest list, and each section's newest articles shown on it.
LATEST_ON_HOME = 10
FRONT_LENGTH = 4


class ChannelHomePage(ChannelStructurePageRights, NewsroomPreviewMixin, Page):
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
        # late: the selectors read these models
        from newsroom.articles.selectors import article_at_live
        from newsroom.readers.scope import reader_scope

        scope = reader_scope(request)
        # The reader's usual addresses, a section and an article, found against the request's
        # scope: a section with no query, an article in one.
        if len(path_components) == 1 and (section := scope.section_by_slug(path_components[0])):
            return RouteResult(section)
        if len(path_components) == 2 and (article := article_at_live(*path_components, scope=scope)):
            return RouteResult(article)
        # Anything else (a private page, whose restriction Wagtail then asks readers to meet; a
        # reporter) by Wagtail's own walk down the tree, then held to the schedule rule, which
        # Wagtail's walk does not know: the page and every page between it and here.
        result = super().route(request, path_components)
        page = result[0]
        between = [page.path[: self.steplen * depth] for depth in range(self.depth + 1, page.depth)]
        if not is_in_schedule(page, scope.now) or (
            between and Page.objects.filter(path__in=between).exclude(in_schedule_q(scope.now)).exists()
        ):
            raise Http404
        return result

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        # late: the selectors read these models
        from newsroom.articles.selectors import article_listing_live, latest_by_section_live
        from newsroom.curation.selectors import front_picks_live
        from newsroom.readers.scope import reader_scope

        context = super().get_context(request, *args, **kwargs)
        scope = reader_scope(request)
        picks = front_picks_live(scope, self)
        newest = list(article_listing_live(scope)[: LATEST_ON_HOME + 1])
        # The editors' 头条 while it is picked and visible, else the newest story.
        lead = picks.lead or (newest[0] if newest else None)
        # The lead story shows the start of its text: one more query, for its body alone.
        if lead is not None and not lead.summary:
            lead.body  # noqa: B018 - loads the deferred body once, here rather than mid-template
        by_section = latest_by_section_live(scope, per_section=FRONT_LENGTH)
        fronts = [(section, [a for a in by_section if a.section_path == section.path]) for section in scope.sections]
        return {
            **context,
            "lead": lead,
            "featured": picks.articles,
            "latest": [article for article in newest if article != lead][:LATEST_ON_HOME],
            "fronts": [(section, articles) for section, articles in fronts if articles],
        }


class SectionPage(ChannelStructurePageRights, ScheduledPageMixin, NewsroomPreviewMixin, Page):
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
        # late: the selectors read these models
        from newsroom.articles.selectors import article_listing_live
        from newsroom.curation.selectors import front_picks_live
        from newsroom.readers.paging import paginate
        from newsroom.readers.scope import reader_scope

        context = super().get_context(request, *args, **kwargs)
        scope = reader_scope(request)
        pinned = front_picks_live(scope, self).articles
        # The editors' 置顶 first (on the first page), then the rest by date, none twice.
        articles = paginate(request, article_listing_live(scope, section=self).exclude(pk__in=[a.pk for a in pinned]))
        return {**context, "pinned": pinned if articles.number == 1 else [], "articles": articles}
