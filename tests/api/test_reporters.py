"""/api/v1/reporters: people with the contract's two kinds, counts, and each one's articles."""

import pytest

pytestmark = pytest.mark.django_db


def test_reporters_by_name_with_contract_kind_and_fine_kind(api, desk):
    people = {p["slug"]: p for p in api("/api/v1/reporters")}
    assert {slug: (p["kind"], p["role_kind"]) for slug, p in people.items()} == {
        "肖芳": ("staff", "staff"),
        "纪粹琳": ("correspondent", "correspondent"),
        "王小雨": ("staff", "intern"),
        "张摄影": ("staff", "photographer"),
    }
    assert people["肖芳"] == {
        "id": desk.xiao.pk,
        "slug": "肖芳",
        "name": "肖芳",
        "kind": "staff",
        "role_kind": "staff",
        "url": "http://localhost/reporters/%E8%82%96%E8%8A%B3/",
        "article_count": 7,
    }


def test_a_photographer_counts_the_articles_of_their_photos(api, desk):
    person = api("/api/v1/reporters/张摄影")
    assert person["article_count"] == 1
    assert [item["id"] for item in person["articles"]["items"]] == [desk.articles[0].pk]


def test_reporter_articles_are_paged_like_the_feed(api, desk):
    first = api("/api/v1/reporters/肖芳", {"limit": 4})
    assert first["article_count"] == 7
    rest = api("/api/v1/reporters/肖芳", {"limit": 4, "cursor": first["articles"]["next_cursor"]})
    ids = [i["id"] for i in first["articles"]["items"] + rest["articles"]["items"]]
    assert rest["articles"]["next_cursor"] is None
    assert ids == [a.pk for a in desk.newest_first() if a.pk != desk.articles[3].pk]


def test_unknown_reporter_is_a_json_404(api, desk):
    assert api("/api/v1/reporters/nobody", status=404) == {"detail": "没有这位记者"}


def test_an_article_both_written_and_photographed_by_one_person_counts_once(api, desk):
    desk.add(
        desk.yaowen,
        "图文:青岛港夜景",
        -1,
        bylines=[("记者", desk.photographer)],
        photo_credits=[("摄影", desk.photographer)],
    )
    person = api("/api/v1/reporters/张摄影")
    assert person["article_count"] == 2 == len(person["articles"]["items"])
    assert next(p for p in api("/api/v1/reporters") if p["slug"] == "张摄影")["article_count"] == 2
