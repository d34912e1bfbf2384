"""The full-page cache: anonymous readers get stored pages with CDN headers; publishing purges them."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import ArticlePage
from tests.factories import ArticleBylineFactory, ArticlePageFactory, ReporterPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def test_a_second_anonymous_read_comes_from_the_cache_without_queries(client, channel):
    article = ArticlePageFactory(title="缓存中的稿件")
    first, first_queries = queries_for(client, article.url)
    again, queries = queries_for(client, article.url)
    assert first_queries > 0
    assert queries == 0
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_anonymous_pages_carry_cache_control_fit_for_a_cdn(client, channel):
    article = ArticlePageFactory()
    for response in (client.get(article.url), client.get(article.url)):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"public", "max-age=60", "s-maxage=300"} <= directives


def test_publishing_a_change_purges_the_article_and_every_page_showing_it(
    client, channel, django_capture_on_commit_callbacks
):
    section = SectionPageFactory(title="经济", slug="jingji")
    article = ArticlePageFactory(parent=section, title="旧标题")
    urls = [article.url, section.url, "/", "/feed/", "/sitemap.xml"]
    for url in urls:
        assert "旧标题" in client.get(url).content.decode() or url == "/sitemap.xml"
    article = ArticlePage.objects.get(pk=article.pk)
    article.title = "新标题"
    # Purged once the publish commits, as in production.
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    for url in urls[:4]:
        body = client.get(url).content.decode()
        assert "新标题" in body and "旧标题" not in body, url


def test_unpublishing_removes_the_article_from_cached_listings(client, channel):
    article = ArticlePageFactory(title="即将撤下的稿件")
    url = article.url
    assert "即将撤下的稿件" in client.get("/").content.decode()
    article.unpublish()
    assert "即将撤下的稿件" not in client.get("/").content.decode()
    assert client.get(url).status_code == 404


def test_publishing_a_reporter_purges_articles_that_name_them(client, channel, django_capture_on_commit_callbacks):
    reporter = ReporterPageFactory(title="肖芳")
    article = ArticleBylineFactory(reporter=reporter, role="本报记者").page
    assert "肖芳" in client.get(article.url).content.decode()
    reporter.title = "肖芳芳"
    with django_capture_on_commit_callbacks(execute=True):
        reporter.save_revision().publish()
    assert "肖芳芳" in client.get(article.url).content.decode()


def test_a_draft_save_keeps_the_cache(client, channel):
    article = ArticlePageFactory(title="已发布标题")
    client.get(article.url)
    article = ArticlePage.objects.get(pk=article.pk)
    article.title = "草稿标题"
    article.save_revision()
    response, queries = queries_for(client, article.url)
    assert queries == 0
    assert "已发布标题" in response.content.decode()


def test_signed_in_editors_are_never_served_or_stored_in_the_cache(client, channel):
    article = ArticlePageFactory(title="编辑看到的稿件")
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    response, _ = queries_for(client, article.url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    _, queries = queries_for(client, article.url)
    assert queries > 0
    client.logout()
    client.cookies.clear()
    _, anonymous_queries = queries_for(client, article.url)
    assert anonymous_queries > 0


def test_previews_are_not_cached(admin_client, channel):
    article = ArticlePageFactory(title="预览稿件")
    url = f"/admin/pages/{article.pk}/edit/preview/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_error_pages_are_not_stored(client, channel):
    queries_for(client, "/no-such-page/")
    response, again = queries_for(client, "/no-such-page/")
    assert response.status_code == 404
    # Rendered again (the site's outline is kept, the 404 page is not).
    assert again > 0


def test_the_navigation_follows_publishing_at_once(client, channel):
    section = SectionPageFactory(title="旧栏目")
    article = ArticlePageFactory(parent=section)
    assert "旧栏目" in client.get(article.url).content.decode()
    section.unpublish()
    other = ArticlePageFactory(title="另一篇")
    body = client.get(other.url).content.decode()
    assert "旧栏目" not in body
    assert client.get(article.url).status_code == 404


def ages(response) -> dict[str, int]:
    pairs = (d.strip().partition("=") for d in response["Cache-Control"].split(","))
    return {name: int(value) for name, _, value in pairs if value}


def test_a_go_live_time_ahead_shortens_what_caches_may_keep(client, channel):
    ArticlePageFactory(title="已发布稿件")
    ArticlePageFactory(title="稍后发布", go_live_at=timezone.now() + timedelta(seconds=100))
    start = timezone.now()
    response = client.get("/")
    assert "稍后发布" not in response.content.decode()
    assert "stale-while-revalidate" not in response["Cache-Control"]
    assert ages(response)["max-age"] == 60
    assert 95 <= ages(response)["s-maxage"] <= 100
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        cached, queries = queries_for(client, "/")
        assert queries == 0
        assert ages(cached)["s-maxage"] <= 40
    with time_machine.travel(start + timedelta(seconds=101), tick=False):
        assert "稍后发布" in client.get("/").content.decode()
