"""Shared fixtures, and the rule that CI turns a skip for a missing system part into a failure."""

import os

import pytest
from django.db import connection

# CI sets this so that a test which would skip for want of Chromium, PostgreSQL or a
# font fails instead: a green CI must mean every test ran.
STRICT = os.environ.get("STRICT_SYSTEM_PARTS") == "1"


def require_system_part(available: bool, what: str, install: str) -> None:
    """Skip (on a newcomer's machine) or fail (in CI) when a system part is missing."""
    if available:
        return
    message = f"needs {what}: {install}"
    if STRICT:
        pytest.fail(f"{message} (STRICT_SYSTEM_PARTS=1 turns this skip into a failure)")
    pytest.skip(message)


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def channel(db):
    """The channel home created by the data migration."""
    from newsroom.models import ChannelHomePage

    return ChannelHomePage.objects.get()


@pytest.fixture(autouse=True)
def fresh_reader_page_cache():
    """Start every test without the reader cache or Wagtail's cached list of sites: both outlive
    each test's rolled-back database, so what one test stored could otherwise answer another."""
    from django.core.cache import caches

    caches["pages"].clear()
    caches["default"].clear()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory):
    """The seed edition, migrated and imported once per run, for tests that start real servers.

    Never served from: modules take a copy (`database_of_its_own(..., copy_of=...)`), since
    migrating takes most of a server module's start."""
    from tests.servers import database_of_its_own, seed

    with database_of_its_own(tmp_path_factory.mktemp("seeded")) as database:
        seed(database)
        yield database
