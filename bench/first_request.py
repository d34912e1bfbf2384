"""A fresh gunicorn's first answers: how long after a (re)start readers wait, and what a worker's first request costs.

    .venv/bin/python bench/first_request.py [--plain] [--workers 5] [--runs 5] [--project DIR]

Collects static files into a temporary STATIC_ROOT, builds a fresh PostgreSQL database
`bench_first_request` (127.0.0.1:5432) with the seed edition, then, `--runs` times: flushes Redis database 15
(the reader cache: every answer below is rendered), starts gunicorn under cms.settings.production
and, the moment its port accepts connections, asks for as many different reader pages at once as
it has workers (home, section fronts, articles, the API), so each worker takes one as its first.
Reported, the median over the runs:
  port open      seconds from starting gunicorn to its port accepting connections;
  all answered   seconds from starting gunicorn to the last of those first answers;
  worker's own   the slowest of those first requests as the worker timed it (gunicorn's %(D)s):
                 what a worker still did on its first request beyond a warm one's work.
By default gunicorn runs as deployed: `gunicorn -c deploy/gunicorn.conf.py` (preloaded, warmed).
`--plain` runs `gunicorn cms.wsgi` instead (each worker loads the app itself, no preload);
`--project DIR` runs another checkout (a `git worktree` of an older commit) on the same database.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import drop_postgres, fresh_postgres  # noqa: E402 - after the path is set

BENCH_DB = "bench_first_request"
PAGE_CACHE_URL = "redis://127.0.0.1:6379/15"
PORT = 8767
HOST = "news.example.cn"
# Production settings with STATIC_ROOT in the run's temporary folder (older checkouts read no STATIC_ROOT variable).
SETTINGS = "from cms.settings.production import *  # noqa: F403\nSTATIC_ROOT = {static_root!r}\n"
ACCESS_FORMAT = '%(p)s %(D)s "%(r)s"'
ACCESS_LINE = re.compile(r"^<(\d+)> (\d+) ")


def run(command: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def reader_paths(database_url: str, count: int) -> list[str]:
    """`count` different reader addresses: home, sections, articles, then API listings."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT depth, url_path FROM wagtailcore_page WHERE live AND depth > 1 ORDER BY depth, id")
        pages = ["/" + path.split("/", 2)[2] for depth, path in rows if depth in (2, 3, 4)]
    api = ["/api/v1/articles", "/api/v1/home", "/api/v1/sections", "/api/v1/reporters"]
    return [quote(path) for path in [*pages[:count], *api]][:count]


def get(path: str) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    connection.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.monotonic()


def one_run(command: list[str], env: dict[str, str], cwd: Path, paths: list[str], logs: Path) -> tuple[float, ...]:
    import redis

    redis.Redis.from_url(PAGE_CACHE_URL).flushdb()
    access_log = logs / f"access-{time.monotonic_ns()}.log"
    command = [*command, "--bind", f"127.0.0.1:{PORT}", "--access-logfile", str(access_log)]
    command += ["--access-logformat", ACCESS_FORMAT, "--no-control-socket"]
    started = time.monotonic()
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit("gunicorn exited: run it by hand with the same environment to see why")
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=0.05).close()
                break
            except OSError:
                time.sleep(0.01)
        port_open = time.monotonic() - started
        with ThreadPoolExecutor(len(paths)) as pool:
            answers = list(pool.map(get, paths))
        bad = [(path, status) for path, (status, _) in zip(paths, answers, strict=True) if status != 200]
        if bad:
            raise SystemExit(f"not 200: {bad}")
        all_answered = max(at for _, at in answers) - started
        time.sleep(0.5)  # gunicorn logs a request just after answering it
        own = [int(m[2]) / 1e6 for line in access_log.read_text().splitlines() if (m := ACCESS_LINE.match(line))]
        return port_open, all_answered, max(own)
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain", action="store_true", help="gunicorn cms.wsgi, without deploy/gunicorn.conf.py")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to run (default: this one)")
    args = parser.parse_args()
    project = args.project.resolve()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "cms.wsgi", "--workers", str(args.workers)]
    if not args.plain:
        command = [gunicorn, "-c", str(project / "deploy" / "gunicorn.conf.py")]

    database_url = fresh_postgres(BENCH_DB)
    try:
        with tempfile.TemporaryDirectory(prefix="first-request-") as temp:
            temp = Path(temp)
            (temp / "bench_production.py").write_text(SETTINGS.format(static_root=str(temp / "static")))
            env = {
                **os.environ,
                "PYTHONPATH": os.pathsep.join([str(temp), str(project)]),
                "DJANGO_SETTINGS_MODULE": "bench_production",
                "SECRET_KEY": "bench-first-request-" + "x" * 40,
                "ALLOWED_HOSTS": HOST,
                "DATABASE_URL": database_url,
                "PAGE_CACHE_URL": PAGE_CACHE_URL,
                "WEB_CONCURRENCY": str(args.workers),
            }
            manage = [sys.executable, str(project / "manage.py")]
            # The deploy's order (docs/operations.md): production's checks want the static files first.
            run([*manage, "collectstatic", "--noinput", "-v0"], env, project)
            run([*manage, "migrate", "--noinput", "-v0"], env, project)
            run([*manage, "import_edition", str(ROOT / "seeds"), "-v0"], env, project)
            paths = reader_paths(database_url, args.workers)
            runs = [one_run(command, env, project, paths, temp) for _ in range(args.runs)]
    finally:
        drop_postgres(BENCH_DB)

    how = "gunicorn cms.wsgi (no config)" if args.plain else "gunicorn -c deploy/gunicorn.conf.py"
    print(f"{how}, {args.workers} workers, {project}; median of {args.runs} runs (min-max), seconds")
    for name, values in zip(("port open", "all answered", "worker's own"), zip(*runs, strict=True), strict=True):
        print(f"  {name:<14}{statistics.median(values):6.2f}  ({min(values):.2f}-{max(values):.2f})")


if __name__ == "__main__":
    main()
