"""Bylines: every role, several names to a role, the end markers, and tokens that are neither."""

import pytest

from newsroom.importer.parser import parse_edition
from newsroom.importer.records import Byline
from tests.importer.parser.editions import only, parse, parse_error


def _bylines(line):
    article = only(f"# 标题\n\n{line}\n\n本报青岛讯 11月24日,正文。\n")
    return [(b.role, b.name) for b in article.bylines], article.byline_marker


def test_byline_with_two_roles_gives_each_name_its_own_role():
    assert _bylines("□记者 薄克国 通讯员 纪粹琳 报道") == (
        [("记者", "薄克国"), ("通讯员", "纪粹琳")],
        "报道",
    )


def test_byline_with_two_names_under_one_role():
    assert _bylines("□本报记者 宋孜 肖芳") == ([("本报记者", "宋孜"), ("本报记者", "肖芳")], None)


def test_byline_without_marker():
    assert _bylines("□本报记者 薄克国") == ([("本报记者", "薄克国")], None)


def test_byline_with_wen_tu_marker():
    assert _bylines("□本报记者 李媛 文/图") == ([("本报记者", "李媛")], "文/图")


def test_byline_with_photo_marker():
    assert _bylines("□本报摄影记者 王滨 摄") == ([("本报摄影记者", "王滨")], "摄")


def test_byline_with_wen_tu_marker_before_the_names():
    assert _bylines("□文/图 本报记者 李媛") == ([("本报记者", "李媛")], "文/图")


def test_byline_wrapped_onto_a_second_line_keeps_all_names():
    article = only("# 标题\n\n□记者 张志德 肖芳\n通讯员 毕海虹 报道\n\n本报讯 11月24日,正文。\n")
    assert [(b.role, b.name) for b in article.bylines] == [
        ("记者", "张志德"),
        ("记者", "肖芳"),
        ("通讯员", "毕海虹"),
    ]


@pytest.mark.parametrize(
    "role",
    [
        "记者",
        "本报记者",
        "通讯员",
        "本报通讯员",
        "实习生",
        "见习记者",
        "特约记者",
        "摄影",
        "本报摄影记者",
    ],
)
def test_byline_accepts_every_printed_role(role):
    assert _bylines(f"□{role} 欧阳晓明 报道") == ([(role, "欧阳晓明")], "报道")


def test_byline_accepts_a_minority_name_with_a_middle_dot():
    assert _bylines("□记者 阿依古丽·买买提 报道") == ([("记者", "阿依古丽·买买提")], "报道")


def test_byline_role_glued_to_the_name_is_still_read():
    assert _bylines("□本报记者宋孜 报道") == ([("本报记者", "宋孜")], "报道")


def test_byline_name_without_a_role_gets_an_empty_role_and_a_warning():
    edition = parse("# 标题\n\n□肖芳 报道\n\n本报青岛讯 11月24日,正文。\n")
    assert edition.articles[0].bylines == (Byline("", "肖芳"),)
    assert any("肖芳" in w and "no role" in w for w in edition.warnings)


@pytest.mark.parametrize(
    "line",
    [
        "□记者 肖芳 by-line",
        "□记者 肖芳 青岛市城阳区 报道",
        "□记者 报道",
        "□记者 肖芳 报道 通讯员 李媛",
    ],
)
def test_byline_with_an_unrecognised_token_is_a_parse_error_naming_the_line(line):
    error = parse_error(f"# 标题\n\n{line}\n\n本报青岛讯 11月24日,正文。\n")
    assert error.line == 3
    assert str(error).startswith("edition.txt:3: ")


def test_roles_of_other_papers_and_agencies_are_roles():
    text = "### 标题\n\n□新华社记者 王小明 大众日报记者 李华 报道  \n新华社北京12月2日电 正文。\n"
    edition = parse_edition(text.encode(), "x-2020-12-03.txt", sections=[], default_section="yaowen")
    assert [(b.role, b.name) for b in edition.articles[0].bylines] == [
        ("新华社记者", "王小明"),
        ("大众日报记者", "李华"),
    ]
