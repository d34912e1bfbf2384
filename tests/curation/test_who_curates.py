"""Who may change which picks through the admin's own views: 记者 none, a 编辑 their sections' 置顶,
the 主编 the home's 头条 and 推荐 and every section's; publishing is logged, shown in history, and
purges the pages that show the picks."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from newsroom.models import FrontPicks
from tests.curation.conftest import publish_picks

pytestmark = pytest.mark.django_db


def url(name: str, front_picks: FrontPicks) -> str:
    return reverse(f"wagtailsnippets_newsroom_frontpicks:{name}", args=[front_picks.pk])


def refused(response) -> bool:
    """Wagtail's answer to a view the user may not use: back to the dashboard (with a message)."""
    return (response.status_code, response.get("Location")) == (302, "/admin/")


def picks_form(*articles, lead=None, action: str | None = "action-publish") -> dict:
    """The 推荐位 editor's form as the browser posts it: the lead and the picks in this order."""
    data = nested_form_data(
        {
            "lead": lead.pk if lead else "",
            "lead_ends_at": "",
            "picks": inline_formset(
                [{"article": a.pk, "ends_at": "", "ORDER": str(i + 1)} for i, a in enumerate(articles)]
            ),
        }
    )
    if action:
        data[action] = action
    return data


def test_the_fronts_listing_shows_each_role_what_it_may_curate(login, reporter, editor, chief, home, channel_with_news):
    listing = reverse("wagtailsnippets_newsroom_frontpicks:list")
    assert refused(login(reporter).get(listing))
    assert refused(login(reporter).get(url("edit", FrontPicks.objects.get(front=home))))

    as_editor = login(editor).get(listing).content.decode()
    assert "要闻:置顶" in as_editor
    assert "经济:置顶" not in as_editor and "首页:头条和推荐" not in as_editor

    as_chief = login(chief).get(listing).content.decode()
    assert all(name in as_chief for name in ("首页:头条和推荐", "要闻:置顶", "经济:置顶"))


def test_an_editor_pins_and_publishes_in_their_own_section(client, login, editor, channel_with_news):
    yaowen = channel_with_news.yaowen
    front_picks = FrontPicks.objects.get(front=yaowen)
    oldest = [a for a in channel_with_news.newest if a.get_parent().pk == yaowen.pk][-1]

    response = login(editor).post(url("edit", front_picks), picks_form(oldest))

    assert response.status_code == 302
    front_picks.refresh_from_db()
    assert front_picks.live and [p.article_id for p in front_picks.picks.all()] == [oldest.pk]
    listed = re.findall(r'class="item-heading"><a href="[^"]*">([^<]*)</a>', client.get(yaowen.url).content.decode())
    assert listed[0] == oldest.title


def test_an_editor_cannot_touch_the_home_or_another_section(login, editor, home, channel_with_news):
    other = channel_with_news.jingji
    article = channel_with_news.newest[3]
    for front in (home, other):
        front_picks = FrontPicks.objects.get(front=front)
        for name in ("edit", "history", "usage", "unpublish", "lock"):
            assert refused(login(editor).get(url(name, front_picks))), (front, name)
        assert refused(login(editor).post(url("edit", front_picks), picks_form(article)))
        front_picks.refresh_from_db()
        assert not front_picks.live and not front_picks.picks.exists()


def test_a_section_pin_must_come_from_that_section(login, editor, channel_with_news):
    yaowen = channel_with_news.yaowen
    elsewhere = next(a for a in channel_with_news.newest if a.get_parent().pk != yaowen.pk)
    front_picks = FrontPicks.objects.get(front=yaowen)

    response = login(editor).post(url("edit", front_picks), picks_form(elsewhere))

    assert response.status_code == 200
    assert "置顶稿件必须是「要闻」栏目的稿件" in response.content.decode()
    front_picks.refresh_from_db()
    assert not front_picks.live and not front_picks.picks.exists()


def test_the_chief_publishes_the_home_picks_logged_in_history_and_purged(client, login, chief, home, channel_with_news):
    lead, first, second = channel_with_news.newest[4], channel_with_news.newest[2], channel_with_news.newest[5]
    front_picks = FrontPicks.objects.get(front=home)
    # The home and the API's home are in the reader cache before the change.
    assert client.get("/api/v1/home").json()["featured"] == []
    assert 'class="featured"' not in client.get("/").content.decode()

    response = login(chief).post(url("edit", front_picks), picks_form(first, second, lead=lead))

    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(front_picks).filter(action="wagtail.publish").get()
    assert entry.user_id == chief.pk
    history = login(chief).get(url("history", front_picks)).content.decode()
    assert "发布" in history and chief.get_username() in history
    data = client.get("/api/v1/home").json()
    assert data["lead"]["id"] == lead.pk
    assert [item["id"] for item in data["featured"]] == [first.pk, second.pk]
    featured = re.search(r'<section class="featured".*?</section>', client.get("/").content.decode(), re.S)
    assert featured and first.title in featured.group(0)


def test_a_draft_of_the_picks_changes_nothing_readers_see(client, login, chief, home, channel_with_news):
    published_lead = channel_with_news.newest[3]
    publish_picks(home, lead=published_lead)
    front_picks = FrontPicks.objects.get(front=home)

    response = login(chief).post(url("edit", front_picks), picks_form(lead=channel_with_news.newest[5], action=None))

    assert response.status_code == 302
    assert client.get("/api/v1/home").json()["lead"]["id"] == published_lead.pk
    front_picks.refresh_from_db()
    assert front_picks.has_unpublished_changes


def test_the_chief_curates_a_section_too(login, chief, channel_with_news):
    jingji = channel_with_news.jingji
    pinned = [a for a in channel_with_news.newest if a.get_parent().pk == jingji.pk][-1]
    front_picks = FrontPicks.objects.get(front=jingji)

    assert login(chief).post(url("edit", front_picks), picks_form(pinned)).status_code == 302

    front_picks.refresh_from_db()
    assert [p.article_id for p in front_picks.picks.all()] == [pinned.pk]


def test_a_lead_on_a_section_or_an_article_picked_twice_is_refused(login, chief, home, channel_with_news):
    article = channel_with_news.newest[0]
    home_picks = FrontPicks.objects.get(front=home)
    twice = login(chief).post(url("edit", home_picks), picks_form(article, article))
    assert "同一篇稿件只能选一次" in twice.content.decode()
