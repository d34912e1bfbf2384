"""The cases where a change shows on pages other than its own: related lists, the navigation, old
addresses, and what a kept answer may say about hosts and lifetimes.

In process, on the test settings' page cache (locmem); `X-Cache` says where each answer came from.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from newsroom.models import ArticlePage, SectionPage
from newsroom.readers import cache
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(channel, django_capture_on_commit_callbacks):
    """Two sections; two articles in the first, one in the second; all committed."""
    with django_capture_on_commit_callbacks(execute=True):
        jia = SectionPageFactory(title="经济", slug="jia")
        yi = SectionPageFactory(title="文旅栏目名", slug="yi")
        first = ArticlePageFactory(parent=jia, title="甲稿一号", slug="a1")
        second = ArticlePageFactory(parent=jia, title="甲稿二号", slug="b2")
        ArticlePageFactory(parent=yi, title="乙稿一号", slug="c1")
    return SimpleNamespace(jia=jia, yi=yi, first=first, second=second)


def cached(client: Client, url: str):
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers.get("X-Cache") == "hit", url
    return response


def test_an_unpublished_article_leaves_its_siblings_related_lists(client, desk, django_capture_on_commit_callbacks):
    assert desk.first.title in cached(client, desk.second.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=desk.first.pk).unpublish()
    assert desk.first.title not in client.get(desk.second.url).content.decode()
    api = client.get(f"/api/v1/articles/{desk.second.pk}").json()
    assert desk.first.pk not in [related["id"] for related in api["related"]]


def test_an_unpublished_section_leaves_every_pages_navigation(client, desk, django_capture_on_commit_callbacks):
    assert desk.yi.title in cached(client, desk.second.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        SectionPage.objects.get(pk=desk.yi.pk).unpublish()
    assert desk.yi.title not in client.get(desk.second.url).content.decode()
    assert desk.yi.title not in client.get("/").content.decode()


def test_a_changed_slug_no_longer_serves_the_page_at_its_old_address(client, desk, django_capture_on_commit_callbacks):
    old = desk.second.url
    cached(client, old)
    with django_capture_on_commit_callbacks(execute=True):
        page = ArticlePage.objects.get(pk=desk.second.pk)
        page.slug = "b2-new"
        page.save_revision().publish()
    response = client.get(old)
    # Wagtail's redirects app sends readers on to the new address; never the old page again.
    assert response.status_code in (301, 404)
    assert response.headers.get("X-Cache") != "hit"


def test_an_article_has_one_api_address(client, desk):
    assert client.get(f"/api/v1/articles/{desk.first.pk}").status_code == 200
    # A padded id would be a second address, which no purge names.
    assert client.get(f"/api/v1/articles/000{desk.first.pk}").status_code == 404


def test_a_kept_answer_names_the_sites_own_address_whoever_asked_first(desk):
    first_answer = Client(HTTP_HOST="127.0.0.1").get("/robots.txt")
    second_answer = Client(HTTP_HOST="localhost").get("/robots.txt")
    assert second_answer.headers["X-Cache"] == "hit"
    assert first_answer.content == second_answer.content
    assert b"Sitemap: http://localhost/sitemap.xml" in second_answer.content


def test_a_stale_answer_is_kept_by_a_cdn_only_while_the_page_is_rendered_again(
    client, desk, django_capture_on_commit_callbacks
):
    cached(client, desk.jia.url)
    cached(client, "/")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=desk.jia, title="甲栏目新稿")
    # Another process holds the re-render: this one serves the previous answer meanwhile.
    token, _ = cache._current("/jia/")
    cache._call("add", f"{cache._entry_key('/jia/', token, '')}:render", 1, timeout=cache.STALE_SECONDS)
    response = client.get(desk.jia.url)
    assert response.headers["X-Cache"] == "stale"
    ages = dict(directive.strip().split("=") for directive in response["Cache-Control"].split(",") if "=" in directive)
    assert int(ages["s-maxage"]) <= cache.STALE_SECONDS
    assert "stale-while-revalidate" not in response["Cache-Control"]


def test_tracking_parameters_share_the_kept_page_and_unknown_ones_are_not_kept(client, desk):
    cached(client, desk.second.url)
    assert client.get(desk.second.url + "?from=timeline&isappinstalled=0").headers["X-Cache"] == "hit"
    for _ in range(2):
        assert client.get(desk.second.url + "?nonsense=1").headers["X-Cache"] == "miss"
