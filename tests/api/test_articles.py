"""/api/v1/articles: the feed's shape, order, filters and cursors, and one article in full."""

from datetime import datetime, timedelta

import pytest
from wagtail.models import Site
from wagtail_factories import ImageFactory

from newsroom.models import ArticleCorrection, ArticleRelatedLink
from tests.api.conftest import EDITION, add_article, publish

pytestmark = pytest.mark.django_db


def test_articles_list_newest_first_with_contract_fields(api, desk):
    data = api("/api/v1/articles")
    assert [item["id"] for item in data["items"]] == [a.pk for a in desk.newest_first()]
    assert data["next_cursor"] is None
    lead = data["items"][0]
    assert lead == {
        "id": desk.articles[0].pk,
        "url": f"http://localhost/yaowen/{desk.articles[0].slug}/",
        "kicker": "打造中国经济新的增长极——",
        "title": "胶东经济圈一体化发展全面起势",
        "subtitle": "——五市协同共进",
        "summary": "胶东五市一体化发展。",
        "section": {"slug": "yaowen", "title": "要闻"},
        "bylines": [
            {"role": "本报记者", "name": "肖芳", "reporter": "肖芳"},
            {"role": "通讯员", "name": "纪粹琳", "reporter": "纪粹琳"},
        ],
        "dateline": {"text": "本报青岛讯 11月24日", "source": "本报", "place": "青岛", "date": "2020-11-24"},
        "published_at": "2020-11-30T06:00:00+08:00",
        "lead_image": {
            "caption": "图为青岛港。",
            "credits": [{"role": "摄影", "name": "张摄影", "reporter": "张摄影"}],
            "url": None,
            "width": None,
            "height": None,
        },
        "edition_date": "2020-11-30",
        "print_page": "A01",
    }


def test_articles_without_dateline_or_photo_give_null(api, desk):
    plain = api("/api/v1/articles")["items"][1]
    assert plain["title"] == "22个央地合作项目在青签约 harbour"
    assert plain["dateline"] is None
    assert plain["lead_image"] is None
    assert plain["kicker"] is None and plain["subtitle"] is None


def test_chinese_is_sent_as_characters_not_escapes(client, desk):
    content = client.get("/api/v1/articles").content
    assert "胶东经济圈".encode() in content
    assert b"\\u" not in content


def test_absolute_urls_come_from_the_site_record_not_the_host_header(api, desk, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", "cdn.example"]
    Site.objects.filter(is_default_site=True).update(hostname="qingdao.dzwww.example", port=443)
    for headers in ({"HTTP_HOST": "cdn.example"}, {"HTTP_X_FORWARDED_HOST": "evil.example"}, {}):
        item = api("/api/v1/articles", {"limit": 1}, **headers)["items"][0]
        assert item["url"] == f"https://qingdao.dzwww.example/yaowen/{desk.articles[0].slug}/"


def test_cursor_walks_every_article_once_in_order(api, desk):
    seen, cursor = [], None
    while True:
        data = api("/api/v1/articles", {"limit": 3, **({"cursor": cursor} if cursor else {})})
        seen += [item["id"] for item in data["items"]]
        cursor = data["next_cursor"]
        if cursor is None:
            break
    assert seen == [a.pk for a in desk.newest_first()]


def test_cursor_stays_valid_while_articles_are_published_and_unpublished(api, desk):
    first = api("/api/v1/articles", {"limit": 3})
    newest_first = desk.newest_first()
    # Between two requests: a new story goes up, one already seen and one not yet seen come down.
    desk.add(desk.yaowen, "刚刚发布的快讯", -5)
    newest_first[0].unpublish()
    newest_first[4].unpublish()
    second = api("/api/v1/articles", {"limit": 3, "cursor": first["next_cursor"]})
    expected = [newest_first[3], newest_first[5], newest_first[6]]
    assert [item["id"] for item in second["items"]] == [a.pk for a in expected]


def test_articles_with_the_same_publication_time_are_ordered_by_id(api, desk):
    twins = [add_article(desk.jingji, f"同一时刻{i}", published_at=EDITION + timedelta(hours=1)) for i in range(3)]
    data = api("/api/v1/articles", {"limit": 2})
    assert [item["id"] for item in data["items"]] == [twins[2].pk, twins[1].pk]
    rest = api("/api/v1/articles", {"limit": 2, "cursor": data["next_cursor"]})
    assert [item["id"] for item in rest["items"]] == [twins[0].pk, desk.articles[0].pk]


def test_filter_by_section(api, desk):
    data = api("/api/v1/articles", {"section": "jingji", "limit": 100})
    expected = [a.pk for a in desk.newest_first() if a.get_parent().pk == desk.jingji.pk]
    assert [item["id"] for item in data["items"]] == expected
    assert {item["section"]["slug"] for item in data["items"]} == {"jingji"}


def test_unknown_section_or_reporter_filters_to_nothing(api, desk):
    assert api("/api/v1/articles", {"section": "nosuch"}) == {"items": [], "next_cursor": None}
    assert api("/api/v1/articles", {"reporter": "nosuch"}) == {"items": [], "next_cursor": None}


def test_filter_by_reporter_covers_bylines_and_photo_credits(api, desk):
    by_ji = api("/api/v1/articles", {"reporter": "纪粹琳"})["items"]
    assert [item["title"] for item in by_ji] == ["胶东经济圈一体化发展全面起势", "青岛港货物吞吐量创新高"]
    photographed = api("/api/v1/articles", {"reporter": "张摄影"})["items"]
    assert [item["id"] for item in photographed] == [desk.articles[0].pk]


def test_filter_by_tag(api, desk):
    tagged = desk.articles[3]
    tagged.tags.add("港口")
    publish(tagged)
    assert [item["id"] for item in api("/api/v1/articles", {"tag": "港口"})["items"]] == [tagged.pk]
    assert api("/api/v1/articles", {"tag": "没有"})["items"] == []


def test_since_and_until_take_date_times_with_their_offset(api, desk):
    # Only the article published at 05:58 Beijing time (the edition goes live at 06:00).
    data = api("/api/v1/articles", {"since": "2020-11-30T05:57:30+08:00", "until": "2020-11-30T05:59:00+08:00"})
    assert [item["id"] for item in data["items"]] == [desk.articles[2].pk]
    utc = api("/api/v1/articles", {"since": "2020-11-29T21:57:30Z", "until": "2020-11-29T21:59:00Z"})
    assert utc == data
    # A published_at given back as it came bounds the feed exactly.
    assert api("/api/v1/articles", {"until": data["items"][0]["published_at"]})["items"][0]["id"] == desk.articles[3].pk


def test_since_and_until_at_the_ends_of_the_calendar_bound_nothing(api, desk):
    everything = api("/api/v1/articles", {"limit": 100})
    assert api("/api/v1/articles", {"limit": 100, "since": "0001-01-01T00:00:00+14:00"}) == everything
    assert api("/api/v1/articles", {"limit": 100, "until": "9999-12-31T23:59:59-12:00"}) == everything


def test_q_keeps_matches_newest_first(api, desk):
    data = api("/api/v1/articles", {"q": "harbour"})
    assert [item["id"] for item in data["items"]] == [desk.articles[1].pk]


def test_detail_has_body_in_reading_order_related_and_tags(api, desk):
    article = desk.articles[0]
    pick = desk.articles[5]
    article.related_links = [ArticleRelatedLink(related=pick, sort_order=0)]
    article.tags.add("胶东", "经济圈")
    publish(article)
    data = api(f"/api/v1/articles/{article.pk}")
    assert data["title"] == "胶东经济圈一体化发展全面起势"
    assert data["body"] == [
        {"type": "paragraph", "text": "第一段。"},
        {"type": "heading", "text": "产业创新协同共进"},
        {"type": "paragraph", "text": "第二段。"},
    ]
    # The editor's pick first, then the newest of the same section.
    same_section = [a.pk for a in desk.newest_first() if a.get_parent().pk == desk.yaowen.pk and a.pk != article.pk]
    assert [r["id"] for r in data["related"]] == [pick.pk, *[pk for pk in same_section if pk != pick.pk]][:4]
    assert data["tags"] == ["经济圈", "胶东"]  # by code point: tags have no order of their own


def test_detail_of_an_unknown_id_is_a_json_404(api, desk):
    assert api("/api/v1/articles/999999", status=404) == {"detail": "没有这篇稿件,或稿件尚未发布"}
    assert api("/api/v1/articles/99999999999999999999", status=404)["detail"]
    assert api("/api/v1/articles/-1", status=404)["detail"]
    assert api("/api/v1/articles/abc", status=404)["detail"]


def test_only_articles_have_article_ids(api, desk, channel):
    for page in (channel.get_parent(), channel, desk.yaowen, desk.xiao):
        api(f"/api/v1/articles/{page.pk}", status=404)


def test_images_are_absolute_original_files_and_quotes_keep_their_source(api, desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = ImageFactory(title="青岛港", file__width=1200, file__height=800)
    inline = ImageFactory(title="码头", file__width=640, file__height=480)
    article = add_article(
        desk.yaowen,
        "有图的稿件",
        published_at=EDITION + timedelta(hours=1),
        lead_image=photo,
        lead_image_caption="图为青岛港。",
        photo_credits=[("摄影", desk.photographer)],
        body=[
            ("paragraph", "第一段。"),
            ("image", {"image": inline, "caption": "码头一角", "credit": "记者 张摄影 摄"}),
            ("quote", {"text": "港口是青岛的名片。", "attribution": "市民"}),
        ],
    )
    listed = api("/api/v1/articles", {"limit": 1})["items"][0]
    assert listed["lead_image"] == {
        "caption": "图为青岛港。",
        "credits": [{"role": "摄影", "name": "张摄影", "reporter": "张摄影"}],
        "url": f"http://localhost{photo.file.url}",
        "width": 1200,
        "height": 800,
    }
    body = api(f"/api/v1/articles/{article.pk}")["body"]
    assert body == [
        {"type": "paragraph", "text": "第一段。"},
        {
            "type": "image",
            "url": f"http://localhost{inline.file.url}",
            "width": 640,
            "height": 480,
            "caption": "码头一角",
            "credit": "记者 张摄影 摄",
        },
        {"type": "quote", "text": "港口是青岛的名片。", "attribution": "市民"},
    ]


def test_detail_lists_published_corrections_newest_first_never_a_drafts(api, desk):
    article = desk.articles[0]
    article.corrections = [
        ArticleCorrection(date=datetime(2020, 12, 1).date(), text="本文第二段“12月”应为“11月”,特此更正。"),
        ArticleCorrection(date=datetime(2020, 12, 3).date(), text="补充:签约项目总投资额已更新。"),
    ]
    publish(article)
    # A third note saved as a draft only: it shows once published, not before.
    draft_note = ArticleCorrection(date=datetime(2020, 12, 5).date(), text="草稿中的更正")
    article.corrections = [*article.corrections.all(), draft_note]
    article.save_revision()
    assert api(f"/api/v1/articles/{article.pk}")["corrections"] == [
        {"date": "2020-12-03", "text": "补充:签约项目总投资额已更新。"},
        {"date": "2020-12-01", "text": "本文第二段“12月”应为“11月”,特此更正。"},
    ]
