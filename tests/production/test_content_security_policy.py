"""The site, the admin and the API docs work under their Content-Security-Policy, in real Chromium.

Every page is loaded in Chromium with a listener for `securitypolicyviolation` events and the console
open: one blocked script, style, image or font anywhere fails the test. Pages are also used (the
editor's panels open, the API docs render their operations), since a blocked script often shows only
as a feature that silently does nothing.
"""

import re
import sqlite3
from urllib.parse import quote

import pytest

from tests.browser import chromium_browser, runserver
from tests.servers import MANAGE, Database, environment, manage, seed

pytestmark = pytest.mark.browser

# Before any page script: a blocked resource or inline code raises this event on the document.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${where}`);
});
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """As `make run` sets it up (the seeds, a login) on a SQLite file of its own, with DEBUG off
    as in production (Django's debug pages are exempt from the policy); --insecure serves static files."""
    file = tmp_path_factory.mktemp("csp") / "db.sqlite3"
    database = Database(url=f"sqlite:///{file}", file=file)
    seed(database)
    # create_local_admin is for DEBUG only: the chief's login made as an operator makes it.
    password = "csp-test-password-长"
    env = {**environment(database, page_cache_url=""), "DJANGO_SUPERUSER_PASSWORD": password}
    manage(env, "createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.cn")
    with sqlite3.connect(file) as db:
        first = (
            "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN django_content_type t ON t.id = p.content_type_id "
            "WHERE t.model = ? ORDER BY p.id LIMIT 1"
        )
        article_id, article_url = db.execute(first, ["articlepage"]).fetchone()
        reporter_url = db.execute(first, ["reporterpage"]).fetchone()[1]
    with runserver(MANAGE, env, ready_path="/admin/login/", extra=("--insecure",)) as url:
        yield {
            "url": url,
            "password": password,
            "article_id": article_id,
            # url_path starts with the home page's own slug: the reader's address drops it.
            "article": "/" + article_url.strip("/").split("/", 1)[1] + "/",
            "reporter": "/" + reporter_url.strip("/").split("/", 1)[1] + "/",
        }


@pytest.fixture(scope="module")
def chromium():
    with chromium_browser() as browser:
        yield browser


class Watched:
    """A browser tab whose CSP violations and console errors are collected."""

    def __init__(self, chromium, base_url: str) -> None:
        self.context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.console: list[str] = []
        self.page.on("console", lambda message: self._console(message))

    def _console(self, message) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.console.append(message.text)

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status in (200, 404), (path, response and response.status)
        assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers

    def violations(self) -> list[str]:
        found = self.page.evaluate("window.__violations") + [
            text for text in self.console if "Content Security Policy" in text or "Refused to" in text
        ]
        return found


def test_reader_pages_run_under_the_policy_without_a_violation(chromium, newsroom):
    tab = Watched(chromium, newsroom["url"])
    paths = [
        "/",
        "/yaowen/",
        newsroom["article"],
        "/reporters/",
        newsroom["reporter"],
        "/search/?q=" + quote("青岛"),
        "/tags/" + quote("时尚产业") + "/",
        "/no-such-page/",
    ]
    for path in paths:
        tab.open(quote(path, safe="/?=%"))
        assert tab.violations() == [], path
    # The reader site's policy allows nothing inline.
    policy = tab.page.goto(newsroom["url"] + "/").headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy and "object-src 'none'" in policy


def test_the_api_docs_render_their_operations_under_the_policy(chromium, newsroom):
    tab = Watched(chromium, newsroom["url"])
    tab.open("/api/v1/docs")
    # Swagger UI is drawn by its script: a blocked script leaves an empty page.
    tab.page.wait_for_selector(".opblock", timeout=15_000)
    assert tab.page.locator(".opblock").count() >= 7
    assert tab.violations() == []


def test_the_admin_works_under_its_policy(chromium, newsroom):
    tab = Watched(chromium, newsroom["url"])
    tab.open("/admin/login/")
    tab.page.fill("#id_username", "admin")
    tab.page.fill("#id_password", newsroom["password"])
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url("**/admin/")
    assert tab.violations() == []

    article = newsroom["article_id"]
    for path in ["/admin/", "/admin/pages/", f"/admin/pages/{article}/edit/", "/admin/images/", "/admin/users/"]:
        tab.open(path)
        tab.page.wait_for_load_state("networkidle")
        assert tab.violations() == [], path

    # The editor's scripts run: the byline panel's chooser opens its modal and lists the reporters.
    tab.open(f"/admin/pages/{article}/edit/")
    tab.page.get_by_role("button", name=re.compile("署名")).first.click()
    tab.page.locator(".modal-dialog").get_by_text("记者").first.wait_for(timeout=15_000)
    tab.page.wait_for_load_state("networkidle")
    assert tab.violations() == []
    # Wagtail's admin is allowed inline code, and nothing from other origins.
    policy = tab.page.goto(newsroom["url"] + "/admin/").headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "http" not in policy
