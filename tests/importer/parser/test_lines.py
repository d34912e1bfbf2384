"""Reading an edition file: encodings detected, bad bytes and bad lines stopped with file and line."""

import pytest

from newsroom.importer.parser import ParseError, decode
from tests.importer.parser.editions import BYLINE_AND_BODY, only, parse_error, texts


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n  \r\n"])
def test_empty_file_is_a_parse_error(data):
    error = parse_error(data, path="empty.txt")
    assert str(error) == "empty.txt: empty file"
    assert error.line is None and error.path == "empty.txt"


def test_binary_file_is_a_parse_error_naming_the_line():
    error = parse_error(b"# title\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path="photo.txt")
    assert str(error) == "photo.txt:4: binary file, not a text edition"


def test_undecodable_bytes_are_a_parse_error_naming_the_line():
    data = "# 标题\n\n□记者 肖芳 报道\n\n".encode() + b"\xff\xfe\xfa\xfb broken\n"
    error = parse_error(data)
    assert error.line == 5
    assert "undecodable" in str(error)


def test_latin1_text_is_not_silently_read_as_gb18030():
    error = parse_error("# Café\n\nrésumé naïve façade\n".encode("latin-1"))
    assert error.line == 1


def test_big5_text_is_not_silently_read_as_gb18030():
    error = parse_error(("# 臺灣新聞\n\n" + "這是一篇繁體中文報導。" * 20 + "\n").encode("big5"))
    assert "GB18030" in str(error)


def test_gb18030_and_gbk_text_is_detected():
    text = "# 青岛港吞吐量创新高\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日,青岛港前十个月吞吐量增长。\n"
    for encoding in ("gb18030", "gbk"):
        article = only(text, encoding=encoding)
        assert article.title == "青岛港吞吐量创新高"
        assert texts(article) == [("paragraph", "青岛港前十个月吞吐量增长。")]


def test_utf16_with_bom_is_detected():
    text = "# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日,正文。\n"
    assert only(text, encoding="utf-16").title == "标题"


def test_decode_normalises_crlf_and_cr_line_ends():
    assert decode(b"a\r\nb\rc\n", "x.txt") == "a\nb\nc\n"


def test_nul_character_is_a_parse_error_naming_the_line():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n正文\x00。\n")
    assert error.line == 6
    assert "binary" in str(error)


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x0c", "\x7f", "\x85"])
def test_control_character_is_a_parse_error_naming_the_line(char):
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + f"\n正文{char}。\n")
    assert str(error).startswith("edition.txt:6: control character U+")


def test_twenty_thousand_character_line_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n" + "长" * 20_000 + "\n")
    assert error.line == 6
    assert "line too long" in str(error)


def test_parse_error_is_one_line_with_and_without_line():
    assert str(ParseError("a.txt", 7, "bad\nthing")) == "a.txt:7: bad thing"
    assert str(ParseError("a.txt", None, "bad")) == "a.txt: bad"


def test_gbk_text_is_judged_by_how_often_characters_occur_not_by_how_many_differ():
    # 200 different rare characters (GB2312 level 2) once each among 1,000 common ones: 83% common.
    rare = "".join(bytes([0xD8 + n // 94, 0xA1 + n % 94]).decode("gb2312") for n in range(200))
    body = "的" * 1000 + rare + "。"
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n" + body + "\n", encoding="gbk")
    assert texts(article)[1] == ("paragraph", body)
