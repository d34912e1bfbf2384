"""The 推荐位 screen in real Chromium, as the 主编 uses it on `make run`'s channel: the home's picks
from the seed (a 头条 and two 推荐), one more article chosen with the page chooser, moved up with
the inline's buttons, published; the home page shows the new order at once.

Screenshot: docs/screenshots/curation.png with SCREENSHOTS_DIR=docs/screenshots.
"""

from __future__ import annotations

import pytest

from tests.browser import screenshot, sign_in
from tests.servers import query
from tests.workflow.conftest import chromium, newsroom  # noqa: F401 - fixtures
from tests.workflow.test_admin_all_chinese import EnglishLeft

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def featured_on_home(browser, newsroom) -> list[str]:  # noqa: F811 - the fixture's value
    reader = browser.new_page()
    reader.goto(newsroom["url"] + "/")
    titles = reader.locator(".featured .item-title").all_inner_texts()
    reader.close()
    return [title.strip() for title in titles]


def test_the_chief_chooses_reorders_and_publishes_the_home_picks(chromium, newsroom):  # noqa: F811
    seeded = featured_on_home(chromium, newsroom)
    assert len(seeded) == 2
    # The article to add: the newest of 文旅, not among the seed's picks.
    (title,) = query(
        newsroom["database"],
        "SELECT p.title FROM wagtailcore_page p WHERE p.depth = 4 AND p.url_path LIKE ? ORDER BY p.id DESC LIMIT 1",
        "%/wenlv/%",
    )[0]
    assert title not in seeded

    english = EnglishLeft()
    page = sign_in(chromium, newsroom, "chief", width=1400)
    page.get_by_role("link", name="推荐位").click()
    english.read(page, "推荐位")
    page.get_by_role("link", name="首页:头条和推荐").click()
    expect(page.locator("h2", has_text="推荐稿件")).to_be_visible()
    english.read(page, "首页:头条和推荐")

    # A third pick, chosen with the page chooser.
    page.get_by_role("button", name="增加 稿件").click()
    new_pick = page.locator("#inline_child_picks-2")
    new_pick.get_by_role("button", name="选择一个页面 (稿件)").click()
    dialog = page.locator(".modal-content")
    english.read(page, "选择稿件")
    dialog.locator("input[name=q]").fill(title[:6])
    dialog.get_by_role("link", name=title).click()
    expect(new_pick).to_contain_text(title)

    # Moved to the top with the inline's 上移 buttons.
    for _ in range(2):
        new_pick.get_by_role("button", name="上移").click()
    expect(page.locator("[data-inline-panel-child]").first).to_contain_text(title)
    # The move is animated: let it end, then show the form from its top left (the chooser and the
    # moves leave the admin's scrolling <main> scrolled down and sideways).
    page.wait_for_timeout(1000)
    page.locator("main").evaluate("(main) => main.scrollTo({left: 0, top: 0, behavior: 'instant'})")
    screenshot(page, "curation.png")

    page.get_by_role("button", name="更多动作").click()
    with page.expect_navigation():
        page.locator("footer .w-dropdown__content button", has_text="发布").first.click()

    assert featured_on_home(chromium, newsroom) == [title, *seeded]
    # Logged like a page change: the history lists both publishes, the seed's and this one.
    english.read(page, "推荐位列表(发布后)")
    page.get_by_role("link", name="首页:头条和推荐").click()
    page.get_by_role("link", name="历史").click()
    expect(page.locator("table tbody tr", has_text="发布")).to_have_count(2)
    english.read(page, "历史")
    assert not english.found, english.found
