"""Routing an article to a section by the keywords of its headline and body."""

from newsroom.importer.parser import classify_section
from tests.importer.parser.editions import SECTIONS


def test_classify_section_title_hit_outweighs_a_body_hit():
    assert classify_section("文化节开幕", "企业参加", SECTIONS, "yaowen") == "wenlv"
    assert classify_section("开幕", "企业、产业与文化", SECTIONS, "yaowen") == "jingji"


def test_classify_section_tie_goes_to_the_earlier_section():
    assert classify_section("", "市政府 企业", SECTIONS, "wenlv") == "yaowen"


def test_classify_section_without_any_hit_gives_the_default():
    assert classify_section("标题", "正文", SECTIONS, "wenlv") == "wenlv"
    assert classify_section("标题", "正文", [], "wenlv") == "wenlv"
