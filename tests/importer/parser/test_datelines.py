"""Datelines: every printed form lifted out of the first paragraph, and dates without a year."""

import datetime

import pytest

from tests.importer.parser.editions import BYLINE_AND_BODY, only, parse, parse_error, texts


@pytest.mark.parametrize(
    ("first_line", "text", "source", "place", "date", "rest"),
    [
        ("本报青岛讯 11月24日,正文。", "本报青岛讯 11月24日", "本报", "青岛", (11, 24), "正文。"),
        ("本报讯 12月1日,正文。", "本报讯 12月1日", "本报", None, (12, 1), "正文。"),
        ("本报青岛讯 日前,正文。", "本报青岛讯 日前", "本报", "青岛", None, "正文。"),
        ("本报青岛讯,正文。", "本报青岛讯", "本报", "青岛", None, "正文。"),
        ("新华社北京12月2日电 正文。", "新华社北京12月2日电", "新华社", "北京", (12, 2), "正文。"),
        ("本报济南11月28日讯 正文。", "本报济南11月28日讯", "本报", "济南", (11, 28), "正文。"),
        ("本报青岛讯 11月24日:正文。", "本报青岛讯 11月24日", "本报", "青岛", (11, 24), "正文。"),
    ],
)
def test_dateline_forms_are_lifted_out_of_the_first_paragraph(first_line, text, source, place, date, rest):
    edition_date = datetime.date(2020, 12, 3)
    article = only(f"# 标题\n\n□记者 肖芳 报道\n\n{first_line}\n", edition_date=edition_date)
    dateline = article.dateline
    assert (dateline.text, dateline.source, dateline.place) == (text, source, place)
    assert dateline.date == (datetime.date(2020, *date) if date else None)
    assert texts(article) == [("paragraph", rest)]


def test_dateline_standing_alone_leaves_the_text_to_the_next_paragraph():
    article = only("# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日\n\n正文。\n")
    assert article.dateline.text == "本报青岛讯 11月24日"
    assert texts(article) == [("paragraph", "正文。")]


def test_wire_story_with_dateline_and_no_byline_starts_an_article():
    text = "# 一\n" + BYLINE_AND_BODY + "\n## 国务院常务会议召开\n\n新华社北京12月2日电 国务院总理主持召开会议。\n"
    first, wire = parse(text, edition_date=datetime.date(2020, 12, 3)).articles
    assert wire.title == "国务院常务会议召开"
    assert wire.bylines == () and wire.byline_marker is None
    assert wire.dateline.source == "新华社" and wire.dateline.date == datetime.date(2020, 12, 2)
    assert texts(wire) == [("paragraph", "国务院总理主持召开会议。")]
    assert texts(first) == [("paragraph", "正文第一段。")]


def test_dateline_month_after_the_edition_month_belongs_to_the_previous_year():
    article = only("# 标题\n\n本报讯 12月31日,正文。\n", edition_date=datetime.date(2021, 1, 2))
    assert article.dateline.date == datetime.date(2020, 12, 31)


def test_first_paragraph_without_a_dateline_is_kept_whole():
    article = only("# 标题\n\n□本报记者 宋孜\n\n本报记者日前从青岛港获悉,吞吐量创新高。\n")
    assert article.dateline is None
    assert texts(article) == [("paragraph", "本报记者日前从青岛港获悉,吞吐量创新高。")]


def test_impossible_dateline_date_is_a_parse_error():
    assert parse_error("# 标题\n\n本报讯 2月30日,正文。\n").line == 3
