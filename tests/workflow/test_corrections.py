"""Corrections (更正): added by an editor in the article editor, newest first on the page and in the model."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset

from newsroom.models import ArticleCorrection
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def test_corrections_read_newest_first_whatever_order_they_were_entered_in():
    article = ArticlePageFactory()
    for day, text in ((1, "第一次更正"), (9, "最新的更正"), (5, "中间的更正")):
        ArticleCorrection.objects.create(page=article, date=datetime.date(2020, 12, day), text=text)
    assert [c.text for c in article.corrections.all()] == ["最新的更正", "中间的更正", "第一次更正"]


def test_an_editor_adds_a_correction_to_a_published_article_and_readers_see_it(client, login, editor, own_section):
    article = ArticlePageFactory(parent=own_section, title="胶东经济圈一体化发展全面起势", live=False)
    article.save_revision().publish()
    corrections = inline_formset(
        [
            {"date": "2020-12-01", "text": "本文第二段“12月”应为“11月”,特此更正。", "ORDER": "1"},
            {"date": "2020-12-03", "text": "补充:签约项目总投资额已更新。", "ORDER": "2"},
        ]
    )
    response = login(editor).post(
        f"/admin/pages/{article.pk}/edit/", article_form(article, corrections=corrections, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert [c.date.day for c in article.corrections.all()] == [3, 1]

    html = client.get(article.url).content.decode()
    assert "本文第二段“12月”应为“11月”,特此更正。" in html
    assert html.index("补充:签约项目总投资额已更新。") < html.index("本文第二段")


def test_the_correction_panel_is_its_own_panel_in_the_article_editor(login, editor, own_section):
    article = ArticlePageFactory(parent=own_section)
    html = login(editor).get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "更正说明" in html
    assert 'name="corrections-TOTAL_FORMS"' in html


def test_the_api_lists_an_articles_corrections_newest_first(client):
    article = ArticlePageFactory()
    ArticleCorrection.objects.create(page=article, date=datetime.date(2020, 12, 1), text="旧的更正")
    ArticleCorrection.objects.create(page=article, date=datetime.date(2020, 12, 3), text="新的更正")
    # The API lists only published articles (a factory page is live but was never published).
    article.save_revision().publish()
    body = client.get(f"/api/v1/articles/{article.pk}").json()
    assert [c["text"] for c in body["corrections"]] == ["新的更正", "旧的更正"]
