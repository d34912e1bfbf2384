"""A review action acts once, on the step the reviewer saw: 主编终审 stays the chief's, whatever is posted twice."""

import threading

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import PageLogEntry, TaskState

from newsroom.models import ArticlePage
from newsroom.review_actions import REVIEW_STEP_FIELD
from tests.forms import article_form

pytestmark = pytest.mark.django_db

FIRST, FINAL = "编辑初审", "主编终审"


@pytest.fixture
def in_first_review(login, reporter, own_section) -> ArticlePage:
    """A reporter's article submitted for review: 编辑初审 in progress."""
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-submit": "1"})
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    assert _step(article) == FIRST
    return article


def _step(article: ArticlePage) -> str:
    article.refresh_from_db()
    task = article.current_workflow_task
    return task.name if task else ""


def _approve_in_editor(client, article: ArticlePage, step: TaskState, comment: str = "", **extra):
    """The editor's form as the browser posts it after 批准 (with comment) in the review dialog."""
    data = article_form(
        article,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": f'{{"comment": "{comment}"}}',
            REVIEW_STEP_FIELD: str(step.pk),
        },
    )
    return client.post(f"/admin/pages/{article.pk}/edit/", data, **extra)


def _approve_at_address(client, article: ArticlePage, step: TaskState, comment: str = ""):
    return client.post(f"/admin/pages/workflow/action/{article.pk}/approve/{step.pk}/", {"comment": comment})


def _approvals(article: ArticlePage) -> list[tuple[str, str]]:
    states = TaskState.objects.for_instance(article).filter(status=TaskState.STATUS_APPROVED)
    return [(state.task.name, state.finished_by.username) for state in states.order_by("pk")]


def test_the_editor_form_carries_the_review_step_it_was_rendered_for(login, editor, in_first_review):
    html = login(editor).get(f"/admin/pages/{in_first_review.pk}/edit/").content.decode()
    step = in_first_review.current_workflow_task_state
    assert f'name="{REVIEW_STEP_FIELD}" value="{step.pk}"' in html


def test_the_same_approval_posted_twice_through_the_editor_approves_the_first_review_once(
    login, editor, in_first_review
):
    step = in_first_review.current_workflow_task_state
    first = _approve_in_editor(login(editor), in_first_review, step, comment="可以")
    assert first.status_code == 302
    assert _step(in_first_review) == FINAL

    # 主编终审 is locked for the editor now: the repeat is answered with the editor and changes nothing.
    again = _approve_in_editor(login(editor), in_first_review, step, comment="可以")
    assert again.status_code == 200
    assert _step(in_first_review) == FINAL
    assert _approvals(in_first_review) == [(FIRST, "editor")]
    assert not in_first_review.live


def test_the_same_approval_posted_twice_at_the_action_address_approves_once(login, editor, in_first_review):
    step = in_first_review.current_workflow_task_state
    _approve_at_address(login(editor), in_first_review, step)
    _approve_at_address(login(editor), in_first_review, step)
    assert _step(in_first_review) == FINAL
    assert _approvals(in_first_review) == [(FIRST, "editor")]
    assert not in_first_review.live


def test_an_approval_for_a_step_someone_else_finished_does_not_act_on_the_next_step(
    login, editor, chief, in_first_review
):
    # The chief opens the editor during 编辑初审 (the chief may review it too)...
    step = in_first_review.current_workflow_task_state
    login(chief).get(f"/admin/pages/{in_first_review.pk}/edit/")
    # ...the section's editor approves it meanwhile...
    _approve_at_address(login(editor), in_first_review, step)
    assert _step(in_first_review) == FINAL
    # ...and the chief's 批准, meant for 编辑初审, must not become the final approval that publishes.
    refused = _approve_in_editor(login(chief), in_first_review, step, comment="初审通过")
    assert "这一步审核已经处理过" in login(chief).get(refused.url).content.decode()
    assert _step(in_first_review) == FINAL
    assert not in_first_review.live
    assert _approvals(in_first_review) == [(FIRST, "editor")]


def test_an_autosave_carrying_the_review_dialog_fields_only_saves_the_draft(login, editor, in_first_review):
    step = in_first_review.current_workflow_task_state
    response = _approve_in_editor(
        login(editor),
        in_first_review,
        step,
        HTTP_ACCEPT="application/json",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert _step(in_first_review) == FIRST
    assert _approvals(in_first_review) == []


def test_only_the_chief_finishes_the_final_review(login, reporter, editor, chief, in_first_review):
    _approve_at_address(login(editor), in_first_review, in_first_review.current_workflow_task_state)
    final = in_first_review.current_workflow_task_state
    for someone in (editor, reporter):
        _approve_in_editor(login(someone), in_first_review, final)
        _approve_at_address(login(someone), in_first_review, final)
        assert _step(in_first_review) == FINAL
        assert not in_first_review.live

    _approve_in_editor(login(chief), in_first_review, final, comment="可以发")
    in_first_review.refresh_from_db()
    assert in_first_review.live
    assert _approvals(in_first_review) == [(FIRST, "editor"), (FINAL, "chief")]
    assert PageLogEntry.objects.filter(page=in_first_review, action="wagtail.publish").get().user == chief


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL; SQLite serialises writers")
def test_one_approval_posted_many_times_at_once_approves_the_first_review_once(
    reporter, editor, own_section, django_user_model
):
    author = Client()
    author.force_login(reporter)
    author.post(f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-submit": "1"}))
    article = ArticlePage.objects.get(slug="jiaodong")
    step = article.current_workflow_task_state
    start = threading.Barrier(6)
    answers: list[int] = []

    def post(through_editor: bool) -> None:
        client = Client()
        client.force_login(editor)
        start.wait()
        try:
            send = _approve_in_editor if through_editor else _approve_at_address
            answers.append(send(client, article, step, comment="可以").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n % 2 == 0,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [302] * 6
    assert _step(article) == FINAL
    assert _approvals(article) == [(FIRST, "editor")]
    assert TaskState.objects.for_instance(article).filter(task__name=FINAL).count() == 1
    assert not article.live
