"""Real servers for black-box tests: a seeded database of their own, gunicorn, manage.py, plain HTTP.

The database is an SQLite file by default and a fresh PostgreSQL database on the suite's server when
the suite runs on PostgreSQL (`DATABASE_URL=postgres://…`), so CI runs these tests on both.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from tests.browser import free_port, runserver

MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
# The gunicorn of this virtualenv (requirements/production.txt), as production serves the site.
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# Which worker process answered each request is read back from the access log, found by a tag
# each request carries in a header of its own.
REQUEST_TAG = "X-Test-Request"
ACCESS_LOG_FORMAT = '%(p)s %({x-test-request}i)s %(s)s "%(r)s"'
ACCESS_LINE = re.compile(r"^<(\d+)> (\S+) ")


def on_postgres_suite() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def redis_answers(url: str) -> bool:
    address = urlsplit(url)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Database:
    """A database no other test uses: `url` for DATABASE_URL; `file` (SQLite) or `name` (PostgreSQL)."""

    url: str
    file: Path | None = None
    name: str | None = None


@contextmanager
def database_of_its_own(workdir: Path, *, copy_of: Database | None = None) -> Iterator[Database]:
    """An empty database (or a copy of `copy_of`), removed afterwards."""
    if not on_postgres_suite():
        file = workdir / f"{uuid.uuid4().hex[:12]}.sqlite3"
        if copy_of is not None:
            shutil.copyfile(copy_of.file, file)
        yield Database(url=f"sqlite:///{file}", file=file)
        return

    import psycopg
    from psycopg import sql

    server = os.environ["DATABASE_URL"]
    name = f"readers_{uuid.uuid4().hex[:12]}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if copy_of is not None:
        # PostgreSQL copies a database whole, far faster than migrating and importing again.
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(copy_of.name))
    # The server's maintenance database: the suite's own may not exist yet (pytest-django makes test_…).
    with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
        admin.execute(create)
    try:
        yield Database(url=urlsplit(server)._replace(path=f"/{name}").geturl(), name=name)
    finally:
        with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
            # FORCE: a server killed mid-test may leave a connection open.
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def environment(database: Database, *, page_cache_url: str) -> dict[str, str]:
    """The environment of every process working on `database`: servers, imports, shells."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database.url,
        # Empty: the process keeps its page cache in its own memory (cms/settings/base.py).
        "PAGE_CACHE_URL": page_cache_url,
    }


def manage(env: dict[str, str], *command: str) -> str:
    """`manage.py <command>` in a process of its own; its output, or a failure showing its errors."""
    done = subprocess.run(
        [*MANAGE, *command], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"manage.py {' '.join(command)[:200]} failed:\n{done.stderr[-4000:]}"
    return done.stdout


def query(database: Database, sql: str, *params: object) -> list[tuple]:
    """Rows read straight from a server's database, as a test looks behind the admin (`?` placeholders)."""
    if database.file is not None:
        with sqlite3.connect(database.file) as db:
            return db.execute(sql, params).fetchall()
    import psycopg

    with psycopg.connect(database.url) as db:
        # psycopg's placeholder is %s, and a literal % (LIKE 'x%') is written %%.
        return db.execute(sql.replace("%", "%%").replace("?", "%s"), params).fetchall()


@contextmanager
def newsroom_as_make_run(workdir: Path) -> Iterator[dict]:
    """`make run`'s steps (dev settings, migrate, the seeds, the demo logins, runserver) on a database of
    its own (SQLite, or PostgreSQL when the suite runs on it): the address, the printed passwords, the
    database (for `query`)."""
    with database_of_its_own(workdir) as database:
        env = {**environment(database, page_cache_url=""), "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "import_edition", "seeds/", "-v0")
        passwords = dict(re.findall(r"用户名 (\w+)  密码 (\S+)", manage(env, "create_local_admin")))
        with runserver(MANAGE, env, ready_path="/admin/login/") as url:
            yield {"url": url, "passwords": passwords, "database": database}


def seed(database: Database) -> None:
    """Migrate and import the seed edition, as `make run` does."""
    # No shared page cache while seeding: what the import purges is no test's concern.
    env = environment(database, page_cache_url="")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_edition", "seeds/", "-v0")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str
    seconds: float
    # The pid of the worker process that answered (gunicorn servers only).
    worker: int | None = None


def fetch(base_url: str, path: str, *, headers: dict[str, str] | None = None, timeout: float = 15) -> Answer:
    """GET `path` (percent-encoded) without following redirects: a 302 to the login page is an answer."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    started = time.monotonic()
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return Answer(response.status, response.headers, body.decode("utf-8", "replace"), time.monotonic() - started)


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its address, how many worker processes it has, and its logs."""

    url: str
    workers: int
    access_log: Path
    error_log: Path

    def get(self, path: str, *, timeout: float = 15) -> Answer:
        """GET `path`, with the pid of the worker that answered it."""
        return self.get_together(path, 1, timeout=timeout)[0]

    def get_together(self, path: str, count: int, *, timeout: float = 15) -> list[Answer]:
        """`count` GETs of `path` at the same moment, each with the pid of the worker that answered it.

        At the same moment so that every worker takes some: one request after another may all be
        taken by the same worker (whichever one the kernel wakes first), fifty in a row here.
        """
        tags = [uuid.uuid4().hex for _ in range(count)]
        with ThreadPoolExecutor(count) as pool:
            answers = list(
                pool.map(lambda tag: fetch(self.url, path, headers={REQUEST_TAG: tag}, timeout=timeout), tags)
            )
        workers = self._workers_that_answered(tags)
        return [replace(answer, worker=workers[tag]) for answer, tag in zip(answers, tags, strict=True)]

    def _workers_that_answered(self, tags: list[str]) -> dict[str, int]:
        # gunicorn logs a request just after sending its answer: the line may come a moment later.
        deadline = time.monotonic() + 5
        while True:
            lines = self.access_log.read_text(errors="replace").splitlines() if self.access_log.exists() else []
            found = {match[2]: int(match[1]) for line in lines if (match := ACCESS_LINE.match(line))}
            if all(tag in found for tag in tags):
                return {tag: found[tag] for tag in tags}
            assert time.monotonic() < deadline, f"gunicorn logged no answer to {tags} within 5 s"
            time.sleep(0.01)

    def errors(self) -> str:
        """The end of the server's own log (tracebacks of 500s land here), for failure messages."""
        return self.error_log.read_text(errors="replace")[-3000:] if self.error_log.exists() else ""


@contextmanager
def gunicorn(env: dict[str, str], logs: Path, *, workers: int = 2) -> Iterator[Server]:
    """`gunicorn -w <workers> cms.wsgi` on a free port until the block ends; yields once every
    worker has answered a request (within a minute, or the failure and the server's log are shown)."""
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", workers, logs / f"access-{port}.log", logs / f"gunicorn-{port}.log")
    with server.error_log.open("w") as error_log:
        process = subprocess.Popen(
            [
                *(GUNICORN, "cms.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
                *("--access-logfile", str(server.access_log), "--access-logformat", ACCESS_LOG_FORMAT),
                # Not the control socket in $HOME every gunicorn shares by default.
                "--no-control-socket",
                # A worker stuck on a request (a cache that never answers) is killed 5 s into the stop.
                *("--graceful-timeout", "5"),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=error_log,
            stderr=error_log,
        )
    try:
        # Ready once each worker has answered, on an address the reader cache leaves alone (a broken
        # cache is for the tests to see). A worker still booting would leave early requests to the other.
        deadline = time.monotonic() + 60
        answered: set[int] = set()
        while len(answered) < workers:
            assert process.poll() is None, f"gunicorn exited:\n{server.errors()}"
            assert time.monotonic() < deadline, f"not every worker answered within a minute:\n{server.errors()}"
            try:
                answered |= {answer.worker for answer in server.get_together("/admin/login/", workers)}
            except OSError:
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def script_result(script: str, env: dict[str, str], *, timeout: float = 300) -> dict:
    """Run `script` in a Python process of its own (settings imported from scratch, as a server
    does) and return the JSON it printed after `RESULT`, or fail with the end of its errors."""
    import json
    import textwrap

    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.split("RESULT", 1)[1])
