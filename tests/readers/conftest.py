"""The seed edition, migrated and imported once per run into a database each server module copies."""

from collections.abc import Iterator

import pytest

from tests.readers.servers import Database, database_of_its_own, seed


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Never served from: modules take a copy (`database_of_its_own(..., copy_of=...)`), since
    migrating takes most of a server module's start."""
    with database_of_its_own(tmp_path_factory.mktemp("seeded")) as database:
        seed(database)
        yield database
