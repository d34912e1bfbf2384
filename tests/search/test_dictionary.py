"""The channel dictionary: data, not code; a new word re-indexes the articles that hold it."""

from pathlib import Path

import pytest
from django.core.management import call_command

from newsroom.articles.selectors import article_search_live
from newsroom.search.segmenter import base_parts, index_words, query_words, read_dictionary
from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[2]


def test_the_channel_dictionary_keeps_local_names_whole():
    words = read_dictionary(ROOT / "seeds" / "search_dictionary.dict")
    assert {"西海岸新区", "胶东经济圈", "卡奥斯", "崂山"} <= set(words)
    assert query_words("宝山镇") == ["宝山镇"]
    assert base_parts("宝山镇") == ["宝", "山镇"]


def test_a_long_word_is_indexed_with_the_dictionary_words_inside_it():
    words = index_words("青岛西海岸新区")
    assert {"青岛", "西海岸新区", "新区"} <= set(words)


def test_text_is_normalised_before_it_is_cut():
    assert query_words("ＡＢＣ５Ｇ") == query_words("abc5g")
    assert query_words("膠東經濟圈") == ["胶东经济圈"]


def _indexed_words(article) -> set[str]:
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(article.pk), content_type__model="articlepage")
    # PostgreSQL keeps the indexed text beside its tsvectors; SQLite's entry is the text itself.
    texts = (getattr(entry, "title_text", entry.title), getattr(entry, "body_text", entry.body))
    return set(" ".join(str(text) for text in texts).split())


@pytest.mark.django_db
def test_a_word_an_editor_adds_reindexes_the_articles_holding_it(django_capture_on_commit_callbacks):
    from newsroom.models import SearchTerm

    article = ArticlePageFactory(title="啤酒节开幕", body=[("paragraph", "金沙滩啤酒城今晚迎来第一批游客。")])
    other = ArticlePageFactory(title="城阳区", body=[("paragraph", "金沙滩啤酒城以外的消息。")])
    other.unpublish()  # an unpublished article is found by its parts too, and re-indexed all the same
    assert "金沙滩啤酒城" not in _indexed_words(article)

    with django_capture_on_commit_callbacks(execute=True):
        SearchTerm.objects.create(word="金沙滩啤酒城", note="黄岛区地标")
    assert "金沙滩啤酒城" in _indexed_words(article)
    assert "金沙滩啤酒城" in _indexed_words(other)
    assert query_words("金沙滩啤酒城") == ["金沙滩啤酒城"]
    assert [a.pk for a in article_search_live("金沙滩啤酒城")] == [article.pk]


@pytest.mark.django_db
def test_update_search_dictionary_reports_what_it_refreshed(capsys):
    ArticlePageFactory(title="崂山茶", body=[("paragraph", "崂山区的茶园。")])
    call_command("update_search_dictionary")
    assert "article index entries refreshed" in capsys.readouterr().out


@pytest.mark.django_db
def test_editors_find_the_dictionary_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/newsroom/searchterm/")
    assert response.status_code == 200
    assert "搜索词库" in response.content.decode()
