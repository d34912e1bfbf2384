"""What search engines, feed readers and social apps read: meta tags, JSON-LD, RSS, sitemaps, robots.txt."""

import json
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import Site

from newsroom.models import ArticlePage, SectionPage
from tests.factories import ArticlePageFactory, ArticlePhotoCreditFactory, ReporterPageFactory

pytestmark = pytest.mark.django_db


def site_root() -> str:
    """The default Site record's address (http://localhost in tests), where absolute links point."""
    return Site.objects.get(is_default_site=True).root_url


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def head_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(page: BeautifulSoup, **attrs: str) -> str:
    return page.find("meta", attrs=attrs)["content"]


def json_ld(page: BeautifulSoup) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


def test_article_page_has_title_description_canonical_and_social_cards(client, seed):
    article = ArticlePage.objects.get(title="22个央地合作项目 在青签约")
    page = head_of(client, article.url)
    assert page.html["lang"] == "zh-CN"
    assert page.title.string == "22个央地合作项目 在青签约 - 要闻 - 青岛频道"
    description = meta(page, name="description")
    assert description.startswith("“2020央地青岛行——走进青岛轨道交通产业示范区”活动在青岛举行")
    assert len(description) <= 120
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == article.full_url
    assert meta(page, property="og:url") == canonical
    assert meta(page, property="og:title") == article.title
    assert meta(page, property="og:type") == "article"
    assert meta(page, property="og:description") == description
    assert meta(page, property="og:locale") == "zh_CN"
    # No photo: the headline card (tests/articles/test_share_images.py) is shared large.
    assert meta(page, name="twitter:card") == "summary_large_image"
    assert meta(page, property="article:section") == "要闻"


def test_news_article_json_ld_names_every_text_author_and_photo_credit_apart(client, seed):
    article = ArticlePage.objects.get(title="以模式创新保持引领优势")
    photographer = ReporterPageFactory(title="王摄影")
    ArticlePhotoCreditFactory(page=article, reporter=photographer, role="本报记者")
    data = json_ld(head_of(client, article.url))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "以模式创新保持引领优势"
    assert [author["name"] for author in data["author"]] == ["宋孜", "肖芳"]
    # Absolute addresses come from the Site record, as the API's do: a kept page serves every host name.
    assert all(author["url"].startswith(f"{site_root()}/reporters/") for author in data["author"])
    assert [person["name"] for person in data["contributor"]] == ["王摄影"]
    assert data["datePublished"].startswith("2020-11-30T")
    assert data["datePublished"].endswith("+08:00")
    assert data["inLanguage"] == "zh-CN"
    assert data["articleSection"] == "经济"


def test_json_ld_cannot_be_closed_by_a_title(client, channel):
    article = ArticlePageFactory(title="</script><script>alert(1)</script>")
    body = client.get(article.url).content.decode()
    assert "</script><script>alert(1)" not in body
    data = json_ld(BeautifulSoup(body, "html.parser"))
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_home_section_and_reporter_pages_have_canonical_urls_and_descriptions(client, seed):
    for url in ("/", "/yaowen/", "/reporters/", "/reporters/宋孜/"):
        page = head_of(client, url)
        assert page.find("link", rel="canonical")["href"].startswith("http://localhost/"), url
        assert meta(page, name="description"), url
        assert page.title.string.endswith("青岛频道") or page.title.string.startswith("青岛频道"), url


def test_channel_feed_parses_cleanly_with_every_article_newest_first(client, seed):
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "青岛频道"
    assert feed.feed.language == "zh-cn"
    newest_first = ArticlePage.objects.order_by("-first_published_at", "-id")
    assert [entry.link for entry in feed.entries] == [f"{site_root()}{a.url}" for a in newest_first]
    first = feed.entries[0]
    assert first.author == "记者 肖芳"
    assert first.summary.startswith("“2020央地青岛行")


def test_each_section_has_its_own_feed_and_an_unknown_section_is_a_404(client, seed):
    feed = feedparser.parse(client.get("/feed/wenlv/").content)
    assert not feed.bozo
    assert feed.feed.title == "青岛频道 · 文旅"
    assert len(feed.entries) == ArticlePage.objects.child_of(SectionPage.objects.get(slug="wenlv")).count() == 2
    assert client.get("/feed/no-such-section/").status_code == 404


def test_sitemap_lists_every_article_and_section(client, seed):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")}
    for page in [*ArticlePage.objects.all(), *SectionPage.objects.all()]:
        assert page.full_url in locations, page.title
    assert "http://localhost/" in locations


def test_news_sitemap_lists_only_the_last_two_days(client, channel):
    recent = ArticlePageFactory(title="今日要闻", first_published_at=timezone.now() - timedelta(hours=5))
    ArticlePageFactory(title="上周旧闻", first_published_at=timezone.now() - timedelta(days=7))
    response = client.get("/news-sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    tree = ElementTree.fromstring(response.content)
    titles = [t.text for t in tree.iter(f"{NEWS}title")]
    assert titles == ["今日要闻"]
    assert [loc.text for loc in tree.iter(f"{SITEMAP}loc")] == [recent.full_url]
    assert next(tree.iter(f"{NEWS}language")).text == "zh-cn"


def test_robots_txt_names_the_sitemaps_and_keeps_the_admin_out(client, channel):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {site_root()}/sitemap.xml" in lines
    assert f"Sitemap: {site_root()}/news-sitemap.xml" in lines
