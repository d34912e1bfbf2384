"""/api/v1/home: the lead story and every section's newest articles, in one request."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_has_the_lead_and_each_sections_newest(api, desk):
    data = api("/api/v1/home", {"limit": 2})
    assert data["lead"]["id"] == desk.articles[0].pk
    assert data["lead"]["title"] == "胶东经济圈一体化发展全面起势"
    assert [(s["section"]["slug"], s["section"]["article_count"]) for s in data["sections"]] == [
        ("yaowen", 4),
        ("jingji", 4),
    ]
    newest = desk.newest_first()
    for block in data["sections"]:
        expected = [a.pk for a in newest if a.get_parent().specific.slug == block["section"]["slug"]][:2]
        assert [item["id"] for item in block["articles"]] == expected


def test_home_default_lists_six_per_section(api, desk):
    for minutes in range(10, 16):
        desk.add(desk.yaowen, f"更多要闻{minutes}", minutes)
    assert [len(s["articles"]) for s in api("/api/v1/home")["sections"]] == [6, 4]
