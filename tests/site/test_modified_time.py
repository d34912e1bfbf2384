"""When an article last changed, as readers' tools are told (JSON-LD, article:modified_time, sitemap, feed):
its first publication, or a later published edit such as a correction; never the day it was imported."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import timezone

from newsroom.models import ArticleCorrection, ArticlePage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CORRECTED_AT = datetime(2026, 12, 5, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TITLE = "22个央地合作项目 在青签约"


def _modified(client, article: ArticlePage) -> tuple[str, str, str]:
    """article:modified_time, JSON-LD dateModified and datePublished of the article's page."""
    page = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    data = json.loads(page.find("script", type="application/ld+json").string)
    return page.find("meta", property="article:modified_time")["content"], data["dateModified"], data["datePublished"]


def _lastmod(client, article: ArticlePage) -> str:
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    for url in tree.iter(f"{SITEMAP}url"):
        if url.find(f"{SITEMAP}loc").text == article.full_url:
            return url.find(f"{SITEMAP}lastmod").text
    raise AssertionError(f"{article.title} is not in the sitemap")


def _correct(article: ArticlePage) -> None:
    """An editor adds a correction and publishes it, as the admin's publish does (a new revision, published)."""
    draft = article.get_latest_revision_as_object()
    draft.corrections = [ArticleCorrection(date=CORRECTED_AT.date(), text="本文第二段“12月”应为“11月”,特此更正。")]
    with time_machine.travel(CORRECTED_AT, tick=False):
        draft.save_revision().publish()


def test_an_article_of_2020_imported_today_says_it_was_last_modified_in_2020(client, seed):
    article = seed.get(title=TITLE)
    modified_time, date_modified, date_published = _modified(client, article)
    assert modified_time == date_modified == date_published
    assert date_modified.startswith("2020-11-30T") and date_modified.endswith("+08:00")
    assert not date_modified.startswith(timezone.localdate().isoformat())
    assert _lastmod(client, article).startswith("2020-11-30")


def test_a_published_correction_is_the_last_modification(client, seed):
    article = seed.get(title=TITLE)
    _correct(article)
    article.refresh_from_db()
    modified_time, date_modified, date_published = _modified(client, article)
    assert modified_time == date_modified == "2026-12-05T10:30:00+08:00"
    assert date_published.startswith("2020-11-30T")
    assert _lastmod(client, article).startswith("2026-12-05")
    # The other articles of the edition did not change.
    untouched = seed.exclude(pk=article.pk).first()
    assert _modified(client, untouched)[1].startswith("2020-11-30T")


def test_a_saved_draft_is_no_change_a_reader_can_see(client, seed):
    article = seed.get(title=TITLE)
    draft = article.get_latest_revision_as_object()
    draft.summary = "未发布的摘要修改"
    with time_machine.travel(CORRECTED_AT, tick=False):
        draft.save_revision()
    assert _modified(client, article)[1].startswith("2020-11-30T")


def test_the_feed_was_last_built_with_the_newest_change_not_the_import(
    client, seed, django_capture_on_commit_callbacks
):
    feed = feedparser.parse(client.get("/feed/").content)
    assert date(*feed.feed.updated_parsed[:3]) == date(2020, 11, 29)  # 06:00 in Beijing is the eve in UTC
    with django_capture_on_commit_callbacks(execute=True):  # the kept feed is purged once the change commits
        _correct(seed.get(title=TITLE))
    feed = feedparser.parse(client.get("/feed/").content)
    assert feed.feed.updated.startswith("Sat, 05 Dec 2026")
