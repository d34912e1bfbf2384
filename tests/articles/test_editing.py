"""An editor writes an article with ordered bylines in the admin and publishes it."""

import pytest
from wagtail.test.utils.form_data import inline_formset, streamfield

from newsroom.models import ArticlePage
from tests.factories import ReporterPageFactory, SectionPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _article_form(**overrides) -> dict:
    """The editor's form for the seed's first article, with its dateline and edition date."""
    fields = {
        "title": "22个央地合作项目 在青签约",
        "slug": "yangdi-hezuo",
        "dateline_text": "本报青岛讯 11月24日",
        "dateline_source": "本报",
        "dateline_place": "青岛",
        "dateline_date": "2020-11-24",
        "body": streamfield([("paragraph", "22个央地合作项目进行现场签约。"), ("heading", "产业协同")]),
        "edition_date": "2020-11-30",
    }
    return article_form(**{**fields, **overrides})


def test_an_editor_publishes_an_article_with_two_bylines_in_order(admin_client):
    section = SectionPageFactory()
    song, xiao = ReporterPageFactory(title="宋孜"), ReporterPageFactory(title="肖芳")
    form = _article_form(
        bylines=inline_formset(
            [
                {"reporter": xiao.pk, "role": "本报记者", "ORDER": "1"},
                {"reporter": song.pk, "role": "通讯员", "ORDER": "2"},
            ]
        ),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    article = ArticlePage.objects.get(slug="yangdi-hezuo")
    assert article.live
    assert [(b.role, b.reporter.title) for b in article.bylines.all()] == [
        ("本报记者", "肖芳"),
        ("通讯员", "宋孜"),
    ]

    html = admin_client.get(article.url).content.decode()
    assert html.index("肖芳") < html.index("宋孜")
    assert "本报青岛讯 11月24日" in html


def test_reordering_bylines_in_the_editor_changes_the_order_on_the_live_page(admin_client):
    section = SectionPageFactory()
    song, xiao = ReporterPageFactory(title="宋孜"), ReporterPageFactory(title="肖芳")
    rows = [
        {"reporter": song.pk, "role": "记者", "ORDER": "1"},
        {"reporter": xiao.pk, "role": "记者", "ORDER": "2"},
    ]
    admin_client.post(
        f"/admin/pages/add/newsroom/articlepage/{section.pk}/",
        _article_form(bylines=inline_formset(rows), **{"action-publish": "publish"}),
    )
    article = ArticlePage.objects.get(slug="yangdi-hezuo")
    ids = [b.pk for b in article.bylines.all()]
    swapped = [
        {"id": ids[0], "reporter": song.pk, "role": "记者", "ORDER": "2"},
        {"id": ids[1], "reporter": xiao.pk, "role": "记者", "ORDER": "1"},
    ]
    response = admin_client.post(
        f"/admin/pages/{article.pk}/edit/",
        _article_form(bylines=inline_formset(swapped, initial=2), **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    html = admin_client.get(article.url).content.decode()
    assert html.index("肖芳") < html.index("宋孜")


def test_the_admin_speaks_simplified_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html or 'lang="zh-Hans"' in html
    assert "控制面板" in html


def test_admin_search_finds_articles_by_title(admin_client):
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(title="青岛推进海洋牧场与休闲旅游融合发展")
    html = admin_client.get("/admin/pages/search/", {"q": "青岛推进海洋牧场与休闲旅游融合发展"}).content.decode()
    assert "青岛推进海洋牧场与休闲旅游融合发展" in html


def test_preview_shows_the_article_as_readers_will_see_it(admin_client):
    section = SectionPageFactory()
    form = _article_form(kicker="打造中国经济新的增长极——")
    response = admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/preview/", form)
    assert response.json()["is_valid"]
    html = admin_client.get(f"/admin/pages/add/newsroom/articlepage/{section.pk}/preview/").content.decode()
    assert "打造中国经济新的增长极——" in html
    assert '<html lang="zh-CN">' in html
