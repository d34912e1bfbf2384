"""/api/v1/search: the shared search selector's ranking, paged by signed cursors."""

import pytest

from tests.api.conftest import EDITION, add_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def harbours(desk):
    # Three more about the harbour; the Wagtail database backend ranks title matches first.
    return [add_article(desk.jingji, f"harbour report {i}", published_at=EDITION) for i in range(3)]


def test_search_returns_the_feed_envelope_ranked(api, desk, harbours):
    data = api("/api/v1/search", {"q": "harbour"})
    assert sorted(item["id"] for item in data["items"]) == sorted([desk.articles[1].pk, *(a.pk for a in harbours)])
    assert data["next_cursor"] is None
    assert set(data["items"][0]) >= {"id", "url", "title", "section", "bylines", "published_at"}


def test_search_pages_cover_every_match_once(api, desk, harbours):
    everything = api("/api/v1/search", {"q": "harbour"})["items"]
    first = api("/api/v1/search", {"q": "harbour", "limit": 3})
    rest = api("/api/v1/search", {"q": "harbour", "limit": 3, "cursor": first["next_cursor"]})
    assert first["items"] + rest["items"] == everything
    assert rest["next_cursor"] is None


def test_a_search_cursor_works_only_for_its_own_query(api, desk, harbours):
    cursor = api("/api/v1/search", {"q": "harbour", "limit": 1})["next_cursor"]
    refused = api("/api/v1/search", {"q": "report", "cursor": cursor}, status=422)
    assert refused["detail"][0]["loc"] == ["query", "cursor"]
    api("/api/v1/articles", {"cursor": cursor}, status=422)


def test_queries_the_search_backend_cannot_parse_match_nothing(api, desk):
    for query in ['"', 'harbour"', "(", "AND", "*", "-", "'", "\\"]:
        assert api("/api/v1/search", {"q": query})["next_cursor"] is None


def test_blank_query_matches_nothing(api, desk):
    assert api("/api/v1/search", {"q": "   "}) == {"items": [], "next_cursor": None}
