"""A publish purges exactly the addresses that show the new article, and the cache knows who may share it:
a junk session cookie still gets the cached page, a signed-in editor never does and never leaves one.

In process, on the test settings' page cache (locmem); `X-Cache` says where each answer came from.
"""

import pytest
from django.conf import settings
from django.test import Client

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

NEW_TITLE = "甲栏目今日新发稿件"


@pytest.fixture
def two_sections(channel, django_capture_on_commit_callbacks):
    """Two sections with an article each, already published when the test starts."""
    # Committed, as far as the purges can tell: left pending, they would go with the test's first
    # commit and purge addresses the test's own publish does not show.
    with django_capture_on_commit_callbacks(execute=True):
        jia = SectionPageFactory(title="经济", slug="jia")
        yi = SectionPageFactory(title="文旅", slug="yi")
        ArticlePageFactory(parent=jia, title="甲栏目原有稿件")
        ArticlePageFactory(parent=yi, title="乙栏目原有稿件")
    return jia, yi


def cached(client: Client, url: str):
    """Ask twice: the second answer must come from the cache, or the test would prove nothing."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers.get("X-Cache") == "hit", f"{url} was not cached: X-Cache {response.headers.get('X-Cache')}"
    return response


def publish_article_in(section, django_capture_on_commit_callbacks) -> None:
    """Publish a new article as the admin does: a draft, then its revision published."""
    article = ArticlePage(title=NEW_TITLE, slug="jia-new", live=False, body=[("paragraph", "本报青岛讯 新稿正文。")])
    section.add_child(instance=article)
    # The test's transaction never commits: run what its commit would (purges wait for it).
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()


def test_publishing_in_one_section_purges_that_section_and_home_but_not_another_section(
    client, two_sections, django_capture_on_commit_callbacks
):
    jia, yi = two_sections
    for url in (jia.url, yi.url, "/"):
        cached(client, url)

    publish_article_in(jia, django_capture_on_commit_callbacks)

    # The other section shows nothing new: keeping it cached is right, and what "exact" means.
    other = client.get(yi.url)
    assert other.headers.get("X-Cache") == "hit"
    assert NEW_TITLE not in other.content.decode()
    for url in (jia.url, "/"):
        response = client.get(url)
        assert response.headers.get("X-Cache") == "miss", f"{url} was not purged"
        assert NEW_TITLE in response.content.decode(), f"{url} does not list the new article"


def test_a_junk_session_cookie_still_gets_the_cached_page(client, two_sections):
    jia, _ = two_sections
    page = cached(client, jia.url)

    # A cookie named like a session proves nobody signed in: it must not cost readers the cache.
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "abc"
    response = stranger.get(jia.url)
    assert response.headers.get("X-Cache") == "hit"
    assert response.content == page.content


def assert_bypassed(response, url: str) -> None:
    assert response.status_code == 200
    assert response.headers.get("X-Cache") == "bypass", f"{url}: X-Cache {response.headers.get('X-Cache')}"
    assert "private" in response.headers.get("Cache-Control", ""), f"{url}: {response.headers.get('Cache-Control')}"


def test_a_signed_in_editor_is_never_served_from_or_stored_in_the_page_cache(client, two_sections, admin_user):
    jia, yi = two_sections
    cached(client, jia.url)
    editor = Client()
    editor.force_login(admin_user)

    # Not served from the cache: what readers are given is not what an editor must see.
    assert_bypassed(editor.get(jia.url), jia.url)
    # Not stored either: an address only the editor asked for is still a miss for the next reader.
    for _ in range(2):
        assert_bypassed(editor.get(yi.url), yi.url)
    assert client.get(yi.url).headers.get("X-Cache") == "miss"


def test_an_editor_signed_in_through_the_admin_login_bypasses_the_page_cache(client, two_sections, admin_user):
    jia, _ = two_sections
    cached(client, jia.url)
    editor = Client()
    # As a person signs in: the admin's own login form (pytest-django's admin_user has this password).
    response = editor.post("/admin/login/", {"username": admin_user.username, "password": "password"})
    assert response.status_code == 302, "the admin login failed"

    assert_bypassed(editor.get(jia.url), jia.url)
