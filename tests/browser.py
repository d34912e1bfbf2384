"""Debian's Chromium driven by Playwright, for the tests that use the site as a person does."""

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings

from tests.conftest import require_system_part

CHROMIUM = "/usr/bin/chromium"
# Headless as root on a closed network: no sandbox, and no background calls home that would fail.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """A launched Chromium (Playwright's browser download does not work here: Debian's is used)."""
    require_system_part(Path(CHROMIUM).exists(), "Chromium", "apt-get install chromium fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now, for a test server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def runserver(manage: list[str], env: dict[str, str], *, ready_path: str, extra: tuple[str, ...] = ()) -> Iterator[str]:
    """`manage.py runserver` on a free port until the block ends; yields its address once
    `ready_path` answers (within a minute, or the server's own failure is raised)."""
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", *extra],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + ready_path, timeout=2):  # noqa: S310 - our own server
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def sign_in(browser: Any, server: dict[str, Any], username: str, *, width: int = 1280) -> Any:
    """A new browser window signed in to the admin as `username`, on its dashboard."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server["url"] + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", server["passwords"][username])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def screenshot(page: Any, name: str) -> None:
    """A screenshot for docs/screenshots/, taken only when run with SCREENSHOTS_DIR=docs/screenshots."""
    if folder := os.environ.get("SCREENSHOTS_DIR"):
        path = Path(settings.BASE_DIR) / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))
