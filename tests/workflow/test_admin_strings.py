"""Wagtail admin strings its zh_Hans catalogue leaves in English read in Chinese (locale/zh_Hans):
every one of them, compiled from the .po as it is, for Python and for the admin's JavaScript."""

import json
import re
from io import StringIO
from pathlib import Path

import django
import polib
import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext, pgettext

from newsroom.catalogues import catalogues_are_compiled, project_catalogues, stale_catalogues, translation_gaps
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Names that stay in Latin letters in Chinese copy too.
PROPER_NAMES = {"Wagtail", "API", "URL", "JavaScript"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}|</?\w+[^>]*>")


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


def _ours() -> dict[tuple[str, str | None, str], polib.POEntry]:
    """Our catalogue's entries by (domain, msgctxt, msgid)."""
    return {
        (po.stem, entry.msgctxt, entry.msgid): entry
        for po in project_catalogues()
        for entry in polib.pofile(str(po))
        if entry.msgid
    }


def _chinese(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _english_words(text: str) -> set[str]:
    """Latin words a reader sees in a translation: placeholders and HTML tags are not read."""
    return set(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", text))) - PROPER_NAMES


def test_every_admin_string_wagtail_leaves_in_english_has_chinese_in_ours():
    ours = _ours()
    untranslated = []
    for gap in translation_gaps():
        chinese = _chinese(ours.get((gap.domain, gap.entry.msgctxt, gap.entry.msgid), polib.POEntry()))
        if not chinese or _english_words(chinese):
            untranslated.append(gap.entry.msgid)
    assert untranslated == []


# Wagtail's own Chinese replaced on purpose, each for a reason editors would give.
DELIBERATE_OVERRIDES = {
    # Wagtail's 推荐 for the Promote tab: here 推荐 is the front pages' featured picks (推荐位).
    ("django", None, "Promote"): "推广",
}


def test_our_catalogue_fills_gaps_and_overrides_only_what_it_means_to():
    gaps = {(gap.domain, gap.entry.msgctxt, gap.entry.msgid) for gap in translation_gaps()}
    ours = _ours()
    assert sorted(set(ours) - gaps - set(DELIBERATE_OVERRIDES), key=str) == []
    assert {key: _chinese(ours[key]) for key in DELIBERATE_OVERRIDES} == DELIBERATE_OVERRIDES
    with translation.override("zh-hans"):
        assert translation.gettext("Promote") == "推广"


def test_translations_keep_every_placeholder_and_tag_of_the_english():
    # Wagtail's English plural for a page without child pages names a count that is 0 there.
    known = {"Deleting this page will also delete %(translation_count)s translation of this page."}
    broken = []
    for entry in _ours().values():
        english = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural))
        # One Chinese form serves singular and plural: it may name the plural's count the singular spells out.
        if entry.msgid not in known and set(PLACEHOLDER.findall(_chinese(entry))) not in (
            english,
            set(PLACEHOLDER.findall(entry.msgid_plural)),
        ):
            broken.append(entry.msgid)
    assert broken == []


def test_the_compiled_catalogues_are_the_po_files_as_they_are_now():
    assert stale_catalogues() == []
    with translation.override("zh-hans"):
        for (domain, context, msgid), entry in _ours().items():
            if domain != "django":
                continue
            if entry.msgid_plural:
                got = (
                    npgettext(context, msgid, entry.msgid_plural, 2)
                    if context
                    else ngettext(msgid, entry.msgid_plural, 2)
                )
            else:
                got = pgettext(context, msgid) if context else gettext(msgid)
            assert got == _chinese(entry), msgid


def test_one_chinese_form_serves_singular_and_plural_as_in_djangos_own_catalogue():
    django_zh = polib.pofile(str(Path(django.__file__).parent / "conf/locale/zh_Hans/LC_MESSAGES/django.po"))
    for po in project_catalogues():
        assert polib.pofile(str(po)).metadata["Plural-Forms"] == django_zh.metadata["Plural-Forms"]
    with translation.override("zh-hans"):
        for count in (1, 7):
            referenced = ngettext("Referenced %(count)s time", "Referenced %(count)s times", count) % {"count": count}
            assert referenced == f"被引用 {count} 次"


def test_the_admin_javascript_reads_our_chinese_with_one_plural_form(client):
    script = client.get("/admin/jsi18n/").content.decode()
    served = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    for (domain, _context, msgid), entry in _ours().items():
        if domain == "djangojs":
            assert served[msgid] == ([_chinese(entry)] if entry.msgid_plural else _chinese(entry))
    assert served["Insert a block"] == "插入区块"


def test_a_missing_catalogue_stops_a_deploy_until_the_command_compiles_it(tmp_path, settings):
    folder = tmp_path / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Layout"\nmsgstr "布局"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]
    assert [error.id for error in catalogues_are_compiled()] == ["newsroom.E010"]
    call_command("compile_catalogues", stdout=StringIO())
    assert catalogues_are_compiled() == []
    assert {entry.msgid: entry.msgstr for entry in polib.mofile(str(folder / "django.mo"))}["Layout"] == "布局"
