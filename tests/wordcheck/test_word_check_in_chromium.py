"""The 字词检查 panel in real Chromium, on `make run`'s newsroom with the starter word list:
a save lists every hit, 改正 puts the fix in place, 禁用 stops 发布 until the chief gives a reason."""

import json

import pytest

from tests.browser import screenshot, sign_in
from tests.servers import environment, manage, query

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

HEADLINE = "胶东经济圈一体化发展全面起势"  # its body says 首次 (慎用 in the starter list)
SUBTITLE = "——五市既使面临挑战也携手前行"  # 既使 → 即使
SUMMARY = "一些保健品广告宣称“药到病除”，记者调查发现多为夸大宣传。"  # 禁用
REASON = "引用广告原话，加引号，不作改动"


@pytest.fixture(scope="module")
def with_word_list(newsroom):
    """`make run` loads the starter list before importing the seeds."""
    env = {**environment(newsroom["database"], page_cache_url=""), "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    manage(env, "load_word_list")
    return newsroom


def _rows(newsroom, sql: str, *params) -> list[tuple]:
    return [tuple(row) for row in query(newsroom["database"], sql, *params)]


def _publish(page) -> None:
    page.get_by_role("button", name="更多动作").click()
    with page.expect_navigation():
        page.locator("footer .w-dropdown__content button", has_text="发布").first.click()


def test_the_word_check_panel_lists_hits_offers_fixes_and_holds_back_a_banned_word(chromium, with_word_list):
    newsroom = with_word_list
    [(page_id,)] = _rows(newsroom, "SELECT id FROM wagtailcore_page WHERE title = ?", HEADLINE)
    chief = sign_in(chromium, newsroom, "chief", width=1400)
    chief.goto(f"{newsroom['url']}/admin/pages/{page_id}/edit/")
    chief.locator("#id_subtitle").fill(SUBTITLE)
    chief.locator("#id_summary").fill(SUMMARY)
    with chief.expect_navigation():
        chief.get_by_role("button", name="保存草稿").click()
    expect(chief.locator(".messages")).to_contain_text("字词检查发现 3 处")

    toggle = chief.locator("[data-side-panel-toggle='word_check']")
    expect(toggle).to_contain_text("3")  # the counter on the toggle
    toggle.click()
    panel = chief.locator("[data-side-panel='word_check']")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-word-check-kind='banned']")).to_contain_text("【药到病除】")
    expect(panel.locator("[data-word-check-kind='caution']")).to_contain_text("【首次】")
    expect(panel.locator("[data-word-check-kind='typo']")).to_contain_text("建议改为「即使」")
    screenshot(chief, "word-check.png")

    # 改正 puts the fix in the field where the word was found.
    panel.locator("[data-word-check-kind='typo'] [data-word-fix]").click()
    expect(chief.locator("#id_subtitle")).to_have_value("——五市即使面临挑战也携手前行")

    # 发布 is refused while the 禁用 word stands without a reason, and says which word.
    _publish(chief)
    expect(chief.locator(".messages")).to_contain_text("稿件含禁用词「药到病除」，不能发布")
    assert _rows(newsroom, "SELECT subtitle FROM newsroom_articlepage WHERE page_ptr_id = ?", page_id) != [
        ("——五市即使面临挑战也携手前行",)
    ]

    # The chief confirms the 慎用 word, gives a reason for the 禁用 one, and publishes.
    if not panel.is_visible():  # Wagtail reopens the panel last open, or not
        chief.locator("[data-side-panel-toggle='word_check']").click()
    panel.get_by_label("已核实，确认使用「首次」").check()
    panel.get_by_label("放行理由（主编）").fill(REASON)
    _publish(chief)
    expect(chief.locator(".messages")).to_contain_text("已经发布")
    assert _rows(newsroom, "SELECT subtitle, summary FROM newsroom_articlepage WHERE page_ptr_id = ?", page_id) == [
        ("——五市即使面临挑战也携手前行", SUMMARY)
    ]
    [(data,)] = _rows(
        newsroom,
        "SELECT data FROM wagtailcore_pagelogentry WHERE page_id = ? AND action = 'newsroom.wordcheck_override'",
        page_id,
    )
    # SQLite hands JSON back as text, PostgreSQL as a dict.
    assert (json.loads(data) if isinstance(data, str) else data)["reason"] == REASON
