"""A newcomer's first hour in real Chromium: `make run`'s demo logins, a story from reporter to reader.

The server is set up as `make run` does it (dev settings, migrate, import the seeds, create the
logins, runserver) on its own SQLite file; the passwords are read from what the command printed.
"""

import os
import re
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import chromium_browser, runserver

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

HEADLINE = "西海岸新区海洋经济再上新台阶"


@pytest.fixture(scope="module")
def chromium():
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """`make run` on a fresh SQLite file: the server's address, the printed passwords, the database file."""
    folder = tmp_path_factory.mktemp("newsroom")
    database = folder / "db.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("PAGE_CACHE_URL", None)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def run(*command: str) -> str:
        done = subprocess.run([*manage, *command], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)
        return done.stdout.decode()

    run("migrate", "--noinput", "-v0")
    run("import_edition", "seeds/", "-v0")
    printed = run("create_local_admin")
    passwords = dict(re.findall(r"用户名 (\w+)  密码 (\S+)", printed))
    with runserver(manage, env, ready_path="/admin/login/") as url:
        yield {"url": url, "passwords": passwords, "database": database}


def _section_id(database: Path, slug: str) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT id FROM wagtailcore_page WHERE slug = ? AND depth = 3", (slug,)).fetchone()[0]


def _sign_in(chromium, newsroom, username: str):
    context = chromium.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(newsroom["url"] + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", newsroom["passwords"][username])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def _approve_from_dashboard(page) -> None:
    page.goto(page.url.split("/admin/")[0] + "/admin/")
    row = page.locator("tr", has_text=HEADLINE)
    row.get_by_role("button").last.click()  # the row's "…" menu
    with page.expect_navigation():
        row.get_by_role("button", name="批准", exact=True).click()


def test_a_story_goes_from_the_reporter_through_both_reviews_to_readers(chromium, newsroom):
    assert set(newsroom["passwords"]) == {"admin", "reporter", "editor", "chief"}
    yaowen = _section_id(newsroom["database"], "yaowen")

    reporter = _sign_in(chromium, newsroom, "reporter")
    assert "我的稿件" in reporter.content()
    reporter.goto(f"{newsroom['url']}/admin/pages/add/newsroom/articlepage/{yaowen}/")
    reporter.locator("#id_title").press_sequentially(HEADLINE)
    reporter.locator("#id_title").blur()
    expect(reporter.locator("#id_slug")).to_have_value(HEADLINE)  # the address follows the Chinese headline
    reporter.get_by_role("button", name="更多动作").click()
    menu = reporter.locator("footer .w-dropdown__content button").all_inner_texts()
    assert [text.strip() for text in menu] == ["提交给稿件审核"]  # no 发布 for a reporter
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="提交给稿件审核").click()
    reporter.goto(newsroom["url"] + "/admin/")
    expect(reporter.locator("#my-articles-section tr", has_text=HEADLINE)).to_contain_text("审核中")

    editor = _sign_in(chromium, newsroom, "editor")
    assert editor.locator("tr", has_text=HEADLINE).count() == 1  # waiting for the 要闻 editor
    _approve_from_dashboard(editor)

    chief = _sign_in(chromium, newsroom, "chief")
    _approve_from_dashboard(chief)

    reader = chromium.new_page()
    reader.goto(f"{newsroom['url']}/yaowen/{HEADLINE}/")
    assert reader.locator("h1").inner_text().strip() == HEADLINE
    reader.close()


def test_the_scheduler_health_check_answers_on_the_running_server(newsroom):
    # `make run` starts the scheduler beside the server; this server has none, and says so.
    try:
        urllib.request.urlopen(newsroom["url"] + "/health/scheduler", timeout=5)  # noqa: S310 - our own server
    except urllib.error.HTTPError as error:
        assert error.code == 503
        assert "从未运行" in error.read().decode()
    else:
        pytest.fail("a server whose scheduler never ran must answer 503")
