"""字数 and reading time count Chinese characters, and Chinese titles get usable slugs."""

from urllib.parse import unquote

import pytest

from newsroom.chinese import character_count, reading_minutes
from tests.factories import ArticlePageFactory, SectionPageFactory


def test_character_count_counts_every_printed_character_but_no_spaces():
    assert character_count("青岛推进老城区申遗。") == 10
    assert character_count("22个央地合作项目 在青签约") == 13
    assert character_count("“科创中国”科技服务团,5G!") == 15


def test_character_count_adds_up_several_paragraphs():
    assert character_count("第一段。", "", "第二段\n继续。") == 4 + 6


def test_reading_time_is_at_least_a_minute_and_grows_with_length():
    assert reading_minutes(0) == 0
    assert reading_minutes(1) == 1
    assert reading_minutes(400) == 1
    assert reading_minutes(401) == 2


@pytest.mark.django_db
def test_an_article_counts_the_characters_of_its_body():
    article = ArticlePageFactory(body=[("paragraph", "青岛推进老城区申遗。"), ("heading", "产业创新")])
    assert article.character_count == 14
    assert article.reading_minutes == 1


@pytest.mark.django_db
def test_a_title_of_only_chinese_characters_gets_a_usable_slug(client):
    section = SectionPageFactory()
    from newsroom.models import ArticlePage

    article = ArticlePage(title="胶东经济圈一体化发展全面起势")
    section.add_child(instance=article)
    assert article.slug == "胶东经济圈一体化发展全面起势"
    assert unquote(article.url).endswith("/胶东经济圈一体化发展全面起势/")
    assert client.get(article.url).status_code == 200
