"""Shared by the benchmarks: a fresh PostgreSQL database, an in-process WSGI request, a request rate."""

import io
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

POSTGRES = "postgres://postgres@127.0.0.1:5432"


def fresh_postgres(name: str) -> str:
    """Drop and create database `name` on the local PostgreSQL server; returns its DATABASE_URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{POSTGRES}/{name}"


def drop_postgres(name: str) -> None:
    """Drop database `name` on the local PostgreSQL server, closing any connection still open to it."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def wsgi_environ(target: str, cookie: str | None = None) -> dict[str, Any]:
    """The WSGI environ of a GET of `target` (path and query) from 127.0.0.1, for Django's handler in process."""
    path, _, query = target.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        # As a WSGI server passes it: percent-decoded, UTF-8 bytes carried as latin-1 text.
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    # None sends no Cookie header at all, "" an empty one: each benchmark keeps the request it always sent.
    if cookie is not None:
        environ["HTTP_COOKIE"] = cookie
    return environ


def requests_per_second(status_of: Callable[[str], int], target: str, n: int) -> float:
    """Requests per second over n requests for `target`, the whole loop timed; stops at the first status but 200."""
    started = time.perf_counter()
    for _ in range(n):
        status = status_of(target)
        if status != 200:
            raise SystemExit(f"{target}: HTTP {status}")
    return n / (time.perf_counter() - started)
