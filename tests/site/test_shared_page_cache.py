"""With PAGE_CACHE_URL set, every server process serves from one page cache (Redis), and one purge
empties it for all of them: two real servers, a third process publishing."""

import os
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings

from tests.browser import runserver
from tests.conftest import require_system_part

ARTICLE = "/jingji/" + quote("以模式创新保持引领优势") + "/"
TITLE = "以模式创新保持引领优势"
# A database of its own on the Redis server, emptied before the test.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def redis_answers(url: str) -> bool:
    address = urlsplit(url)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def get(server: str, path: str) -> str:
    # Both servers are reached under one public name, as behind a load balancer.
    request = urllib.request.Request(server + path, headers={"Host": "127.0.0.1"})  # noqa: S310 - our own servers
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own servers
        return response.read().decode()


@pytest.fixture
def shared_cache_servers(tmp_path):
    require_system_part(redis_answers(REDIS_URL), "Redis", "apt-get install redis-server (or set TEST_REDIS_URL)")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    database = tmp_path / "db.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "PAGE_CACHE_URL": REDIS_URL}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def run(*command: str) -> None:
        subprocess.run([*manage, *command], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)

    run("migrate", "--noinput", "-v0")
    run("import_edition", "seeds/", "-v0")
    with (
        runserver(manage, env, ready_path="/robots.txt") as first,
        runserver(manage, env, ready_path="/robots.txt") as second,
    ):
        yield first, second, database, run


def test_a_page_one_process_rendered_is_served_by_another_until_a_publish_anywhere_purges_it(shared_cache_servers):
    first, second, database, run = shared_cache_servers
    assert TITLE in get(first, ARTICLE)

    # A change no publish announced (straight into the database) stays unseen while the cached page lives...
    with sqlite3.connect(database) as db:
        db.execute("UPDATE wagtailcore_page SET title = '以模式创新保持领先优势' WHERE title = ?", (TITLE,))
    assert TITLE in get(second, ARTICLE), "the second server rendered the page instead of reading the shared cache"

    # ...until any process starts a new generation, as publishing does.
    run("shell", "-c", "from newsroom.site.cache import purge_reader_pages; purge_reader_pages()")
    for server in (second, first):
        page = get(server, ARTICLE)
        assert "以模式创新保持领先优势" in page and TITLE not in page
