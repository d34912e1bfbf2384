"""今日定时发布 on the admin dashboard: the articles going live today (Beijing time) that the user publishes.

Each role's review queue is Wagtail's own 等待你的审查 panel (编辑初审 only in an editor's sections,
see ``SectionReviewTask``; 主编终审 for the chief), and a reporter's drafts and stories sent back
are 我的稿件 (``newsroom.wagtail_hooks``); this panel adds the day's schedule.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, get_default_page_content_type
from wagtail.permission_policies.pages import PagePermissionPolicy

from newsroom.admin_views import STATUS_WORDS, article_status
from newsroom.models import ArticlePage, SectionPage
from newsroom.models.review import with_review_states

PANEL_LIMIT = 30


def today_in_beijing(now: datetime) -> tuple[datetime, datetime]:
    """The start and end of `now`'s day in the site's time zone (Asia/Shanghai)."""
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def scheduled_today(user: object, *, now: datetime | None = None) -> QuerySet[ArticlePage]:
    """Articles the user may publish whose go-live time falls today: held ones, those gone live today
    on their schedule, and scheduled updates of live ones; earliest first, each with `scheduled_for`."""
    start, end = today_in_beijing(now or timezone.now())
    revisions = Revision.objects.filter(
        base_content_type=get_default_page_content_type(), object_id=Cast(OuterRef("pk"), CharField())
    )
    approved = revisions.filter(approved_go_live_at__isnull=False)
    approved_today = approved.filter(approved_go_live_at__gte=start, approved_go_live_at__lt=end)
    # A go-live time alone is not a schedule: a page taken down keeps it, with nothing approved.
    own_time_today = Q(go_live_at__gte=start, go_live_at__lt=end) & (Q(live=True) | Q(Exists(approved)))
    publishable = PagePermissionPolicy().instances_user_has_permission_for(user, "publish").values("pk")
    articles = (
        ArticlePage.objects.filter(pk__in=publishable)
        .filter(own_time_today | Q(Exists(approved_today)))
        .annotate(
            scheduled_for=Coalesce(
                Subquery(approved_today.order_by("approved_go_live_at").values("approved_go_live_at")[:1]),
                "go_live_at",
            )
        )
        .annotate_approved_schedule()
        .order_by("scheduled_for", "pk")
    )
    return with_review_states(articles)


def may_publish_somewhere(user: object) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "publish")


class ScheduledTodayPanel(Component):
    """Dashboard panel: today's scheduled articles in the sections the user publishes (all for 主编)."""

    name = "scheduled_today"
    template_name = "newsroom/admin/scheduled_today_panel.html"
    order = 215  # after 我的稿件, before Wagtail's review queue

    def __init__(self, user: object) -> None:
        self.user = user

    def get_context_data(self, parent_context: dict | None = None) -> dict:
        now = timezone.now()
        articles = list(scheduled_today(self.user, now=now)[:PANEL_LIMIT])
        # Each row's section, in one query.
        parent_paths = {article.path[: -Page.steplen] for article in articles}
        sections = {section.path: section for section in SectionPage.objects.filter(path__in=parent_paths)}
        rows = [
            (article, sections.get(article.path[: -Page.steplen]), STATUS_WORDS[article_status(article, now=now)])
            for article in articles
        ]
        return {"rows": rows, "today": timezone.localdate(now)}

    def render_html(self, parent_context: dict | None = None) -> str:
        # Only for those who publish: a reporter has no schedule to watch.
        return super().render_html(parent_context) if may_publish_somewhere(self.user) else ""
