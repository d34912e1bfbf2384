"""The scheduler cannot stop silently: /health/scheduler turns 503 five minutes after its last good run."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Revision

from newsroom.models import SchedulerRun
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def _health(client):
    response = client.get("/health/scheduler")
    return response.status_code, response.json()


def test_a_scheduler_that_never_ran_is_reported_unhealthy(client):
    status, body = _health(client)
    assert status == 503
    assert (body["status"], body["last_run_at"]) == ("never_run", None)
    assert "从未运行" in body["detail"]


def test_a_run_of_publish_scheduled_makes_the_check_healthy_for_five_minutes(client):
    call_command("publish_scheduled")
    status, body = _health(client)
    assert (status, body["status"], body["max_age_seconds"]) == (200, "ok", 300)
    assert body["last_run_at"].endswith("+08:00")

    with time_machine.travel(timezone.now() + timedelta(minutes=4, seconds=50)):
        assert _health(client)[0] == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        status, body = _health(client)
    assert (status, body["status"]) == (503, "stale")
    assert "5 分钟没有运行" in body["detail"]


def test_a_dry_run_is_not_a_run(client):
    call_command("publish_scheduled", dryrun=True)
    assert _health(client)[0] == 503


def test_a_run_that_fails_leaves_the_last_good_run_to_age(client):
    call_command("publish_scheduled")
    finished_at = SchedulerRun.objects.get().finished_at
    article = ArticlePageFactory()
    # A scheduled revision whose page has gone from under it: Wagtail's command raises on it.
    Revision.objects.create(
        base_content_type=article.get_base_content_type(),
        content_type=article.content_type,
        object_id="999999",
        content={},
        approved_go_live_at=timezone.now() - timedelta(minutes=1),
    )
    with pytest.raises(Exception):  # noqa: B017 - whatever Wagtail raises, the run must not count
        call_command("publish_scheduled")
    assert SchedulerRun.objects.get().finished_at == finished_at


def test_the_check_counts_what_has_waited_on_the_scheduler_too_long(client):
    call_command("publish_scheduled")
    article = ArticlePageFactory(expire_at=timezone.now() + timedelta(minutes=1))
    with time_machine.travel(timezone.now() + timedelta(minutes=7)):
        status, body = _health(client)
    assert status == 503
    assert body["overdue"] == {"publications": 0, "expiries": 1}
    assert article.live


def test_the_check_answers_in_three_queries_and_is_never_cached(client, django_assert_num_queries):
    call_command("publish_scheduled")
    with django_assert_num_queries(3):
        response = client.get("/health/scheduler")
    assert "no-cache" in response["Cache-Control"]


def test_the_check_only_answers_reads(client):
    assert client.post("/health/scheduler").status_code == 405


def test_the_check_needs_no_login_and_no_session(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/health/scheduler")
    assert not any("django_session" in query["sql"] for query in queries.captured_queries)
