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


def _article_id(database: Path, title: str) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT id FROM wagtailcore_page WHERE title = ?", (title,)).fetchone()[0]


def _approvals(database: Path, page_id: int) -> list[tuple[str, str]]:
    """Each review step approved on the page, with who approved it."""
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT task.name, person.username FROM wagtailcore_taskstate step"
            " JOIN wagtailcore_task task ON task.id = step.task_id"
            " JOIN wagtailcore_workflowstate flow ON flow.id = step.workflow_state_id"
            " JOIN auth_user person ON person.id = step.finished_by_id"
            " WHERE flow.object_id = ? AND step.status = 'approved' ORDER BY step.id",
            (str(page_id),),
        ).fetchall()


def _review_in_editor(page, action: str, comment: str) -> None:
    """A reviewer's action from the article editor's footer, through Wagtail's comment dialog."""
    page.get_by_role("button", name="更多动作").click()
    page.locator("footer").get_by_role("button", name=action, exact=True).click()
    dialog = page.locator(".modal-content")
    dialog.locator("textarea").fill(comment)
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()


def _screenshot(page, name: str) -> None:
    if folder := os.environ.get("SCREENSHOTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def test_a_story_sent_back_shows_the_note_to_its_reporter_and_one_approval_moves_one_step(chromium, newsroom):
    headline = "崂山茶园迎来春茶采摘季"
    yaowen = _section_id(newsroom["database"], "yaowen")
    reporter = _sign_in(chromium, newsroom, "reporter")
    reporter.goto(f"{newsroom['url']}/admin/pages/add/newsroom/articlepage/{yaowen}/")
    reporter.locator("#id_title").fill(headline)
    reporter.get_by_role("button", name="更多动作").click()
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="提交给稿件审核").click()
    article = _article_id(newsroom["database"], headline)

    # The 要闻 editor sends it back from the editor, with a note.
    editor = _sign_in(chromium, newsroom, "editor")
    edits: list[int] = []
    editor.on("response", lambda r: edits.append(r.status) if r.request.method == "POST" else None)
    editor.goto(f"{newsroom['url']}/admin/pages/{article}/edit/")
    _review_in_editor(editor, "请求修改", "导语太长，请压缩到两句")

    # The reporter lands on the dashboard and reads it there: 需修改 and the note.
    reporter.goto(newsroom["url"] + "/admin/")
    row = reporter.locator("#my-articles-section tr", has_text=headline)
    expect(row).to_contain_text("需修改")
    expect(row).to_contain_text("编辑初审请求修改：导语太长，请压缩到两句")
    _screenshot(reporter, "review-note-dashboard.png")
    reporter.goto(newsroom["url"] + "/admin/articles/?status=needs_changes")
    expect(reporter.locator("tr", has_text=headline)).to_contain_text("导语太长，请压缩到两句")
    _screenshot(reporter, "review-note-desk.png")

    # Resubmitted, then approved with a comment in the editor: 编辑初审 only; 主编终审 stays the chief's.
    reporter.goto(f"{newsroom['url']}/admin/pages/{article}/edit/")
    reporter.get_by_role("button", name="更多动作").click()
    with reporter.expect_navigation():
        reporter.locator("footer").get_by_role("button", name=re.compile("重新提交")).click()
    editor.goto(f"{newsroom['url']}/admin/pages/{article}/edit/")
    _review_in_editor(editor, "带评论批准", "可以，请主编终审")
    editor.wait_for_timeout(1500)  # an autosave, had one been sent, would have arrived by now
    assert _approvals(newsroom["database"], article) == [("编辑初审", "editor")]
    assert 400 not in edits

    chief = _sign_in(chromium, newsroom, "chief")
    expect(chief.locator("tr", has_text=headline)).to_have_count(1)  # waiting for 主编终审


def test_the_scheduler_health_check_answers_on_the_running_server(newsroom):
    # `make run` starts the scheduler beside the server; this server has none, and says so.
    try:
        urllib.request.urlopen(newsroom["url"] + "/health/scheduler", timeout=5)  # noqa: S310 - our own server
    except urllib.error.HTTPError as error:
        assert error.code == 503
        assert "从未运行" in error.read().decode()
    else:
        pytest.fail("a server whose scheduler never ran must answer 503")
