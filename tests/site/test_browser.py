"""A reader in real Chromium (Debian's package, driven by Playwright) on a phone and a desktop.

The site runs as a real server (`manage.py runserver`) on its own SQLite file with the seed
edition imported, as `make run` serves it. Screenshots go to a temporary folder, or to
SCREENSHOTS_DIR (`make screenshots` → docs/screenshots/).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import chromium_browser, runserver
from tests.conftest import require_system_part

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# Summed from the page's own layout-shift entries; 0 means nothing moved while loading.
# With what moved, so that a failure says where to look.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  const moved = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      total += e.value;
      for (const s of e.sources || []) moved.push(s.node ? s.node.nodeName + "." + s.node.className : "?");
    }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve({ total, moved }), 300);
})"""


@pytest.fixture(scope="module")
def chromium():
    require_system_part(AXE.exists(), "axe-core", "npm ci (package.json at the project root)")
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory):
    """`manage.py runserver` on a fresh SQLite file with the seed imported; stopped afterwards."""
    folder = tmp_path_factory.mktemp("reader-site")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    env["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    env.pop("PAGE_CACHE_URL", None)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["import_edition", "seeds/", "-v0"]):
        subprocess.run([*manage, *command], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)
    # --insecure: serve the static files with DEBUG off, as the test settings have it.
    with runserver(manage, env, ready_path="/robots.txt", extra=("--insecure",)) as url:
        yield url


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Reader:
    """One browser tab that fails the test on any console error and checks each page it lands on."""

    def __init__(self, browser, viewport: dict[str, int], base_url: str) -> None:
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def check(self) -> None:
        """No console errors, no serious accessibility problem, no layout shift, no sideways scrolling."""
        page = self.page
        assert self.errors == [], (page.url, self.errors)
        # Evaluated by the browser's tooling, not as a page script, which the site's CSP refuses.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        serious = [
            (v["id"], v["impact"], v["nodes"][0]["html"]) for v in violations if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (page.url, serious)
        shift = page.evaluate(LAYOUT_SHIFT)
        # Under load Chromium once re-laid a line as the CJK fallback font arrived (0.006 in all);
        # an image without its size or late content moves far more than 0.01.
        assert shift["total"] < 0.01, (page.url, shift)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_reader_follows_the_lead_story_a_byline_and_the_section(chromium, seeded_server, screenshots, device):
    reader = Reader(chromium, VIEWPORTS[device], seeded_server)
    page = reader.page
    try:
        page.goto(seeded_server + "/")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        reader.check()
        page.screenshot(path=str(screenshots / f"home-{device}.png"), full_page=True)

        lead = page.locator(".lead-story h2 a")
        lead_title = lead.inner_text()
        assert lead_title == "22个央地合作项目 在青签约"
        lead.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == lead_title
        assert page.locator(".story-body p strong.dateline").first.inner_text() == "本报青岛讯 11月24日"
        assert page.locator(".bylines").inner_text() == "记者 肖芳"
        section_title = page.locator(".story-section a").inner_text()
        reader.check()
        page.screenshot(path=str(screenshots / f"article-{device}.png"), full_page=True)

        page.locator(".bylines a", has_text="肖芳").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "肖芳"
        assert lead_title in page.locator("#written-title + .article-list").inner_text()
        reader.check()

        page.locator(".section-nav a", has_text=section_title).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == section_title == "要闻"
        assert lead_title in page.locator(".article-list").inner_text()
        reader.check()
    finally:
        reader.close()


def test_search_works_without_javascript(chromium, seeded_server):
    context = chromium.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(seeded_server + "/")
        page.fill("#site-search", "青岛")
        page.press("#site-search", "Enter")
        page.wait_for_load_state()
        assert page.url.startswith(seeded_server + "/search/?q=")
        assert page.locator("h1").inner_text() == "搜索稿件"
    finally:
        context.close()


def test_chromium_and_the_cjk_font_are_installed():
    require_system_part(shutil.which("fc-list") is not None, "fontconfig", "apt-get install fontconfig")
    import subprocess

    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    require_system_part(bool(fonts.strip()), "a CJK font", "apt-get install fonts-wqy-microhei")
