"""The 编辑 who approves 编辑初审 becomes 责任编辑 of what 主编终审 publishes, unless one is named already."""

import pytest
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from newsroom.models import ArticlePage
from newsroom.review_actions import REVIEW_STEP_FIELD
from tests.forms import article_form

pytestmark = pytest.mark.django_db

FIRST, FINAL = "编辑初审", "主编终审"


def _submit(client, section, **fields) -> ArticlePage:
    client.post(
        f"/admin/pages/add/newsroom/articlepage/{section.pk}/", article_form(**fields, **{"action-submit": "1"})
    )
    return ArticlePage.objects.get(slug="jiaodong")


def _act(client, article: ArticlePage, action: str):
    article.refresh_from_db()
    step = article.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{article.pk}/{action}/{step.pk}/", {"comment": ""})


def _step(article: ArticlePage) -> str:
    article.refresh_from_db()
    return article.current_workflow_task.name if article.current_workflow_task else ""


def _approvals(article: ArticlePage) -> list[tuple[str, str]]:
    states = TaskState.objects.for_instance(article).filter(status=TaskState.STATUS_APPROVED).order_by("pk")
    return [(state.task.name, state.finished_by.username) for state in states]


def test_the_approving_editor_is_named_in_what_the_chief_publishes(login, reporter, editor, chief, own_section):
    article = _submit(login(reporter), own_section)
    _act(login(editor), article, "approve")
    assert _step(article) == FINAL
    # The page row of a draft is not what gets published: the version 主编终审 reviews names the editor.
    final = article.current_workflow_task_state
    assert final.revision_id == article.latest_revision_id
    assert final.revision.as_object().responsible_editor == editor

    _act(login(chief), article, "approve")
    article.refresh_from_db()
    assert article.live and article.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert article.responsible_editor == editor
    assert _approvals(article) == [(FIRST, "editor"), (FINAL, "chief")]
    # An account without a name prints nothing (its login name is not for readers); with one, its name.
    assert "责任编辑" not in login(reporter).get(article.url).content.decode()
    editor.last_name, editor.first_name = "王", "晓燕"
    editor.save()
    article.save_revision().publish()
    assert "责任编辑：王晓燕" in login(reporter).get(article.url).content.decode()
    # The history says who named the editor: they saved the version the chief then approved.
    named = PageLogEntry.objects.get(page=article, action="wagtail.edit", user=editor)
    assert named.revision_id == final.revision_id
    assert login(chief).get(f"/admin/pages/{article.pk}/history/").status_code == 200


def test_approving_in_the_editor_names_the_editor_too(login, reporter, editor, own_section):
    article = _submit(login(reporter), own_section)
    step = article.current_workflow_task_state
    data = article_form(
        article,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
            REVIEW_STEP_FIELD: str(step.pk),
        },
    )
    assert login(editor).post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    assert _step(article) == FINAL
    assert article.get_latest_revision_as_object().responsible_editor == editor
    assert article.current_workflow_task_state.revision_id == article.latest_revision_id
    # The chief's editor shows the name in the 责任编辑 chooser.
    html = login(editor).get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f'<option value="{editor.pk}" selected>' in html


def test_a_named_editor_is_kept(login, reporter, editor, chief, own_section):
    article = _submit(login(reporter), own_section, responsible_editor=chief.pk)
    _act(login(editor), article, "approve")
    _act(login(chief), article, "approve")
    article.refresh_from_db()
    assert article.live and article.responsible_editor == chief


def test_a_printed_name_counts_as_named(login, reporter, editor, chief, own_section):
    article = _submit(login(reporter), own_section, responsible_editor_name="王某")
    _act(login(editor), article, "approve")
    _act(login(chief), article, "approve")
    article.refresh_from_db()
    assert (article.responsible_editor, article.responsible_editor_display()) == (None, "王某")


def test_sending_back_names_nobody_and_the_approval_after_resubmission_does(login, reporter, editor, own_section):
    article = _submit(login(reporter), own_section)
    _act(login(editor), article, "reject")
    assert article.get_latest_revision_as_object().responsible_editor is None
    login(reporter).post(f"/admin/pages/{article.pk}/edit/", article_form(article, **{"action-submit": "1"}))
    _act(login(editor), article, "approve")
    assert _step(article) == FINAL
    assert article.get_latest_revision_as_object().responsible_editor == editor


def test_the_chiefs_final_approval_names_no_one_else(login, reporter, editor, chief, own_section):
    article = _submit(login(reporter), own_section, responsible_editor_name="")
    _act(login(editor), article, "approve")
    _act(login(chief), article, "approve")
    article.refresh_from_db()
    assert article.responsible_editor == editor
