"""今日定时发布 on the dashboard: what goes (or went) live today in Beijing, in the sections the user publishes."""

from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from bs4 import BeautifulSoup

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db

BEIJING = timezone(timedelta(hours=8))
# 01:00 on 2 December in Beijing is still 1 December in UTC.
NOW = datetime(2026, 12, 2, 1, 0, tzinfo=BEIJING)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BEIJING)


def _schedule(client, section, title: str, slug: str, go_live_at: datetime, page=None) -> ArticlePage:
    """Publish with a go-live time from the editor, as a desk does."""
    form = article_form(page, title=title, slug=slug, go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"))
    url = f"/admin/pages/{page.pk}/edit/" if page else f"/admin/pages/add/newsroom/articlepage/{section.pk}/"
    response = client.post(url, {**form, "action-publish": "1"})
    assert response.status_code == 302, response
    return ArticlePage.objects.get(slug=slug)


def _panel(client) -> list[tuple[str, str, str]]:
    html = client.get("/admin/").content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("#scheduled-today-section")
    if panel is None:
        return []
    rows = []
    for row in panel.select("tr[data-scheduled-today]"):
        time, title, _section, status = (td.get_text(" ", strip=True) for td in row.find_all("td"))
        rows.append((time, title, status))
    return rows


@pytest.fixture
def day(login, editor, chief, own_section, other_section):
    with time_machine.travel(NOW, tick=False):
        desk, chief_client = login(editor), login(chief)
        _schedule(desk, own_section, "下午三点发布", "sandian", _at(2, 15))
        _schedule(desk, own_section, "明天零点半发布", "mingtian", _at(3, 0, 30))
        _schedule(chief_client, other_section, "经济版晚间发布", "wanjian", _at(2, 23, 30))
        # Published yesterday; an update of it scheduled for tonight.
        live = ArticlePageFactory(parent=own_section, title="晚上八点更新", slug="gengxin", live=False)
        with time_machine.travel(_at(1, 9), tick=False):
            live.save_revision().publish()
        _schedule(desk, own_section, "晚上八点更新", "gengxin", _at(2, 20), page=ArticlePage.objects.get(pk=live.pk))
        ArticlePageFactory(
            parent=own_section, title="凌晨已上线", go_live_at=_at(2, 0, 30), first_published_at=_at(2, 0, 30)
        )
        ArticlePageFactory(
            parent=own_section, title="昨晚已上线", go_live_at=_at(1, 23, 30), first_published_at=_at(1, 23, 30)
        )
        yield


def test_an_editor_sees_today_in_their_sections_in_time_order(day, login, editor):
    with time_machine.travel(NOW, tick=False):
        rows = _panel(login(editor))
    assert rows == [
        ("00:30", "凌晨已上线", "已发布"),
        ("15:00", "下午三点发布", "已定时"),
        ("20:00", "晚上八点更新", "已发布"),
    ]


def test_the_chief_sees_every_section(day, login, chief):
    with time_machine.travel(NOW, tick=False):
        titles = [title for _, title, _ in _panel(login(chief))]
    assert titles == ["凌晨已上线", "下午三点发布", "晚上八点更新", "经济版晚间发布"]


def test_a_reporter_has_no_schedule_panel(day, login, reporter):
    with time_machine.travel(NOW, tick=False):
        html = login(reporter).get("/admin/").content.decode()
    assert "今日定时发布" not in html


def test_a_day_without_schedules_says_so(login, editor):
    html = login(editor).get("/admin/").content.decode()
    assert "今日定时发布" in html
    assert "没有定时发布的稿件" in html
