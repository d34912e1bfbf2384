"""Reader traffic through gunicorn and the Redis page cache: a Zipf mix, without and with an editor publishing.

    .venv/bin/python bench/reader_traffic.py [--articles 10000] [--seconds 60] [--connections 16]
        [--warmup 15] [--publish-every 10] [--port 8766]

Builds a fresh PostgreSQL database `bench_reader` (127.0.0.1:5432) with bench/api_corpus.py (ten
sections, N live articles one minute apart), migrates it, collects static files (the production
storage needs its manifest), flushes Redis database 12 and starts `gunicorn -w 2 cms.wsgi` under
cms.settings.production with PAGE_CACHE_URL on that database. Beside gunicorn, three processes:
  this one       builds, starts and stops the others, and prints the report;
  the client     asyncio, raw HTTP/1.1 on N connections (no Django imported), sends a mix drawn with
                 Zipf (exponent 1) weights: home 10%, section fronts 10% (要闻 hottest), articles
                 70% (newest hottest), /api/v1/articles 10%; every request carries
                 X-Forwarded-Proto: https, as the TLS proxy in front of production would;
  the publisher  Django against the same database and Redis, publishing through Wagtail's own API
                 every P seconds during run (b): alternately a new article in 要闻
                 (add_child + save_revision().publish()) and a republish of the hottest article.
After a warm-up, run (a) has no publishes and run (b), straight after it, has them.
The response header X-Cache (hit, stale, miss, bypass) tells a response's fate; a miss is a render.
Latency is timed in the client from connect to last byte: with more connections than gunicorn's two
sync workers (one request at a time each), most of it is waiting in the accept queue, hits included.
Everything is bounded in time, and gunicorn, the publisher and the database go away on error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import http.client
import json
import math
import os
import random
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import drop_postgres, fresh_postgres  # noqa: E402 - after the path is set

BENCH_DB = "bench_reader"
PAGE_CACHE_URL = "redis://127.0.0.1:6379/12"
HOST = "127.0.0.1"
# Shares of the mix. Whether the cache keeps API answers as well as pages is its own business: X-Cache tells.
MIX = (("home", 0.10), ("section", 0.10), ("article", 0.70), ("api", 0.10))
READER_KINDS = ("home", "section", "article")
REQUEST_TIMEOUT = 30.0
# Time allowed for everything before the traffic: database, migrations, corpus, static files, server.
SETUP_BUDGET = 900
HOT_SECTION = "yaowen"


def production_env(database_url: str) -> dict[str, str]:
    """The environment of the servers and the publisher: the production profile on the bench's database and Redis."""
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="bench-reader-traffic-not-a-secret",  # noqa: S106 - a throwaway database on loopback
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        PAGE_CACHE_URL=PAGE_CACHE_URL,
    )
    # A CDN purge URL inherited from the shell would send purges off this machine on every publish.
    env.pop("FRONTEND_CACHE_PURGE_URL", None)
    return env


def flush_redis() -> None:
    """Empty the page cache's Redis database: no answer or token survives from an earlier run."""
    import redis

    client = redis.Redis.from_url(PAGE_CACHE_URL, socket_timeout=5)
    client.flushdb()
    client.close()


def reader_addresses() -> dict[str, Any]:
    """The addresses to request, hottest first, and the hottest article's id (the one republished)."""
    from wagtail.models import Site

    from newsroom.models import ArticlePage, SectionPage

    # A page's public address is its url_path without the site root's (/home/yaowen/x/ -> /yaowen/x/).
    root = Site.objects.get(is_default_site=True).root_page.url_path

    def address(url_path: str) -> str:
        return quote("/" + url_path.removeprefix(root))

    sections = SectionPage.objects.live().filter(url_path__startswith=root).order_by("path")
    articles = ArticlePage.objects.live().filter(url_path__startswith=root).order_by("-first_published_at", "-pk")
    newest = articles.values_list("pk", flat=True).first()
    return {
        "home": ["/"],
        "section": [address(p) for p in sections.values_list("url_path", flat=True)],
        "article": [address(p) for p in articles.values_list("url_path", flat=True)],
        "api": ["/api/v1/articles"],
        "hot_article_id": newest,
    }


def build(articles: int, env: dict[str, str]) -> dict[str, Any]:
    """Migrate, write the corpus and collect static files in this process; returns the addresses."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.api_corpus import analyze, build_corpus

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    build_corpus(articles)
    analyze()
    built = time.perf_counter()
    # CompressedManifestStaticFilesStorage answers 500 for any {% static %} without a manifest, and
    # STATIC_ROOT is fixed in settings (the git-ignored static/ folder): collect there.
    call_command("collectstatic", interactive=False, verbosity=0)
    addresses = reader_addresses()
    connection.close()
    print(
        f"setup: migrated in {migrated - started:.0f} s, {articles} articles written in {built - migrated:.1f} s, "
        f"static files collected in {time.perf_counter() - built:.0f} s"
    )
    return addresses


def start_gunicorn(port: int, env: dict[str, str], log: Path, *, threads: int = 1) -> subprocess.Popen:
    """`gunicorn -w 2 cms.wsgi` on 127.0.0.1:port, its output to `log`; with `threads` > 1 each worker
    runs that many threads (gunicorn's gthread worker, keep-alive), so a cache hit need not wait
    in line behind a render."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-w",
                "2",
                f"--threads={threads}",
                f"--bind={HOST}:{port}",
                "--log-level=warning",
                "cms.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def worker_kind(threads: int) -> str:
    return "sync" if threads == 1 else f"gthread, {threads} threads each"


def port_is_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:port (else the run would measure whatever does)."""
    try:
        socket.create_connection((HOST, port), timeout=1).close()
    except OSError:
        return True
    return False


def wait_until_answers(server: subprocess.Popen, port: int, log: Path, seconds: float = 60) -> int:
    """Poll /robots.txt (outside the mix, so no address is requested early) until any HTTP answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            connection.request("GET", "/robots.txt", headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
            return connection.getresponse().status
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise SystemExit(f"gunicorn did not answer within {seconds:.0f} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen | None, seconds: float = 20) -> None:
    """Terminate `process` (ours, by its pid) and wait; kill it if it outstays `seconds`."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


# --- the client process -------------------------------------------------------------------------


def zipf_cumulative(n: int) -> list[float]:
    """Cumulative Zipf weights (exponent 1) of ranks 1..n: rank k is drawn with weight 1/k."""
    total, cumulative = 0.0, []
    for rank in range(1, n + 1):
        total += 1 / rank
        cumulative.append(total)
    return cumulative


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank q-quantile of `values` (sorted in place), None for no values."""
    if not values:
        return None
    values.sort()
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)]


async def read_response(reader: asyncio.StreamReader) -> tuple[int, str | None, bool]:
    """Read one HTTP/1.1 response; returns its status, its X-Cache value and whether the server closes."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    version, status = head[0].split(" ", 2)[:2]
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    closes = version == "HTTP/1.0" or headers.get("connection", "").lower() == "close"
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readexactly(2)
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:
        await reader.read()
        closes = True
    xcache = headers.get("x-cache")
    return int(status), xcache.lower() if xcache is not None else None, closes


# What a failed exchange raises: refused, reset, timed out, cut short, or not HTTP at all.
CONNECTION_ERRORS = (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError)


class KeptAlive:
    """One client connection, kept alive between requests and opened again when the server closed it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.connects = 0

    async def send(self, request: bytes) -> tuple[int, str | None]:
        """The answer's status and X-Cache; raises one of CONNECTION_ERRORS when there is none."""
        # A kept-alive connection the server closed while idle fails on reuse: one retry on a new one.
        for attempt in range(2):
            reused = self.writer is not None
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.wait_for(
                        asyncio.open_connection(HOST, self.port), REQUEST_TIMEOUT
                    )
                    self.connects += 1
                self.writer.write(request)
                status, xcache, closes = await asyncio.wait_for(read_response(self.reader), REQUEST_TIMEOUT)
            except CONNECTION_ERRORS as error:
                self.close()
                if reused and attempt == 0 and not isinstance(error, TimeoutError):
                    continue
                raise
            if closes:
                self.close()
            return status, xcache
        raise AssertionError("unreachable: the second attempt returns or raises")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class PhasedClient:
    """A client process's clock: which phase a moment is in, its own CPU at each phase's ends, and
    its connections (each a `KeptAlive`) running until the last phase ends."""

    def __init__(self, port: int, phases: list) -> None:
        self.port = port
        self.phases = [(name, start, end) for name, start, end in phases]
        self.kept: list[KeptAlive] = []

    @property
    def connects(self) -> int:
        return sum(kept.connects for kept in self.kept)

    def phase_at(self, now: float) -> str | None:
        for name, start, end in self.phases:
            if start <= now < end:
                return name
        return None

    def kept_alive(self) -> KeptAlive:
        kept = KeptAlive(self.port)
        self.kept.append(kept)
        return kept

    async def cpu_at_boundaries(self) -> dict[str, float]:
        """This process's CPU seconds (user + system) at each phase start and end, to divide by wall time."""
        marks: dict[str, float] = {}
        for name, start, end in self.phases:
            for label, moment in ((f"{name}:start", start), (f"{name}:end", end)):
                await asyncio.sleep(max(0.0, moment - time.time()))
                usage = resource.getrusage(resource.RUSAGE_SELF)
                marks[label] = usage.ru_utime + usage.ru_stime
        return marks

    async def run_connections(self, connections: list) -> dict[str, float]:
        """Wait for the first phase, run `connections` (coroutines) to the end; the CPU marks."""
        await asyncio.sleep(max(0.0, self.phases[0][1] - time.time()))
        cpu, *_ = await asyncio.gather(self.cpu_at_boundaries(), *connections)
        return cpu


class Traffic(PhasedClient):
    """The client's state: what to request, what came back, per phase."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config["port"], config["phases"])
        self.config = config
        self.rng = random.Random(config["seed"])
        self.targets = {kind: config["addresses"][kind] for kind, _ in MIX}
        self.cumulative = {kind: zipf_cumulative(len(targets)) for kind, targets in self.targets.items()}
        self.kinds = [kind for kind, _ in MIX]
        self.kind_cumulative = [sum(share for _, share in MIX[: i + 1]) for i in range(len(MIX))]
        self.seen: set[str] = set()
        # Per phase: (kind, status or 0 for a connection error, X-Cache, latency in ms, first request of the address).
        self.records: dict[str, list[tuple[str, int, str | None, float, bool]]] = {p[0]: [] for p in self.phases}
        self.connection_errors: Counter[str] = Counter()

    def draw(self) -> tuple[str, str]:
        kind = self.kinds[bisect.bisect(self.kind_cumulative, self.rng.random() * self.kind_cumulative[-1])]
        cumulative = self.cumulative[kind]
        rank = bisect.bisect(cumulative, self.rng.random() * cumulative[-1])
        return kind, self.targets[kind][min(rank, len(cumulative) - 1)]

    async def connection(self) -> None:
        """One client connection: request after request until run (b) ends, reconnecting when the server closes."""
        kept = self.kept_alive()
        while (phase := self.phase_at(time.time())) is not None:
            kind, target = self.draw()
            first = target not in self.seen
            self.seen.add(target)
            request = (
                f"GET {target} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n"
                "User-Agent: bench-reader-traffic\r\nAccept: */*\r\n\r\n"
            ).encode()
            started = time.perf_counter()
            try:
                status, xcache = await kept.send(request)
            except CONNECTION_ERRORS as error:
                self.connection_errors[type(error).__name__] += 1
                self.records[phase].append((kind, 0, None, (time.perf_counter() - started) * 1000, first))
                continue
            self.records[phase].append((kind, status, xcache, (time.perf_counter() - started) * 1000, first))
        kept.close()

    async def run(self) -> dict[str, Any]:
        cpu = await self.run_connections([self.connection() for _ in range(self.config["connections"])])
        return {
            "phases": {name: self.summary(name, end - start, cpu) for name, start, end in self.phases},
            "connects": self.connects,
            "requests": sum(len(records) for records in self.records.values()),
            "connection_errors": dict(self.connection_errors),
        }

    def summary(self, phase: str, seconds: float, cpu: dict[str, float]) -> dict[str, Any]:
        records = self.records[phase]
        # Fates over every answer that has one: the cache may keep API answers as well as pages.
        answered = [r for r in records if r[1]]
        statuses = {kind: dict(Counter(r[1] for r in records if r[0] == kind)) for kind, _ in MIX}
        first = [r for r in answered if r[4]]
        return {
            "requests": len(records),
            "rps": len(records) / seconds,
            "p50": percentile([r[3] for r in records], 0.50),
            "p99": percentile([r[3] for r in records], 0.99),
            "p99_hit": percentile([r[3] for r in answered if r[2] == "hit"], 0.99),
            "fates": dict(Counter(r[2] or "absent" for r in answered)),
            "page_fates": dict(Counter(r[2] or "absent" for r in answered if r[0] in READER_KINDS)),
            "api_fates": dict(Counter(r[2] or "absent" for r in answered if r[0] == "api")),
            "first_time": len(first),
            "first_time_renders": sum(1 for r in first if r[2] == "miss"),
            "statuses": statuses,
            "connection_errors": sum(1 for r in records if not r[1]),
            "not_found": sum(1 for r in records if r[1] == 404),
            # Anything but 2xx and 3xx, except 404 (counted on its own): 4xx, 5xx.
            "http_errors": sum(1 for r in records if r[1] and not 200 <= r[1] < 400 and r[1] != 404),
            "cpu_per_wall": (cpu[f"{phase}:end"] - cpu[f"{phase}:start"]) / seconds,
        }


def run_client(config_path: Path) -> None:
    """The client process: send the mix until run (b) ends, then write its summary as JSON."""
    config = json.loads(config_path.read_text())
    try:
        result = asyncio.run(Traffic(config).run())
    except KeyboardInterrupt:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    Path(config["out"]).write_text(json.dumps(result))


# --- the publisher process ----------------------------------------------------------------------


def run_publisher(config_path: Path) -> None:
    """The publisher process: at each scheduled moment publish through Wagtail, alternating a new article
    in the hot section with a republish of the hottest article; write what it did as JSON."""
    config = json.loads(config_path.read_text())
    import django

    django.setup()
    from django.db import connection

    from newsroom.models import ArticlePage, SectionPage

    section = SectionPage.objects.get(slug=HOT_SECTION)
    log = []
    try:
        for n, moment in enumerate(config["moments"]):
            time.sleep(max(0.0, moment - time.time()))
            started = time.time()
            try:
                if n % 2 == 0:
                    title = f"快讯第{n // 2 + 1}号:胶东经济圈一体化再提速"
                    page = section.add_child(
                        instance=ArticlePage(
                            title=title,
                            slug=f"快讯-{n // 2 + 1}",
                            summary="胶东五市一体化发展。",
                            body=[("paragraph", "本报青岛讯 编辑刚刚发布的一篇稿件。")],
                        )
                    )
                    kind = "new article"
                else:
                    page = ArticlePage.objects.get(pk=config["hot_article_id"])
                    kind = "republish hottest"
                page.save_revision().publish()
                log.append({"kind": kind, "at": started, "seconds": time.time() - started, "url": page.url})
            except Exception as e:
                # Reported with the figures; the next publish still runs.
                log.append({"kind": "failed", "at": started, "seconds": time.time() - started, "error": repr(e)})
    except KeyboardInterrupt:
        pass
    finally:
        connection.close()
        Path(config["out"]).write_text(json.dumps(log))


# --- the report ---------------------------------------------------------------------------------


def _count(value: int | None) -> str:
    return "unknown" if value is None else str(value)


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _ratio(b: float | None, a: float | None) -> str:
    return "n/a" if a is None or b is None or a == 0 else f"{b / a:.2f}"


def cache_figures(summary: dict[str, Any]) -> tuple[float | None, int | None, int | None]:
    """Hit ratio ((hit + stale) / (hit + stale + miss)), renders (misses) and renders that were an
    address's first request, over pages and API answers; None for each when no response told its fate."""
    fates = summary["fates"]
    told = fates.get("hit", 0) + fates.get("stale", 0) + fates.get("miss", 0)
    if not told:
        return None, None, None
    return (fates.get("hit", 0) + fates.get("stale", 0)) / told, fates.get("miss", 0), summary["first_time_renders"]


def report(args: argparse.Namespace, result: dict[str, Any], publishes: list[dict], phase_b_start: float) -> None:
    a, b = result["phases"]["a"], result["phases"]["b"]
    hit_a, renders_a, first_renders_a = cache_figures(a)
    hit_b, renders_b, first_renders_b = cache_figures(b)
    done = [p for p in publishes if p["kind"] != "failed"]
    per_publish = "unknown (no X-Cache)" if renders_b is None else "n/a (no publish)"
    if renders_b is not None and done:
        per_publish = f"{(renders_b - first_renders_b) / len(done):.1f}"

    print()
    print("publishes in run (b), alternately a new article in 要闻 and a republish of the hottest article:")
    for p in publishes:
        what = p.get("url") or p.get("error")
        print(f"  +{p['at'] - phase_b_start:5.1f} s  {p['kind']:<17} {p['seconds']:5.2f} s  {what}")
    rows = [
        ("requests/s", f"{a['rps']:.1f}", f"{b['rps']:.1f}", _ratio(b["rps"], a["rps"])),
        ("requests", str(a["requests"]), str(b["requests"]), ""),
        ("p50 latency, ms", _ms(a["p50"]), _ms(b["p50"]), ""),
        ("p99 latency, ms", _ms(a["p99"]), _ms(b["p99"]), ""),
        ("p99 of cache hits, ms", _ms(a["p99_hit"]), _ms(b["p99_hit"]), ""),
        (
            "origin cache hit ratio",
            "unknown" if hit_a is None else f"{hit_a:.3f}",
            "unknown" if hit_b is None else f"{hit_b:.3f}",
            _ratio(hit_b, hit_a),
        ),
        ("renders (X-Cache: miss)", _count(renders_a), _count(renders_b), ""),
        ("addresses first requested", str(a["first_time"]), str(b["first_time"]), ""),
        ("  of them rendered then", _count(first_renders_a), _count(first_renders_b), ""),
        ("publishes", "0", f"{len(done)} (+{len(publishes) - len(done)} failed)", ""),
        ("renders per publish", "", per_publish, ""),
        ("errors (5xx, 4xx but 404)", str(a["http_errors"]), str(b["http_errors"]), ""),
        ("connection errors", str(a["connection_errors"]), str(b["connection_errors"]), ""),
        ("404s", str(a["not_found"]), str(b["not_found"]), ""),
        ("client CPU / wall", f"{a['cpu_per_wall']:.2f}", f"{b['cpu_per_wall']:.2f}", ""),
    ]
    print()
    print(
        f"{args.articles} articles, gunicorn -w 2 ({worker_kind(args.threads)}), {args.connections} connections, "
        f"{args.seconds} s per run after {args.warmup} s of warm-up; PostgreSQL, Redis page cache"
    )
    print(f"{'':28}{'(a) no publishes':>18}{f'(b) publish/{args.publish_every:g} s':>22}{'(b)/(a)':>10}")
    for label, left, right, ratio in rows:
        print(f"{label:28}{left:>18}{right:>22}{ratio:>10}")
    print()
    for name, summary in (("a", a), ("b", b)):
        statuses = "; ".join(
            f"{kind} " + ", ".join(f"{code or 'conn-err'}x{n}" for code, n in sorted(counts.items()))
            for kind, counts in summary["statuses"].items()
        )
        print(f"statuses ({name}): {statuses}")
        print(f"X-Cache ({name}): reader pages {summary['page_fates']}, API {summary['api_fates']}")
    if result["connection_errors"]:
        print(f"connection errors by type: {result['connection_errors']}")
    if hit_a is None:
        print("X-Cache absent: hit ratio, renders and p99 of hits are unknown (not guessed from latency).")
    else:
        print("hit ratio = (hit + stale) / (hit + stale + miss), pages and API; a render = an X-Cache: miss")
    print(
        f"client: {result['connects']} connections opened for {result['requests']} requests, warm-up included"
        + (" (gunicorn's sync worker closes each connection after its response)" if args.threads == 1 else "")
    )
    busy = max(a["cpu_per_wall"], b["cpu_per_wall"])
    verdict = "ABOVE 0.8 of a core: the client may limit throughput" if busy > 0.8 else "below 0.8 of a core"
    print(f"client CPU/wall: {busy:.2f} at most, {verdict}")


# --- the run ------------------------------------------------------------------------------------


def _raise_on_signal(signum: int, frame: FrameType | None) -> None:
    # SIGTERM and the overall alarm unwind through the cleanup in `orchestrate`, as Ctrl-C does.
    raise SystemExit(f"stopped by {signal.Signals(signum).name}")


def orchestrate(args: argparse.Namespace) -> None:
    """Build, start the server, client and publisher, report, and clean up whatever happens."""
    budget = SETUP_BUDGET + args.warmup + 2 * args.seconds + 120
    signal.signal(signal.SIGTERM, _raise_on_signal)
    signal.signal(signal.SIGALRM, _raise_on_signal)
    signal.alarm(budget)
    workdir = Path(tempfile.mkdtemp(prefix="reader_traffic_"))
    server = client = publisher = None
    created = False
    print(f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        database_url = fresh_postgres(BENCH_DB)
        created = True
        env = production_env(database_url)
        addresses = build(args.articles, env)
        flush_redis()

        if not port_is_free(args.port):
            raise SystemExit(f"something already listens on {HOST}:{args.port}: pass --port")
        log = workdir / "gunicorn.log"
        server = start_gunicorn(args.port, env, log, threads=args.threads)
        status = wait_until_answers(server, args.port, log)
        print(f"gunicorn answers on {HOST}:{args.port} (/robots.txt: {status})")

        # One clock for all: the client's phases and the publisher's moments are wall-clock times.
        start = time.time() + 3
        phase_a = start + args.warmup
        phase_b = phase_a + args.seconds
        end = phase_b + args.seconds
        client_config = {
            "port": args.port,
            "connections": args.connections,
            "seed": args.seed,
            "addresses": {kind: addresses[kind] for kind, _ in MIX},
            "phases": [["warmup", start, phase_a], ["a", phase_a, phase_b], ["b", phase_b, end]],
            "out": str(workdir / "client.json"),
        }
        publisher_config = {
            "moments": [phase_b + k * args.publish_every for k in range(math.ceil(args.seconds / args.publish_every))],
            "hot_article_id": addresses["hot_article_id"],
            "out": str(workdir / "publisher.json"),
        }
        (workdir / "client-config.json").write_text(json.dumps(client_config))
        (workdir / "publisher-config.json").write_text(json.dumps(publisher_config))
        me = [sys.executable, str(Path(__file__).resolve())]
        client = subprocess.Popen([*me, "--role=client", f"--config={workdir / 'client-config.json'}"], cwd=ROOT)
        publisher = subprocess.Popen(
            [*me, "--role=publisher", f"--config={workdir / 'publisher-config.json'}"], cwd=ROOT, env=env
        )
        print(
            f"traffic: {args.warmup} s warm-up, then (a) {args.seconds} s, then (b) {args.seconds} s "
            f"with {len(publisher_config['moments'])} publishes"
        )
        client.wait(end - time.time() + REQUEST_TIMEOUT + 30)
        publisher.wait(60)
        if client.returncode or not (workdir / "client.json").exists():
            raise SystemExit(f"the client failed (exit {client.returncode})")
        if not (workdir / "publisher.json").exists():
            raise SystemExit(f"the publisher failed (exit {publisher.returncode})")
        result = json.loads((workdir / "client.json").read_text())
        publishes = json.loads((workdir / "publisher.json").read_text())
        report(args, result, publishes, phase_b)

        server_log = log.read_text(errors="replace")
        tracebacks = server_log.count("Traceback (most recent call last)")
        if tracebacks:
            last = [line for line in server_log.splitlines() if line and not line.startswith(" ")][-1]
            print(f"server log: {tracebacks} tracebacks; last: {last[:200]}")
        extra = ["--warmup", str(args.warmup), "--publish-every", f"{args.publish_every:g}", "--port", str(args.port)]
        explicit = ["--articles", str(args.articles), "--seconds", str(args.seconds)]
        explicit += ["--connections", str(args.connections), *extra, "--threads", str(args.threads)]
        print(f"load average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("command: .venv/bin/python bench/reader_traffic.py " + shlex.join(explicit))
    finally:
        signal.alarm(0)
        stop(client)
        stop(publisher)
        stop(server)
        if created:
            from django.apps import apps

            if apps.ready:
                from django.db import connections

                connections.close_all()
            drop_postgres(BENCH_DB)
            flush_redis()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=60, help="length of each run, (a) and (b)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=15, help="seconds of the same mix before run (a)")
    parser.add_argument("--publish-every", type=float, default=10, help="seconds between publishes in run (b)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (1: sync workers)")
    parser.add_argument("--seed", type=int, default=20201130)
    # The same file runs as the client and the publisher processes.
    parser.add_argument("--role", choices=("client", "publisher"), help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "client":
        run_client(args.config)
    elif args.role == "publisher":
        run_publisher(args.config)
    else:
        try:
            orchestrate(args)
        except KeyboardInterrupt:
            # The cleanup in orchestrate has run: say so instead of a traceback.
            raise SystemExit("interrupted: gunicorn, the client, the publisher and the database are gone") from None


if __name__ == "__main__":
    main()
