"""The edition date: from the option, the file name or the text, or a clear request for it."""

import datetime
from pathlib import Path

import pytest

from newsroom.importer.parser import ParseError
from tests.importer.parser.editions import DAY, parse

UNDATED = "# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日,2020年青岛港吞吐量创新高。\n"


def test_edition_date_option_wins_without_warning():
    edition = parse(UNDATED, path="2019-01-01.txt", edition_date=DAY)
    assert (edition.edition_date, edition.date_source, edition.warnings) == (DAY, "option", ())


@pytest.mark.parametrize("name", ["qd-2020-11-30.txt", "qd_20201130_a03.txt", "dir/2020-11-30.txt"])
def test_edition_date_from_the_file_name(name):
    edition = parse(UNDATED, path=name, edition_date=None)
    assert (edition.edition_date, edition.date_source) == (DAY, "filename")
    assert "2020-11-30" in edition.warnings[0] and "file name" in edition.warnings[0]
    assert edition.articles[0].dateline.date == datetime.date(2020, 11, 24)
    assert edition.source_name == Path(name).name


def test_edition_date_from_the_text_is_the_day_after_the_latest_dateline():
    edition = parse(UNDATED, path="edition.txt", edition_date=None)
    assert (edition.edition_date, edition.date_source) == (datetime.date(2020, 11, 25), "text")
    assert "--edition-date" in edition.warnings[0]


def test_no_edition_date_anywhere_asks_for_the_option():
    with pytest.raises(ParseError, match="--edition-date") as caught:
        parse("# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 日前,没有年份。\n", edition_date=None)
    assert caught.value.line is None
