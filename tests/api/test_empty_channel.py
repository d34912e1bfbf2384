"""A channel with nothing published yet: every endpoint answers, with empty lists and no lead."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_endpoint_answers_an_empty_channel(api, channel):
    assert api("/api/v1/home") == {"lead": None, "featured": [], "sections": []}
    assert api("/api/v1/sections") == []
    assert api("/api/v1/reporters") == []
    assert api("/api/v1/articles") == {"items": [], "next_cursor": None}
    assert api("/api/v1/search", {"q": "青岛"}) == {"items": [], "next_cursor": None}
