"""SQL queries per request are pinned, and do not grow with `limit`, articles, credits or sections."""

from datetime import timedelta

import pytest

from newsroom.api import payloads, schemas
from newsroom.articles.selectors import article_feed_live, attach_credits, for_listing
from newsroom.readers.scope import channel_scope
from tests.api.conftest import EDITION, Desk, add_section

pytestmark = pytest.mark.django_db

# Counts with the reader's outline cold (the first request after a change): the hidden branches
# with the next scheduled change, and the visible sections, two queries; warm requests skip them.
# Each request asks for an address not asked before: a repeated one is answered from the reader
# cache with no query at all.
OUTLINE = 2
# The site with its root, the outline, the articles (each with its section), their bylines and
# photo credits together.
ARTICLES_LIST = 5
# The site, the outline, every section's newest articles, the editors' 头条 and 推荐 (one query
# however many), the credits of all of them, the per-section counts.
HOME = 7
# The site, the outline, the reporter, their article count, the articles, their credits.
REPORTER_DETAIL = 7


@pytest.fixture(scope="module")
def module_busy_desk(module_desk: Desk, django_db_blocker) -> Desk:
    """Thirty more articles, each with two bylines and a photo credit, in four more sections."""
    desk = module_desk
    with django_db_blocker.unblock():
        sections = [desk.yaowen, desk.jingji, *(add_section(f"栏目{i}", f"lanmu-{i}") for i in range(4))]
        for i in range(30):
            desk.add(
                sections[i % len(sections)],
                f"忙碌的一天{i}",
                10 + i,
                bylines=[("记者", desk.xiao), ("通讯员", desk.ji)],
                photo_credits=[("摄影", desk.photographer)],
                lead_image_caption="图片说明",
            )
    return desk


@pytest.fixture
def busy_desk(module_busy_desk: Desk, db) -> Desk:
    return module_busy_desk.fresh()


@pytest.mark.parametrize("limit", [1, 100])
def test_articles_list_queries_do_not_grow_with_limit(client, busy_desk, django_assert_num_queries, limit):
    with django_assert_num_queries(ARTICLES_LIST):
        response = client.get("/api/v1/articles", {"limit": limit})
    assert len(response.json()["items"]) == min(limit, 38)


@pytest.mark.parametrize("limit", [1, 100])
def test_home_queries_do_not_grow_with_limit_or_sections(client, busy_desk, django_assert_num_queries, limit):
    with django_assert_num_queries(HOME):
        response = client.get("/api/v1/home", {"limit": limit})
    assert len(response.json()["sections"]) == 6


@pytest.mark.parametrize("limit", [1, 100])
def test_reporter_queries_do_not_grow_with_limit(client, busy_desk, django_assert_num_queries, limit):
    with django_assert_num_queries(REPORTER_DETAIL):
        response = client.get("/api/v1/reporters/肖芳", {"limit": limit})
    assert len(response.json()["articles"]["items"]) == min(limit, 37)


def test_the_next_page_costs_the_same_with_the_outline_warm(client, busy_desk, django_assert_num_queries):
    cursor = client.get("/api/v1/articles", {"limit": 10}).json()["next_cursor"]
    with django_assert_num_queries(ARTICLES_LIST - OUTLINE):
        client.get("/api/v1/articles", {"limit": 10, "cursor": cursor})


@pytest.mark.parametrize(("path", "cold"), [("/api/v1/home", HOME), ("/api/v1/reporters/肖芳", REPORTER_DETAIL)])
def test_the_outline_is_read_once_until_the_next_publish(client, busy_desk, django_assert_num_queries, path, cold):
    with django_assert_num_queries(cold):
        client.get(path, {"limit": 1})
    with django_assert_num_queries(cold - OUTLINE):
        client.get(path, {"limit": 2})
    # A publish purges the outline: it is read again, once.
    busy_desk.add(busy_desk.yaowen, "新发布的稿件", -30)
    with django_assert_num_queries(cold):
        client.get(path, {"limit": 3})
    with django_assert_num_queries(cold - OUTLINE):
        client.get(path, {"limit": 4})


def test_sections_and_reporters_lists_cost_a_fixed_number(client, busy_desk, django_assert_num_queries):
    with django_assert_num_queries(2 + OUTLINE):  # the site, the outline (with the sections), their counts
        client.get("/api/v1/sections")
    with django_assert_num_queries(3):  # the site, the reporters, their counts (the outline now warm)
        client.get("/api/v1/reporters")


def test_a_new_section_adds_no_query_to_home(client, busy_desk, django_assert_num_queries):
    busy_desk.add(add_section("新栏目", "xin"), "新栏目的第一篇", -1)
    busy_desk.add(add_section("又一个栏目", "you"), "又一个栏目的第一篇", -2)
    with django_assert_num_queries(HOME):
        response = client.get("/api/v1/home", {"limit": 3})
    assert response.json()["lead"]["published_at"] == (EDITION + timedelta(minutes=2)).isoformat()


def test_every_field_of_a_listed_article_declares_the_columns_it_reads():
    # A field added to the schema without its columns would be read one article at a time.
    assert set(payloads.ARTICLE_COLUMNS) == set(schemas.Article.model_fields)


def test_turning_a_listing_into_json_reads_nothing_more(busy_desk, django_assert_num_queries):
    scope = channel_scope()
    articles = list(for_listing(article_feed_live(scope), payloads.LISTED_COLUMNS)[:20])
    attach_credits(articles, scope)
    with django_assert_num_queries(0):
        listed = payloads.articles_of(articles, scope)
    assert len(listed) == 20 and all(article.section.slug for article in listed)
