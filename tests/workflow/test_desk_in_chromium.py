"""The desk's day in real Chromium with `make run`'s demo logins: the article desk's columns and bulk
actions, 今日定时发布, and the 推广 tab's share preview; screenshots docs/screenshots/desk*.png and
share-preview.png (SCREENSHOTS_DIR)."""

import pytest

from tests.browser import screenshot, sign_in
from tests.servers import query

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def _yaowen_articles(database) -> list[tuple[int, str]]:
    return query(
        database,
        "SELECT page.id, page.title FROM wagtailcore_page page JOIN wagtailcore_page section"
        " ON page.path LIKE section.path || '%' AND page.depth = section.depth + 1"
        " WHERE section.slug = 'yaowen' AND section.depth = 3 ORDER BY page.path",
    )


def test_the_editor_tags_two_stories_from_the_desk(chromium, newsroom):
    editor = sign_in(chromium, newsroom, "editor", width=1440)
    editor.goto(newsroom["url"] + "/admin/articles/")
    headings = editor.locator("table.listing thead th").all_inner_texts()
    for heading in ("状态", "上线时间", "责任编辑"):
        assert any(heading in text for text in headings), headings
    # The seeded edition is published: each row says so, with its go-live time.
    first_row = editor.locator("table.listing tbody tr").first
    expect(first_row.locator(".w-status")).to_have_text("已发布")
    expect(first_row).to_contain_text("2020-")

    (first_id, first_title), (second_id, second_title) = _yaowen_articles(newsroom["database"])[:2]
    for page_id in (first_id, second_id):
        editor.locator(f"input[data-bulk-action-checkbox][data-object-id='{page_id}']").check()
    footer = editor.locator("[data-bulk-action-footer]")
    expect(footer).to_be_visible()
    expect(footer).to_contain_text("已选择2 个页面")
    # Wagtail shows four actions and puts the rest under 更多.
    footer.get_by_role("button", name="更多").click()
    for action in ("submit", "publish", "unpublish", "add_tags"):
        expect(footer.locator(f"a[href^='/admin/bulk/wagtailcore/page/{action}/']")).to_be_visible()
    screenshot(editor, "desk.png")

    # Wagtail's bulk script takes the dropdown's links once it has finished opening.
    editor.wait_for_timeout(1000)
    with editor.expect_navigation():
        footer.locator("a[href^='/admin/bulk/wagtailcore/page/add_tags/']").click()
    expect(editor.get_by_role("link", name=first_title)).to_be_visible()
    # Wagtail's tag field: typed into its own box, a tag is made when the box is left.
    editor.locator("ul.tagit input").fill("海洋经济")
    editor.locator("ul.tagit input").press("Tab")
    expect(editor.locator("input[name=tags]")).to_have_value("海洋经济")
    with editor.expect_navigation():
        editor.get_by_role("button", name="添加").click()
    expect(editor.locator(".messages")).to_contain_text("已为 2 篇稿件添加标签")
    rows = editor.locator("table.listing tbody tr", has_text=second_title)
    expect(rows.first.locator("[data-status-detail]")).to_have_text("已发布 + 有未发布的修改")


def test_the_dashboard_lists_today_s_schedule_and_the_promote_tab_previews_the_share_card(chromium, newsroom):
    editor = sign_in(chromium, newsroom, "editor", width=1440)
    expect(editor.locator("#scheduled-today-section")).to_contain_text("今日定时发布")
    (article_id, title), *_ = _yaowen_articles(newsroom["database"])
    editor.goto(f"{newsroom['url']}/admin/pages/{article_id}/edit/")
    editor.get_by_role("tab", name="推广").click()  # the Promote tab (locale/: 推荐 is the fronts' picks)
    preview = editor.locator("[data-share-preview]")
    expect(preview.locator("[data-share-title]").first).to_have_text(title)
    image = preview.locator("[data-share-image]")
    expect(image).to_be_visible()
    # The picture really loads (the card is drawn on the first request).
    editor.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
    # The title follows the SEO title as it is typed.
    editor.locator("#id_seo_title").fill("分享时的标题")
    expect(preview.locator("[data-share-title]").first).to_have_text("分享时的标题")
    preview.scroll_into_view_if_needed()
    screenshot(editor, "share-preview.png")
