"""Every page type renders what a reader of the Qingdao channel expects, from the imported seed."""

import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.models import ArticleCorrection, ArticlePage, ReporterPage, SectionPage
from tests.factories import (
    ArticleBylineFactory,
    ArticlePageFactory,
    ArticlePhotoCreditFactory,
    ReporterPageFactory,
    SectionPageFactory,
)

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_home_leads_with_the_newest_story_and_lists_each_sections_latest(client, seed):
    lead = ArticlePage.objects.order_by("-first_published_at").first()
    page = soup(client.get("/"))
    assert page.html["lang"] == "zh-CN"
    assert text(page.select_one(".lead-story h2")) == lead.title
    fronts = {text(h): h for h in page.select(".section-front h2")}
    assert {"要闻", "经济", "文旅", "乡村"} <= set(fronts)
    # Sections without articles (城建, 民生) get no empty block on the front page.
    assert "城建" not in fronts
    economy = page.select_one("#" + fronts["经济"]["id"]).find_parent("section")
    assert "以模式创新保持引领优势" in text(economy)
    assert len(page.select(".latest li")) == 7


def test_home_shows_the_lead_storys_kicker_and_subtitle(client, article_with_bylines):
    page = soup(client.get("/"))
    lead = page.select_one(".lead-story")
    assert text(lead.select_one(".kicker")) == "青岛召开专题会议提出——"
    assert text(lead.select_one(".subtitle")) == "——工业互联网平台加快发展"
    assert "本报记者 宋孜 肖芳 通讯员 纪粹琳" in text(lead)


def test_article_sets_kicker_title_and_subtitle_and_groups_bylines_by_role(client, article_with_bylines):
    page = soup(client.get(article_with_bylines.url))
    head = page.select_one(".story-head")
    assert [text(n) for n in head.select(".kicker, h1, .subtitle")] == [
        "青岛召开专题会议提出——",
        "以模式创新保持引领优势",
        "——工业互联网平台加快发展",
    ]
    assert text(page.select_one(".bylines")) == "本报记者 宋孜 肖芳 通讯员 纪粹琳"
    links = {text(a): a["href"] for a in page.select(".bylines a")}
    assert links["宋孜"] == ReporterPage.objects.get(title="宋孜").url


def test_article_opens_its_first_paragraph_with_the_dateline_in_bold(client, seed):
    article = ArticlePage.objects.get(title="22个央地合作项目 在青签约")
    first = soup(client.get(article.url)).select_one(".story-body p")
    assert first.strong is not None
    assert text(first.strong) == "本报青岛讯 11月24日"
    assert text(first).startswith("本报青岛讯 11月24日 “2020央地青岛行")


def test_article_shows_subheadings_date_count_and_reading_time(client, seed):
    article = ArticlePage.objects.get(title="胶东经济圈一体化发展全面起势")
    page = soup(client.get(article.url))
    assert "产业创新协同共进" in [text(h) for h in page.select(".story-body h2")]
    facts = text(page.select_one(".story-facts"))
    assert "2020年11月30日" in facts
    assert f"字数 {article.character_count}" in facts
    assert f"阅读约 {article.reading_minutes} 分钟" in facts
    assert page.select_one(".story-head .kicker").get_text() == "打造中国经济新的增长极——"


def test_a_caption_without_a_photo_still_shows_with_its_credit(client, seed):
    article = ArticlePage.objects.get(title="华夏基石(青岛)国际时尚产业峰会举行")
    assert article.lead_image is None
    caption = text(soup(client.get(article.url)).select_one(".lead-caption"))
    assert "中、意两国时装设计大师设计的“丝绸之路”主题服装亮相。" in caption
    assert "记者 薄克国 摄" in caption


def test_article_lists_tags_and_related_articles(client, article_with_bylines):
    article_with_bylines.tags.add("工业互联网")
    article_with_bylines.save()
    other = ArticlePageFactory(parent=article_with_bylines.get_parent(), title="卡奥斯平台发布新成果")
    page = soup(client.get(article_with_bylines.url))
    assert [text(a) for a in page.select(".tags a")] == ["工业互联网"]
    assert text(page.select_one(".related")).count(other.title) == 1


def test_related_articles_follow_the_app_feeds_rules(client, article_with_bylines):
    # Live without a first publication (never published through Wagtail): out of the app's
    # feed, so out of the page's related headlines too, on SQLite and PostgreSQL alike.
    section = article_with_bylines.get_parent()
    stray = ArticlePageFactory(parent=section, title="没有发布时间的稿件")
    ArticlePage.objects.filter(pk=stray.pk).update(first_published_at=None)
    shown = ArticlePageFactory(parent=section, title="卡奥斯平台发布新成果")
    related = text(soup(client.get(article_with_bylines.url)).select_one(".related"))
    assert shown.title in related
    assert stray.title not in related


def test_article_shows_its_correction_notes(client, article_with_bylines):
    ArticleCorrection.objects.create(
        page=article_with_bylines, date=date(2020, 12, 1), text="本文第二段“12月”应为“11月”,特此更正。"
    )
    page = soup(client.get(article_with_bylines.url))
    corrections = text(page.select_one(".corrections"))
    assert "2020年12月1日" in corrections
    assert "特此更正" in corrections


def test_article_body_keeps_markup_in_copy_as_text(client, channel):
    article = ArticlePageFactory(body=[("paragraph", "<script>alert(1)</script>青岛")])
    body = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;青岛" in body


def test_section_lists_its_articles_newest_first_with_pages_and_a_feed_link(client, channel):
    section = SectionPageFactory(title="民生", slug="minsheng")
    now = timezone.now()
    for n in range(25):
        ArticlePageFactory(parent=section, title=f"民生新闻{n:02d}", first_published_at=now - timedelta(hours=n))
    first = soup(client.get(section.url))
    titles = [text(h) for h in first.select(".article-list h3")]
    assert titles[:2] == ["民生新闻00", "民生新闻01"]
    assert len(titles) == 20
    assert first.select_one('link[type="application/rss+xml"][href="/feed/minsheng/"]') is not None
    second = soup(client.get(section.url, {"page": 2}))
    assert [text(h) for h in second.select(".article-list h3")] == [f"民生新闻{n}" for n in range(20, 25)]
    assert "第 2 / 2 页" in text(second.select_one(".pagination"))


@pytest.mark.parametrize("number", ["abc", "0", "99", "-1"])
def test_a_page_number_that_does_not_exist_is_a_404(client, seed, number):
    response = client.get("/yaowen/", {"page": number})
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_reporter_page_keeps_written_and_photographed_articles_apart(client, channel):
    reporter = ReporterPageFactory(title="薄克国", bio="长期报道青岛经济。")
    written = ArticleBylineFactory(reporter=reporter, role="记者").page
    photographed = ArticlePhotoCreditFactory(reporter=reporter, role="记者").page
    page = soup(client.get(reporter.url))
    assert text(page.select_one("h1")) == "薄克国"
    assert text(page.select_one(".reporter-kind")) == "本报记者"
    assert "长期报道青岛经济。" in text(page.select_one(".intro"))
    written_list = page.select_one("#written-title").find_parent("section")
    photo_list = page.select_one("#photos-title").find_parent("section")
    assert [text(a) for a in written_list.select(".article-list h3 a")] == [written.title]
    assert [text(a) for a in photo_list.select(".article-list h3 a")] == [photographed.title]


def test_reporter_index_lists_reporters_by_kind(client, seed):
    page = soup(client.get("/reporters/"))
    groups = {text(h): h.find_parent("section") for h in page.select("section h2")}
    assert "宋孜" in text(groups["本报记者"])
    assert "纪粹琳" in text(groups["通讯员"])


def test_tag_page_lists_tagged_articles_and_an_unknown_tag_is_a_404(client, channel):
    article = ArticlePageFactory(title="上合示范区新项目落地")
    article.tags.add("上合示范区")
    article.save()
    page = soup(client.get("/tags/上合示范区/"))
    assert text(page.select_one("h1")) == "标签:上合示范区"
    assert [text(a) for a in page.select(".article-list h3 a")] == ["上合示范区新项目落地"]
    assert client.get("/tags/没有这个标签/").status_code == 404


def test_search_page_shows_visible_matches_only(client, channel):
    # Words apart, so the match does not depend on how the search backend segments Chinese.
    ArticlePageFactory(title="青岛 地铁 新线开通")
    ArticlePageFactory(title="青岛 地铁 草稿", live=False)
    page = soup(client.get("/search/", {"q": "地铁"}))
    results = [text(a) for a in page.select(".article-list h2 a")]
    assert "青岛 地铁 新线开通" in results
    assert "青岛 地铁 草稿" not in results
    assert [text(m) for m in page.select(".article-list h2 a mark")] == ["地铁"]
    assert soup(client.get("/search/")).select_one(".article-list") is None


def test_a_search_query_that_is_too_long_is_a_400_in_chinese(client, channel):
    response = client.get("/search/", {"q": "青" * 101})
    assert response.status_code == 400
    assert "搜索词太长" in response.content.decode()


def test_unknown_pages_get_the_chinese_404_page(client, channel):
    response = client.get("/没有这个页面/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == "zh-CN"
    assert text(page.select_one("h1")) == "页面不存在"


def test_the_500_page_is_chinese_and_needs_no_context():
    page = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert page.html["lang"] == "zh-CN"
    assert text(page.select_one("h1")) == "服务器出错了"


def test_drafts_private_and_scheduled_articles_appear_nowhere(client, channel):
    section = SectionPageFactory(title="城建", slug="chengjian")
    ArticlePageFactory(parent=section, title="公开稿件")
    draft = ArticlePageFactory(parent=section, title="草稿稿件", live=False)
    future = ArticlePageFactory(parent=section, title="定时稿件", go_live_at=timezone.now() + timedelta(days=1))
    expired = ArticlePageFactory(parent=section, title="过期稿件", expire_at=timezone.now() - timedelta(days=1))
    private = ArticlePageFactory(parent=section, title="私密稿件")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    hidden = ["草稿稿件", "定时稿件", "过期稿件", "私密稿件"]
    for url in ("/", section.url, "/feed/", "/feed/chengjian/", "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert "公开稿件" in body or url == "/sitemap.xml", url
        for title in hidden:
            assert title not in body, (url, title)
    assert client.get(draft.url).status_code == 404
    assert client.get(future.url).status_code == 404
    assert client.get(expired.url).status_code == 404
    # A private article sends the reader to log in rather than showing the text.
    assert client.get(private.url).status_code == 302


def test_an_article_under_an_unpublished_section_is_not_served(client, channel):
    section = SectionPageFactory(title="专题")
    article = ArticlePageFactory(parent=section)
    url = article.url
    section.unpublish()
    assert client.get(url).status_code == 404


def test_an_article_in_a_private_section_asks_for_the_password(client, channel):
    section = SectionPageFactory(title="内部")
    article = ArticlePageFactory(parent=section, title="内部稿件")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(article.url)
    assert response.status_code == 200
    assert "内部稿件" not in response.content.decode()
    assert re.search(r'name="password"', response.content.decode())


def test_section_pages_are_found_by_the_section_factory_slug(client, channel):
    section = SectionPageFactory(title="乡村")
    assert SectionPage.objects.get(pk=section.pk).url == f"/{section.slug}/"
    assert client.get(section.url).status_code == 200


def test_a_preview_shows_the_editors_unsaved_bylines_and_tags(admin_client, channel):
    article = ArticleBylineFactory(role="记者", reporter=ReporterPageFactory(title="旧署名")).page
    newcomer = ReporterPageFactory(title="新署名")
    article = ArticlePage.objects.get(pk=article.pk)
    article.bylines.clear()
    article.bylines.add(ArticleBylineFactory.build(page=article, role="本报记者", reporter=newcomer))
    article.tags.add("预览标签")
    response = article.make_preview_request(original_request=None, preview_mode="")
    page = soup(response)
    assert text(page.select_one(".bylines")) == "本报记者 新署名"
    assert [text(a) for a in page.select(".tags a")] == ["预览标签"]
    assert "public" not in response.get("Cache-Control", "")


def test_search_results_mark_the_searched_words_in_title_and_snippet(client, seed):
    page = soup(client.get("/search/", {"q": "海洋牧场"}))
    first = page.select_one(".article-list li")
    assert first.select_one("h2 a").get_text() == "青岛推进海洋牧场 与休闲旅游融合发展"
    assert [text(m) for m in first.select("h2 mark")] == ["海洋牧场"]
    assert "海洋牧场" in [text(m) for m in first.select(".item-summary mark")]
