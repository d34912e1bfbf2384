"""Reporters (记者) and correspondents (通讯员): one person, one page."""

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from newsroom.page_rights import ChannelStructurePageRights
from newsroom.preview import NewsroomPreviewMixin
from newsroom.scheduling import ScheduledPageMixin
from newsroom.search.segmenter import index_text


class ReporterKind(models.TextChoices):
    STAFF = "staff", "本报记者"
    CORRESPONDENT = "correspondent", "通讯员"
    INTERN = "intern", "实习生"
    PHOTOGRAPHER = "photographer", "摄影记者"


# How a printed byline role tells what kind of person it is.
KIND_OF_ROLE = {
    "通讯员": ReporterKind.CORRESPONDENT,
    "本报通讯员": ReporterKind.CORRESPONDENT,
    "实习生": ReporterKind.INTERN,
    "摄影": ReporterKind.PHOTOGRAPHER,
    "本报摄影记者": ReporterKind.PHOTOGRAPHER,
}


def kind_for_role(role: str) -> str:
    """The reporter kind a byline role implies; staff unless the role says otherwise."""
    return KIND_OF_ROLE.get(role, ReporterKind.STAFF)


class ReporterIndexPage(ChannelStructurePageRights, Page):
    """The list of the channel's reporters and correspondents."""

    parent_page_types = ["newsroom.ChannelHomePage"]
    subpage_types = ["newsroom.ReporterPage"]
    max_count = 1
    page_description = "记者名录:每位记者、通讯员一个页面。"

    class Meta:
        verbose_name = "记者名录"
        verbose_name_plural = "记者名录"

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        # late: the selectors read these models
        from newsroom.readers.scope import reader_scope
        from newsroom.reporters.selectors import reporter_article_counts_live, reporters_live

        context = super().get_context(request, *args, **kwargs)
        # The same people and counts as the API's /reporters: articles readers can see, bylines and photos.
        scope = reader_scope(request)
        reporters = list(reporters_live(scope))
        counts = reporter_article_counts_live(scope)
        for reporter in reporters:
            reporter.article_count = counts.get(reporter.pk, 0)
        groups = [(label, [r for r in reporters if r.kind == kind]) for kind, label in ReporterKind.choices]
        return {**context, "reporter_groups": [(label, people) for label, people in groups if people]}


class ReporterPage(ChannelStructurePageRights, ScheduledPageMixin, NewsroomPreviewMixin, Page):
    """One person who writes or photographs for the channel; the page title is the name."""

    kind = models.CharField("身份", max_length=20, choices=ReporterKind.choices, default=ReporterKind.STAFF)
    bio = models.TextField("简介", blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The reporter's own login, so "my articles" and bylines connect; one login, one person.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporter_page",
        help_text="这位记者登录后台用的账号;署名是他/她的稿件会出现在“我的稿件”中。",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        # Only those who manage logins link one to a reporter.
        FieldPanel("user", permission="auth.change_user"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("search_name", boost=2), index.FilterField("kind")]
    # One login, one person: a copy of the page starts without the original's login.
    exclude_fields_in_copy = ["user"]

    parent_page_types = ["newsroom.ReporterIndexPage"]
    subpage_types: list[str] = []
    page_description = "一位记者、通讯员、实习生或摄影记者。标题即姓名。"

    class Meta:
        verbose_name = "记者"
        verbose_name_plural = "记者"

    @property
    def name(self) -> str:
        return self.title

    def search_name(self) -> str:
        return index_text(self.title)

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        # late: the selectors read these models
        from newsroom.articles.selectors import article_listing_live
        from newsroom.readers.paging import paginate
        from newsroom.readers.scope import reader_scope

        context = super().get_context(request, *args, **kwargs)
        scope = reader_scope(request)
        written = article_listing_live(scope, reporter=self)
        photographed = article_listing_live(scope, reporter=self, photos=True)
        return {
            **context,
            "written": paginate(request, written),
            "photographed": paginate(request, photographed, param="photos"),
        }
