"""ArticleDetail's 责任编辑 (`editor`) and 来源 (`source`), as published (contracts.md §2.1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import publish

pytestmark = pytest.mark.django_db


def test_detail_names_the_published_editor_and_source(api, desk, django_user_model):
    article = desk.articles[0]
    article.responsible_editor = django_user_model.objects.create_user("wang", first_name="某", last_name="王")
    article.source = "新华社"
    publish(article)
    data = api(f"/api/v1/articles/{article.pk}")
    assert (data["editor"], data["source"]) == ({"name": "王某"}, "新华社")


def test_a_printed_editor_name_comes_before_the_account(api, desk, django_user_model):
    article = desk.articles[0]
    article.responsible_editor = django_user_model.objects.create_user("wang", first_name="某", last_name="王")
    article.responsible_editor_name = "李编辑"
    publish(article)
    assert api(f"/api/v1/articles/{article.pk}")["editor"] == {"name": "李编辑"}


def test_detail_without_editor_or_source_says_null(api, desk):
    data = api(f"/api/v1/articles/{desk.articles[1].pk}")
    assert (data["editor"], data["source"]) == (None, None)


def test_a_drafts_editor_and_source_stay_out_until_published(api, desk):
    article = desk.articles[0]
    article.responsible_editor_name = "李编辑"
    article.source = "大众日报"
    article.save_revision()
    data = api(f"/api/v1/articles/{article.pk}")
    assert (data["editor"], data["source"]) == (None, None)


def test_editor_and_source_are_in_the_detail_not_in_lists(api, desk):
    article = desk.articles[0]
    article.responsible_editor_name = "李编辑"
    article.source = "大众日报"
    publish(article)
    listed = next(item for item in api("/api/v1/articles")["items"] if item["id"] == article.pk)
    assert "editor" not in listed and "source" not in listed


def test_the_editors_account_is_read_with_the_article_not_by_another_query(api, desk, django_user_model):
    unnamed, named = desk.articles[3], desk.articles[2]
    named.responsible_editor = django_user_model.objects.create_user("wang", first_name="某", last_name="王")
    publish(named)
    api(f"/api/v1/articles/{desk.articles[4].pk}")  # the site and sections, read once a process, read now
    with CaptureQueriesContext(connection) as reading_unnamed:
        assert api(f"/api/v1/articles/{unnamed.pk}")["editor"] is None
    with CaptureQueriesContext(connection) as reading_named:
        assert api(f"/api/v1/articles/{named.pk}")["editor"] == {"name": "王某"}
    assert len(reading_named) == len(reading_unnamed)
