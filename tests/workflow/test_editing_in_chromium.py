"""The article editor in real Chromium: pasting a whole story, the 检查 panel's figures, reverting to an
earlier version and publishing it, and new articles that are saved only when the editor saves them.

The server is set up as `make run` does it (dev settings, the seed edition, the demo logins) on a database
of its own (tests.servers). Screenshots of the revert go to a temporary folder, or to SCREENSHOTS_DIR
(`SCREENSHOTS_DIR=docs/screenshots` → docs/screenshots/revert-*.png).
"""

import os
from pathlib import Path

import pytest

from tests.browser import sign_in
from tests.servers import query

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

PASTED_STORY = (
    "本报青岛讯 胶东五市携手推进一体化。\r\n\r\n"
    "五市将在要素共享、产业发展等方面加大创新力度。\r\n \r\n"
    "一体化发展总体规划正在编制,\r\n预计明年出台。"
)
PASTED_PARAGRAPHS = [
    "本报青岛讯 胶东五市携手推进一体化。",
    "五市将在要素共享、产业发展等方面加大创新力度。",
    "一体化发展总体规划正在编制,\n预计明年出台。",
]


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _query(newsroom, sql: str, *params) -> list[tuple]:
    return [tuple(row) for row in query(newsroom["database"], sql, *params)]


def _article(newsroom, title_part: str) -> tuple[int, str]:
    """An imported article's id and its address on the site."""
    page_id, url_path = _query(
        newsroom, "SELECT id, url_path FROM wagtailcore_page WHERE title LIKE ? AND depth = 4", f"%{title_part}%"
    )[0]
    return page_id, "/" + url_path.split("/", 2)[2]


def _sign_in(chromium, newsroom, username: str = "chief"):
    return sign_in(chromium, newsroom, username, width=1400)


def _publish(page) -> None:
    page.get_by_role("button", name="更多动作").click()
    with page.expect_navigation():
        page.locator("footer .w-dropdown__content button", has_text="发布").first.click()


def _edit_and_publish(page, newsroom, page_id: int, first_paragraph: str) -> None:
    page.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    page.locator("#body-0-value").fill(first_paragraph)
    _publish(page)
    expect(page.locator(".messages")).to_contain_text("已经发布")


def _story_text(chromium, newsroom, path: str, screenshot: Path | None = None) -> str:
    """The story's text as a reader (signed out) sees it."""
    reader = chromium.new_page(viewport={"width": 1280, "height": 900})
    reader.goto(newsroom["url"] + path)
    text = reader.locator(".story-body").inner_text()
    if screenshot:
        reader.screenshot(path=str(screenshot))
    reader.close()
    return text


def _open_revert_of_earlier_version(page, newsroom, page_id: int) -> None:
    """历史 → the earlier version's "…" menu → 审核这个修订, as the 主编 clicks through it."""
    page.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    page.locator(f"a[href$='/pages/{page_id}/history/']").first.click()
    page.wait_for_url("**/history/")
    # The newest row is the live version; the row under it is the version to go back to.
    page.locator("tbody tr [data-controller~='w-dropdown'] button").nth(1).click()
    with page.expect_navigation():
        page.get_by_role("link", name="审核这个修订").click()
    expect(page.locator("#body-0-value")).to_have_value("第二版:签约项目增至23个。")


def test_a_chief_editor_reverts_an_article_to_an_earlier_version_and_publishes_it(chromium, newsroom, screenshots):
    page_id, path = _article(newsroom, "央地合作项目")
    chief = _sign_in(chromium, newsroom)
    _edit_and_publish(chief, newsroom, page_id, "第二版:签约项目增至23个。")
    _edit_and_publish(chief, newsroom, page_id, "第三版:签约项目增至24个。")
    assert "第三版" in _story_text(chromium, newsroom, path)
    revisions = _query(newsroom, "SELECT count(*) FROM wagtailcore_revision WHERE object_id = ?", str(page_id))
    assert revisions == [(3,)]  # the import's, then the two published from the editor

    _open_revert_of_earlier_version(chief, newsroom, page_id)
    chief.get_by_role("button", name="更多动作").click()
    publish_this_version = chief.locator("footer .w-dropdown__content button", has_text="发布此版本")
    expect(publish_this_version).to_be_visible()
    chief.wait_for_timeout(400)  # the menu's opening animation, for the screenshot
    chief.screenshot(path=str(screenshots / "revert-review.png"))
    with chief.expect_navigation():
        publish_this_version.click()
    expect(chief.locator(".messages")).to_contain_text("已经发布")

    story = _story_text(chromium, newsroom, path, screenshot=screenshots / "revert-published.png")
    assert "第二版:签约项目增至23个。" in story
    assert "第三版" not in story


def test_reverting_after_a_newer_version_was_saved_in_another_tab_asks_once_and_publishes(chromium, newsroom):
    page_id, path = _article(newsroom, "胶东经济圈")
    chief = _sign_in(chromium, newsroom)
    _edit_and_publish(chief, newsroom, page_id, "第二版:签约项目增至23个。")
    _edit_and_publish(chief, newsroom, page_id, "第三版:签约项目增至24个。")
    _open_revert_of_earlier_version(chief, newsroom, page_id)

    # Meanwhile the same 主编 saves a draft in another tab: the revert would replace it.
    other_tab = chief.context.new_page()
    other_tab.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    other_tab.locator("#body-0-value").fill("另一个标签页里的草稿。")
    with other_tab.expect_navigation():
        other_tab.get_by_role("button", name="保存草稿").click()
    other_tab.close()
    chief.bring_to_front()
    with chief.expect_response("**/editing-sessions/ping/**"):
        chief.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the tab is looked at again

    chief.get_by_role("button", name="更多动作").click()
    chief.locator("footer .w-dropdown__content button", has_text="发布").first.click()
    dialog = chief.get_by_role("dialog").filter(has=chief.get_by_role("button", name="发布此版本"))
    expect(dialog).to_be_visible()
    with chief.expect_navigation():
        dialog.get_by_role("button", name="发布此版本").click()
    expect(chief.locator(".messages")).to_contain_text("已经发布")
    assert "第二版:签约项目增至23个。" in _story_text(chromium, newsroom, path)


def test_reverting_while_the_article_is_open_with_changes_in_another_tab_publishes_at_once(chromium, newsroom):
    # What the other tab has typed is not a version until it is saved (no autosave): nothing to confirm.
    page_id, path = _article(newsroom, "以模式创新")
    chief = _sign_in(chromium, newsroom)
    _edit_and_publish(chief, newsroom, page_id, "第二版:签约项目增至23个。")
    _edit_and_publish(chief, newsroom, page_id, "第三版:签约项目增至24个。")
    other_tab = chief.context.new_page()
    other_tab.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    _open_revert_of_earlier_version(chief, newsroom, page_id)
    other_tab.bring_to_front()
    other_tab.locator("#body-0-value").fill("另一个标签页里没有保存的修改。")
    other_tab.wait_for_timeout(1500)  # more than Wagtail's autosave would wait (500 ms)
    chief.bring_to_front()
    with chief.expect_response("**/editing-sessions/ping/**"):
        chief.evaluate("document.dispatchEvent(new Event('visibilitychange'))")

    _publish(chief)
    expect(chief.locator(".messages")).to_contain_text("已经发布")
    assert "第二版:签约项目增至23个。" in _story_text(chromium, newsroom, path)


def test_a_story_pasted_into_one_paragraph_becomes_a_paragraph_block_each(chromium, newsroom):
    page_id, path = _article(newsroom, "科技服务团")
    chief = _sign_in(chromium, newsroom)
    chief.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=newsroom["url"])
    chief.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    blocks_before = chief.locator("[data-streamfield-child]").count()

    field = chief.locator("#body-0-value")
    field.fill("")
    chief.evaluate("text => navigator.clipboard.writeText(text)", PASTED_STORY)
    field.focus()
    chief.keyboard.press("Control+V")

    paragraphs = chief.locator("[data-streamfield-child] textarea")
    expect(chief.locator("[data-streamfield-child]")).to_have_count(blocks_before + 2)
    assert [paragraphs.nth(i).input_value() for i in range(3)] == PASTED_PARAGRAPHS
    _publish(chief)
    story = chief.context.new_page()
    story.goto(newsroom["url"] + path)
    html = story.locator(".story-body").inner_html()
    assert "<br><br>" not in html
    assert story.locator(".story-body > p").nth(1).inner_text() == PASTED_PARAGRAPHS[1]


def test_the_checks_panel_counts_characters_as_the_article_page_does(chromium, newsroom):
    page_id, path = _article(newsroom, "海洋")
    chief = _sign_in(chromium, newsroom)
    reader = chief.context.new_page()
    reader.goto(newsroom["url"] + path)
    count = reader.locator("[data-character-count]").get_attribute("data-character-count")
    minutes = reader.locator("[data-reading-minutes]").get_attribute("data-reading-minutes")
    assert int(count) > 0

    chief.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    chief.locator("[data-side-panel-toggle='checks']").click()
    expect(chief.locator("[data-content-word-count]")).to_have_text(count, timeout=15_000)
    expect(chief.locator("[data-content-reading-time]")).to_have_text(f"{minutes} 分钟")
    # Wagtail's readability score (LIX) reads word lengths, which Chinese does not have: not shown.
    assert chief.locator("[data-content-readability-score]").count() == 0
    expect(chief.locator("[data-side-panel='checks']")).to_contain_text("字数")


def test_a_headline_typed_in_two_tabs_makes_no_page_until_the_editor_saves(chromium, newsroom):
    headline = "两个标签页里的同一个标题"
    (section_id,) = _query(newsroom, "SELECT id FROM wagtailcore_page WHERE slug = 'yaowen' AND depth = 3")[0]
    chief = _sign_in(chromium, newsroom)
    tabs = [chief, chief.context.new_page()]
    for tab in tabs:
        tab.goto(f"{newsroom['url']}/admin/pages/add/newsroom/articlepage/{section_id}/")
        tab.locator("#id_title").press_sequentially(headline)
        tab.locator("#id_title").blur()
    tabs[1].wait_for_timeout(1500)  # more than Wagtail's autosave would wait (500 ms)
    assert _query(newsroom, "SELECT count(*) FROM wagtailcore_page WHERE title = ?", headline) == [(0,)]
    assert all(tab.url.endswith(f"/articlepage/{section_id}/") for tab in tabs)  # still new, not saved

    with tabs[0].expect_navigation():
        tabs[0].get_by_role("button", name="保存草稿").click()
    assert _query(newsroom, "SELECT count(*) FROM wagtailcore_page WHERE title = ?", headline) == [(1,)]
    # The second tab is told, on saving, that the address is taken; nothing was saved behind its back.
    with tabs[1].expect_navigation():
        tabs[1].get_by_role("button", name="保存草稿").click()
    expect(tabs[1].locator(".messages")).to_contain_text("未能创建")
    expect(tabs[1].locator(".error-message")).to_contain_text(f"“{headline}”已被父页面下的其他页面使用")
    assert _query(newsroom, "SELECT count(*) FROM wagtailcore_page WHERE title = ?", headline) == [(1,)]
