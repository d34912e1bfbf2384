"""The whole edition: the bytes of one file in, an Edition of articles in reading order out."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import PurePath

from newsroom.importer.parser.articles import Assembler, Draft
from newsroom.importer.parser.blocks import split_blocks
from newsroom.importer.parser.datelines import dateline_date
from newsroom.importer.parser.dates import resolve_edition_date
from newsroom.importer.parser.lines import decode
from newsroom.importer.parser.sections import classify_section
from newsroom.importer.records import Article, Dateline, Edition, LeadImage, Section


def parse_edition(
    data: bytes,
    path: str,
    *,
    sections: Sequence[Section],
    default_section: str,
    edition_date: datetime.date | None = None,
) -> Edition:
    """Parse one edition file into an Edition; raise ParseError on bad input."""
    if sections and default_section not in {section.slug for section in sections}:
        raise ValueError(f"default section {default_section!r} is not among the sections")
    text = decode(data, path)
    warnings: list[str] = []
    drafts = Assembler(path, split_blocks(text, warnings), warnings).run()
    date, date_source = resolve_edition_date(edition_date, path, text, drafts, warnings)
    articles = tuple(
        _article(draft, position, date, path, sections, default_section, warnings)
        for position, draft in enumerate(drafts)
    )
    return Edition(PurePath(path).name, date, date_source, articles, tuple(warnings))


def _article(
    draft: Draft,
    position: int,
    edition_date: datetime.date,
    path: str,
    sections: Sequence[Section],
    default_section: str,
    warnings: list[str],
) -> Article:
    headline = draft.headline
    dateline = None
    if draft.dateline is not None:
        raw, line = draft.dateline, draft.dateline_line
        date = dateline_date(raw, edition_date, line, path)
        if date is not None and date > edition_date:
            warnings.append(f"line {line}: dateline {raw.text} is after the edition date {edition_date.isoformat()}")
        dateline = Dateline(raw.text, raw.source, raw.place, date, line)
    image = None
    if draft.image is not None:
        image = LeadImage(draft.image.caption, draft.image.credits, draft.image.marker, draft.image.line)
    title_text = " ".join(part for part in (headline.kicker, headline.title, headline.subtitle) if part)
    body_text = "\n".join(block.text for block in draft.body)
    return Article(
        kicker=headline.kicker,
        title=headline.title,
        subtitle=headline.subtitle,
        section=classify_section(title_text, body_text, sections, default_section),
        bylines=tuple(draft.bylines),
        byline_marker=draft.marker,
        dateline=dateline,
        lead_image=image,
        body=draft.body,
        line=headline.line,
        position=position,
    )
