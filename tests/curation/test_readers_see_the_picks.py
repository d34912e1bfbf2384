"""What readers get from the editors' picks, on the site and in the app API: the 头条, the 推荐 in
their order, a section's 置顶 first; and the newest visible article in any slot whose pick is not
set, has ended, or is out of readers' sight."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.models import FrontPicks
from tests.curation.conftest import publish_picks

pytestmark = pytest.mark.django_db


def site_lead(client) -> str:
    page = client.get("/").content.decode()
    return re.search(r'id="lead-title"><a href="[^"]*">([^<]*)</a>', page).group(1)


def site_featured(client) -> list[str]:
    page = client.get("/").content.decode()
    block = re.search(r'<section class="featured".*?</section>', page, re.S)
    return re.findall(r'class="item-title" href="[^"]*">([^<]*)</a>', block.group(0)) if block else []


def api_home(client) -> dict:
    response = client.get("/api/v1/home")
    assert response.status_code == 200
    return response.json()


def test_without_picks_the_newest_article_leads_and_nothing_is_featured(client, channel_with_news):
    newest = channel_with_news.newest[0]
    assert site_lead(client) == newest.title
    assert site_featured(client) == []
    data = api_home(client)
    assert data["lead"]["id"] == newest.pk
    assert data["featured"] == []


def test_the_picked_lead_and_featured_show_on_the_site_and_in_the_api(client, home, channel_with_news):
    older, second, third = channel_with_news.newest[3], channel_with_news.newest[5], channel_with_news.newest[1]
    publish_picks(home, second, third, lead=older)

    assert site_lead(client) == older.title
    assert site_featured(client) == [second.title, third.title]
    data = api_home(client)
    assert data["lead"]["id"] == older.pk
    assert [item["id"] for item in data["featured"]] == [second.pk, third.pk]
    # A featured article is listed as every article is, credits and section included.
    assert data["featured"][0]["section"]["slug"] in ("yaowen", "jingji")


def test_reordering_the_picks_reorders_them_for_readers(client, home, channel_with_news):
    first, second = channel_with_news.newest[2], channel_with_news.newest[4]
    publish_picks(home, first, second)
    assert site_featured(client) == [first.title, second.title]

    publish_picks(home, second, first)

    assert site_featured(client) == [second.title, first.title]
    assert [item["id"] for item in api_home(client)["featured"]] == [second.pk, first.pk]


def test_a_pick_past_its_end_time_drops_off_and_the_newest_leads_again(client, home, channel_with_news):
    newest, older, kept, ending = (channel_with_news.newest[i] for i in (0, 3, 4, 5))
    in_an_hour = timezone.now() + timedelta(hours=1)
    publish_picks(home, (ending, in_an_hour), kept, lead=older, lead_ends_at=in_an_hour)
    assert site_lead(client) == older.title

    with time_machine.travel(in_an_hour + timedelta(seconds=1)):
        assert site_lead(client) == newest.title
        assert site_featured(client) == [kept.title]
        data = api_home(client)
        assert data["lead"]["id"] == newest.pk
        assert [item["id"] for item in data["featured"]] == [kept.pk]


def test_no_cache_keeps_the_home_past_a_picks_end_time(client, home, channel_with_news):
    ends_at = timezone.now() + timedelta(seconds=40)
    publish_picks(home, (channel_with_news.newest[3], ends_at))

    for path in ("/", "/api/v1/home"):
        cache_control = client.get(path)["Cache-Control"]
        ages = [int(age) for age in re.findall(r"(?:max-age|s-maxage)=(\d+)", cache_control)]
        assert ages and max(ages) <= 40, (path, cache_control)
        assert "stale-while-revalidate" not in cache_control, (path, cache_control)


def test_unpublishing_a_picked_article_gives_its_slot_to_the_newest_at_once(client, home, channel_with_news):
    newest, picked, featured = channel_with_news.newest[0], channel_with_news.newest[3], channel_with_news.newest[4]
    publish_picks(home, featured, lead=picked)
    # Both answers are in the reader cache now.
    assert site_lead(client) == picked.title
    assert api_home(client)["lead"]["id"] == picked.pk

    picked.unpublish()
    featured.unpublish()

    assert site_lead(client) == newest.title
    assert site_featured(client) == []
    data = api_home(client)
    assert data["lead"]["id"] == newest.pk
    assert data["featured"] == []


def test_a_private_or_not_yet_live_pick_is_never_shown(client, home, channel_with_news):
    private, newest = channel_with_news.newest[3], channel_with_news.newest[0]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    scheduled = channel_with_news.add(channel_with_news.yaowen, "明天才发的稿件", 0)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save()
    publish_picks(home, scheduled, private, lead=private)

    assert site_lead(client) == newest.title
    assert site_featured(client) == []
    data = api_home(client)
    assert data["lead"]["id"] == newest.pk
    assert data["featured"] == []


def test_picks_saved_as_a_draft_or_unpublished_are_not_shown(client, home, channel_with_news):
    newest, picked = channel_with_news.newest[0], channel_with_news.newest[3]
    front_picks = publish_picks(home, lead=picked)
    front_picks.lead = channel_with_news.newest[5]
    front_picks.save_revision()  # a draft: readers keep seeing the published picks
    assert site_lead(client) == picked.title

    FrontPicks.objects.get(front=home).unpublish()

    assert site_lead(client) == newest.title
    assert api_home(client)["lead"]["id"] == newest.pk


def test_a_section_front_lists_its_pins_first_then_the_rest_by_date_once_each(client, channel_with_news):
    yaowen = channel_with_news.yaowen
    in_section = [a for a in channel_with_news.newest if a.get_parent().pk == yaowen.pk]
    oldest, middle, newest = in_section[2], in_section[1], in_section[0]
    publish_picks(yaowen, oldest, middle)

    page = client.get(yaowen.url).content.decode()
    listed = re.findall(r'class="item-heading"><a href="[^"]*">([^<]*)</a>', page)
    assert listed == [oldest.title, middle.title, newest.title]
    assert page.count('class="pin-mark"') == 2
    # The API's section listing keeps its date order.
    items = client.get("/api/v1/articles", {"section": "yaowen"}).json()["items"]
    assert [item["id"] for item in items] == [newest.pk, middle.pk, oldest.pk]


def test_a_section_pin_past_its_end_time_goes_back_to_its_date(client, channel_with_news):
    yaowen = channel_with_news.yaowen
    in_section = [a for a in channel_with_news.newest if a.get_parent().pk == yaowen.pk]
    ends_at = timezone.now() + timedelta(minutes=5)
    publish_picks(yaowen, (in_section[2], ends_at))

    with time_machine.travel(ends_at + timedelta(seconds=1)):
        page = client.get(yaowen.url).content.decode()
    listed = re.findall(r'class="item-heading"><a href="[^"]*">([^<]*)</a>', page)
    assert listed == [a.title for a in in_section]
    assert 'class="pin-mark"' not in page


def test_unpublishing_a_pinned_article_takes_it_off_its_section_front_at_once(client, channel_with_news):
    yaowen = channel_with_news.yaowen
    in_section = [a for a in channel_with_news.newest if a.get_parent().pk == yaowen.pk]
    pinned = in_section[2]
    publish_picks(yaowen, pinned)
    assert 'class="pin-mark"' in client.get(yaowen.url).content.decode()  # now in the reader cache

    pinned.unpublish()

    page = client.get(yaowen.url).content.decode()
    assert 'class="pin-mark"' not in page and pinned.title not in page
