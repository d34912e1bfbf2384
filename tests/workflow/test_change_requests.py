"""A story sent back (请求修改) tells its author so where they land: the dashboard and the article desk."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import ArticlePage
from newsroom.wagtail_hooks import MyArticlesPanel
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db

NOTE = "电头日期有误,请核实"


def _submit(client, section, title: str, slug: str) -> ArticlePage:
    client.post(
        f"/admin/pages/add/newsroom/articlepage/{section.pk}/",
        article_form(title=title, slug=slug, **{"action-submit": "1"}),
    )
    return ArticlePage.objects.get(slug=slug)


def _send_back(client, article: ArticlePage, note: str = NOTE) -> None:
    step = article.current_workflow_task_state
    client.post(f"/admin/pages/workflow/action/{article.pk}/reject/{step.pk}/", {"comment": note})


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _row(html: str, title: str) -> str:
    """The text of the table row that names the article."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S):
        if title in row:
            return _text(row)
    raise AssertionError(f"{title} is not listed")


def test_the_reporter_sees_needs_changes_and_the_note_on_the_dashboard(login, reporter, editor, own_section):
    article = _submit(login(reporter), own_section, "胶东五市携手", "jiaodong-wushi")
    _submit(login(reporter), own_section, "另一篇在审的稿", "zai-shen")
    _send_back(login(editor), article)

    html = login(reporter).get("/admin/").content.decode()
    dashboard = html[html.index('id="my-articles-content"') :]
    row = _row(dashboard, "胶东五市携手")
    assert "需修改" in row
    assert f"编辑初审请求修改： {NOTE}" in row or f"编辑初审请求修改：{NOTE}" in row
    assert "草稿" not in row
    # What waits for the author is listed first.
    assert dashboard.index("胶东五市携手") < dashboard.index("另一篇在审的稿")
    assert "需修改" not in _row(dashboard, "另一篇在审的稿")


def test_the_desk_shows_needs_changes_with_the_note_and_filters_on_it(login, reporter, editor, chief, own_section):
    sent_back = _submit(login(reporter), own_section, "胶东五市携手", "jiaodong-wushi")
    _submit(login(reporter), own_section, "另一篇在审的稿", "zai-shen")
    ArticlePageFactory(parent=own_section, title="还是草稿", live=False)
    _send_back(login(editor), sent_back)

    for someone in (reporter, chief):
        row = _row(login(someone).get("/admin/articles/").content.decode(), "胶东五市携手")
        assert "需修改" in row
        assert f"编辑初审：{NOTE}" in row

    only = _text(login(chief).get("/admin/articles/?status=needs_changes").content.decode())
    assert "胶东五市携手" in only
    assert "另一篇在审的稿" not in only and "还是草稿" not in only
    drafts = _text(login(chief).get("/admin/articles/?status=draft").content.decode())
    assert "还是草稿" in drafts and "胶东五市携手" not in drafts


def test_a_live_article_whose_edit_was_sent_back_says_so(login, reporter, editor, own_section):
    article = ArticlePageFactory(parent=own_section, title="已发布的稿")
    login(reporter).post(
        f"/admin/pages/{article.pk}/edit/", article_form(article, title="已发布的稿", **{"action-submit": "1"})
    )
    _send_back(login(editor), article)
    row = _row(login(reporter).get("/admin/articles/").content.decode(), "已发布的稿")
    assert "已发布 + 修改稿需修改" in row


def test_notes_in_my_articles_and_on_the_desk_cost_no_query_per_article(login, reporter, editor, chief, own_section):
    def sent_back(count: int, start: int) -> None:
        for n in range(start, start + count):
            _send_back(login(editor), _submit(login(reporter), own_section, f"退回的稿{n}", f"tuihui-{n}"))

    def my_articles_panel() -> str:
        return MyArticlesPanel(reporter).render_html({})

    # The desk as the chief: a reporter's rows also ask Wagtail, per row, whether the page may be deleted.
    client = login(chief)
    sent_back(2, 0)
    client.get("/admin/articles/")
    with CaptureQueriesContext(connection) as few_panel:
        assert my_articles_panel().count("请求修改") == 2
    with CaptureQueriesContext(connection) as few_desk:
        client.get("/admin/articles/")
    sent_back(4, 2)
    with CaptureQueriesContext(connection) as many_panel:
        assert my_articles_panel().count("请求修改") == 6
    with CaptureQueriesContext(connection) as many_desk:
        client.get("/admin/articles/")
    assert len(many_panel.captured_queries) == len(few_panel.captured_queries)
    assert len(many_desk.captured_queries) == len(few_desk.captured_queries)
