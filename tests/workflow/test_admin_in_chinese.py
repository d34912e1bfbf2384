"""The editor speaks the newsroom's Chinese: our labels, the article editor's groups, phone and desktop preview."""

import re

import pytest
from django.apps import apps
from django.utils import translation
from modelcluster.fields import ParentalKey

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# taggit's link row is never shown: the editor sees the tags field, labelled 标签.
NEVER_SHOWN = {"ArticleTag.tag"}


def test_every_model_and_editable_field_of_ours_has_a_chinese_name():
    english = []
    with translation.override("zh-hans"):
        for model in apps.get_app_config("newsroom").get_models():
            if not CHINESE.search(str(model._meta.verbose_name)):
                english.append(model.__name__)
            for field in model._meta.local_fields:
                if field.auto_created or not field.editable or isinstance(field, ParentalKey):
                    continue
                if field.name != "sort_order" and not CHINESE.search(str(field.verbose_name)):
                    english.append(f"{model.__name__}.{field.name}")
    assert sorted(set(english) - NEVER_SHOWN) == []


def test_the_article_editor_groups_fields_as_the_newsroom_thinks(login, editor, own_section):
    article = ArticlePageFactory(parent=own_section)
    html = login(editor).get(f"/admin/pages/{article.pk}/edit/").content.decode()
    headings = re.findall(r"<span data-panel-heading-text>\s*([^<\s]+)", html)
    groups = ["标题", "署名", "电头", "正文", "题图", "见报信息", "更正"]
    assert list(dict.fromkeys(heading for heading in headings if heading in groups)) == groups
    for label in ("引题", "主题", "副题"):
        assert label in html


def test_previews_come_in_phone_and_desktop_sizes(login, editor, own_section):
    assert [(size["name"], size["device_width"]) for size in ArticlePage().preview_sizes] == [
        ("mobile", 375),
        ("desktop", 1280),
    ]
    html = login(editor).get(f"/admin/pages/{ArticlePageFactory(parent=own_section).pk}/edit/").content.decode()
    assert "手机尺寸预览" in html
    assert "电脑尺寸预览" in html
