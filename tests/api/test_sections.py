"""/api/v1/sections: the channel's sections in tree order, with their visible article counts."""

import pytest

pytestmark = pytest.mark.django_db


def test_sections_list_in_tree_order_with_counts(api, desk):
    assert api("/api/v1/sections") == [
        {
            "id": desk.yaowen.pk,
            "slug": "yaowen",
            "title": "要闻",
            "url": "http://localhost/yaowen/",
            "article_count": 4,
            "intro": "",
        },
        {
            "id": desk.jingji.pk,
            "slug": "jingji",
            "title": "经济",
            "url": "http://localhost/jingji/",
            "article_count": 4,
            "intro": "",
        },
    ]


def test_section_detail_by_slug(api, desk):
    assert api("/api/v1/sections/jingji")["title"] == "经济"


def test_section_count_matches_its_feed(api, desk):
    desk.articles[0].unpublish()
    count = api("/api/v1/sections/yaowen")["article_count"]
    assert count == 3 == len(api("/api/v1/articles", {"section": "yaowen", "limit": 100})["items"])


def test_unknown_section_is_a_json_404(api, desk):
    assert api("/api/v1/sections/nosuch", status=404) == {"detail": "没有这个栏目"}
