"""Article bodies: paragraphs broken by the column layout mended, never across a heading, footer or article."""

import pytest

from tests.importer.parser.editions import BYLINE_AND_BODY, only, parse, texts


def test_broken_paragraph_is_joined_with_the_next_with_no_space():
    text = "# 标题\n" + BYLINE_AND_BODY + "\n为用户创造价值,被认为是卡奥斯的\n\n“立身之本”。工信部专家认为。\n"
    article = only(text)
    assert texts(article)[1] == (
        "paragraph",
        "为用户创造价值,被认为是卡奥斯的“立身之本”。工信部专家认为。",
    )
    assert article.body[1].breaks_joined == 1


def test_paragraph_broken_twice_is_joined_into_one():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n甲乙\n\n丙丁\n\n戊己。\n")
    assert texts(article)[1] == ("paragraph", "甲乙丙丁戊己。")
    assert article.breaks_joined == 2


def test_closing_quote_after_sentence_final_punctuation_is_not_joined():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n他说:“时不我待。”\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", "他说:“时不我待。”"), ("paragraph", "第二段。")]


@pytest.mark.parametrize("end", ["。", "!", "?", "!", "?", "…", "……", "。”", "?’", "!」", "。』", "。)", "。)"])
def test_every_sentence_final_mark_ends_a_paragraph(end):
    article = only("# 标题\n" + BYLINE_AND_BODY + f"\n第一句{end}\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", f"第一句{end}"), ("paragraph", "第二段。")]


@pytest.mark.parametrize("end", [",", ",", ":", "、", ";", "”", "》", "——", "的"])
def test_paragraph_ending_without_sentence_final_punctuation_continues(end):
    article = only("# 标题\n" + BYLINE_AND_BODY + f"\n第一句{end}\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", f"第一句{end}第二段。")]


def test_broken_paragraph_is_not_joined_across_a_subheading():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n没有句号\n\n## 小标题\n\n第二段。\n")
    assert texts(article)[1:] == [
        ("paragraph", "没有句号"),
        ("heading", "小标题"),
        ("paragraph", "第二段。"),
    ]


def test_broken_paragraph_is_not_joined_across_a_footer():
    text = "# 标题\n" + BYLINE_AND_BODY + "\n没有句号\n\n更多内容请关注大众日报客户端青岛频道\n\n第二段。\n"
    article = only(text)
    assert texts(article)[1:] == [("paragraph", "没有句号"), ("paragraph", "第二段。")]


def test_broken_paragraph_is_not_joined_across_an_article_start():
    text = "# 一\n" + BYLINE_AND_BODY + "\n没有句号\n\n# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    first, second = parse(text).articles
    assert texts(first)[-1] == ("paragraph", "没有句号")
    assert texts(second) == [("paragraph", "第二篇正文。")]


def test_punctuation_is_kept_as_printed():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n华为(烟台)项目:投资1-2亿元,《方案》、“计划”。\n")
    assert texts(article)[1] == ("paragraph", "华为(烟台)项目:投资1-2亿元,《方案》、“计划”。")


def test_html_and_template_syntax_in_the_source_is_kept_literally():
    article = only("# 标题<b>粗</b>\n" + BYLINE_AND_BODY + "\n<script>alert(1)</script>{{ x }}{% if %}。\n")
    assert article.title == "标题<b>粗</b>"
    assert texts(article)[1] == ("paragraph", "<script>alert(1)</script>{{ x }}{% if %}。")


def test_closing_quote_broken_onto_the_next_paragraph_after_an_open_sentence_continues():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n他说:“时不我待\n\n”\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", "他说:“时不我待”第二段。")]


def test_paragraph_broken_thousands_of_times_is_one_paragraph_with_every_piece_in_order():
    pieces = [f"第{n}栏" for n in range(5000)]
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n" + "\n\n".join(pieces) + "。\n\n下一段。\n")
    assert texts(article)[1:] == [("paragraph", "".join(pieces) + "。"), ("paragraph", "下一段。")]
    assert article.body[1].breaks_joined == 4999
    assert article.body[1].line == 6
