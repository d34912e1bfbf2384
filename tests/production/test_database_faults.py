"""The database going away costs a retry at most, never a 500: real gunicorn workers, real connections.

F1: the database drops the workers' kept connections (a restart, a failover, a pooler recycling them):
the next request of every worker succeeds. F4: the database cannot be reached at all: readers get a
503 page in Chinese, the app a JSON 503, and the load balancer's health addresses say so in JSON.
"""

import json
import os
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from tests.browser import free_port
from tests.servers import (
    Database,
    database_of_its_own,
    environment,
    gunicorn,
    on_postgres_suite,
)

# Addresses the reader cache does not keep here (the readiness check; a search with a parameter of
# its own), so every request of the test reaches the database.
UNCACHED = ["/health/ready", f"/search/?q={quote('青岛')}&n=", f"/api/v1/search?q={quote('青岛')}&n="]


def _terminate_connections_to(database: Database) -> int:
    import psycopg

    with psycopg.connect(urlsplit(database.url)._replace(path="/postgres").geturl(), autocommit=True) as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [database.name],
        ).fetchone()
    return ended[0]


def _uncached(path: str) -> str:
    return path + uuid.uuid4().hex if path.endswith("&n=") else path


@pytest.mark.skipif(not on_postgres_suite(), reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")
@pytest.mark.parametrize(("health_checks", "expected"), [("1", {200}), ("0", {503})])
def test_connections_dropped_by_the_database_cost_the_next_request_nothing(
    seeded_database, tmp_path: Path, health_checks: str, expected: set[int]
):
    """With CONN_HEALTH_CHECKS (production's setting) every request after the drop is answered; the
    control without it shows what the test catches: the first request of each worker fails (a 503,
    never a 500, since the database error is answered as an outage)."""
    with database_of_its_own(tmp_path, copy_of=seeded_database) as database:
        env = {**environment(database, page_cache_url=""), "CONN_HEALTH_CHECKS": health_checks}
        with gunicorn(env, tmp_path, workers=2) as server:
            # Both workers hold a connection kept open (CONN_MAX_AGE) from a request of their own.
            warm = server.get_together("/health/ready", 8)
            assert {answer.status for answer in warm} == {200}
            assert len({answer.worker for answer in warm}) == 2
            assert _terminate_connections_to(database) >= 2
            answers = [answer for path in UNCACHED for answer in server.get_together(_uncached(path), 6)]
            assert len({answer.worker for answer in answers}) == 2, "both workers must answer after the drop"
            statuses = {answer.status for answer in answers[:6]}
            assert statuses & expected, (statuses, server.errors())
            if health_checks == "1":
                assert {answer.status for answer in answers} == {200}, server.errors()
            assert all(answer.status != 500 for answer in answers), server.errors()


def _unreachable_database(tmp_path: Path) -> Database:
    if on_postgres_suite():
        # A port nothing listens on: connections are refused, as when the server is down.
        return Database(url=f"postgres://postgres@127.0.0.1:{free_port()}/test", name="test")
    # SQLite's equivalent: a database file that cannot be opened.
    return Database(url=f"sqlite:///{tmp_path / 'gone' / 'db.sqlite3'}", file=tmp_path / "gone" / "db.sqlite3")


def test_without_the_database_readers_get_a_chinese_503_and_the_app_json(tmp_path: Path):
    env = environment(_unreachable_database(tmp_path), page_cache_url="")
    with gunicorn(env, tmp_path, workers=1) as server:
        for path in ["/", "/yaowen/", "/tags/青岛/", "/search/?q=青岛", "/reporters/", "/feed/", "/sitemap.xml"]:
            answer = server.get(quote(path, safe="/?="))
            assert answer.status == 503, (path, answer.status, server.errors())
            assert answer.headers["Content-Type"].startswith("text/html")
            assert "网站暂时无法访问" in answer.text and 'lang="zh-CN"' in answer.text
            assert answer.headers["Retry-After"].isdigit()
            assert "no-store" in answer.headers["Cache-Control"]
            # Its own inline style is allowed by hash, and nothing else inline.
            assert "'sha256-" in answer.headers["Content-Security-Policy"]
        for path in ["/api/v1/home", "/api/v1/articles", "/api/v1/sections", f"/api/v1/search?q={quote('青岛')}"]:
            answer = server.get(path)
            assert answer.status == 503, (path, answer.status, server.errors())
            assert answer.headers["Content-Type"] == "application/json; charset=utf-8"
            assert json.loads(answer.text) == {"detail": "服务暂时不可用,请稍后重试"}
            assert answer.headers["Retry-After"].isdigit()

        # The load balancer: the process is up, but not ready to serve.
        live, ready, scheduler = server.get("/health/"), server.get("/health/ready"), server.get("/health/scheduler")
        assert (live.status, json.loads(live.text)) == (200, {"status": "ok"})
        assert ready.status == 503 and json.loads(ready.text)["database"] == "unreachable"
        assert scheduler.status == 503 and json.loads(scheduler.text)["status"] == "unknown"
        assert {live.headers["Content-Type"], ready.headers["Content-Type"], scheduler.headers["Content-Type"]} == {
            "application/json"
        }
        assert ' 500 "' not in server.access_log.read_text(), server.access_log.read_text()


def _kill_this_process_connection() -> None:
    """The database ends the connection this process holds, as a restart or a failover would."""
    import psycopg
    from django.db import connection

    connection.ensure_connection()
    with psycopg.connect(os.environ["DATABASE_URL"], dbname="postgres", autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])


@pytest.mark.skipif(not on_postgres_suite(), reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", ["/", "/yaowen/", "/search/?q=青岛", "/api/v1/articles", "/api/v1/home"])
def test_a_read_whose_connection_dies_under_it_is_answered_on_a_new_connection(client, path, settings):
    # Django's test client runs no CONN_HEALTH_CHECKS between requests: the dead connection reaches
    # the view, as one that dies between the check and the first query does in production.
    call_command("import_edition", "seeds/", verbosity=0)
    caches[settings.READER_PAGE_CACHE].clear()
    _kill_this_process_connection()
    assert client.get(path).status_code == 200


@pytest.fixture(autouse=True)
def _no_dead_connection_left(request):
    yield
    if "client" in request.fixturenames:
        # The test client skips Django's end-of-request cleanup: what was killed is closed here.
        from django.db import connection

        connection.close()


@pytest.mark.skipif(not on_postgres_suite(), reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_the_retry_that_read_is_a_503_not_a_500(client, settings):
    """The control: the test above fails without RetryReadOnNewConnectionMiddleware."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("RetryReadOnNewConnectionMiddleware")]
    call_command("import_edition", "seeds/", verbosity=0)
    caches[settings.READER_PAGE_CACHE].clear()
    _kill_this_process_connection()
    # As a server answers it, rather than the test client's re-raising of what was handled.
    response = Client(raise_request_exception=False).get("/api/v1/articles")
    assert response.status_code == 503 and response.json() == {"detail": "服务暂时不可用,请稍后重试"}
