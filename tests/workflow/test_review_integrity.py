"""A review action acts once, on the step the reviewer saw: 主编终审 stays the chief's, whatever is posted twice."""

import pytest
from wagtail.models import PageLogEntry, TaskState

from newsroom.models import ArticlePage
from newsroom.review_actions import REVIEW_STEP_FIELD
from tests.forms import article_form
from tests.servers import database_of_its_own, environment, manage, on_postgres_suite, script_result

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


# Six posts of one approval at once, half through the editor and half at the action address, each on a
# connection of its own. Run in a process and a database of their own (tests.servers): the suite's
# transactional tests start from an emptied database, without the roles and workflow the migrations made.
AT_ONCE = """
import json, threading
import django
django.setup()
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from wagtail.models import TaskState
from newsroom.models import ArticlePage
from newsroom.roles import REPORTERS, assign_section_editor
from tests.factories import SectionPageFactory
from tests.forms import article_form
from tests.servers import database_of_its_own, environment, manage, on_postgres_suite, script_result
from tests.workflow.test_review_integrity import _approvals, _approve_at_address, _approve_in_editor, _step

section = SectionPageFactory(title="要闻", slug="yaowen")
reporter = User.objects.create_user("reporter")
reporter.groups.add(Group.objects.get(name=REPORTERS))
editor = User.objects.create_user("editor")
assign_section_editor(editor, section)
author = Client()
author.force_login(reporter)
author.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", article_form(**{"action-submit": "1"}))
article = ArticlePage.objects.get(slug="jiaodong")
step = article.current_workflow_task_state
start = threading.Barrier(6)
answers = []

def post(through_editor):
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
article.refresh_from_db()
print("RESULT", json.dumps({
    "answers": answers,
    "step": _step(article),
    "approvals": _approvals(article),
    "final_steps": TaskState.objects.for_instance(article).filter(task__name="主编终审").count(),
    "live": article.live,
}))
"""


@pytest.mark.skipif(not on_postgres_suite(), reason="row locks need PostgreSQL; SQLite serialises writers")
def test_one_approval_posted_many_times_at_once_approves_the_first_review_once(tmp_path):
    with database_of_its_own(tmp_path) as database:
        env = environment(database, page_cache_url="")
        manage(env, "migrate", "--noinput", "-v0")
        result = script_result(AT_ONCE, env, timeout=120)
    assert result["answers"] == [302] * 6
    assert result["step"] == FINAL
    assert result["approvals"] == [[FIRST, "editor"]]
    assert result["final_steps"] == 1
    assert result["live"] is False
