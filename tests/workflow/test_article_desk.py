"""The admin's article listing (稿件) by section, reporter, status and edition date; "my articles" on the dashboard."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import ReporterPage
from tests.factories import ArticleBylineFactory, ArticlePageFactory, ArticlePhotoCreditFactory, ReporterPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _listed(client, query: str = "") -> str:
    response = client.get(f"/admin/articles/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_desk_lists_articles_with_their_section_bylines_and_edition_date(login, reporter, own_section):
    article = ArticlePageFactory(
        parent=own_section, title="海洋经济发展示范区建设", edition_date=datetime.date(2020, 11, 30)
    )
    ArticleBylineFactory(page=article, reporter=ReporterPageFactory(title="肖芳"), role="本报记者")
    html = _listed(login(reporter))
    for text in ("稿件", "海洋经济发展示范区建设", "要闻", "本报记者 肖芳", "2020-11-30", "已发布"):
        assert text in html, text


def test_the_desk_filters_by_section(login, chief, own_section, other_section):
    ArticlePageFactory(parent=own_section, title="要闻稿件甲")
    ArticlePageFactory(parent=other_section, title="经济稿件乙")
    html = _listed(login(chief), f"?section={other_section.pk}")
    assert "经济稿件乙" in html
    assert "要闻稿件甲" not in html


def test_the_desk_filters_by_reporter_on_bylines_and_photo_credits(login, chief, own_section):
    xiao = ReporterPageFactory(title="肖芳")
    written, photographed, other = (
        ArticlePageFactory(parent=own_section, title=title) for title in ("她写的稿", "她拍的图", "别人的稿")
    )
    ArticleBylineFactory(page=written, reporter=xiao)
    ArticlePhotoCreditFactory(page=photographed, reporter=xiao)
    ArticleBylineFactory(page=other)
    html = _listed(login(chief), f"?reporter={xiao.pk}")
    assert "她写的稿" in html
    assert "她拍的图" in html
    assert "别人的稿" not in html


def test_the_desk_filters_by_edition_date(login, chief, own_section):
    ArticlePageFactory(parent=own_section, title="十一月的稿", edition_date=datetime.date(2020, 11, 30))
    ArticlePageFactory(parent=own_section, title="十二月的稿", edition_date=datetime.date(2020, 12, 2))
    html = _listed(login(chief), "?edition_date_from=2020-12-01&edition_date_to=2020-12-31")
    assert "十二月的稿" in html
    assert "十一月的稿" not in html


def test_the_desk_filters_by_status(login, reporter, chief, own_section):
    now = timezone.now()
    ArticlePageFactory(parent=own_section, title="已发布的稿")
    ArticlePageFactory(parent=own_section, title="还是草稿", live=False)
    ArticlePageFactory(parent=own_section, title="明早发布", go_live_at=now + timedelta(hours=8))
    ArticlePageFactory(parent=own_section, title="昨天到期", expire_at=now - timedelta(days=1))
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(title="等待审核", slug="dengdai", **{"action-submit": "1"}),
    )
    client = login(chief)
    expected = {
        "live": "已发布的稿",
        "draft": "还是草稿",
        "scheduled": "明早发布",
        "offline": "昨天到期",
        "in_review": "等待审核",
    }
    for status, title in expected.items():
        html = _listed(client, f"?status={status}")
        assert title in html, status
        assert not [other for other in expected.values() if other != title and other in html], status


def test_bad_filter_values_are_shown_as_form_errors_not_server_errors(login, chief):
    client = login(chief)
    for query in ("?status=bogus", "?section=abc", "?reporter=999999", "?edition_date_from=昨天"):
        assert client.get(f"/admin/articles/{query}").status_code == 200


def test_the_desk_reads_bylines_in_a_fixed_number_of_queries(login, chief, own_section, django_assert_num_queries):
    client = login(chief)

    def add_articles(count: int) -> None:
        for _ in range(count):
            ArticleBylineFactory(page=ArticlePageFactory(parent=own_section), reporter=ReporterPageFactory())

    add_articles(3)
    client.get("/admin/articles/")  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as few:
        _listed(client)
    add_articles(9)
    with django_assert_num_queries(len(few.captured_queries)):
        _listed(client)


def test_my_articles_on_the_dashboard_are_those_under_my_byline(login, reporter, own_section):
    me = ReporterPageFactory(title="薄克国", user=reporter)
    mine = ArticlePageFactory(parent=own_section, title="我署名的稿件")
    ArticleBylineFactory(page=mine, reporter=me)
    ArticlePageFactory(parent=own_section, title="同事的稿件")
    html = login(reporter).get("/admin/").content.decode()
    assert "我的稿件" in html
    assert "我署名的稿件" in html
    assert "同事的稿件" not in html
    assert f"/admin/articles/?reporter={me.pk}" in html


def test_a_login_without_a_reporter_page_is_told_how_to_link_one(login, editor):
    html = login(editor).get("/admin/").content.decode()
    assert "关联到您的记者页面" in html
    assert not ReporterPage.objects.filter(user=editor).exists()
