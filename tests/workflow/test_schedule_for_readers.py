"""Every reader-facing address honours go-live and expiry at request time, with the scheduler never run.

Pages, section and home fronts, reporter and tag pages, search, feeds, sitemaps and every API
endpoint: a scheduled article is nowhere before its time and everywhere a minute after; an
expiring one is everywhere before and nowhere a minute after. Nobody runs `publish_scheduled`.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset

from newsroom.models import ArticlePage, SchedulerRun
from tests.factories import ReporterPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db

SCHEDULED = "青岛蓝色硅谷明早八点发布"
EXPIRING = "青岛海洋牧场今晚到期下线"
ALWAYS = "青岛港口早已发布的新闻"
TAG = "海洋经济"


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


@pytest.fixture
def newsroom(login, editor, own_section):
    """Through the editor: one article always visible, and the article under test timed an hour ahead."""

    def publish(title: str, slug: str, timing: str) -> dict:
        reporter = ReporterPageFactory(title="肖芳", slug="xiaofang")
        at = _minute(timezone.now() + timedelta(hours=1))
        when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
        byline = inline_formset([{"reporter": reporter.pk, "role": "本报记者", "ORDER": "1"}])
        for article_title, article_slug, schedule in ((ALWAYS, "always", {}), (title, slug, {timing: when})):
            response = login(editor).post(
                f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
                article_form(
                    title=article_title,
                    slug=article_slug,
                    bylines=byline,
                    tags=TAG,
                    **schedule,
                    **{"action-publish": "1"},
                ),
            )
            assert response.status_code == 302
        pages = {page.slug: page for page in ArticlePage.objects.all()}
        return {
            "at": at,
            "section": own_section,
            "reporter": reporter,
            "article": pages[slug],
            "always": pages["always"],
        }

    return publish


def _lists(newsroom) -> dict[str, str]:
    """Every reader address that lists articles, by what it is."""
    section = newsroom["section"].slug
    return {
        "channel home": "/",
        "section front": newsroom["section"].url,
        "reporter page": newsroom["reporter"].url,
        "tag page": f"/tags/{TAG}/",
        "site search": "/search/?q=青岛",
        "channel feed": "/feed/",
        "section feed": f"/feed/{section}/",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
        "API home": "/api/v1/home",
        "API articles": "/api/v1/articles",
        "API articles by section": f"/api/v1/articles?section={section}",
        "API articles by reporter": "/api/v1/articles?reporter=xiaofang",
        "API articles by tag": f"/api/v1/articles?tag={TAG}",
        "API reporter": "/api/v1/reporters/xiaofang",
        "API search": "/api/v1/search?q=青岛",
    }


def _shows(body: str, article: ArticlePage) -> bool:
    # Lists show the title; sitemaps only the address.
    return article.title in body or f"/{article.slug}/" in body


def _counts(client: Client, newsroom) -> tuple[int, int, int]:
    section = newsroom["section"].slug
    sections = {s["slug"]: s["article_count"] for s in client.get("/api/v1/sections").json()}
    reporters = {r["slug"]: r["article_count"] for r in client.get("/api/v1/reporters").json()}
    return (
        sections[section],
        client.get(f"/api/v1/sections/{section}").json()["article_count"],
        reporters["xiaofang"],
    )


def _reader_sees(newsroom, article: ArticlePage) -> dict[str, bool]:
    client = Client()  # a reader: no login, the page cache in front as in production
    seen = {}
    for name, url in _lists(newsroom).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        seen[name] = _shows(response.content.decode(), article)
    seen["article page"] = client.get(article.url).status_code == 200
    seen["API article"] = client.get(f"/api/v1/articles/{article.pk}").status_code == 200
    return seen


def test_a_scheduled_article_appears_everywhere_at_its_time_without_the_scheduler(newsroom):
    newsroom = newsroom(SCHEDULED, "scheduled", "go_live_at")
    article, always = newsroom["article"], newsroom["always"]
    assert [name for name, seen in _reader_sees(newsroom, article).items() if seen] == []
    assert all(_reader_sees(newsroom, always).values())
    counts_before = _counts(Client(), newsroom)

    with time_machine.travel(newsroom["at"] + timedelta(minutes=1), tick=False):
        assert [name for name, seen in _reader_sees(newsroom, article).items() if not seen] == []
        assert _counts(Client(), newsroom) == tuple(n + 1 for n in counts_before)
    assert not SchedulerRun.objects.exists()


def test_an_expiring_article_disappears_everywhere_at_its_time_without_the_scheduler(newsroom):
    newsroom = newsroom(EXPIRING, "expiring", "expire_at")
    article = newsroom["article"]
    assert [name for name, seen in _reader_sees(newsroom, article).items() if not seen] == []
    counts_before = _counts(Client(), newsroom)

    with time_machine.travel(newsroom["at"] + timedelta(minutes=1), tick=False):
        assert [name for name, seen in _reader_sees(newsroom, article).items() if seen] == []
        assert _counts(Client(), newsroom) == tuple(n - 1 for n in counts_before)
    article.refresh_from_db()
    assert article.live  # nobody ran the scheduler: only the reader's clock moved


def test_a_page_cached_just_before_go_live_shows_the_article_just_after(newsroom):
    newsroom = newsroom(SCHEDULED, "scheduled", "go_live_at")
    with time_machine.travel(newsroom["at"] - timedelta(minutes=1), tick=False):
        assert not any(_reader_sees(newsroom, newsroom["article"]).values())
    with time_machine.travel(newsroom["at"] + timedelta(minutes=1), tick=False):
        assert [name for name, seen in _reader_sees(newsroom, newsroom["article"]).items() if not seen] == []
