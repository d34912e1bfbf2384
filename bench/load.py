"""Production load: the reader mix through gunicorn -w 2 on Redis, the same run's bare-gunicorn floor, and faults.

    .venv/bin/python -m bench.load [--articles 10000] [--seconds 60] [--connections 16] [--faults]
        [--warmup 10] [--floor-seconds 20]

It builds all it needs and removes it at the end: a fresh PostgreSQL database `bench_load` on
127.0.0.1:5432 (migrated; N articles over ten sections written by bench/api_corpus.py, then the
seed edition imported as `make run` does; every article in the search index), the static files'
manifest (production's storage needs it) and a redis-server of its own on a free port (the
PAGE_CACHE_URL), so that F2 can kill it. Then, one after the other, on free ports:
  the floor  the same gunicorn (same settings, `-w 2`) serving a trivial WSGI app that answers a
             small fixed HTML page, for --floor-seconds, same client, same connections;
  the site   gunicorn `-w 2` on cms.wsgi under cms.settings.production: --warmup seconds of the
             mix (not counted), the clean run (--seconds), and with --faults a second run as long
             with F1 at 1/4 of it (every connection to the database terminated, as a database
             restart or failover does), F2 at 1/2 (the redis-server killed, SIGKILL) and the
             redis-server started again, empty, at 3/4.
Gunicorn's settings: deploy/gunicorn.conf.py plus `-w 2` if that file exists, else its defaults.
The client is a process of its own (asyncio, raw HTTP/1.1, no Django): N connections, each
sending request after request, drawn from home `/` 30%, article pages 40% (Zipf over every
article, newest hottest), `/api/v1/articles` 15%, `/api/v1/home` 10%, `/api/v1/search?q=` 5%
(bench/search_scaling.py's 20 queries, equally often). Every request carries
X-Forwarded-Proto: https and, per connection, its own X-Forwarded-For, as production's TLS proxy
sets them (TRUSTED_PROXY_COUNT=1): N readers, not one, for the per-client limits. Latency is timed
in the client from connect to last byte; a request is counted in the phase in which it started.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
# Also runnable as `python bench/load.py`, as the other benchmarks are.
sys.path.insert(0, str(ROOT))

from bench.common import POSTGRES, drop_postgres, fresh_postgres  # noqa: E402 - after the path is set
from bench.reader_traffic import (  # noqa: E402
    CONNECTION_ERRORS,
    PhasedClient,
    percentile,
    production_env,
    reader_addresses,
    stop,
    wait_until_answers,
    zipf_cumulative,
)
from bench.search_scaling import QUERIES  # noqa: E402

BENCH_DB = "bench_load"
HOST = "127.0.0.1"
MIX = (("home", 0.30), ("article", 0.40), ("api_articles", 0.15), ("api_home", 0.10), ("search", 0.05))
# p99 targets in ms: search may take longer than the pages and lists.
P99_TARGET = {"home": 250.0, "article": 250.0, "api_articles": 250.0, "api_home": 250.0, "search": 500.0}
FLOOR_SHARE_TARGET = 0.3
REQUEST_TIMEOUT = 30.0
# Everything before the traffic: database, migrations, corpus, seed, search index, static files.
SETUP_BUDGET = 900
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
FLOOR_PAGE = (
    b'<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>floor</title></head>'
    b"<body><p>bare gunicorn</p></body></html>"
)


def floor_app(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
    """The floor: a fixed small HTML page, whatever the request, so only gunicorn and the client cost."""
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(FLOOR_PAGE)))])
    return [FLOOR_PAGE]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- what it builds -----------------------------------------------------------------------------


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    """A redis-server of the benchmark's own on `port` (no persistence), answering PING before it returns."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found: apt-get install redis-server")
    with (workdir / "redis.log").open("ab") as out:
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", str(workdir)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    client = redis.Redis(host=HOST, port=port, socket_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            client.close()
            return process
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (workdir / "redis.log").read_text()
                raise SystemExit(f"redis-server did not start on {HOST}:{port}:\n{log}") from None
            time.sleep(0.05)


def build(articles: int, env: dict[str, str]) -> dict[str, list[str]]:
    """Migrate, write the corpus, import the seed, index, collect static files; returns the addresses by kind."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from modelsearch.backends import get_search_backend

    from bench.api_corpus import analyze, build_corpus
    from newsroom.models import ArticlePage

    steps = []
    started = time.perf_counter()

    def step(name: str) -> None:
        nonlocal started
        steps.append(f"{name} {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()

    call_command("migrate", verbosity=0)
    step("migrate")
    # The corpus first: the seed's import reuses its sections of the same slug and adds its own.
    build_corpus(articles)
    step(f"{articles} articles")
    call_command("import_edition", str(ROOT / "seeds"), verbosity=0)
    step("seed edition")
    # The corpus is bulk-written, so not indexed yet; the path `update_index` takes.
    backend = get_search_backend()
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    for chunk in range(0, len(ids), 1000):
        pages = ArticlePage.objects.filter(pk__in=ids[chunk : chunk + 1000])
        backend.add_bulk(ArticlePage, list(pages.prefetch_related("bylines__reporter", "photo_credits__reporter")))
    analyze()
    step(f"search index of {len(ids)} articles")
    # CompressedManifestStaticFilesStorage answers 500 for any {% static %} without a manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    step("static files")
    addresses = reader_addresses()
    connection.close()
    print("setup: " + ", ".join(steps))
    return {
        "home": ["/"],
        "article": addresses["article"],
        "api_articles": ["/api/v1/articles"],
        "api_home": ["/api/v1/home"],
        "search": [f"/api/v1/search?q={quote(q)}" for q in QUERIES],
    }


def start_gunicorn(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """gunicorn serving `app` with 2 workers on 127.0.0.1:port, with deploy/gunicorn.conf.py when it exists."""
    config = ["-c", str(GUNICORN_CONF)] if GUNICORN_CONF.exists() else []
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                *config,
                *("-w", "2", f"--bind={HOST}:{port}"),
                # Not the control socket in $HOME every gunicorn on the machine shares by default.
                "--no-control-socket",
                app,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def gunicorn_cpu(master: int) -> float:
    """CPU seconds (user + system) of a gunicorn master and its workers, living and exited."""
    tick = os.sysconf("SC_CLK_TCK")

    def fields(pid: int) -> list[int]:
        try:
            # After the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (proc(5)).
            return [int(x) for x in Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[11:15]]
        except (OSError, ValueError):
            return [0, 0, 0, 0]

    try:
        workers = [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        workers = []
    # Workers replaced by max_requests count in the master's cutime and cstime once reaped.
    return (sum(fields(master)) + sum(sum(fields(pid)[:2]) for pid in workers)) / tick


def sample_cpu(master: int, phases: list[list]) -> tuple[threading.Thread, dict[str, float]]:
    """A thread noting gunicorn's CPU seconds at each phase's start and end: a cost per request that
    another session's load on the machine changes far less than req/s and latency."""
    marks: dict[str, float] = {}

    def run() -> None:
        for name, start, end in phases:
            for label, moment in ((f"{name}:start", start), (f"{name}:end", end)):
                time.sleep(max(0.0, moment - time.time()))
                marks[label] = gunicorn_cpu(master)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, marks


# --- the client process -------------------------------------------------------------------------


class Load(PhasedClient):
    """The client: N connections sending the mix until the last phase ends; every request recorded."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config["port"], config["phases"])
        self.connections = config["connections"]
        self.rng = random.Random(config["seed"])
        self.targets = config["targets"]
        self.kinds = [kind for kind, _ in MIX]
        self.kind_cumulative = [sum(share for _, share in MIX[: i + 1]) for i in range(len(MIX))]
        # Articles by Zipf rank (newest hottest); every other kind's addresses equally often.
        self.article_cumulative = zipf_cumulative(len(self.targets["article"]))
        # (phase, kind, status or 0, error or None, X-Cache, started (wall clock), ms)
        self.records: list[tuple[str, str, int, str | None, str | None, float, float]] = []

    def draw(self) -> tuple[str, str]:
        kind = self.kinds[bisect.bisect(self.kind_cumulative, self.rng.random() * self.kind_cumulative[-1])]
        targets = self.targets[kind]
        if kind == "article":
            rank = bisect.bisect(self.article_cumulative, self.rng.random() * self.article_cumulative[-1])
            return kind, targets[min(rank, len(targets) - 1)]
        return kind, self.rng.choice(targets)

    async def connection(self, index: int) -> None:
        # Each connection is a reader of its own, as the proxy in front tells gunicorn (TRUSTED_PROXY_COUNT=1).
        client = f"198.51.100.{index + 1}"
        kept = self.kept_alive()
        while (phase := self.phase_at(now := time.time())) is not None:
            kind, target = self.draw()
            request = (
                f"GET {target} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n"
                f"X-Forwarded-For: {client}\r\nUser-Agent: bench-load\r\nAccept: */*\r\n\r\n"
            ).encode()
            started = time.perf_counter()
            try:
                status, xcache = await kept.send(request)
            except CONNECTION_ERRORS as e:
                error = "timeout" if isinstance(e, TimeoutError) else type(e).__name__
                self.records.append((phase, kind, 0, error, None, now, (time.perf_counter() - started) * 1000))
                # A server that refuses connections would otherwise be hammered in a tight loop.
                await asyncio.sleep(0.05)
                continue
            self.records.append((phase, kind, status, None, xcache, now, (time.perf_counter() - started) * 1000))
        kept.close()

    async def run(self) -> dict[str, Any]:
        cpu = await self.run_connections([self.connection(i) for i in range(self.connections)])
        return {"records": self.records, "cpu": cpu, "connects": self.connects}


def run_client(config_path: Path) -> None:
    config = json.loads(config_path.read_text())
    try:
        result = asyncio.run(Load(config).run())
    except KeyboardInterrupt:
        return
    Path(config["out"]).write_text(json.dumps(result))


def client_run(workdir: Path, name: str, port: int, args: argparse.Namespace, targets: dict, phases: list) -> Any:
    """Start the client process on `port` for `phases`; returns it and where it writes its result."""
    out = workdir / f"client-{name}.json"
    config = {
        "port": port,
        "connections": args.connections,
        "seed": args.seed,
        "targets": targets,
        "phases": phases,
        "out": str(out),
    }
    config_path = workdir / f"client-{name}-config.json"
    config_path.write_text(json.dumps(config))
    command = [sys.executable, "-m", "bench.load", "--role=client", f"--config={config_path}"]
    process = subprocess.Popen(command, cwd=ROOT)
    return process, out


def client_result(process: subprocess.Popen, out: Path, end: float) -> dict[str, Any]:
    process.wait(max(0.0, end - time.time()) + REQUEST_TIMEOUT + 30)
    if process.returncode or not out.exists():
        raise SystemExit(f"the client failed (exit {process.returncode})")
    return json.loads(out.read_text())


# --- the figures --------------------------------------------------------------------------------


def figures(records: list[list], seconds: float) -> dict[str, Any]:
    """Count, req/s, p50, p99 and what went wrong, over `records` (one kind or all) in `seconds`."""
    latencies = [r[6] for r in records]
    statuses = Counter(r[2] for r in records if r[2])
    return {
        "requests": len(records),
        "rps": len(records) / seconds if seconds else 0.0,
        "p50": percentile(latencies[:], 0.50),
        "p99": percentile(latencies[:], 0.99),
        "ok": sum(n for status, n in statuses.items() if 200 <= status < 400),
        "redirects": sum(n for status, n in statuses.items() if 300 <= status < 400),
        "bad": {status: n for status, n in sorted(statuses.items()) if not 200 <= status < 400},
        "failed": dict(Counter(r[3] for r in records if not r[2])),
        "fates": dict(Counter(r[4] or "-" for r in records if r[2])),
    }


def errors_of(f: dict[str, Any]) -> int:
    return sum(f["bad"].values()) + sum(f["failed"].values())


def five_xx(f: dict[str, Any]) -> int:
    return sum(n for status, n in f["bad"].items() if status >= 500)


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _what_went_wrong(f: dict[str, Any]) -> str:
    parts = [f"{status}x{n}" for status, n in f["bad"].items()] + [f"{e}x{n}" for e, n in f["failed"].items()]
    return ", ".join(parts) or "0"


def print_run(
    title: str, records: list[list], seconds: float, cpu: float, server_cpu: float, floor: dict[str, float]
) -> dict[str, Any]:
    """The table of one run, per kind and in total; returns the figures."""
    per_kind = {kind: figures([r for r in records if r[1] == kind], seconds) for kind, _ in MIX}
    total = figures(records, seconds)
    print()
    print(title)
    print(f"  {'kind':<13}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'target':>8}  {'errors':<24}X-Cache")
    for kind, f in [*per_kind.items(), ("total", total)]:
        target = f"{P99_TARGET[kind]:.0f}" if kind in P99_TARGET else ""
        fates = ", ".join(f"{fate} {n}" for fate, n in sorted(f["fates"].items()))
        print(
            f"  {kind:<13}{f['requests']:>9}{f['rps']:>8.1f}{_ms(f['p50']):>8}{_ms(f['p99']):>8}{target:>8}  "
            f"{_what_went_wrong(f):<24}{fates}"
        )
    # Redirects count as answers, but one for every request of a kind would mean a wrong request.
    if redirected := {kind: f["redirects"] for kind, f in per_kind.items() if f["redirects"]}:
        print(f"  3xx answers (not errors): {redirected}")
    ratio = total["rps"] / floor["rps"] if floor["rps"] else 0.0
    print(f"  throughput {total['rps']:.1f} req/s = {ratio:.2f}x the floor; client CPU/wall {cpu:.2f}")
    per_request = server_cpu / max(1, total["requests"])
    print(
        f"  gunicorn CPU {per_request * 1000:.2f} ms a request ({server_cpu / seconds:.2f} cores; the floor's "
        f"{floor['cpu_per_request'] * 1000:.2f} ms): at equal CPU, {floor['cpu_per_request'] / per_request:.2f}x "
        "the floor's req/s"
    )
    return {"per_kind": per_kind, "total": total, "floor_ratio": ratio}


def print_faults(records: list[list], events: list[tuple[str, float, str]], start: float, end: float) -> None:
    """What each fault did: the first 5 s after it, then the stretch until the next event; a 5 s timeline."""
    print("  faults (seconds into the run; answers counted by when they ended):")
    moments = [*(at for _, at, _ in events), end]
    for (name, at, detail), until in zip(events, moments[1:], strict=True):
        first = figures([r for r in records if at <= r[5] + r[6] / 1000 < at + 5], 5)
        stretch = figures([r for r in records if at <= r[5] + r[6] / 1000 < until], until - at)
        print(
            f"    +{at - start:4.1f} s {name}: {detail}\n"
            f"        first 5 s: {first['requests']} answers, 5xx {five_xx(first)}, "
            f"other failures {errors_of(first) - five_xx(first)} ({_what_went_wrong(first)}), "
            f"p99 {_ms(first['p99'])} ms\n"
            f"        until +{until - start:.0f} s: {stretch['rps']:.1f} req/s, p50 {_ms(stretch['p50'])} ms, "
            f"p99 {_ms(stretch['p99'])} ms, errors {_what_went_wrong(stretch)}"
        )
    print("  timeline (requests started in each 5 s):")
    t = start
    while t < end - 0.5:
        f = figures([r for r in records if t <= r[5] < t + 5], 5)
        fates = f["fates"]
        print(
            f"    +{t - start:3.0f} s  {f['rps']:6.1f} req/s  p50 {_ms(f['p50']):>5} ms  p99 {_ms(f['p99']):>5} ms  "
            f"errors {_what_went_wrong(f):<16} hit {fates.get('hit', 0)}, miss {fates.get('miss', 0)}"
        )
        t += 5


def server_log_summary(log: Path) -> str:
    """What the site's workers logged: 500s, reader cache warnings, and the exceptions most often seen."""
    text = log.read_text(errors="replace")
    server_errors = text.count("Internal Server Error:")
    cache_down = text.count("reader cache unavailable")
    exceptions = Counter(
        line[:160] for line in text.splitlines() if re.match(r"^[\w.]+(Error|Exception|Interrupted)\b:?", line)
    )
    common = "; ".join(f"{n}x {line}" for line, n in exceptions.most_common(4))
    return (
        f"{server_errors} 'Internal Server Error', {cache_down} 'reader cache unavailable'; {common or 'no exceptions'}"
    )


def verdicts(clean: dict[str, Any], faults: dict[str, Any] | None) -> list[str]:
    lines = []
    errors = errors_of(clean["total"])
    lines.append(f"{'met' if errors == 0 else 'NOT met'}: 0 errors in the clean run ({errors})")
    for kind, f in clean["per_kind"].items():
        ok = f["p99"] is not None and f["p99"] <= P99_TARGET[kind]
        lines.append(f"{'met' if ok else 'NOT met'}: {kind} p99 {_ms(f['p99'])} ms <= {P99_TARGET[kind]:.0f} ms")
    ok = clean["floor_ratio"] >= FLOOR_SHARE_TARGET
    ratio = clean["floor_ratio"]
    lines.append(f"{'met' if ok else 'NOT met'}: throughput {ratio:.2f}x the floor >= {FLOOR_SHARE_TARGET}x")
    if faults is not None:
        n = five_xx(faults["total"])
        lines.append(f"{'met' if n == 0 else 'NOT met'}: 0 5xx with F1 and F2 ({n})")
    return lines


# --- the run ------------------------------------------------------------------------------------


def terminate_database_connections() -> int:
    """F1: every connection to the benchmark's database terminated; returns how many there were."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (BENCH_DB,),
        ).fetchall()
    return len(rows)


def start_py_spy(out: Path, master: int, start: float, seconds: int, workdir: Path) -> subprocess.Popen:
    """py-spy recording gunicorn's workers for `seconds` from `start` into a flame graph (SVG) at `out`."""
    binary = shutil.which("py-spy")
    if binary is None:
        raise SystemExit("--py-spy needs py-spy on PATH (pip install py-spy, outside the project's requirements)")
    time.sleep(max(0.0, start - time.time()))
    command = [binary, "record", "--pid", str(master), "--subprocesses", "--duration", str(seconds)]
    # --nonblocking: the workers are sampled without being paused, so the figures stay the run's own.
    command += ["--rate", "100", "--nonblocking", "--format", "flamegraph", "--output", str(out.resolve())]
    with (workdir / "py-spy.log").open("wb") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)


def _raise_on_signal(signum: int, frame: Any) -> None:
    # SIGTERM and the overall alarm unwind through the cleanup in `orchestrate`, as Ctrl-C does.
    raise SystemExit(f"stopped by {signal.Signals(signum).name}")


def orchestrate(args: argparse.Namespace) -> None:
    runs = 2 if args.faults else 1
    signal.signal(signal.SIGTERM, _raise_on_signal)
    signal.signal(signal.SIGALRM, _raise_on_signal)
    signal.alarm(SETUP_BUDGET + args.floor_seconds + args.warmup + runs * args.seconds + 240)
    workdir = Path(tempfile.mkdtemp(prefix="bench_load_"))
    redis_server = floor = site = client = profiler = None
    created = False
    conf = "-c deploy/gunicorn.conf.py -w 2" if GUNICORN_CONF.exists() else "-w 2 (no deploy/gunicorn.conf.py)"
    print(f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; gunicorn {conf}")
    try:
        redis_port = free_port()
        redis_server = start_redis(redis_port, workdir)
        database_url = fresh_postgres(BENCH_DB)
        created = True
        env = production_env(database_url)
        env["PAGE_CACHE_URL"] = f"redis://{HOST}:{redis_port}/0"
        # One proxy in front (nginx), which passes the reader's address in X-Forwarded-For.
        env["TRUSTED_PROXY_COUNT"] = "1"
        targets = build(args.articles, env)

        # The floor, with nothing else of the benchmark's running but the idle database and Redis.
        port = free_port()
        floor_log = workdir / "floor.log"
        floor = start_gunicorn("bench.load:floor_app", port, env, floor_log)
        wait_until_answers(floor, port, floor_log)
        start = time.time() + 1
        phases = [["floor", start, start + args.floor_seconds]]
        client, out = client_run(workdir, "floor", port, args, targets, phases)
        sampler, server_cpu = sample_cpu(floor.pid, phases)
        result = client_result(client, out, phases[-1][2])
        sampler.join(5)
        stop(floor)
        cpu = result["cpu"]
        floor_figures = figures(result["records"], args.floor_seconds)
        floor_rps = floor_figures["rps"]
        floor_cpu = server_cpu["floor:end"] - server_cpu["floor:start"]
        floor_summary = {"rps": floor_rps, "cpu_per_request": floor_cpu / max(1, floor_figures["requests"])}
        client_cpu = cpu["floor:end"] - cpu["floor:start"]
        print(
            f"\nfloor (trivial WSGI app, same gunicorn, {args.connections} connections, {args.floor_seconds} s): "
            f"{floor_rps:.1f} req/s, p50 {_ms(floor_figures['p50'])} ms, p99 {_ms(floor_figures['p99'])} ms, "
            f"errors {_what_went_wrong(floor_figures)}; gunicorn CPU "
            f"{floor_summary['cpu_per_request'] * 1000:.2f} ms a request ({floor_cpu / args.floor_seconds:.2f} cores)"
        )
        # What the client could send on a core of its own: it must be well above the site's req/s.
        per_request = client_cpu / max(1, floor_figures["requests"])
        print(
            f"client: CPU/wall {client_cpu / args.floor_seconds:.2f} during the floor, {per_request * 1e6:.0f} µs "
            f"of CPU a request: one core would send {1 / per_request if per_request else 0:.0f} req/s"
        )

        port = free_port()
        site_log = workdir / "site.log"
        site = start_gunicorn("cms.wsgi", port, env, site_log)
        wait_until_answers(site, port, site_log)
        start = time.time() + 1
        clean_start = start + args.warmup
        phases = [["warmup", start, clean_start], ["clean", clean_start, clean_start + args.seconds]]
        if args.faults:
            phases.append(["faults", phases[-1][2], phases[-1][2] + args.seconds])
        client, out = client_run(workdir, "site", port, args, targets, phases)
        sampler, server_cpu = sample_cpu(site.pid, phases)
        if args.py_spy:
            profiler = start_py_spy(args.py_spy, site.pid, clean_start, args.seconds, workdir)
        events: list[tuple[str, float, str]] = []
        if args.faults:
            fault_start = phases[-1][1]
            plan = [
                (0.25, "F1", "database connections terminated"),
                (0.50, "F2", "redis-server killed"),
                (0.75, "F2 over", "redis-server started again, empty"),
            ]
            for share, name, what in plan:
                time.sleep(max(0.0, fault_start + share * args.seconds - time.time()))
                at = time.time()
                if name == "F1":
                    what += f" ({terminate_database_connections()} connections)"
                elif name == "F2":
                    redis_server.kill()
                    redis_server.wait(5)
                else:
                    redis_server = start_redis(redis_port, workdir)
                events.append((name, at, what))
        result = client_result(client, out, phases[-1][2])
        sampler.join(5)
        client = None
        if profiler is not None:
            profiler.wait(60)
            print(f"py-spy: the workers' flame graph of the clean run in {args.py_spy}")
        records = result["records"]
        cpu = result["cpu"]

        def cpu_share(phase: str) -> float:
            return (cpu[f"{phase}:end"] - cpu[f"{phase}:start"]) / args.seconds

        def server_seconds(phase: str) -> float:
            return server_cpu[f"{phase}:end"] - server_cpu[f"{phase}:start"]

        clean = print_run(
            f"clean run: {args.seconds} s after {args.warmup} s of warm-up, {args.articles} articles + the seed, "
            f"{args.connections} connections",
            [r for r in records if r[0] == "clean"],
            args.seconds,
            cpu_share("clean"),
            server_seconds("clean"),
            floor_summary,
        )
        faults = None
        if args.faults:
            fault_records = [r for r in records if r[0] == "faults"]
            faults = print_run(
                f"fault run: {args.seconds} s straight after, F1 and F2 injected",
                fault_records,
                args.seconds,
                cpu_share("faults"),
                server_seconds("faults"),
                floor_summary,
            )
            print_faults(fault_records, events, phases[-1][1], phases[-1][2])
        print(f"\nsite's server log: {server_log_summary(site_log)}")
        print(f"client: {result['connects']} connections opened for {len(records)} requests, warm-up included")
        print()
        for line in verdicts(clean, faults):
            print(line)
        print(f"\nload average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        explicit = ["--articles", str(args.articles), "--seconds", str(args.seconds)]
        explicit += ["--connections", str(args.connections), "--warmup", str(args.warmup)]
        explicit += ["--floor-seconds", str(args.floor_seconds), *(["--faults"] if args.faults else [])]
        print("command: .venv/bin/python -m bench.load " + shlex.join(explicit))
    finally:
        signal.alarm(0)
        stop(profiler)
        stop(client)
        stop(floor)
        stop(site)
        stop(redis_server, 5)
        if created:
            from django.apps import apps

            if apps.ready:
                from django.db import connections

                connections.close_all()
            drop_postgres(BENCH_DB)
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles besides the seed edition's")
    parser.add_argument("--seconds", type=int, default=60, help="length of the clean run, and of the fault run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=10, help="seconds of the mix before the clean run")
    parser.add_argument("--floor-seconds", type=int, default=20, help="length of the bare-gunicorn run")
    parser.add_argument("--faults", action="store_true", help="a second run with F1 and F2 injected")
    parser.add_argument("--seed", type=int, default=20201130)
    parser.add_argument("--py-spy", type=Path, metavar="SVG", help="a flame graph of the workers in the clean run")
    # The same module runs as the client process.
    parser.add_argument("--role", choices=("client",), help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "client":
        run_client(args.config)
        return
    try:
        orchestrate(args)
    except KeyboardInterrupt:
        raise SystemExit("interrupted: the servers, the client, Redis and the database are gone") from None


if __name__ == "__main__":
    main()
