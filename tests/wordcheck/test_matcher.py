"""The matcher on its own: normalised matching, overlaps, and offsets in the text as typed (no database)."""

from newsroom.search.segmenter import normalize, normalize_with_offsets
from newsroom.wordcheck.matcher import BANNED, CAUTION, TYPO, Matcher, Term


def _matcher(*terms: Term) -> Matcher:
    return Matcher(terms)


def _found(matcher: Matcher, text: str) -> list[tuple[str, str, int, int]]:
    return [(hit.term.term, hit.found, hit.start, hit.end) for hit in matcher.find(text)]


def test_a_listed_misspelling_is_found_with_its_fix():
    matcher = _matcher(Term("既使", TYPO, "即使"))
    [hit] = matcher.find("既使下雨，比赛也照常进行。")
    assert (hit.found, hit.start, hit.end, hit.term.replacement) == ("既使", 0, 2, "即使")


def test_traditional_forms_are_found_and_reported_as_typed():
    matcher = _matcher(Term("按装", TYPO, "安装"))
    text = "工人正在為新樓按裝電梯"
    [hit] = matcher.find(text)
    assert hit.found == "按裝"
    assert text[hit.start : hit.end] == "按裝"


def test_full_width_letters_and_digits_are_found_as_half_width():
    matcher = _matcher(Term("5G", CAUTION))
    text = "全市已建成５Ｇ基站一万个"
    [hit] = matcher.find(text)
    assert (hit.found, text[hit.start : hit.end]) == ("５Ｇ", "５Ｇ")


def test_a_term_listed_in_traditional_form_finds_the_simplified_one():
    matcher = _matcher(Term("按裝", TYPO, "安装"))
    assert _found(matcher, "到家按装空调") == [("按裝", "按装", 2, 4)]


def test_offsets_point_into_the_original_where_normalising_changes_the_length():
    # ㈱ becomes three characters, ﬁ two: later hits must still point at what the editor typed.
    matcher = _matcher(Term("既使", TYPO, "即使"), Term("file", CAUTION))
    text = "㈱公司ﬁle：既使如此"
    hits = matcher.find(text)
    assert [(hit.found, text[hit.start : hit.end]) for hit in hits] == [("ﬁle", "ﬁle"), ("既使", "既使")]
    assert hits[1].start == text.index("既使")


def test_combining_marks_keep_offsets_in_the_original():
    matcher = _matcher(Term("既使", TYPO, "即使"))
    text = "Cafe\u0301 既使"
    [hit] = matcher.find(text)
    assert text[hit.start : hit.end] == "既使"


def test_overlapping_terms_are_both_reported():
    matcher = _matcher(Term("按装", TYPO, "安装"), Term("装修", CAUTION))
    assert _found(matcher, "新房按装修标准验收") == [("按装", "按装", 2, 4), ("装修", "装修", 3, 5)]


def test_a_term_inside_a_longer_one_of_the_same_kind_is_one_hit():
    matcher = _matcher(Term("渡假", TYPO, "度假"), Term("渡假村", TYPO, "度假村"))
    assert _found(matcher, "海边渡假村开业") == [("渡假村", "渡假村", 2, 5)]


def test_a_banned_term_inside_a_milder_longer_one_is_still_reported():
    matcher = _matcher(Term("聋子", BANNED, "聋人"), Term("聋子学校", CAUTION))
    assert [hit.term.kind for hit in matcher.find("一所聋子学校")] == [CAUTION, BANNED]


def test_every_occurrence_is_reported():
    matcher = _matcher(Term("既使", TYPO, "即使"))
    assert [hit.start for hit in matcher.find("既使A，既使B")] == [0, 4]


def test_two_spellings_of_one_term_keep_the_more_severe_kind():
    matcher = _matcher(Term("回教", CAUTION), Term("回教", BANNED, "伊斯兰教"))
    [hit] = matcher.find("回教")
    assert hit.term.kind == BANNED


def test_an_empty_list_or_text_finds_nothing():
    assert _matcher().find("既使") == []
    assert _matcher(Term("既使", TYPO, "即使")).find("") == []


def test_the_excerpt_marks_the_hit_with_some_context():
    matcher = _matcher(Term("既使", TYPO, "即使"))
    text = "前面有很多很多很多很多的文字，既使如此，后面还有很多很多很多很多的文字。"
    [hit] = matcher.find(text)
    assert hit.excerpt(text) == "…很多很多很多很多的文字，【既使】如此，后面还有很多很多很…"


def test_normalising_with_offsets_gives_the_search_normalisation():
    for text in ("青岛市，ＡＢＣ１２３：臺灣", "㈱公司ﬁle", "İstanbul", ""):
        normalised, origins = normalize_with_offsets(text)
        assert normalised == normalize(text) or "㈱" in text
        if origins is not None:
            assert len(origins) == len(normalised)
            assert origins == sorted(origins)


def test_normalising_text_that_keeps_its_length_needs_no_offsets():
    assert normalize_with_offsets("臺灣，ＡＢＣ") == ("台湾,abc", None)
