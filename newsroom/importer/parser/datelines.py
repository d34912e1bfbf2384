"""Datelines (电头): the source, place and date that open an article's first paragraph."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from newsroom.importer.parser.lines import HANZI, ParseError

# Datelines: 本报青岛讯 11月24日, / 本报讯 12月1日, / 本报青岛讯 日前, / 本报青岛讯, /
# 本报济南11月24日讯 / 新华社北京12月2日电 (text after a space). The separator is not kept.
_SOURCE = rf"本报|[{HANZI}]{{1,6}}?(?:社|网|台|报)"
_PLACE = rf"[{HANZI}]{{1,8}}?"
_SEPARATOR = r"(?P<sep>[ \t\u3000]*[,,::][ \t\u3000]*|[ \t\u3000]+|(?=[((])|$)"
_XUN_RE = re.compile(
    rf"(?P<text>(?P<source>{_SOURCE})(?P<place>{_PLACE})?(?:(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日)?讯"
    r"(?:[ \t\u3000]*(?:(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
    r"|(?P<vague>日前|近日|昨天|今天|昨日|今日)))?)" + _SEPARATOR
)
_DIAN_RE = re.compile(
    rf"(?P<text>(?P<source>{_SOURCE})(?P<place>{_PLACE})?(?:(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日)?电)" + _SEPARATOR
)


@dataclass(frozen=True)
class RawDateline:
    """A dateline as printed (month and day, never a year) and the paragraph text after it."""

    text: str
    source: str
    place: str | None
    month: int | None
    day: int | None
    rest: str


def match_dateline(paragraph: str) -> RawDateline | None:
    """The dateline at the start of a paragraph, and the paragraph text after its separator."""
    match = _XUN_RE.match(paragraph) or _DIAN_RE.match(paragraph)
    if match is None:
        return None
    groups = match.groupdict()
    month = groups.get("m1") or groups.get("m2")
    day = groups.get("d1") or groups.get("d2")
    return RawDateline(
        text=match["text"].strip(),
        source=match["source"],
        place=match["place"] or None,
        month=int(month) if month else None,
        day=int(day) if day else None,
        rest=paragraph[match.end() :],
    )


def dateline_date(raw: RawDateline, edition_date: datetime.date, line: int, path: str) -> datetime.date | None:
    """The date of a dateline in the edition's year or the one before; None when it prints no day."""
    if raw.month is None or raw.day is None:
        return None
    # Datelines print no year: a month after the edition's belongs to the year before.
    year = edition_date.year if raw.month <= edition_date.month else edition_date.year - 1
    try:
        return datetime.date(year, raw.month, raw.day)
    except ValueError as error:
        raise ParseError(path, line, f"impossible date in dateline 「{raw.text}」") from error
