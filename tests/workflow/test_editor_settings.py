"""What the article editor is set up to do, checked through the admin's own views."""

import pytest

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def _edit_form(html: str) -> str:
    return html.split("data-edit-form", 1)[1].split(">", 1)[0]


def test_the_editor_saves_only_when_asked_no_autosave(admin_client):
    # A new page would otherwise be created as soon as a headline is typed (and abandoned there).
    article = ArticlePageFactory()
    add_url = f"/admin/pages/add/newsroom/articlepage/{article.get_parent().pk}/"
    for url in (add_url, f"/admin/pages/{article.pk}/edit/"):
        form = _edit_form(admin_client.get(url).content.decode())
        assert "w-autosave" not in form


def test_the_checks_panel_shows_characters_and_reading_time_but_no_readability_score(admin_client):
    article = ArticlePageFactory()
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    panel = html.split('data-side-panel="checks"', 1)[1]
    assert "data-content-word-count" in panel and "data-content-reading-time" in panel
    assert "data-content-readability-score" not in panel
    assert "newsroom/admin/content-metrics.js" in html


def test_readers_pages_carry_no_userbar_even_for_a_signed_in_editor(admin_client):
    # The userbar is only for the editor's preview (the 检查 panel reads the page through it); a
    # reader page may be cached and served to anyone.
    article = ArticlePageFactory()
    html = admin_client.get(article.url).content.decode()
    assert "wagtail-userbar" not in html
    assert 'data-character-count="' in html
