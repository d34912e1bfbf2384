"""The database going away costs a retry at most, never a 500: real gunicorn workers, real connections.

F1: the database drops the workers' kept connections (a restart, a failover, a pooler recycling them):
the next request of every worker succeeds. F4: the database cannot be reached at all: readers get a
503 page in Chinese, the app a JSON 503, and the load balancer's health addresses say so in JSON.
"""

import json
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.browser import free_port
from tests.servers import (
    Database,
    database_of_its_own,
    environment,
    gunicorn,
    on_postgres_suite,
)

# Read first after the drop, so none is in a worker's reader cache yet: each reaches the database.
AFTER_THE_DROP = ["/", "/yaowen/", f"/search/?q={quote('青岛')}", "/api/v1/home", "/api/v1/articles", "/health/ready"]


def _terminate_connections_to(database: Database) -> int:
    import psycopg

    with psycopg.connect(urlsplit(database.url)._replace(path="/postgres").geturl(), autocommit=True) as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [database.name],
        ).fetchone()
    return ended[0]


@pytest.mark.skipif(not on_postgres_suite(), reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")
@pytest.mark.parametrize("health_checks", ["1", "0"])
def test_connections_dropped_by_the_database_cost_no_request(seeded_database, tmp_path: Path, health_checks: str):
    """Two defences, each enough alone. With CONN_HEALTH_CHECKS (production's setting) a worker
    replaces its dead connection when the next request starts; without it, the read that meets the
    dead connection runs once more on a new one (RetryReadOnNewConnectionMiddleware), which the
    server's log shows. Either way no reader sees an error."""
    with database_of_its_own(tmp_path, copy_of=seeded_database) as database:
        env = {**environment(database, page_cache_url=""), "CONN_HEALTH_CHECKS": health_checks}
        with gunicorn(env, tmp_path, workers=2) as server:
            # Both workers hold a connection kept open (CONN_MAX_AGE) from a request of their own.
            warm = server.get_together("/health/ready", 8)
            assert {answer.status for answer in warm} == {200}
            assert len({answer.worker for answer in warm}) == 2
            assert _terminate_connections_to(database) >= 2
            first = server.get_together(AFTER_THE_DROP[0], 8)
            assert len({answer.worker for answer in first}) == 2, "each worker's next request meets its dead connection"
            answers = first + [answer for path in AFTER_THE_DROP[1:] for answer in server.get_together(path, 4)]
            assert {answer.status for answer in answers} == {200}, server.errors()
            retried = "retrying once" in server.errors()
            assert retried == (health_checks == "0"), server.errors()


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
