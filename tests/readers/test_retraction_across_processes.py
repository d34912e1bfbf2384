"""An article retracted through Wagtail in one process is gone, on the next request, from every address
that showed it, whichever worker of a server sharing one Redis page cache answers.

One gunicorn with two worker processes serves the seed edition from a database of its own; a third
process (`manage.py shell`) unpublishes, makes private, moves or deletes an article with Wagtail's own
actions. Every address is requested until both workers have answered it: before, each must show the
article (so every worker has served it and the cache holds it); after, none may.
"""

from __future__ import annotations

import html
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pytest
import redis

from tests.conftest import require_system_part
from tests.servers import (
    Answer,
    Database,
    Server,
    database_of_its_own,
    environment,
    gunicorn,
    manage,
    redis_answers,
)

# A Redis database of its own, emptied before the server starts.
REDIS_URL = os.environ.get("TEST_REDIS_READERS_URL", "redis://127.0.0.1:6379/14")
# Each address is asked at least this often, and on until every worker has answered it.
REQUESTS_PER_ADDRESS = 6
MAX_REQUESTS_PER_ADDRESS = 50

# Wagtail's own actions, as the admin runs them: `page` is the article, `target` another section.
RETRACTIONS = {
    "unpublish": "page.unpublish()",
    "make_private": "PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)",
    "move": "page.move(target, pos='last-child')",
    "delete": "page.delete()",
}

# What the seed edition holds, read from the database rather than through the cache under test.
LIST_SEED = """
import json
from newsroom.models import ArticlePage, SectionPage
path = lambda page: page.get_url_parts()[2]  # percent-encoded by Django's reverse()
print(json.dumps({
    "sections": [{"id": s.pk, "slug": s.slug, "path": path(s)} for s in SectionPage.objects.live().public()],
    "articles": [
        {"id": a.pk, "title": a.title, "path": path(a), "section": a.get_parent().slug}
        for a in ArticlePage.objects.live().public().order_by("-first_published_at", "-pk")
    ],
}))
"""


@dataclass(frozen=True)
class Section:
    id: int
    slug: str
    path: str


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    # Percent-encoded, as links, feeds and the API write it.
    path: str
    section: str


@dataclass
class Site:
    server: Server
    env: dict[str, str]
    sections: dict[str, Section]
    # Newest first; each test takes one no other test has touched.
    articles: list[Article]


# A check reads one answer and names what is wrong with it, or returns None.
Check = Callable[[Answer], str | None]


@pytest.fixture(scope="module")
def site(seeded_database: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The seed edition served by one gunicorn with two workers on a shared Redis page cache."""
    require_system_part(redis_answers(REDIS_URL), "Redis", "apt-get install redis-server (or TEST_REDIS_READERS_URL)")
    redis.Redis.from_url(REDIS_URL).flushdb()
    workdir = tmp_path_factory.mktemp("retraction")
    with database_of_its_own(workdir, copy_of=seeded_database) as database:
        env = environment(database, page_cache_url=REDIS_URL)
        seed = json.loads(manage(env, "shell", "-c", LIST_SEED).strip().splitlines()[-1])
        with gunicorn(env, workdir, workers=2) as server:
            yield Site(
                server=server,
                env=env,
                sections={s["slug"]: Section(**s) for s in seed["sections"]},
                articles=[Article(**a) for a in seed["articles"]],
            )


def mentions(text: str, title: str) -> bool:
    return title in text or html.escape(title) in text


def shows_page(article: Article) -> Check:
    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"answered {answer.status}, not 200"
        return None if mentions(answer.text, article.title) else "is not the article's page"

    return check


def answers(status: int, *, redirect_containing: str = "") -> Check:
    def check(answer: Answer) -> str | None:
        location = answer.headers.get("Location", "")
        if answer.status != status or redirect_containing not in location:
            return f"answered {answer.status} {location}".rstrip() + f", not {status} {redirect_containing}".rstrip()
        return None

    return check


def no_longer_there(moved: str) -> Check:
    """The old address of a moved article: 404, or (Wagtail's redirects app, on by default:
    WAGTAILREDIRECTS_AUTO_CREATE) a redirect to its new address; never the article from the cache."""

    def check(answer: Answer) -> str | None:
        location = urlsplit(answer.headers.get("Location", "")).path
        if answer.status == 404 or (answer.status in (301, 302) and location == moved):
            return None
        said = f"answered {answer.status} {unquote(location)}".rstrip()
        return f"{said}, not 404 or a redirect to {unquote(moved)}"

    return check


def lists(article: Article, *, at: str | None = None) -> Check:
    """A page or feed that lists the article, linking it at `at` (after a move) and not where it was."""
    path = at or article.path

    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"answered {answer.status}, not 200"
        if not mentions(answer.text, article.title):
            return "does not list the article"
        if path not in answer.text:
            return f"does not link {unquote(path)}"
        if path != article.path and article.path in answer.text:
            return f"still links the old address {unquote(article.path)}"
        return None

    return check


def omits(article: Article) -> Check:
    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"answered {answer.status}, not 200"
        if mentions(answer.text, article.title):
            return "still lists the article"
        return f"still links {unquote(article.path)}" if article.path in answer.text else None

    return check


def api_item(answer: Answer, article: Article) -> dict | None:
    """The article in an API answer: a list's envelope or one article's detail."""
    data = json.loads(answer.text)
    items = data.get("items", [data])
    return next((item for item in items if item.get("id") == article.id), None)


def api_lists(article: Article, *, section: str | None = None, at: str | None = None) -> Check:
    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"answered {answer.status}, not 200"
        if (item := api_item(answer, article)) is None:
            return f"does not give article {article.id}"
        if item["section"]["slug"] != (section or article.section):
            return f"gives it in section {item['section']['slug']}"
        if urlsplit(item["url"]).path != (at or article.path):
            return f"gives its url as {unquote(item['url'])}"
        return None

    return check


def api_omits(article: Article) -> Check:
    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"answered {answer.status}, not 200"
        return None if api_item(answer, article) is None else f"still gives article {article.id}"

    return check


def on_every_worker(server: Server, expectations: list[tuple[str, Check]]) -> list[str]:
    """Ask each address until every worker has answered it; what was wrong, once per address and problem."""
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    problems = []
    for path, check in expectations:
        # The next request alone, as a reader's; then two at a time, so that both workers take some
        # (one after another, the same worker may take them all).
        answers = [server.get(path)]
        while len(answers) < REQUESTS_PER_ADDRESS or len({a.worker for a in answers}) < server.workers:
            if len(answers) >= MAX_REQUESTS_PER_ADDRESS:
                workers = {a.worker for a in answers}
                problems.append(f"{unquote(path)}: only worker {workers} answered {len(answers)} requests")
                break
            answers += server.get_together(path, 2)
        for answer in answers:
            if (problem := check(answer)) is not None:
                found[unquote(path), problem].add(answer.worker)
    problems += [f"{path} {problem} (worker {sorted(pids)})" for (path, problem), pids in found.items()]
    if any(" 500" in problem for problem in problems):
        problems.append("server log:\n" + server.errors())
    return problems


def retract(site: Site, retraction: str, article: Article, target: Section | None) -> None:
    """Run the retraction in a process of its own, as an editor's request to another server would."""
    script = [
        "from wagtail.models import Page, PageViewRestriction",
        f"page = Page.objects.get(pk={article.id}).specific",
        f"target = Page.objects.get(pk={target.id}).specific" if target else "",
        RETRACTIONS[retraction],
    ]
    manage(site.env, "shell", "-c", "\n".join(script))


@pytest.mark.parametrize("retraction", RETRACTIONS)
def test_after_a_retraction_in_another_process_no_worker_shows_the_article_where_it_was(site, retraction):
    article = site.articles.pop(0)
    section = site.sections[article.section]
    section_feed = f"/feed/{section.slug}/"
    target = None
    if retraction == "move":
        # The emptiest other section: its page lists every article it has, the moved one included.
        counts = {slug: sum(a.section == slug for a in site.articles) for slug in site.sections}
        target = min((s for s in site.sections.values() if s != section), key=lambda s: (counts[s.slug], s.slug))

    showing = [
        (article.path, shows_page(article)),
        (section.path, lists(article)),
        ("/", lists(article)),
        ("/feed/", lists(article)),
        (section_feed, lists(article)),
        ("/api/v1/articles", api_lists(article)),
        (f"/api/v1/articles/{article.id}", api_lists(article)),
    ]
    if target is not None:
        showing += [(target.path, omits(article)), (f"/feed/{target.slug}/", omits(article))]
    problems = on_every_worker(site.server, showing)
    assert not problems, "before the retraction:\n" + "\n".join(problems)
    # Every worker has stored or read these pages in the shared cache, not in memory of its own.
    assert redis.Redis.from_url(REDIS_URL).dbsize() > 0, "nothing was stored in the shared page cache"

    retract(site, retraction, article, target)

    gone = [
        (section.path, omits(article)),
        (section_feed, omits(article)),
    ]
    if target is None:
        private = retraction == "make_private"
        gone += [
            (article.path, answers(302, redirect_containing="login") if private else answers(404)),
            ("/", omits(article)),
            ("/feed/", omits(article)),
            ("/api/v1/articles", api_omits(article)),
            (f"/api/v1/articles/{article.id}", answers(404)),
        ]
    else:
        moved = target.path + article.path.rstrip("/").rsplit("/", 1)[1] + "/"
        gone += [
            (article.path, no_longer_there(moved)),
            (moved, shows_page(article)),
            (target.path, lists(article, at=moved)),
            (f"/feed/{target.slug}/", lists(article, at=moved)),
            ("/", lists(article, at=moved)),
            ("/feed/", lists(article, at=moved)),
            ("/api/v1/articles", api_lists(article, section=target.slug, at=moved)),
            (f"/api/v1/articles/{article.id}", api_lists(article, section=target.slug, at=moved)),
        ]
    problems = on_every_worker(site.server, gone)
    assert not problems, f"after {retraction} of {article.title} in another process:\n" + "\n".join(problems)
