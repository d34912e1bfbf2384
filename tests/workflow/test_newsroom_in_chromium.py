"""A newcomer's first hour in real Chromium: `make run`'s demo logins, a story from reporter to reader.

The server is set up as `make run` does it (dev settings, migrate, import the seeds, create the
logins, runserver) on a database of its own (tests.servers: SQLite, or PostgreSQL in the suite's
PostgreSQL run); the passwords are read from what the command printed.
"""

import re
import urllib.request

import pytest

from tests.browser import screenshot, sign_in
from tests.servers import query

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

HEADLINE = "西海岸新区海洋经济再上新台阶"


def _section_id(database, slug: str) -> int:
    return query(database, "SELECT id FROM wagtailcore_page WHERE slug = ? AND depth = 3", slug)[0][0]


def _approve_from_dashboard(page) -> None:
    page.goto(page.url.split("/admin/")[0] + "/admin/")
    row = page.locator("tr", has_text=HEADLINE)
    row.get_by_role("button").last.click()  # the row's "…" menu
    with page.expect_navigation():
        row.get_by_role("button", name="批准", exact=True).click()


def test_a_story_goes_from_the_reporter_through_both_reviews_to_readers(chromium, newsroom):
    assert set(newsroom["passwords"]) == {"admin", "reporter", "editor", "chief"}
    yaowen = _section_id(newsroom["database"], "yaowen")

    reporter = sign_in(chromium, newsroom, "reporter")
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

    editor = sign_in(chromium, newsroom, "editor")
    assert editor.locator("tr", has_text=HEADLINE).count() == 1  # waiting for the 要闻 editor
    _approve_from_dashboard(editor)

    chief = sign_in(chromium, newsroom, "chief")
    _approve_from_dashboard(chief)

    reader = chromium.new_page()
    reader.goto(f"{newsroom['url']}/yaowen/{HEADLINE}/")
    assert reader.locator("h1").inner_text().strip() == HEADLINE
    reader.close()


def _article_id(database, title: str) -> int:
    return query(database, "SELECT id FROM wagtailcore_page WHERE title = ?", title)[0][0]


def _approvals(database, page_id: int) -> list[tuple[str, str]]:
    """Each review step approved on the page, with who approved it."""
    rows = query(
        database,
        "SELECT task.name, person.username FROM wagtailcore_taskstate step"
        " JOIN wagtailcore_task task ON task.id = step.task_id"
        " JOIN wagtailcore_workflowstate flow ON flow.id = step.workflow_state_id"
        " JOIN auth_user person ON person.id = step.finished_by_id"
        " WHERE flow.object_id = ? AND step.status = 'approved' ORDER BY step.id",
        str(page_id),
    )
    return [tuple(row) for row in rows]


def _review_in_editor(page, action: str, comment: str) -> None:
    """A reviewer's action from the article editor's footer, through Wagtail's comment dialog."""
    page.get_by_role("button", name="更多动作").click()
    page.locator("footer").get_by_role("button", name=action, exact=True).click()
    dialog = page.locator(".modal-content")
    dialog.locator("textarea").fill(comment)
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()


def test_a_story_sent_back_shows_the_note_to_its_reporter_and_one_approval_moves_one_step(chromium, newsroom):
    headline = "崂山茶园迎来春茶采摘季"
    yaowen = _section_id(newsroom["database"], "yaowen")
    reporter = sign_in(chromium, newsroom, "reporter")
    reporter.goto(f"{newsroom['url']}/admin/pages/add/newsroom/articlepage/{yaowen}/")
    reporter.locator("#id_title").press_sequentially(headline)
    reporter.locator("#id_title").blur()  # the address (slug) follows the headline as it is typed
    reporter.get_by_role("button", name="更多动作").click()
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="提交给稿件审核").click()
    article = _article_id(newsroom["database"], headline)

    # The 要闻 editor sends it back from the editor, with a note.
    editor = sign_in(chromium, newsroom, "editor")
    edits: list[int] = []
    editor.on("response", lambda r: edits.append(r.status) if r.request.method == "POST" else None)
    editor.goto(f"{newsroom['url']}/admin/pages/{article}/edit/")
    _review_in_editor(editor, "请求修改", "导语太长，请压缩到两句")

    # The reporter lands on the dashboard and reads it there: 需修改 and the note.
    reporter.goto(newsroom["url"] + "/admin/")
    row = reporter.locator("#my-articles-section tr", has_text=headline)
    expect(row).to_contain_text("需修改")
    expect(row).to_contain_text("编辑初审请求修改：导语太长，请压缩到两句")
    screenshot(reporter, "review-note-dashboard.png")
    reporter.goto(newsroom["url"] + "/admin/articles/?status=needs_changes")
    expect(reporter.locator("tr", has_text=headline)).to_contain_text("导语太长，请压缩到两句")
    screenshot(reporter, "review-note-desk.png")

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

    chief = sign_in(chromium, newsroom, "chief")
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
