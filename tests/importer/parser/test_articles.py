"""Articles: where one starts, photo captions for the next one, footers between them, and stray pieces."""

from newsroom.importer.records import Byline
from tests.importer.parser.editions import BYLINE_AND_BODY, FOOTER, only, parse, parse_error, texts


def test_photo_caption_and_credit_attach_to_the_following_article():
    text = (
        "# 一\n"
        + BYLINE_AND_BODY
        + "\n市民在栈桥观赏海鸥。\n\n□本报摄影记者 王滨 摄\n\n"
        + "# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    )
    first, second = parse(text).articles
    assert texts(first) == [("paragraph", "正文第一段。")]
    assert second.lead_image.caption == "市民在栈桥观赏海鸥。"
    assert second.lead_image.credits == (Byline("本报摄影记者", "王滨"),)
    assert second.lead_image.marker == "摄"
    assert second.bylines == (Byline("记者", "白晓"),)
    assert first.lead_image is None


def test_caption_at_the_start_of_the_file_belongs_to_the_first_article():
    article = only("游客在海边拍照\n\n□记者 白晓 摄\n\n# 标题\n" + BYLINE_AND_BODY)
    assert article.lead_image.caption == "游客在海边拍照"
    assert article.title == "标题"


def test_article_after_a_photo_credit_may_have_no_byline():
    text = "# 一\n" + BYLINE_AND_BODY + "\n航拍港口\n\n□记者 白晓 摄\n\n# 二\n\n图片新闻正文。\n"
    edition = parse(text)
    first, second = edition.articles
    assert texts(first) == [("paragraph", "正文第一段。")]
    assert second.lead_image.caption == "航拍港口"
    assert texts(second) == [("paragraph", "图片新闻正文。")]
    assert any("no byline or dateline" in w for w in edition.warnings)


def test_caption_is_not_joined_to_an_unfinished_paragraph_before_it():
    text = (
        "# 一\n" + BYLINE_AND_BODY + "\n最后一段没有句号\n\n市民观赏海鸥\n\n□记者 白晓 摄\n\n"
        "# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    )
    first, second = parse(text).articles
    assert texts(first)[-1] == ("paragraph", "最后一段没有句号")
    assert second.lead_image.caption == "市民观赏海鸥"


def test_footer_anywhere_is_never_in_a_body():
    text = (
        f"{FOOTER}\n\n# 一\n" + BYLINE_AND_BODY + f"\n{FOOTER}\n\n第二段。\n{FOOTER}\n\n"
        f"# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n\n{FOOTER}\n"
    )
    first, second = parse(text).articles
    assert texts(first) == [("paragraph", "正文第一段。"), ("paragraph", "第二段。")]
    assert texts(second) == [("paragraph", "第二篇正文。")]
    assert all("更多内容请关注" not in a.text for a in (first, second))


def test_heading_right_after_a_footer_starts_an_article_even_without_byline():
    text = "# 一\n" + BYLINE_AND_BODY + f"\n{FOOTER}\n\n# 二\n\n第二篇正文,没有署名。\n"
    edition = parse(text)
    _, second = edition.articles
    assert second.title == "二" and second.bylines == () and second.dateline is None
    assert texts(second) == [("paragraph", "第二篇正文,没有署名。")]
    assert any("no byline or dateline" in w for w in edition.warnings)


def test_heading_at_the_start_of_the_file_starts_an_article_even_without_byline():
    edition = parse("# 标题\n\n正文,没有署名也没有电头。\n")
    assert edition.articles[0].title == "标题"
    assert any("「标题」" in w and "no byline or dateline" in w for w in edition.warnings)


def test_byline_at_the_end_of_the_file_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n□记者 白晓 报道\n")
    assert error.line == 6
    assert "byline with no article" in str(error)


def test_byline_followed_by_a_paragraph_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n□记者 白晓 报道\n\n又一段。\n")
    assert error.line == 6


def test_dateline_paragraph_with_no_article_is_a_parse_error():
    assert parse_error("本报青岛讯 11月24日,没有标题的稿件。\n").line == 1
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n本报讯 11月25日,又一篇没有标题。\n")
    assert error.line == 6
    assert "dateline paragraph with no article" in str(error)


def test_text_before_any_heading_is_a_parse_error():
    assert parse_error("\n孤立的一段文字。\n\n# 标题\n" + BYLINE_AND_BODY).line == 2


def test_heading_with_no_body_at_the_end_of_the_file_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n## 结尾的小标题\n")
    assert str(error) == "edition.txt:6: heading 「结尾的小标题」 with no body after it"
    assert parse_error("# 只有标题\n").line == 1


def test_article_with_no_body_is_a_parse_error():
    assert parse_error("# 标题\n\n□记者 肖芳 报道\n").line == 1


def test_file_of_only_footers_has_no_article():
    assert "no article" in str(parse_error(f"{FOOTER}\n"))
