"""The article desk (稿件): its columns (state, go-live time, 责任编辑…) and filters; 我的稿件 on the dashboard."""

import datetime
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import ArticlePage, ReporterPage
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


def _rows(html: str) -> dict[str, dict[str, str]]:
    """The desk's rows by headline: each column's text by its heading."""
    table = BeautifulSoup(html, "html.parser").select_one("table.listing")
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        # A status cell reads as its tag (a line of detail may follow it).
        cells = [
            (td.select_one(".w-status") or td).get_text(" ", strip=True) for td in tr.find_all("td", recursive=False)
        ]
        row = dict(zip(headings, cells, strict=False))
        rows[tr.select_one("[data-listing-page-title] a").get_text(strip=True)] = row
    return rows


def _state(row: dict[str, str]) -> str:
    return row["状态"]


def test_each_state_is_listed_under_its_filter_and_named_in_its_column(login, reporter, editor, chief, own_section):
    now = timezone.now()
    ArticlePageFactory(parent=own_section, title="已发布的稿")
    ArticlePageFactory(parent=own_section, title="还是草稿", live=False, first_published_at=None)
    ArticlePageFactory(parent=own_section, title="明早发布", go_live_at=now + timedelta(hours=8))
    ArticlePageFactory(parent=own_section, title="昨天到期", expire_at=now - timedelta(days=1))
    taken_down = ArticlePageFactory(parent=own_section, title="撤下的稿", live=False, first_published_at=None)
    taken_down.save_revision().publish()
    ArticlePage.objects.get(pk=taken_down.pk).unpublish()
    for title, slug in (("等待审核", "dengdai"), ("退回修改", "tuihui")):
        login(reporter).post(
            f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
            article_form(title=title, slug=slug, **{"action-submit": "1"}),
        )
    sent_back = ArticlePage.objects.get(slug="tuihui")
    step = sent_back.current_workflow_task_state
    login(editor).post(
        f"/admin/pages/workflow/action/{sent_back.pk}/reject/{step.pk}/", {"comment": "电头日期有误,请核实"}
    )
    expected = {
        "live": ("已发布", ["已发布的稿"]),
        "draft": ("草稿", ["还是草稿"]),
        "scheduled": ("已定时", ["明早发布"]),
        "offline": ("已下线", ["昨天到期", "撤下的稿"]),
        "in_review": ("审核中", ["等待审核"]),
        "needs_changes": ("需修改", ["退回修改"]),
    }
    client = login(chief)
    html = _listed(client)
    # The filter offers the words the column uses.
    offered = [o.get_text(strip=True) for o in BeautifulSoup(html, "html.parser").select("#id_status option")]
    assert offered == ["全部", "草稿", "审核中", "需修改", "已定时", "已发布", "已下线"]
    every = _rows(html)
    for status, (word, titles) in expected.items():
        listed = _rows(_listed(client, f"?status={status}"))
        assert sorted(listed) == sorted(titles), status
        for title in titles:
            assert _state(listed[title]) == _state(every[title]) == word, title


def test_the_desk_shows_go_live_time_and_responsible_editor_and_filters_by_them(login, chief, editor, own_section):
    editor.first_name = "王编辑"
    editor.save()
    morning = datetime.datetime(2026, 12, 3, 8, 30, tzinfo=datetime.timezone(timedelta(hours=8)))
    ArticlePageFactory(parent=own_section, title="王编辑负责的稿", responsible_editor=editor, go_live_at=morning)
    ArticlePageFactory(parent=own_section, title="署名责编的稿", responsible_editor_name="李某")
    ArticlePageFactory(
        parent=own_section, title="早先发布的稿", first_published_at=morning - timedelta(days=30), go_live_at=None
    )
    client = login(chief)
    rows = _rows(_listed(client))
    assert rows["王编辑负责的稿"]["责任编辑"] == "王编辑"
    assert rows["王编辑负责的稿"]["上线时间"] == "2026-12-03 08:30"
    assert rows["署名责编的稿"]["责任编辑"] == "李某"
    assert rows["早先发布的稿"]["上线时间"] == "2026-11-03 08:30"
    assert sorted(_rows(_listed(client, f"?responsible_editor={editor.pk}"))) == ["王编辑负责的稿"]
    # The day in Beijing time: 08:30 on the 3rd is 00:30 UTC, still the 3rd here.
    on_the_third = _rows(_listed(client, "?goes_live_at_from=2026-12-03&goes_live_at_to=2026-12-03"))
    assert sorted(on_the_third) == ["王编辑负责的稿"]
    ordered = list(_rows(_listed(client, "?ordering=goes_live_at")))
    assert ordered.index("早先发布的稿") < ordered.index("王编辑负责的稿")


def test_bad_filter_values_are_shown_as_form_errors_not_server_errors(login, chief):
    client = login(chief)
    for query in ("?status=bogus", "?section=abc", "?reporter=999999", "?edition_date_from=昨天"):
        assert client.get(f"/admin/articles/{query}").status_code == 200


def test_the_desk_reads_bylines_in_a_fixed_number_of_queries(
    login, chief, editor, own_section, django_assert_num_queries
):
    client = login(chief)

    def add_articles(count: int) -> None:
        for _ in range(count):
            article = ArticlePageFactory(parent=own_section, responsible_editor=editor)
            ArticleBylineFactory(page=article, reporter=ReporterPageFactory())

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
