"""The channel's sections file (TOML, named by settings.NEWSROOM_SECTIONS_FILE) read into Section records."""

from __future__ import annotations

import re
import tomllib

from newsroom.importer.records import Section

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_sections(text: str) -> tuple[list[Section], str]:
    """The channel's sections and the default slug, from a sections TOML file."""
    data = tomllib.loads(text)
    tables = data.get("section")
    if not isinstance(tables, list) or not tables:
        raise ValueError("sections file: no [[section]] table")
    sections = [_section_from_table(table, number) for number, table in enumerate(tables, 1)]
    slugs = [section.slug for section in sections]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ValueError(f"sections file: duplicate slug {', '.join(duplicates)}")
    default = data.get("default")
    if default not in slugs:
        raise ValueError(f"sections file: default {default!r} is not one of {', '.join(slugs)}")
    return sections, default


def _section_from_table(table: object, number: int) -> Section:
    if not isinstance(table, dict):
        raise ValueError(f"sections file: section {number} is not a table")
    slug, title = table.get("slug"), table.get("title")
    keywords = table.get("keywords", [])
    if not isinstance(slug, str) or not _SLUG_RE.fullmatch(slug):
        raise ValueError(f"sections file: section {number} slug {slug!r} is not lowercase ASCII")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"sections file: section {slug} has no title")
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise ValueError(f"sections file: section {slug} keywords must be a list of words")
    return Section(slug, title.strip(), tuple(keywords))
