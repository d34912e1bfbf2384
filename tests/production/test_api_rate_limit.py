"""The app API's search is limited per client: 429 JSON in Chinese with Retry-After past the limit, the client
read from X-Forwarded-For only behind a trusted proxy, answers from the reader cache not counted, and a
counting cache that is down never costs a search. On LocMem (`make run`) and on Redis (production)."""

import logging
import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from newsroom.throttling import search_throttle
from tests.conftest import require_system_part

pytestmark = pytest.mark.django_db

LIMIT = 3
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
# Addresses from the documentation ranges (RFC 5737): only ever values in a test request's headers.
PROXY = "127.0.0.1"
READER_A = "198.51.100.7"
READER_B = "203.0.113.9"
_queries = iter(range(1_000_000))


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def redis_cache() -> dict:
    # A key prefix of its own: counts left by an earlier run (they live a minute) are not seen.
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-ratelimit-{uuid.uuid4().hex}",
    }


@pytest.fixture(params=["locmem", "redis"])
def counting_cache(request, settings):
    """The cache the counters live in: each process's own memory, or Redis as in production."""
    if request.param == "redis":
        require_system_part(redis_answers(), "Redis", "apt-get install redis-server (or set TEST_REDIS_URL)")
        settings.CACHES = {**settings.CACHES, "ratelimit": redis_cache()}
    return request.param


@pytest.fixture(autouse=True)
def limit(settings):
    settings.NEWSROOM_SEARCH_RATE_LIMIT = f"{LIMIT}/m"
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 0
    # The in-memory counters outlive each test, like the reader cache.
    caches["ratelimit"].clear()
    # A test that broke the cache leaves the throttle waiting out its retry delay: not the next test's.
    search_throttle._down_until = 0.0
    yield
    search_throttle._down_until = 0.0


def search(client: Client, query: str | None = None, **headers: str):
    """One search the reader cache has not seen (unless `query` repeats one): a rendered answer."""
    query = query or f"青岛{next(_queries)}"
    return client.get("/api/v1/search", {"q": query}, **headers)


def test_past_the_limit_a_client_gets_429_json_in_chinese_with_retry_after(counting_cache):
    client = Client(REMOTE_ADDR=READER_A)
    assert [search(client).status_code for _ in range(LIMIT)] == [200] * LIMIT

    refused = search(client)

    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": f"请求太频繁,请 {refused['Retry-After']} 秒后再试"}
    # Neither the reader cache nor a CDN may keep a refusal for other readers.
    assert "no-store" in refused["Cache-Control"]
    assert search(client).status_code == 429


def test_another_client_is_not_limited_by_the_first(counting_cache):
    first, second = Client(REMOTE_ADDR=READER_A), Client(REMOTE_ADDR=READER_B)
    for _ in range(LIMIT + 1):
        search(first)
    assert search(first).status_code == 429
    assert search(second).status_code == 200


def test_answers_from_the_reader_cache_are_not_counted(counting_cache):
    client = Client(REMOTE_ADDR=READER_A)
    repeated = [search(client, "崂山") for _ in range(LIMIT * 3)]
    assert [r.status_code for r in repeated] == [200] * (LIMIT * 3)
    assert [r["X-Cache"] for r in repeated[1:]] == ["hit"] * (LIMIT * 3 - 1)

    # Only the first of those was rendered: the client has LIMIT - 1 new searches left.
    assert [search(client).status_code for _ in range(LIMIT - 1)] == [200] * (LIMIT - 1)
    assert search(client).status_code == 429


def test_without_a_trusted_proxy_a_spoofed_x_forwarded_for_does_not_reset_the_limit(counting_cache):
    client = Client(REMOTE_ADDR=READER_A)
    statuses = [search(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(LIMIT + 2)]
    assert statuses == [200] * LIMIT + [429, 429]


def test_behind_a_trusted_proxy_two_clients_are_counted_apart(settings, counting_cache):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR=PROXY)
    for _ in range(LIMIT):
        assert search(proxy, HTTP_X_FORWARDED_FOR=READER_A).status_code == 200
    assert search(proxy, HTTP_X_FORWARDED_FOR=READER_A).status_code == 429

    # The proxy appends the address it saw: what the client wrote before it changes nothing.
    assert search(proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {READER_A}").status_code == 429
    assert search(proxy, HTTP_X_FORWARDED_FOR=READER_B).status_code == 200


def test_with_the_counting_cache_down_searches_still_answer(settings, caplog):
    # Nothing listens on port 1: every connection is refused, as when Redis is down.
    settings.CACHES = {**settings.CACHES, "ratelimit": {**redis_cache(), "LOCATION": "redis://127.0.0.1:1/0"}}
    client = Client(REMOTE_ADDR=READER_A)

    with caplog.at_level(logging.WARNING, logger="newsroom.throttling"):
        statuses = [search(client).status_code for _ in range(LIMIT + 2)]

    assert statuses == [200] * (LIMIT + 2)
    assert "rate limit cache unavailable" in caplog.text


def test_the_sites_search_page_shares_the_limit_and_says_so_in_chinese(counting_cache):
    """The reader site's /search/ runs the same ranked search (and more): the same count per client."""
    client = Client(REMOTE_ADDR=READER_A)
    pages = [client.get("/search/", {"q": f"青岛{next(_queries)}"}) for _ in range(LIMIT)]
    assert [page.status_code for page in pages] == [200] * LIMIT
    assert search(client).status_code == 429  # the app's search, same client: the same count

    refused = client.get("/search/", {"q": f"青岛{next(_queries)}"})
    assert refused.status_code == 429
    assert f"搜索太频繁,请 {refused['Retry-After']} 秒后再试" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    # The search form without a query, and other readers, are not refused.
    assert client.get("/search/").status_code == 200
    assert Client(REMOTE_ADDR=READER_B).get("/search/", {"q": "青岛"}).status_code == 200
