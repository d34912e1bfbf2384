"""App API listing throughput on a 10,000-article channel: /api/v1/articles beside Wagtail's API v2 and v3.

    .venv/bin/python bench/api_listing.py [--articles 10000] [--requests 300] [--rounds 5] [--http]

Builds a fresh PostgreSQL database `bench_api` (127.0.0.1:5432) with bench/api_corpus.py, then,
in one run, times the newest 20 articles three ways (cms.settings.bench mounts v2 and v3):
  ours  /api/v1/articles?limit=20
  v2    /api/v2/pages/?type=newsroom.ArticlePage&fields=kicker,subtitle,bylines,dateline,section
        &order=-first_published_at&limit=20 (the same fields, through bench-only api_fields)
  v3    /api/v3/pages/?type=newsroom.ArticlePage&order=-first_published_at&limit=20 (base page fields)
Rounds alternate the three so that drift on the machine hits them alike; medians are reported.
Timing starts after a warm-up, so the reader's outline (hidden branches and sections, kept with
the page cache until the next publish) is warm, as it is for every request but the first after
a publish; the query counts printed are those of a warm request.
By default each request goes through Django's WSGI handler in this process (the application's
cost, no network); with --http, through gunicorn (one sync worker) on 127.0.0.1, over real HTTP.
Targets (issue 6): ours >= 5x v2 and >= 1x v3.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres, requests_per_second, wsgi_environ  # noqa: E402 - after the path is set

BENCH_DB = "bench_api"

LISTINGS = {
    "ours": "/api/v1/articles?limit=20",
    "v2": "/api/v2/pages/?type=newsroom.ArticlePage&fields=kicker,subtitle,bylines,dateline,section"
    "&order=-first_published_at&limit=20",
    "v3": "/api/v3/pages/?type=newsroom.ArticlePage&order=-first_published_at&limit=20",
}


def in_process(handler: Callable) -> Callable[[str], tuple[int, bytes]]:
    def get(target: str) -> tuple[int, bytes]:
        statuses: list[str] = []
        response = handler(wsgi_environ(target), lambda status, headers: statuses.append(status))
        body = b"".join(response)
        response.close()
        return int(statuses[0].split()[0]), body

    return get


def over_http(port: int) -> Callable[[str], tuple[int, bytes]]:
    def get(target: str) -> tuple[int, bytes]:
        # gunicorn's sync worker closes every connection: a new one per request, as it would be.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", target, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body

    return get


def _ids(body: bytes) -> list[int]:
    data = json.loads(body)
    return [item["id"] for item in data["items"]]


def _start_gunicorn(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            "--workers=1",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start (pip install -r requirements/production.txt)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per round for ours and v3")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--http", action="store_true", help="through gunicorn on 127.0.0.1 instead of in process")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = fresh_postgres(BENCH_DB)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.bench"
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.api_corpus import analyze, build_corpus

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build_corpus(args.articles)
    analyze()
    print(f"corpus: {args.articles} articles with bylines, built in {time.perf_counter() - started:.1f} s")

    local = in_process(WSGIHandler())
    # The three list the same newest 20 articles; v2 and v3 answer in their own envelopes.
    newest = _ids(local(LISTINGS["ours"])[1])
    assert len(newest) == 20
    assert [item["id"] for item in json.loads(local(LISTINGS["v2"])[1])["items"]] == newest
    assert [item["id"] for item in json.loads(local(LISTINGS["v3"])[1])["items"]] == newest
    queries = {}
    for name, target in LISTINGS.items():
        local(target)
        with CaptureQueriesContext(connection) as captured:
            local(target)
        queries[name] = len(captured.captured_queries)

    server = None
    get = local
    if args.http:
        connection.close()
        server = _start_gunicorn(args.port)
        get = over_http(args.port)

    def status_of(target: str) -> int:
        return get(target)[0]

    try:
        for target in LISTINGS.values():  # warm up: caches, connections, imports
            requests_per_second(status_of, target, 20)
        rates: dict[str, list[float]] = {name: [] for name in LISTINGS}
        for _ in range(args.rounds):
            for name, target in LISTINGS.items():
                # v2 is several times slower: fewer requests keep its rounds as long as the others'.
                n = args.requests // 5 if name == "v2" else args.requests
                rates[name].append(requests_per_second(status_of, target, n))
    finally:
        if server:
            server.terminate()
            server.wait()

    median = {name: statistics.median(values) for name, values in rates.items()}
    how = "gunicorn, 1 sync worker, over HTTP on 127.0.0.1" if args.http else "Django's WSGI handler, in process"
    print(f"newest 20 of {args.articles} articles, PostgreSQL, {how}; median of {args.rounds} rounds")
    for name, target in LISTINGS.items():
        print(f"  {name:4} {median[name]:8.1f} req/s  {queries[name]:3} queries/request  {target}")
    to_v2, to_v3 = median["ours"] / median["v2"], median["ours"] / median["v3"]
    print(f"  ours/v2 = {to_v2:.2f}x (target >= 5)   ours/v3 = {to_v3:.2f}x (target >= 1)")
    print("  targets met" if to_v2 >= 5 and to_v3 >= 1 else "  TARGETS MISSED")


if __name__ == "__main__":
    main()
