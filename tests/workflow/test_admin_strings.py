"""Wagtail admin strings its zh_Hans catalogue leaves in English read in Chinese (locale/zh_Hans)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_the_schedule_dialog_and_the_dashboard_read_in_chinese(login, editor, own_section):
    article = ArticlePageFactory(parent=own_section)
    client = login(editor)
    editor_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "设置页面的上线时间和过期时间" in editor_page
    assert "Choose when this page should go live and/or expire" not in editor_page
    dashboard = client.get("/admin/").content.decode()
    assert "搜索全部页面…" in dashboard
    assert "Search all pages…" not in dashboard


def test_the_catalogue_fills_gaps_without_overriding_wagtails_own_chinese():
    with translation.override("zh-hans"):
        assert gettext("Date updated") == "更新日期"
        assert "个页面" in ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            3,
        )
        assert gettext("Unpublish") != "Unpublish"  # Wagtail's own translation, untouched
