"""Chinese search a Qingdao reader would trust: the relevance suite on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from newsroom.articles.selectors import article_search_live
from tests.search.relevance_cases import CASES, SECOND_EDITION, SECOND_EDITION_NAME

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editions(tmp_path):
    second = tmp_path / SECOND_EDITION_NAME
    second.write_text(SECOND_EDITION, encoding="utf-8")
    call_command("import_edition", str(ROOT / "seeds"), str(second))


def _titles(query: str) -> list[str]:
    return [article.title for article in article_search_live(query)]


def test_the_suite_has_at_least_thirty_queries_of_every_kind():
    assert len(CASES) >= 30
    assert {case.kind for case in CASES} >= {"person", "place", "organisation", "term", "caption", "mixed"}


def test_every_query_finds_its_article_where_it_should(two_editions):
    failures = []
    for case in CASES:
        titles = _titles(case.query)
        top = titles[: case.within]
        if not any(case.expected in title for title in top):
            failures.append(f"{case.query!r}: wanted {case.expected!r} in the top {case.within}, got {titles[:3]}")
    assert failures == [], "\n".join(failures)


def test_an_unsegmented_index_misses_what_the_segmented_one_finds(two_editions):
    """The same texts in the database's own full-text engine, unsegmented, find none of these."""
    from newsroom.models import ArticlePage

    texts = [
        " ".join(
            [
                a.kicker,
                a.title,
                a.subtitle,
                a.lead_image_caption,
                *a.body_text,
                *(c.reporter.title for c in a.bylines.all()),
            ]
        )
        for a in ArticlePage.objects.all()
    ]
    missed = [case.query for case in CASES if case.unsegmented_misses]
    assert len(missed) >= 20
    found_raw = {query: _unsegmented_match_count(texts, query) for query in missed}
    assert found_raw == dict.fromkeys(missed, 0)
    assert all(_titles(query) for query in missed)


def _unsegmented_match_count(texts: list[str], query: str) -> int:
    """How many texts the database's full-text search matches for `query`, with no segmentation."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM unnest(%s::text[]) AS t(body) "
                "WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', %s)",
                [texts, query],
            )
        else:
            cursor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.raw_fts USING fts5(body)")
            cursor.execute("DELETE FROM temp.raw_fts")
            cursor.executemany("INSERT INTO temp.raw_fts (body) VALUES (%s)", [(text,) for text in texts])
            terms = " AND ".join('"' + term.replace('"', '""') + '"' for term in query.split())
            cursor.execute("SELECT count(*) FROM temp.raw_fts WHERE raw_fts MATCH %s", [terms])
        return cursor.fetchone()[0]


def test_a_draft_or_private_article_is_never_found(two_editions):
    from wagtail.models import PageViewRestriction

    from newsroom.models import ArticlePage

    draft_target = ArticlePage.objects.get(title__contains="青岛港")
    live_title = draft_target.title
    draft = ArticlePage.objects.get(pk=draft_target.pk)
    draft.title = "青岛港草稿秘闻标题"
    draft.save_revision()
    assert _titles("秘闻") == []
    assert live_title in _titles("青岛港")
    assert "青岛港草稿秘闻标题" not in _titles("青岛港")

    private = ArticlePage.objects.get(title__contains="即墨区")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert _titles("即墨区") == []

    unpublished = ArticlePage.objects.get(title__contains="5G基站")
    unpublished.unpublish()
    assert _titles("基站") == []

    # An article still live under a section an editor unpublished is out of reach too.
    ranch = ArticlePage.objects.get(title__contains="海洋牧场")
    ranch.get_parent().specific.unpublish()
    ranch.refresh_from_db()
    assert ranch.live
    assert _titles("海洋牧场") == []


def test_publishing_editing_moving_and_deleting_keep_the_index_right(two_editions):
    from newsroom.models import ArticlePage, SectionPage

    article = ArticlePage.objects.get(title__contains="即墨区")
    draft = article.get_latest_revision_as_object()
    draft.title = "即墨古城保护修缮补助发放"
    draft.save_revision().publish()
    assert _titles("古城") == ["即墨古城保护修缮补助发放"]

    other = SectionPage.objects.exclude(pk=article.get_parent().pk).first()
    article.refresh_from_db()
    article.move(other, pos="last-child")
    assert _titles("古城") == ["即墨古城保护修缮补助发放"]

    article.refresh_from_db()
    article.delete()
    assert _titles("古城") == []


def test_a_title_hit_ranks_above_a_newer_body_hit(two_editions):
    from newsroom.models import ArticlePage

    titles = _titles("地铁")
    assert titles[:2] == ["青岛地铁6号线一期 开通试运营", "崂山风景区获评 国家5A级旅游景区"]
    subway, mountain = (ArticlePage.objects.get(title=title) for title in titles[:2])
    assert mountain.first_published_at > subway.first_published_at


def test_among_equal_hits_newer_articles_come_first(two_editions):
    from newsroom.models import ArticlePage

    titles = _titles("西海岸新区")
    dates = [ArticlePage.objects.get(title=title).first_published_at for title in titles if "西海岸" not in title]
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)


def test_an_empty_or_punctuation_query_finds_nothing(two_editions):
    assert _titles("") == []
    assert _titles(",。!") == []
    assert _titles("的") == []
