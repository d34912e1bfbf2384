"""A small channel to curate (two sections, articles a minute apart), the editors' picks published
as the admin publishes them (a revision), and each role's login."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from newsroom.models import ArticlePage, ChannelHomePage, FrontPick, FrontPicks
from tests.api.conftest import add_article, add_section
from tests.workflow.conftest import chief, editor, login, make_user, own_section, reporter  # noqa: F401 - fixtures

Pick = ArticlePage | tuple[ArticlePage, datetime | None]


def publish_picks(front: Page, *picks: Pick, lead: ArticlePage | None = None, lead_ends_at=None, user=None):
    """Choose `picks` (in order, each optionally with its end time) and `lead` for `front`, and publish."""
    front_picks = FrontPicks.objects.get(front=front)
    front_picks.lead, front_picks.lead_ends_at = lead, lead_ends_at
    front_picks.picks = [
        FrontPick(article=article, ends_at=ends_at, sort_order=order)
        for order, (article, ends_at) in enumerate(pick if isinstance(pick, tuple) else (pick, None) for pick in picks)
    ]
    front_picks.save_revision(user=user).publish(user=user)
    return front_picks


@pytest.fixture
def home(db) -> ChannelHomePage:
    return ChannelHomePage.objects.get()


class Channel:
    """Two sections, 要闻 and 经济, with articles published a minute apart, newest first in `newest`."""

    def __init__(self, yaowen, jingji) -> None:
        self.yaowen, self.jingji = yaowen, jingji
        self.newest: list[ArticlePage] = []

    def add(self, section, title: str, minutes_ago: int, **fields) -> ArticlePage:
        published_at = timezone.now() - timedelta(minutes=minutes_ago)
        article = add_article(section, title, published_at=published_at, **fields)
        self.newest = sorted([*self.newest, article], key=lambda a: a.first_published_at, reverse=True)
        return article


@pytest.fixture
def channel_with_news(request: pytest.FixtureRequest) -> Channel:
    """要闻 is the editor's own section (tests.workflow.conftest's `own_section`); 经济 is not."""
    yaowen = request.getfixturevalue("own_section")
    news = Channel(yaowen, add_section("经济", "jingji"))
    for minutes in range(6):
        news.add(yaowen if minutes % 2 == 0 else news.jingji, f"青岛新闻{minutes}", 10 * (minutes + 1))
    return news
