"""Headlines: kicker, title and subtitle in every printed form, and subheadings inside a body."""

import pytest

from newsroom.importer.records import Byline
from tests.importer.parser.editions import BYLINE_AND_BODY, only, parse, texts


def test_kicker_on_its_own_heading_ending_in_dashes():
    article = only("# 打造中国经济新的增长极——\n\n## 胶东经济圈全面起势\n" + BYLINE_AND_BODY)
    assert article.kicker == "打造中国经济新的增长极——"
    assert article.title == "胶东经济圈全面起势"
    assert article.subtitle is None


def test_kicker_and_title_on_one_line_split_by_dashes_and_space():
    article = only("# 面对竞争提出—— 以模式创新保持引领优势\n" + BYLINE_AND_BODY)
    assert article.kicker == "面对竞争提出——"
    assert article.title == "以模式创新保持引领优势"


def test_subtitle_starting_with_dashes_after_the_title():
    article = only("## 青岛港吞吐量创新高\n### ——前十个月增长百分之八\n" + BYLINE_AND_BODY)
    assert article.title == "青岛港吞吐量创新高"
    assert article.subtitle == "——前十个月增长百分之八"
    assert article.kicker is None


def test_kicker_title_and_subtitle_together():
    text = "### 聚焦海洋经济——\n# 青岛港吞吐量创新高\n## ——前十个月增长百分之八\n" + BYLINE_AND_BODY
    article = only(text)
    assert (article.kicker, article.title, article.subtitle) == (
        "聚焦海洋经济——",
        "青岛港吞吐量创新高",
        "——前十个月增长百分之八",
    )
    assert article.line == 2


@pytest.mark.parametrize("hashes", ["#", "##", "###"])
def test_heading_level_carries_no_meaning(hashes):
    article = only(f"{hashes} 标题\n" + BYLINE_AND_BODY + f"\n{hashes} 小标题\n\n第二段。\n")
    assert article.title == "标题"
    assert texts(article)[1] == ("heading", "小标题")


def test_title_keeps_the_printed_line_break_as_a_space():
    article = only("### 22个央地合作项目 在青签约\n" + BYLINE_AND_BODY)
    assert article.title == "22个央地合作项目 在青签约"
    assert article.title_lines == ("22个央地合作项目", "在青签约")


def test_heading_followed_by_a_plain_paragraph_inside_an_article_is_a_subheading():
    text = "# 标题\n" + BYLINE_AND_BODY + "\n## 产业创新协同共进\n\n探索工业设计区域合作。\n"
    assert texts(only(text)) == [
        ("paragraph", "正文第一段。"),
        ("heading", "产业创新协同共进"),
        ("paragraph", "探索工业设计区域合作。"),
    ]


def test_heading_then_byline_inside_an_article_starts_the_next_article():
    text = "# 一\n" + BYLINE_AND_BODY + "\n# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    first, second = parse(text).articles
    assert texts(first) == [("paragraph", "正文第一段。")]
    assert second.title == "二" and second.bylines == (Byline("记者", "白晓"),)
    assert second.dateline is None and second.position == 1


def test_heading_without_dashes_right_above_a_title_becomes_its_kicker_with_warning():
    edition = parse("# 引题没有破折号\n# 标题\n" + BYLINE_AND_BODY)
    (article,) = edition.articles
    assert (article.kicker, article.title) == ("引题没有破折号", "标题")
    assert any("kicker" in w for w in edition.warnings)
