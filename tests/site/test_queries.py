"""Query counts per page: constant in what the page lists (bylines, related articles, articles)."""

import pytest
from django.core.cache import caches

from newsroom.models import ArticleRelatedLink
from tests.factories import ArticleBylineFactory, ArticlePageFactory, ArticlePhotoCreditFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

# The reader's outline (hidden branches with the next scheduled change, visible sections) is read
# again after a change, then kept in the reader cache: two queries.
OUTLINE = 2
# Wagtail's own serving: the site for the request, its channel home, the article by its address
# (one query, against the visibility rule), Wagtail's view-restriction check (two); then the
# page's credits (one UNION), related articles, tags and corrections.
ARTICLE_QUERIES_BETWEEN_PUBLISHES = 9
# The first page rendered after a change reads the outline too.
ARTICLE_QUERIES = ARTICLE_QUERIES_BETWEEN_PUBLISHES + OUTLINE


def fresh_get(client, url: str):
    # Measure rendering, not the page cache.
    caches["pages"].clear()
    return client.get(url)


def build_article(section, *, bylines: int, related: int):
    article = ArticlePageFactory(parent=section)
    for _ in range(bylines):
        ArticleBylineFactory(page=article)
    ArticlePhotoCreditFactory(page=article)
    for _ in range(related):
        ArticleRelatedLink.objects.create(page=article, related=ArticlePageFactory(parent=section))
    article.tags.add("青岛", "经济")
    article.save()
    return article


def test_an_article_page_takes_the_same_queries_whatever_its_bylines_and_related(
    client, channel, django_assert_num_queries
):
    section = SectionPageFactory()
    small = build_article(section, bylines=1, related=0)
    large = build_article(section, bylines=6, related=4)
    # Warm Wagtail's own caches (site root paths, content types) as any running server has them.
    fresh_get(client, small.url)
    with django_assert_num_queries(ARTICLE_QUERIES):
        small_page = fresh_get(client, small.url)
    with django_assert_num_queries(ARTICLE_QUERIES):
        large_page = fresh_get(client, large.url)
    assert small_page.status_code == large_page.status_code == 200
    assert large_page.content.decode().count('class="byline"') == 6


def test_articles_rendered_between_two_publishes_read_only_their_own_rows(client, channel, django_assert_num_queries):
    section = SectionPageFactory()
    first = build_article(section, bylines=2, related=1)
    second = build_article(section, bylines=3, related=2)
    fresh_get(client, first.url)
    with django_assert_num_queries(ARTICLE_QUERIES_BETWEEN_PUBLISHES):
        page = client.get(second.url)
    assert page.status_code == 200
    assert page.content.decode().count('class="byline"') == 3


# Counted in the first render after a change: each includes the site and the outline (two); the
# home and a section front read their editors' picks too (one query; see tests/curation for picks).
@pytest.mark.parametrize(
    ("url", "queries"),
    [("/", 11), ("/{section}/", 10), ("/reporters/", 10), ("/feed/", 6), ("/sitemap.xml", 5)],
)
def test_listing_pages_take_the_same_queries_for_two_or_twelve_articles(
    client, channel, django_assert_num_queries, url, queries
):
    section = SectionPageFactory()
    url = url.format(section=section.slug)
    for _ in range(2):
        ArticleBylineFactory(page=ArticlePageFactory(parent=section))
    fresh_get(client, url)
    with django_assert_num_queries(queries):
        fresh_get(client, url)
    for _ in range(10):
        ArticleBylineFactory(page=ArticlePageFactory(parent=section))
    with django_assert_num_queries(queries):
        assert fresh_get(client, url).status_code == 200
