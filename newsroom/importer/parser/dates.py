"""The edition date: given, read from the file name, or inferred from the years and datelines of the text."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import PurePath

from newsroom.importer.parser.articles import Draft
from newsroom.importer.parser.lines import ParseError

_NAME_DATE_RES = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.])(\d{1,2})\2(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})()(\d{2})(\d{2})(?!\d)"),
)
# A year as written in running text (2020年, 2020央地), not an amount (2000亿元, 2000余人).
_YEAR_RE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})(?![\d.%])"
    r"(?!\s*(?:余|多|亿|万|千|百|元|人|家|个|项|户|吨|米|平|亩|只|台|辆|套|件|名|位|次|公里))"
)
_OVERRIDE_HINT = "pass --edition-date YYYY-MM-DD to override"


def _date_in_name(name: str) -> datetime.date | None:
    for pattern in _NAME_DATE_RES:
        for match in pattern.finditer(name):
            year, _, month, day = match.groups()
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


def _year_in_text(text: str) -> tuple[int, int] | None:
    """The year written most often in the text and how often; ties go to the later year."""
    counts = Counter(int(year) for year in _YEAR_RE.findall(text))
    if not counts:
        return None
    year, count = max(counts.items(), key=lambda pair: (pair[1], pair[0]))
    return year, count


def _latest_month_day(drafts: list[Draft]) -> tuple[int, int] | None:
    days = [
        (d.dateline.month, d.dateline.day)
        for d in drafts
        if d.dateline is not None and d.dateline.month is not None and d.dateline.day is not None
    ]
    if not days:
        return None
    # Datelines spanning New Year (12月 and 1月): the early months are the later dates.
    if max(days)[0] - min(days)[0] > 6:
        days = [day for day in days if day[0] <= 6]
    return max(days)


def resolve_edition_date(
    given: datetime.date | None, path: str, text: str, drafts: list[Draft], warnings: list[str]
) -> tuple[datetime.date, str]:
    """The edition date and where it came from ("option", "filename" or "text"), with a warning unless given."""
    if given is not None:
        return given, "option"
    name = PurePath(path).name
    from_name = _date_in_name(name)
    if from_name is not None:
        warnings.insert(0, f"edition date {from_name.isoformat()} taken from the file name; {_OVERRIDE_HINT}")
        return from_name, "filename"
    year = _year_in_text(text)
    latest = _latest_month_day(drafts)
    if year is None or latest is None:
        raise ParseError(
            path,
            None,
            "no edition date: none given, none in the file name (YYYY-MM-DD) and not enough in "
            "the text (a year and a dated dateline); pass --edition-date YYYY-MM-DD",
        )
    (year_value, count), (month, day) = year, latest
    try:
        # Papers print the day after the latest news they report.
        inferred = datetime.date(year_value, month, day) + datetime.timedelta(days=1)
    except ValueError as error:
        raise ParseError(
            path,
            None,
            f"no edition date: {year_value}年{month}月{day}日 is not a date; pass --edition-date YYYY-MM-DD",
        ) from error
    warnings.insert(
        0,
        f"edition date {inferred.isoformat()} inferred from the text: year {year_value} (the year "
        f"written most often, {count} times) and the latest dateline {month}月{day}日 plus one "
        f"day; {_OVERRIDE_HINT}",
    )
    return inferred, "text"
