"""编辑初审 → 主编终审 → published, walked through in the admin, with a rejection back to the reporter."""

import pytest
from wagtail.models import TaskState, WorkflowState

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _act(client, article: ArticlePage, action: str, comment: str = ""):
    task_state = article.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{article.pk}/{action}/{task_state.pk}/", {"comment": comment})


def _task(article: ArticlePage) -> str:
    article.refresh_from_db()
    return article.current_workflow_task.name if article.current_workflow_task else ""


def _refused(response) -> None:
    # Wagtail answers a refused action by sending the user back to the dashboard with an error.
    assert (response.status_code, response.url) == (302, "/admin/")


def _dashboard(client) -> str:
    return client.get("/admin/").content.decode()


def test_an_article_goes_through_first_review_rejection_and_final_review_before_it_is_published(
    login, reporter, editor, other_editor, chief, own_section
):
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(dateline_text="本报青岛讯 11月42日", **{"action-submit": "1"}),
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    assert _task(article) == "编辑初审"
    assert not article.live

    # Another section's editor neither sees it waiting nor may act on it.
    assert "胶东经济圈一体化发展全面起势" not in _dashboard(login(other_editor))
    _refused(_act(login(other_editor), article, "approve"))
    assert _task(article) == "编辑初审"

    # The section's own editor sees it waiting on the dashboard and sends it back with a comment.
    assert "胶东经济圈一体化发展全面起势" in _dashboard(login(editor))
    _act(login(editor), article, "reject", comment="电头日期有误,请核实")
    article.refresh_from_db()
    assert article.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
    assert (rejected.finished_by, rejected.comment) == (editor, "电头日期有误,请核实")
    history = login(reporter).get(f"/admin/pages/{article.pk}/workflow_history/detail/{rejected.workflow_state_id}/")
    assert "电头日期有误,请核实" in history.content.decode()

    # The reporter corrects and resubmits: back to the first review, then on to the chief.
    login(reporter).post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(article, dateline_text="本报青岛讯 11月24日", **{"action-submit": "1"}),
    )
    assert _task(article) == "编辑初审"
    _act(login(editor), article, "approve")
    assert _task(article) == "主编终审"
    assert not article.live

    # The final review is the chief's alone.
    _refused(_act(login(editor), article, "approve"))
    assert "胶东经济圈一体化发展全面起势" in _dashboard(login(chief))
    _act(login(chief), article, "approve", comment="可以发")
    article.refresh_from_db()
    assert article.live
    assert article.dateline_text == "本报青岛讯 11月24日"
    assert article.workflow_states.order_by("-pk").first().status == WorkflowState.STATUS_APPROVED


def test_a_live_article_keeps_its_published_text_until_the_final_approval(
    client, login, reporter, editor, chief, own_section, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=own_section, title="原来的标题")
    login(reporter).post(
        f"/admin/pages/{article.pk}/edit/", article_form(article, title="修改后的标题", **{"action-submit": "1"})
    )
    _act(login(editor), article, "approve")
    assert _task(article) == "主编终审"
    client.logout()
    assert "原来的标题" in client.get(article.url).content.decode()

    # The readers' copy is purged once the publish commits, as in production.
    with django_capture_on_commit_callbacks(execute=True):
        _act(login(chief), article, "approve")
    client.logout()
    page = client.get(article.url).content.decode()
    assert "修改后的标题" in page
    assert "原来的标题" not in page


def test_the_chief_editor_may_also_do_a_stalled_first_review(login, reporter, chief, other_section):
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{other_section.pk}/", article_form(**{"action-submit": "1"})
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    _act(login(chief), article, "approve")
    assert _task(article) == "主编终审"
