"""The channel's sections file read into sections, and the bad files refused."""

import re
from pathlib import Path

import pytest

from newsroom.importer.sections import load_sections

SECTIONS_FILE = Path(__file__).resolve().parents[2] / "seeds" / "sections.toml"


def test_load_sections_reads_the_channel_file():
    sections, default = load_sections(SECTIONS_FILE.read_text(encoding="utf-8"))
    slugs = [s.slug for s in sections]
    assert default == "yaowen" and default in slugs
    assert 4 <= len(sections) <= 6
    assert all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)
    assert all(s.title and s.keywords for s in sections)


@pytest.mark.parametrize(
    "toml",
    [
        'default = "x"\n',
        'default = "nope"\n[[section]]\nslug = "a"\ntitle = "甲"\n',
        'default = "a"\n[[section]]\nslug = "经济"\ntitle = "经济"\n',
        'default = "a"\n[[section]]\nslug = "a"\ntitle = "甲"\n[[section]]\nslug = "a"\ntitle = "乙"\n',
        'default = "a"\n[[section]]\nslug = "a"\ntitle = "甲"\nkeywords = "不是列表"\n',
        "not toml at all [",
    ],
)
def test_load_sections_rejects_a_bad_file(toml):
    with pytest.raises(ValueError):
        load_sections(toml)
