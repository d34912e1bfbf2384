"""The newsroom's logins and sections (tests/workflow/conftest.py), and a small word list."""

import pytest

from newsroom.models import WordListEntry
from tests.workflow.conftest import (  # noqa: F401 - fixtures shared with the workflow tests
    chief,
    chromium,
    editor,
    login,
    make_user,
    newsroom,
    other_section,
    own_section,
    reporter,
)


@pytest.fixture
def word_list(db) -> None:
    """One term of each kind."""
    WordListEntry.objects.create(term="聋子", kind="banned", replacement="聋人", note="对残疾人不使用蔑称")
    WordListEntry.objects.create(term="首次", kind="caution", note="须有权威依据，核实后再用")
    WordListEntry.objects.create(term="既使", kind="typo", replacement="即使")
