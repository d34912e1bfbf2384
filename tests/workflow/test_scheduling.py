"""Scheduling from the editor: a first publication is held live until its time, so it never waits on the scheduler."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _form_time(moment) -> str:
    """A time as the editor's date picker posts it: Beijing time, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


@pytest.fixture
def go_live_at():
    return _minute(timezone.now() + timedelta(hours=1))


@pytest.fixture
def held(login, editor, own_section, go_live_at):
    """A new article the editor scheduled to go live in an hour."""
    login(editor).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(go_live_at=_form_time(go_live_at), **{"action-publish": "1"}),
    )
    return ArticlePage.objects.get(slug="jiaodong")


def test_scheduling_a_new_article_holds_it_live_with_its_go_live_time_ahead(held, editor, go_live_at):
    assert (held.live, held.go_live_at, held.first_published_at) == (True, go_live_at, go_live_at)
    assert held.status_string == "已定时"
    assert Revision.objects.filter(object_id=str(held.pk), approved_go_live_at=go_live_at).exists()
    assert PageLogEntry.objects.filter(page=held, action="wagtail.publish.schedule", user=editor).exists()


def test_cancelling_the_schedule_takes_the_article_back_out_of_the_tree(held, login, editor):
    revision = held.live_revision
    login(editor).post(f"/admin/pages/{held.pk}/revisions/{revision.pk}/unschedule/")
    held.refresh_from_db()
    assert (held.live, held.first_published_at, held.live_revision) == (False, None, None)
    assert held.status_string == "草稿"


def test_a_held_article_is_locked_until_its_schedule_is_cancelled(held, login, editor):
    client = login(editor)
    client.post(f"/admin/pages/{held.pk}/edit/", article_form(held, title="偷偷改标题", **{"action-publish": "1"}))
    client.post(f"/admin/pages/{held.pk}/unpublish/")
    held.refresh_from_db()
    assert (held.title, held.live, held.status_string) == ("胶东经济圈一体化发展全面起势", True, "已定时")


def test_rescheduling_after_cancelling_moves_the_articles_date_and_text(held, login, editor, go_live_at):
    client = login(editor)
    client.post(f"/admin/pages/{held.pk}/revisions/{held.live_revision_id}/unschedule/")
    later = go_live_at + timedelta(hours=2)
    held.refresh_from_db()
    client.post(
        f"/admin/pages/{held.pk}/edit/",
        article_form(held, title="改期后的标题", go_live_at=_form_time(later), **{"action-publish": "1"}),
    )
    held.refresh_from_db()
    assert (held.live, held.title, held.go_live_at, held.first_published_at) == (True, "改期后的标题", later, later)
    assert Revision.objects.filter(object_id=str(held.pk), approved_go_live_at__isnull=False).count() == 1


def test_a_new_revision_published_from_code_replaces_the_hold(held):
    # The importer or the shell may publish over a held article: it goes out now, dated now.
    before = timezone.now()
    held.go_live_at = None
    held.title = "提前发布"
    held.save_revision().publish()
    held.refresh_from_db()
    assert (held.live, held.title, held.status_string) == (True, "提前发布", "已发布")
    assert before <= held.first_published_at <= timezone.now()
    assert not Revision.objects.filter(object_id=str(held.pk), approved_go_live_at__isnull=False).exists()


def test_unpublishing_a_held_article_from_code_cancels_its_schedule_for_the_scheduler_too(held, go_live_at):
    held.unpublish()
    held.refresh_from_db()
    assert (held.live, held.first_published_at) == (False, None)
    assert not Revision.objects.filter(object_id=str(held.pk), approved_go_live_at__isnull=False).exists()
    with time_machine.travel(go_live_at + timedelta(minutes=5)):
        call_command("publish_scheduled")
    held.refresh_from_db()
    assert not held.live


def test_the_scheduler_at_go_live_time_records_the_publication_and_keeps_the_date(held, go_live_at):
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")
        held.refresh_from_db()
        assert held.status_string == "已发布"
    assert (held.live, held.first_published_at) == (True, go_live_at)
    assert PageLogEntry.objects.filter(page=held, action="wagtail.publish.scheduled").exists()
    assert not Revision.objects.filter(object_id=str(held.pk), approved_go_live_at__isnull=False).exists()


def test_a_scheduled_update_of_a_visible_article_is_published_by_the_scheduler(login, editor, own_section):
    article = ArticlePageFactory(parent=own_section, title="上午的标题", live=False)
    article.save_revision().publish()
    at = _minute(timezone.now() + timedelta(hours=1))
    login(editor).post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(article, title="下午的标题", go_live_at=_form_time(at), **{"action-publish": "1"}),
    )
    article.refresh_from_db()
    # Readers keep the version they have until the scheduled one is published (the health check watches this).
    assert (article.title, article.status_string) == ("上午的标题", "已发布 + 已定时更新")
    with time_machine.travel(at + timedelta(minutes=1)):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.title == "下午的标题"


def test_an_article_past_its_expiry_reads_as_expired_before_the_scheduler_takes_it_down(login, editor, own_section):
    expire_at = _minute(timezone.now() + timedelta(hours=1))
    login(editor).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(expire_at=_form_time(expire_at), **{"action-publish": "1"}),
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    assert article.status_string == "已发布"
    with time_machine.travel(expire_at + timedelta(minutes=1)):
        assert article.status_string == "已过期"
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert (article.live, article.expired) == (False, True)
    assert PageLogEntry.objects.filter(page=article, action="wagtail.unpublish.scheduled").exists()
