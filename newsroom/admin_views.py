"""The admin's article desk: every article in one listing, filterable by section, reporter, status and edition date."""

from __future__ import annotations

from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelMultipleChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision, WorkflowState, get_default_page_content_type

from newsroom.models import ArticleByline, ArticlePage, ArticlePhotoCredit, ReporterPage, SectionPage
from newsroom.models.review import change_request
from newsroom.readers.visibility import in_schedule_q

STATUS_CHOICES = [
    ("draft", "草稿"),
    ("in_review", "审核中"),
    ("needs_changes", "需修改"),
    ("scheduled", "定时发布"),
    ("live", "已发布"),
    ("offline", "已下线或过期"),
]


def _of_article() -> dict:
    # Revisions and workflow states point at pages by their base type and a text id.
    return {"base_content_type": get_default_page_content_type(), "object_id": Cast(OuterRef("pk"), CharField())}


def _workflow_in_progress() -> Q:
    return Q(Exists(WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, **_of_article())))


def _sent_back() -> Q:
    # A reviewer's 请求修改: the workflow waits for the author's changes.
    return Q(Exists(WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES, **_of_article())))


def article_status_q(status: str, *, now: datetime | None = None) -> Q:
    """The articles in one of the desk's statuses, as readers would experience them right now."""
    now = now or timezone.now()
    # Readers' own rule for the page itself; its section's state is the section's row on the desk.
    in_schedule = in_schedule_q(now)
    held = Q(live=True, go_live_at__gt=now)
    taken_down = Q(live=False, last_published_at__isnull=False)
    # Wagtail's own scheduling of an update, or of a page not held (set in the shell, say).
    approved = Q(Exists(Revision.objects.filter(approved_go_live_at__isnull=False, **_of_article())))
    return {
        "live": in_schedule,
        "scheduled": held | (Q(live=False) & approved),
        "offline": Q(expired=True) | (Q(live=True) & ~in_schedule & ~held) | (taken_down & ~approved),
        "draft": Q(live=False, expired=False, last_published_at__isnull=True) & ~approved,
    }[status]


class SectionFilter(ModelMultipleChoiceFilter):
    """Articles under any of the chosen sections."""

    def get_filter_predicate(self, v: SectionPage) -> dict:
        return {"path__startswith": v.path}


class ReporterFilter(ModelMultipleChoiceFilter):
    """Articles a chosen reporter is credited on, for the text or the photo."""

    def filter(self, qs: QuerySet, value: list[ReporterPage]) -> QuerySet:
        if not value:
            return qs
        credited = ArticleByline.objects.filter(reporter__in=value).values("page_id")
        photographed = ArticlePhotoCredit.objects.filter(reporter__in=value).values("page_id")
        return qs.filter(Q(pk__in=credited) | Q(pk__in=photographed))


class ArticleFilterSet(WagtailFilterSet):
    section = SectionFilter(label="栏目", queryset=SectionPage.objects.order_by("path"), widget=CheckboxSelectMultiple)
    reporter = ReporterFilter(
        label="记者", queryset=ReporterPage.objects.order_by("title"), widget=CheckboxSelectMultiple
    )
    status = ChoiceFilter(label="状态", choices=STATUS_CHOICES, method="filter_status", empty_label="全部")
    edition_date = DateFromToRangeFilter(label="见报日期", widget=DateRangePickerWidget)

    class Meta:
        model = ArticlePage
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "in_review":
            return queryset.filter(_workflow_in_progress())
        if value == "needs_changes":
            return queryset.filter(_sent_back())
        return queryset.filter(article_status_q(value)).exclude(_workflow_in_progress() | _sent_back())


def bylines_text(article: ArticlePage) -> str:
    """The article's bylines as the desk reads them: 本报记者 肖芳、通讯员 宋孜."""
    return "、".join(str(byline) for byline in article.bylines.all())


def change_request_text(article: ArticlePage) -> str:
    """The reviewer's note on a story sent back, by step (read with the row's prefetched review state):
    编辑初审：电头日期有误,请核实."""
    step = change_request(article)
    return f"{step.task.name}：{step.comment or '（没有留言）'}" if step else ""


def edition_date_text(article: ArticlePage) -> str:
    return article.edition_date.isoformat() if article.edition_date else ""


class ArticleIndexView(IndexView):
    page_title = "稿件"

    def get_base_queryset(self) -> QuerySet:
        # One query for every row's bylines instead of one per row.
        return (
            super()
            .get_base_queryset()
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleByline.objects.select_related("reporter").order_by("sort_order"))
            )
        )


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    index_view_class = ArticleIndexView
    filterset_class = ArticleFilterSet
    icon = "doc-full"
    menu_label = "稿件"
    menu_order = 150
    add_to_admin_menu = True
    columns = [
        PageTitleColumn("title", label="主题", sort_key="title", classname="title"),
        ParentPageColumn("parent", label="栏目"),
        Column("bylines", label="署名", accessor=bylines_text),
        # The paper's date as printed (2020-11-30), not "5 years ago".
        Column("edition_date", label="见报日期", sort_key="edition_date", width="10%", accessor=edition_date_text),
        PageStatusColumn("status", label="状态", sort_key="live", width="12%"),
        Column("change_request", label="审核意见", accessor=change_request_text),
        DateColumn("latest_revision_created_at", label="更新时间", sort_key="latest_revision_created_at", width="12%"),
    ]


article_listing_viewset = ArticleListingViewSet("articles")
