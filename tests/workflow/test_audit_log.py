"""Every publish, unpublish, schedule and review action is in the audit log, with who did it and when."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from newsroom.models import ArticlePage
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _entries(article: ArticlePage) -> list[tuple[str, str | None]]:
    return [
        (entry.action, entry.user.username if entry.user else None)
        for entry in PageLogEntry.objects.filter(page=article).order_by("timestamp", "pk")
    ]


def _form_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_publish_unpublish_and_schedule_are_logged_with_the_editor_and_the_time(login, editor, own_section):
    client = login(editor)
    started = timezone.now()
    client.post(f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-publish": "1"}))
    article = ArticlePage.objects.get(slug="jiaodong")
    client.post(f"/admin/pages/{article.pk}/unpublish/")
    go_live_at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(article, go_live_at=_form_time(go_live_at), **{"action-publish": "1"}),
    )
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")

    entries = _entries(article)
    for action in ("wagtail.publish", "wagtail.unpublish", "wagtail.publish.schedule"):
        assert (action, "editor") in entries
    # The scheduler acts for nobody: the log says so rather than naming someone.
    assert ("wagtail.publish.scheduled", None) in entries
    assert all(entry.timestamp >= started for entry in PageLogEntry.objects.filter(page=article))


def test_each_review_step_is_logged_with_its_reviewer(login, reporter, editor, chief, own_section):
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-submit": "1"})
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    for user, action in ((editor, "reject"), (None, "resubmit"), (editor, "approve"), (chief, "approve")):
        if user is None:
            login(reporter).post(f"/admin/pages/{article.pk}/edit/", article_form(article, **{"action-submit": "1"}))
            continue
        task_state = article.current_workflow_task_state
        login(user).post(f"/admin/pages/workflow/action/{article.pk}/{action}/{task_state.pk}/", {"comment": ""})

    entries = _entries(article)
    assert ("wagtail.workflow.start", "reporter") in entries
    assert ("wagtail.workflow.reject", "editor") in entries
    assert ("wagtail.workflow.resume", "reporter") in entries
    assert ("wagtail.workflow.approve", "editor") in entries
    assert ("wagtail.workflow.approve", "chief") in entries
    assert ("wagtail.publish", "chief") in entries


def test_the_history_page_shows_who_did_what_in_chinese(login, editor, chief, own_section):
    login(editor).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-publish": "1"})
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    html = login(chief).get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "editor" in html
    assert "发布" in html
