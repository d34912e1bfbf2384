"""With its page cache unreachable the site still answers every reader, promptly: a cache is a speed-up,
never a dependency. A real server whose PAGE_CACHE_URL names a port where nothing listens, and one
whose cache takes connections but never answers (a Redis that froze)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

from tests.browser import free_port
from tests.servers import Database, Server, database_of_its_own, environment, gunicorn

# Readers' addresses in the seed edition (seeds/), one of each kind the cache serves.
ADDRESSES = {
    "home": "/",
    "article": "/jingji/" + quote("以模式创新保持引领优势") + "/",
    "section": "/jingji/",
    "feed": "/feed/",
    "api_articles": "/api/v1/articles",
    "api_search": "/api/v1/search?q=" + quote("青岛"),
}
# "Within a few seconds": a request may pay for a refused connection, never wait on a dead cache.
SECONDS = 3


@contextmanager
def cache_that_never_answers(kind: str) -> Iterator[str]:
    """A PAGE_CACHE_URL whose connections are refused, or accepted and then left unanswered."""
    if kind == "refused":
        # Nothing listens there.
        yield f"redis://127.0.0.1:{free_port()}/0"
        return
    with socket.socket() as listener:
        # Listening but never reading: the kernel completes each connection, no reply ever comes.
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


@pytest.fixture(scope="module", params=["refused", "silent"])
def server_without_its_cache(request, seeded_database: Database, tmp_path_factory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("cache-down")
    with (
        cache_that_never_answers(request.param) as dead_cache,
        database_of_its_own(workdir, copy_of=seeded_database) as database,
        gunicorn(environment(database, page_cache_url=dead_cache), workdir, workers=1) as server,
    ):
        yield server


@pytest.mark.parametrize("address", ADDRESSES.values(), ids=ADDRESSES.keys())
def test_a_reader_gets_the_page_within_seconds_while_the_page_cache_is_down(server_without_its_cache, address):
    # Twice: a failed store after the first answer must not spoil the second.
    for _ in range(2):
        try:
            answer = server_without_its_cache.get(address, timeout=5 * SECONDS)
        except TimeoutError:
            pytest.fail(f"{address} gave no answer within {5 * SECONDS} s: the request waits on the cache")
        assert answer.status == 200, f"{address} answered {answer.status}:\n{server_without_its_cache.errors()}"
        assert answer.seconds < SECONDS, f"{address} took {answer.seconds:.1f} s"
