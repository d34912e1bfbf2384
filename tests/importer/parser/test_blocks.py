"""Blocks: blank lines and hard breaks cut them, headings and footers are one line each."""

from newsroom.importer.records import Byline
from tests.importer.parser.editions import BYLINE_AND_BODY, FOOTER, only, parse, texts


def test_topic_tag_and_four_hashes_are_text_not_headings():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n#青岛#话题持续升温。\n\n#### 不是标题。\n")
    assert texts(article)[1:] == [
        ("paragraph", "#青岛#话题持续升温。"),
        ("paragraph", "#### 不是标题。"),
    ]


def test_hard_break_line_ending_ends_a_block():
    article = only("# 标题\n\n□记者 肖芳 报道  \n本报讯 11月24日,第一段。  \n第二段。\n")
    assert article.bylines == (Byline("记者", "肖芳"),)
    assert texts(article) == [("paragraph", "第一段。"), ("paragraph", "第二段。")]


def test_byline_and_dateline_on_consecutive_lines_without_hard_break():
    article = only("# 标题\n□记者 肖芳 报道\n本报青岛讯 11月24日,第一段。\n")
    assert article.bylines == (Byline("记者", "肖芳"),)
    assert article.dateline.text == "本报青岛讯 11月24日"
    assert texts(article) == [("paragraph", "第一段。")]


def test_lines_of_one_block_form_one_paragraph():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n第二段前半,\n后半。\n")
    assert texts(article)[1] == ("paragraph", "第二段前半,后半。")


def test_runs_of_blank_lines_and_trailing_spaces_carry_no_meaning():
    compact = parse("# 标题\n\n□记者 肖芳 报道\n\n本报讯 11月24日,第一段。\n\n第二段。\n")
    loose = parse("\n\n\n# 标题   \n\n\n\n□记者 肖芳 报道\n\n\n本报讯 11月24日,第一段。 \n\n \n\t\n第二段。\n\n\n")
    assert texts(loose.articles[0]) == texts(compact.articles[0])
    assert loose.articles[0].bylines == compact.articles[0].bylines


def test_footer_is_one_line_and_never_swallows_the_line_after_it():
    text = "# 一\n" + BYLINE_AND_BODY + f"\n{FOOTER}\n第二段。\n"
    assert texts(only(text)) == [("paragraph", "正文第一段。"), ("paragraph", "第二段。")]
