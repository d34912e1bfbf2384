"""Debian's Chromium driven by Playwright, for the tests that use the site as a person does."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
