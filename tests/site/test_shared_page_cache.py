"""With PAGE_CACHE_URL set, separate server processes serve from one page cache (Redis), and a publish
in any process purges what shows the page for all of them: two real servers, a third process publishing.

(`tests/readers/` holds the retractions, seen by every worker of one gunicorn.)
"""

import os
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import redis

from tests.browser import runserver
from tests.conftest import require_system_part
from tests.servers import MANAGE, database_of_its_own, environment, fetch, manage, redis_answers, seed

TITLE = "以模式创新保持引领优势"
ARTICLE = "/jingji/" + quote(TITLE) + "/"
SECTION = "/jingji/"
# Each server process shows the article on these addresses.
SHOWING = (ARTICLE, SECTION, "/")
# A database of its own on the Redis server, emptied before the test.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def get(server: str, path: str) -> str:
    # Both servers are reached under one public name, as behind a load balancer.
    answer = fetch(server, path, headers={"Host": "127.0.0.1"})
    assert answer.status == 200, f"{server}{path} answered {answer.status}"
    return answer.text


def shell(env: dict[str, str], *lines: str) -> None:
    manage(env, "shell", "-c", "\n".join(lines))


@pytest.fixture
def shared_cache_servers(tmp_path) -> Iterator[tuple[str, str, dict[str, str]]]:
    require_system_part(redis_answers(REDIS_URL), "Redis", "apt-get install redis-server (or set TEST_REDIS_URL)")
    redis.Redis.from_url(REDIS_URL).flushdb()
    # SQLite, or a PostgreSQL database of its own when the suite runs on PostgreSQL.
    with database_of_its_own(tmp_path) as database:
        seed(database)
        env = environment(database, page_cache_url=REDIS_URL)
        with (
            runserver(MANAGE, env, ready_path="/robots.txt") as first,
            runserver(MANAGE, env, ready_path="/robots.txt") as second,
        ):
            yield first, second, env


def test_a_page_one_process_rendered_is_served_by_another_until_a_publish_anywhere_purges_it(shared_cache_servers):
    first, second, env = shared_cache_servers
    for path in SHOWING:
        assert TITLE in get(first, path)

    # A change no publish announced (a queryset update sends no signal) stays unseen while the
    # cached pages live: the second server, which never rendered them, reads the first one's.
    shell(env, "from wagtail.models import Page", f"Page.objects.filter(title='{TITLE}').update(title='悄悄改的标题')")
    for path in SHOWING:
        assert TITLE in get(second, path), f"the second server rendered {path} instead of reading the shared cache"

    # A publish in a third process, as an editor's on a third server would, reaches both.
    shell(
        env,
        "from newsroom.models import ArticlePage",
        f"page = ArticlePage.objects.get(slug='{TITLE}')",
        "page.title = '以模式创新保持领先优势'",
        "page.save_revision().publish()",
    )
    for server in (second, first):
        for path in SHOWING:
            page = get(server, path)
            assert "以模式创新保持领先优势" in page and TITLE not in page, f"{server}{path} still shows the old title"
