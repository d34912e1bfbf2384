"""The admin an editor and a chief editor use every day reads entirely in Chinese, in real Chromium.

A story is written, sent back, resubmitted, approved twice and found again through the screens
themselves, on a server set up as `make run` does it. On every screen and dialog the visible text,
and the title, aria-label and placeholder a hover or a screen reader reads, are collected: any
English word outside a short list of names fails the test, with the screen it was on.
"""

import os
import re
from pathlib import Path

import pytest

from newsroom.blocks import ArticleBodyBlock
from tests.browser import screenshot, sign_in

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

HEADLINE = "崂山春茶开采 茶农迎来丰收季"
# Latin letters an all-Chinese admin still shows: product, format and unit names, and what people
# typed (the demo logins' user names).
NAMES = {"Wagtail", "Draftail", "URL", "SEO", "API", "HTML", "JavaScript"}
FORMATS = {"AVIF", "GIF", "JPG", "JPEG", "PNG", "WEBP", "SVG", "KB", "MB"}
LOGINS = {"admin", "reporter", "editor", "chief"}
# Keys as printed on the keyboard, in the shortcuts dialog.
KEYS = {"Ctrl", "Alt", "Shift", "Esc", "Enter", "Cmd", "Option", "Tab"}
# What a hover or a screen reader reads, besides the text on the screen.
READ_ATTRIBUTES = ["title", "aria-label", "placeholder", "aria-description", "data-w-tooltip-content-value"]
COLLECT = """(attributes) => {
  const seen = [document.title, document.body.innerText];
  for (const element of document.querySelectorAll(attributes.map(name => `[${name}]`).join(','))) {
    if (!element.checkVisibility()) continue;
    for (const name of attributes) {
      if (element.getAttribute(name)) seen.push(element.getAttribute(name));
    }
  }
  return seen.join('\\n');
}"""
# Not read as words: a web address (Wagtail's own Chinese help for the slug shows one) and a page
# type's code name (newsroom.articlepage, in the page types report).
CODE = re.compile(r"\w+://\S+|\b[\w.-]+\.(?:com|cn|org)\S*|\b[a-z_]+\.[a-z_]+\b")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")


class EnglishLeft:
    """The English words met on the admin's screens, by screen and line."""

    def __init__(self) -> None:
        self.found: dict[str, set[str]] = {}
        self.screens: list[str] = []

    def read(self, page, screen: str) -> None:
        # What the admin's scripts write (menus, panels, counters) a moment after the page loads.
        page.wait_for_load_state("load")
        page.wait_for_timeout(400)
        self.screens.append(screen)
        for line in page.evaluate(COLLECT, READ_ATTRIBUTES).splitlines():
            words = set(WORD.findall(CODE.sub("", line))) - NAMES - FORMATS - LOGINS - KEYS
            if words:
                self.found.setdefault(f"{screen}: {line.strip()[:120]}", set()).update(words)


def _fill_the_body(page) -> None:
    """Chinese in every empty field of the body's blocks, so the draft saves and compares."""
    for field in page.locator("[data-contentpath=body] textarea, [data-contentpath=body] input[type=text]").all():
        if field.is_visible() and not field.input_value():
            field.fill("崂山茶农今年春茶开采比往年早一周。")


def _open_panel(page, panel: str) -> None:
    """One of the editor's side panels (status, preview, checks, comments), open whatever was before."""
    toggle = page.locator(f"button[data-side-panel-toggle={panel}]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def _toggle_the_lock(page) -> None:
    """The status panel's 锁定 switch posts the lock (or unlock) and reloads the editor."""
    with page.expect_navigation():
        page.locator("label.switch", has_text="锁定").click()


def _review_from_dashboard(page, url: str, action: str, comment: str, english: EnglishLeft) -> None:
    """A reviewer's action from the dashboard's row menu, through Wagtail's comment dialog."""
    page.goto(url + "/admin/")
    row = page.locator("#awaiting-review-section tr", has_text=HEADLINE)
    row.get_by_role("button", name="动作").click()
    row.get_by_role("button", name=action, exact=True).click()
    dialog = page.locator(".modal-content")
    expect(dialog.locator("textarea")).to_be_visible()
    english.read(page, f"{action}对话框")
    screenshot(page, "admin-review-dialog.png")
    dialog.locator("textarea").fill(comment)
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()
    english.read(page, f"{action}之后")


def test_an_editor_and_a_chief_meet_no_english_from_a_new_story_to_its_publication(chromium, newsroom, tmp_path):
    url = newsroom["url"]
    english = EnglishLeft()
    editor = sign_in(chromium, newsroom, "editor")
    english.read(editor, "控制面板")
    editor.goto(url + "/admin/articles/")
    english.read(editor, "稿件列表")

    # A new article: its section is chosen first, in the page chooser.
    editor.locator("#w-slim-header-buttons").get_by_role("link", name="添加").click()
    english.read(editor, "选择父页面")
    editor.get_by_role("button", name=re.compile("选择一个页面")).click()
    english.read(editor, "页面选择器")
    editor.locator(".modal").get_by_role("link", name="要闻", exact=True).click()
    with editor.expect_navigation():
        editor.locator("main form button[type=submit]").click()
    english.read(editor, "新建稿件")
    editor.get_by_role("tab", name="推广").click()
    english.read(editor, "新建稿件·推荐")
    editor.get_by_role("tab", name="内容").click()

    # One block of every type the body offers, each from the "insert a block" menu.
    editor.locator("#id_title").fill(HEADLINE)
    for block in ArticleBodyBlock().child_blocks.values():
        editor.locator("[data-contentpath=body] .c-sf-add-button").last.click()
        english.read(editor, "插入区块")
        editor.get_by_role("option", name=str(block.label), exact=True).click()
    english.read(editor, "正文的每种区块")

    # The image chooser, empty at first; a photo uploaded through it.
    editor.locator("[data-contentpath=body]").get_by_role("button", name="选择一个图片").click()
    english.read(editor, "图片选择器")
    editor.locator(".modal").get_by_role("tab", name="上传").click()
    english.read(editor, "图片选择器·上传")
    photo = tmp_path / "tea.png"
    _png(photo)
    editor.locator(".modal input[type=file]").set_input_files(photo)
    editor.locator(".modal input[name$=title]").fill("崂山茶园")
    editor.locator(".modal button[type=submit]").last.click()
    expect(editor.locator(".modal")).to_be_hidden()
    _fill_the_body(editor)
    with editor.expect_navigation():
        editor.get_by_role("button", name="保存草稿").click()
    english.read(editor, "保存草稿之后")
    article_edit = editor.url

    # A second version, the side panels (status, preview, checks, comments), and the lock.
    editor.locator("#id_subtitle").fill("——今年开采比往年早一周")
    with editor.expect_navigation():
        editor.get_by_role("button", name="保存草稿").click()
    for panel in ("status", "preview", "checks", "comments"):
        _open_panel(editor, panel)
        english.read(editor, f"侧栏·{panel}")
    _open_panel(editor, "status")
    screenshot(editor, "admin-editor.png")
    _toggle_the_lock(editor)
    english.read(editor, "锁定之后")
    _open_panel(editor, "status")
    english.read(editor, "侧栏·已锁定")
    _toggle_the_lock(editor)

    article = article_edit.rstrip("/").split("/")[-2]
    editor.goto(f"{url}/admin/pages/{article}/history/")
    english.read(editor, "历史")
    editor.goto(f"{url}/admin/pages/{article}/revisions/compare/earliest...latest/")
    expect(editor.locator("main")).to_contain_text("今年开采比往年早一周")
    english.read(editor, "比较版本")

    # Review: submitted, sent back with a note, resubmitted, approved with a comment at 编辑初审.
    editor.goto(article_edit)
    editor.get_by_role("button", name="更多动作").click()
    with editor.expect_navigation():
        editor.get_by_role("button", name="提交给稿件审核").click()
    english.read(editor, "提交审核之后")
    editor.goto(url + "/admin/")
    english.read(editor, "控制面板·审核中")
    _review_from_dashboard(editor, url, "请求修改", "导语太长，请压缩到两句", english)
    editor.goto(article_edit)
    english.read(editor, "编辑需修改的稿件")
    editor.get_by_role("button", name="更多动作").click()
    with editor.expect_navigation():
        editor.locator("footer").get_by_role("button", name=re.compile("重新提交")).click()
    _review_from_dashboard(editor, url, "带评论批准", "可以，请主编终审", english)

    chief = sign_in(chromium, newsroom, "chief")
    english.read(chief, "主编的控制面板")
    _review_from_dashboard(chief, url, "带评论批准", "同意刊发", english)
    chief.goto(f"{url}/admin/pages/{article}/history/")
    expect(chief.locator("main")).to_contain_text("工作流已恢复")
    english.read(chief, "审核后的历史")

    # Finding it again: the page search, the image library, the help menu's shortcuts.
    chief.goto(url + "/admin/pages/search/?q=" + "崂山")
    expect(chief.locator("main")).to_contain_text(HEADLINE)
    english.read(chief, "搜索")
    chief.goto(url + "/admin/images/")
    english.read(chief, "图片库")
    chief.goto(url + "/admin/reports/page-types-usage/")
    english.read(chief, "页面类型使用情况")
    chief.get_by_role("button", name="帮助").click()
    english.read(chief, "帮助菜单")
    chief.get_by_role("button", name="快捷键").or_(chief.get_by_role("link", name="快捷键")).first.click()
    english.read(chief, "快捷键对话框")

    left = "\n".join(f"{line}  ← {', '.join(sorted(words))}" for line, words in sorted(english.found.items()))
    assert not english.found, f"English on {len(english.found)} lines of {len(english.screens)} screens:\n{left}"


def _png(path: Path) -> None:
    from PIL import Image

    # A colour of its own: Wagtail asks before keeping a duplicate of a photo already in the library.
    Image.new("RGB", (160, 120), tuple(os.urandom(3))).save(path)
