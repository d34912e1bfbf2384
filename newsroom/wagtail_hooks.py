"""The newsroom's additions to the Wagtail admin: the article desk listing, "my articles" on the dashboard,
and the login lock-outs under 设置."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from newsroom import bulk_actions, login_throttle  # noqa: F401 (bulk_actions: 提交审核 and 添加标签 on the desk)
from newsroom.admin_views import article_listing_viewset
from newsroom.articles.share_preview import share_card_preview
from newsroom.curation.views import register_front_picks_admin
from newsroom.dashboard import ScheduledTodayPanel
from newsroom.models import ArticlePage, ChannelHomePage, ReporterIndexPage, ReporterPage, SearchTerm, SectionPage
from newsroom.models.review import change_request, with_review_states
from newsroom.review_actions import page_viewsets
from newsroom.wordcheck import admin as word_check_admin  # noqa: F401 (字词表 snippet and the word check's hooks)


@hooks.register("register_admin_viewset")
def register_article_listing() -> object:
    return article_listing_viewset


@hooks.register("register_admin_viewset")
def register_page_views() -> list:
    # Review actions bound to the step the reviewer saw (newsroom.review_actions), for every page type.
    return page_viewsets([ArticlePage, SectionPage, ChannelHomePage, ReporterIndexPage, ReporterPage])


def my_articles(user: object, *, limit: int = 10) -> tuple[ReporterPage | None, QuerySet[ArticlePage]]:
    """Articles under the user's byline (through their linked reporter page) or started by them, newest edit first."""
    reporter = ReporterPage.objects.filter(user=user).first()
    mine = Q(owner=user)
    if reporter is not None:
        mine |= Q(bylines__reporter=reporter)
    # Each row's status, review state and the reviewer's note (请求修改) without a query per row.
    articles = with_review_states(
        ArticlePage.objects.filter(mine)
        .distinct()
        .order_by("-latest_revision_created_at", "-pk")
        .annotate_approved_schedule()
    )[:limit]
    return reporter, articles


class MyArticlesPanel(Component):
    """Dashboard panel: the reporter's own articles and where each stands (草稿, 审核中, 已发布…)."""

    name = "my_articles"
    template_name = "newsroom/admin/my_articles_panel.html"
    order = 205  # just before Wagtail's "your pages in a workflow"

    def __init__(self, user: object) -> None:
        self.user = user

    def get_context_data(self, parent_context: dict | None = None) -> dict:
        reporter, articles = my_articles(self.user)
        rows = [(article, change_request(article)) for article in articles]
        # What waits for the author comes first: a story sent back with the reviewer's note.
        rows.sort(key=lambda row: row[1] is None)
        return {"reporter": reporter, "rows": rows}


@hooks.register("construct_homepage_panels")
def add_my_articles_panel(request: object, panels: list) -> None:
    panels.append(MyArticlesPanel(request.user))


@hooks.register("construct_homepage_panels")
def add_scheduled_today_panel(request: object, panels: list) -> None:
    panels.append(ScheduledTodayPanel(request.user))


@hooks.register("register_admin_urls")
def register_share_card_preview_url() -> list[URLPattern]:
    # The 推广 tab's 分享预览 of a version readers may not see yet.
    return [path("share-card/<int:page_id>.png", share_card_preview, name="newsroom_share_card_preview")]


# 搜索词库: editors teach the search words it must keep whole (newsroom.search.dictionary).
register_snippet(SearchTerm)
# 推荐位: the home's 头条 and 推荐, each section's 置顶 (newsroom.curation).
register_front_picks_admin()


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return login_throttle.may_unlock(request.user)


@hooks.register("register_admin_urls")
def register_lockouts_url() -> list[URLPattern]:
    return [path("lockouts/", login_throttle.lockouts, name="newsroom_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item() -> MenuItem:
    return LockoutsMenuItem("登录锁定", reverse("newsroom_lockouts"), icon_name="lock", order=650)


@hooks.register("insert_editor_js")
def editor_js() -> SafeString:
    # A story pasted into one 段落 is cut into a 段落 each as it is pasted (the server does it on save
    # too); the 检查 panel counts 字数 as the article page does.
    return format_html_join(
        "\n",
        '<script src="{}"></script>',
        [(static(f"newsroom/admin/{name}.js"),) for name in ("paragraph-paste", "content-metrics")],
    )
