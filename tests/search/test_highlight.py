"""Search result snippets: the hit in context, the words marked, everything else escaped."""

from newsroom.search.highlight import highlight, snippet


def test_the_searched_words_are_marked():
    assert highlight("青岛推进海洋牧场发展", "海洋牧场") == "青岛推进<mark>海洋牧场</mark>发展"


def test_a_traditional_or_full_width_query_marks_the_simplified_text():
    assert highlight("崂山风景区获评5A级", "嶗山") == "<mark>崂山</mark>风景区获评5A级"
    assert "<mark>5a</mark>" in highlight("获评5a级", "５Ａ").lower()


def test_markup_in_the_text_is_escaped_not_run():
    html = highlight("<script>卡奥斯</script>", "卡奥斯")
    assert html == "&lt;script&gt;<mark>卡奥斯</mark>&lt;/script&gt;"


def test_the_snippet_shows_the_first_hit_in_context():
    body = "甲" * 200 + "卡奥斯是青岛打造世界工业互联网之都的核心优势" + "乙" * 200
    html = snippet(["无关的第一段。", body], "卡奥斯", width=60)
    assert html.startswith("…")
    assert "<mark>卡奥斯</mark>" in html
    assert html.endswith("…")


def test_without_a_hit_the_snippet_is_the_opening():
    assert snippet(["第一段正文。"], "卡奥斯") == "第一段正文。"
