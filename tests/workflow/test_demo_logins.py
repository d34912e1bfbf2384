"""`make run`'s demo logins: one per role, passwords printed, in the right groups; a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from newsroom.management.commands.create_local_admin import DEMO_PASSWORDS
from newsroom.models import ReporterPage
from tests.factories import ArticleBylineFactory, ArticlePageFactory, ReporterPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    call_command("create_local_admin", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(settings):
    """What `make run` has imported by the time it creates the logins: sections and bylined reporters."""
    settings.DEBUG = True
    yaowen = SectionPageFactory(slug="yaowen", title="要闻")
    SectionPageFactory(slug="jingji", title="经济")
    busy = ReporterPageFactory(title="薄克国")
    for _ in range(2):
        ArticleBylineFactory(page=ArticlePageFactory(parent=yaowen), reporter=busy)
    ArticleBylineFactory(page=ArticlePageFactory(parent=yaowen), reporter=ReporterPageFactory(title="肖芳"))
    return yaowen


def test_each_role_gets_a_login_with_its_password_printed(seeded):
    out = _run()
    for username, password in DEMO_PASSWORDS.items():
        assert f"用户名 {username}  密码 {password}" in out
        assert Client().login(username=username, password=password)
    groups = {
        user.username: sorted(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.filter(username__in=DEMO_PASSWORDS)
    }
    assert groups == {"reporter": ["记者"], "editor": ["编辑", "编辑-yaowen"], "chief": ["主编"]}


def test_the_demo_reporter_is_the_reporter_with_the_most_bylines(seeded):
    out = _run()
    page = ReporterPage.objects.get(user__username="reporter")
    assert page.title == "薄克国"
    assert "署名「薄克国」" in out


def test_running_it_again_changes_nothing(seeded):
    _run()
    users, pages = get_user_model().objects.count(), ReporterPage.objects.count()
    out = _run()
    assert (get_user_model().objects.count(), ReporterPage.objects.count()) == (users, pages)
    assert out.count("账号已存在") == 4
    assert ReporterPage.objects.get(user__username="reporter").title == "薄克国"


def test_without_imported_reporters_the_demo_reporter_gets_a_draft_page_readers_never_see(settings):
    settings.DEBUG = True
    _run()
    page = ReporterPage.objects.get(user__username="reporter")
    assert (page.title, page.live) == ("演示记者", False)


def test_the_demo_logins_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        _run()
    assert not get_user_model().objects.filter(username__in=DEMO_PASSWORDS).exists()


def test_the_local_site_record_points_at_the_local_server(seeded):
    from wagtail.models import Site

    call_command("create_local_admin", "--port", "8123", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"
