"""The admin's article desk: every article in one listing with its state, go-live time and 责任编辑,
filterable by each of them, by section, reporter and edition date."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, Coalesce
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter, ModelMultipleChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision, WorkflowState, get_default_page_content_type

from newsroom.articles.forms import person_name
from newsroom.models import ArticleByline, ArticlePage, ArticlePhotoCredit, ReporterPage, SectionPage
from newsroom.models.review import change_request
from newsroom.readers.visibility import in_schedule_q, is_in_schedule

# The desk's states, the same words in its 状态 column and its filter.
STATUS_CHOICES = [
    ("draft", "草稿"),
    ("in_review", "审核中"),
    ("needs_changes", "需修改"),
    ("scheduled", "已定时"),
    ("live", "已发布"),
    ("offline", "已下线"),
]
STATUS_WORDS = dict(STATUS_CHOICES)


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


def article_status(article: ArticlePage, *, now: datetime | None = None) -> str:
    """The desk state of one article already read, by the same rules as ``article_status_q`` (and the
    filter): a story in review or sent back is that first. Reads the row's prefetched review states
    and Wagtail's ``_approved_schedule`` annotation when the listing provides them."""
    now = now or timezone.now()
    if change_request(article):
        return "needs_changes"
    if article.workflow_in_progress:
        return "in_review"
    if is_in_schedule(article, now):
        return "live"
    if article.live and article.go_live_at and article.go_live_at > now:
        return "scheduled"  # held until its go-live time
    if article.expired or article.live:
        return "offline"  # expired, or live past its expiry time
    approved = getattr(article, "_approved_schedule", None)
    if approved is None:
        approved = Revision.objects.for_instance(article).filter(approved_go_live_at__isnull=False).exists()
    if approved:
        return "scheduled"
    return "offline" if article.last_published_at else "draft"


def goes_live_at(article: ArticlePage) -> datetime | None:
    """When the article goes (or went) live: its go-live time if it has one, else its first publication."""
    return article.go_live_at or article.first_published_at


def goes_live_text(article: ArticlePage) -> str:
    # An exact time: a scheduled story is read against the clock (2026-12-02 08:00, Beijing time).
    moment = goes_live_at(article)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def responsible_editors() -> QuerySet:
    """The accounts that are 责任编辑 of some article, for the desk's filter."""
    chosen = ArticlePage.objects.filter(responsible_editor__isnull=False).values("responsible_editor")
    return get_user_model().objects.filter(pk__in=chosen).order_by("first_name", "username")


class PersonChoiceField(ModelChoiceFilter.field_class):
    def label_from_instance(self, user: object) -> str:
        return person_name(user)


class ResponsibleEditorFilter(ModelChoiceFilter):
    """Articles whose 责任编辑 is the chosen account (a name typed in alone is not an account)."""

    field_class = PersonChoiceField


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
    responsible_editor = ResponsibleEditorFilter(label="责任编辑", queryset=lambda request: responsible_editors())
    goes_live_at = DateFromToRangeFilter(label="上线时间", widget=DateRangePickerWidget)
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


class DeskStatusColumn(StatusTagColumn):
    """The desk state as a tag; below it, what Wagtail's status adds for a published story (已发布 +
    修改稿需修改, 已发布 + 已定时更新…) or an expired one."""

    cell_template_name = "newsroom/admin/desk_status_cell.html"

    def get_value(self, instance: ArticlePage) -> str:
        return STATUS_WORDS[article_status(instance)]

    def get_primary(self, instance: ArticlePage) -> bool:
        # What waits for its author stands out.
        return article_status(instance) == "needs_changes"

    def get_cell_context_data(self, instance: ArticlePage, parent_context: dict) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        detail = instance.status_string
        # Wagtail calls a page taken down a draft: the desk's 已下线 says more.
        context["detail"] = "" if detail in (context["value"], STATUS_WORDS["draft"]) else detail
        return context


class ArticleIndexView(IndexView):
    page_title = "稿件"

    def get_base_queryset(self) -> QuerySet:
        # One query for every row's bylines and 责任编辑 instead of one per row.
        return (
            super()
            .get_base_queryset()
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleByline.objects.select_related("reporter").order_by("sort_order")),
                "responsible_editor",
            )
            .annotate(goes_live_at=Coalesce("go_live_at", "first_published_at"))
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
        # Rows chosen for the bulk actions: 提交审核, 发布, 取消发布, 添加标签 (newsroom.bulk_actions)…
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="主题", sort_key="title", classname="title"),
        ParentPageColumn("parent", label="栏目"),
        Column("bylines", label="署名", accessor=bylines_text),
        # The paper's date as printed (2020-11-30), not "5 years ago".
        Column("edition_date", label="见报日期", sort_key="edition_date", width="10%", accessor=edition_date_text),
        DeskStatusColumn("status", label="状态", width="10%"),
        Column("goes_live_at", label="上线时间", sort_key="goes_live_at", width="11%", accessor=goes_live_text),
        Column("responsible_editor", label="责任编辑", accessor=lambda article: article.responsible_editor_display()),
        Column("change_request", label="审核意见", accessor=change_request_text),
        DateColumn("latest_revision_created_at", label="更新时间", sort_key="latest_revision_created_at", width="12%"),
    ]


article_listing_viewset = ArticleListingViewSet("articles")
