"""New articles are written in bulk: the rows they leave must be those of Wagtail's own create and publish."""

from pathlib import Path

import pytest
from django.utils.text import slugify
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signals import page_published

from newsroom.importer import loader
from newsroom.importer.loader import load_edition
from newsroom.importer.parser import parse_edition
from newsroom.importer.sections import load_sections
from newsroom.importer.tree import unique_slug
from newsroom.models import ArticlePage, SectionPage

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_127d583f3f2c5906.txt"
SECTIONS, DEFAULT = load_sections((ROOT / "seeds" / "sections.toml").read_text(encoding="utf-8"))
TITLE = "青岛地铁6号线开通"
ONE = f"### {TITLE}\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,青岛地铁6号线今天开通运营。\n"
TWO = ONE + f"\n### {TITLE}\n\n□记者 薄克国 报道  \n本报青岛讯 12月1日,另一篇同题稿件的正文。\n"
# Differ between any two pages, or are set by the edition rather than by Wagtail.
OWN_FIELDS = {
    "id",
    "path",
    "slug",
    "url_path",
    "translation_key",
    "latest_revision_id",
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
}

pytestmark = pytest.mark.django_db


def _import(data: bytes, name: str):
    edition = parse_edition(data, name, sections=SECTIONS, default_section=DEFAULT)
    return load_edition(edition, sections=SECTIONS)


def _section_of(data: bytes, name: str) -> SectionPage:
    edition = parse_edition(data, name, sections=SECTIONS, default_section=DEFAULT)
    return SectionPage.objects.get(slug=edition.articles[0].section)


def _assert_tree_is_valid() -> None:
    assert all(problems == [] for problems in Page.find_problems())


def test_an_imported_page_row_is_the_one_wagtail_create_and_publish_leaves():
    _import(SEED.read_bytes(), SEED.name)
    imported = ArticlePage.objects.get(title__contains="宝山镇")
    section = imported.get_parent()
    reference = ArticlePage(title=imported.title)
    section.add_child(instance=reference)
    reference.save_revision().publish()
    reference.refresh_from_db()
    page_fields = [f.attname for f in Page._meta.concrete_fields if f.attname not in OWN_FIELDS]
    assert {f: getattr(imported, f) for f in page_fields} == {f: getattr(reference, f) for f in page_fields}
    assert imported.live and not imported.has_unpublished_changes
    assert imported.live_revision_id == imported.latest_revision_id is not None
    assert imported.latest_revision_created_at == imported.latest_revision.created_at
    assert imported.url_path == f"{section.url_path}{imported.slug}/"
    assert imported.slug == slugify(imported.title, allow_unicode=True)
    assert imported.last_published_at and imported.first_published_at.astimezone().isoformat().startswith("2020-11-30T")
    _assert_tree_is_valid()


def test_same_titled_articles_get_unique_slugs_next_to_an_existing_sibling():
    _import(SEED.read_bytes(), SEED.name)
    section = _section_of(TWO.encode(), "qingdao-2020-12-02.txt")
    sibling = ArticlePage(title=TITLE)
    section.add_child(instance=sibling)
    base = slugify(TITLE, allow_unicode=True)
    assert sibling.slug == base
    report = _import(TWO.encode(), "qingdao-2020-12-02.txt")
    assert report.created == [TITLE, TITLE]
    section.refresh_from_db()
    slugs = list(section.get_children().filter(title=TITLE).order_by("path").values_list("slug", flat=True))
    assert slugs == [base, f"{base}-2", f"{base}-3"]
    assert section.numchild == section.get_children().count()
    _assert_tree_is_valid()


def test_slug_suffixes_skip_the_taken_ones_and_go_on_from_the_last_given():
    taken = {"tu", "tu-2", "tu-4", "other"}
    last_suffix: dict[str, int] = {}
    assert [unique_slug("tu", taken, last_suffix) for _ in range(3)] == ["tu-3", "tu-5", "tu-6"]
    assert unique_slug("new", taken, last_suffix) == "new"
    assert unique_slug("new", taken, last_suffix) == "new-2"
    assert taken == {"tu", "tu-2", "tu-3", "tu-4", "tu-5", "tu-6", "other", "new", "new-2"}


def test_new_articles_go_after_the_last_child_even_when_an_earlier_one_was_deleted():
    _import(TWO.encode(), "qingdao-2020-12-02.txt")
    section = _section_of(TWO.encode(), "qingdao-2020-12-02.txt")
    first, last = section.get_children().order_by("path")
    first.delete()
    later = ONE.replace(TITLE, "青岛地铁8号线开通")
    assert _section_of(later.encode(), "qingdao-2020-12-03.txt") == section
    _import(later.encode(), "qingdao-2020-12-03.txt")
    section.refresh_from_db()
    assert ArticlePage.objects.get(title="青岛地铁8号线开通").path > last.path
    assert section.numchild == section.get_children().count() == 2
    _assert_tree_is_valid()


def test_the_revision_holds_the_article_with_its_bylines_and_body():
    _import(SEED.read_bytes(), SEED.name)
    article = ArticlePage.objects.get(title__contains="以模式创新保持引领优势")
    revision = article.latest_revision
    assert (revision.content_type.model_class(), revision.base_content_type.model_class()) == (ArticlePage, Page)
    assert revision.object_id == str(article.pk) and revision.object_str == article.title
    restored = revision.as_object()
    assert [(b.role, b.reporter.title) for b in restored.bylines.all()] == [("本报记者", "宋孜"), ("本报记者", "肖芳")]
    assert restored.body_text == article.body_text and restored.body_text
    fashion = ArticlePage.objects.get(title__contains="华夏基石").latest_revision.as_object()
    assert [(c.role, c.reporter.title) for c in fashion.photo_credits.all()] == [("记者", "薄克国")]


def test_the_audit_log_has_the_creation_and_the_publication():
    _import(SEED.read_bytes(), SEED.name)
    article = ArticlePage.objects.get(title__contains="宝山镇")
    entries = {entry.action: entry for entry in PageLogEntry.objects.filter(page=article)}
    assert set(entries) == {"wagtail.create", "wagtail.publish"}
    assert entries["wagtail.publish"].revision_id == article.live_revision_id
    assert entries["wagtail.create"].revision_id is None
    assert all(e.content_changed and e.label == article.title for e in entries.values())
    assert {e.content_type.model_class() for e in entries.values()} == {ArticlePage}


def test_each_new_article_is_announced_as_published():
    announced = []

    def receiver(sender, instance, revision, **kwargs):
        announced.append((sender, instance.pk, revision.pk))

    page_published.connect(receiver, dispatch_uid="test-bulk-announced")
    try:
        _import(SEED.read_bytes(), SEED.name)
    finally:
        page_published.disconnect(dispatch_uid="test-bulk-announced")
    articles = {(ArticlePage, pk, rev) for pk, rev in ArticlePage.objects.values_list("pk", "live_revision_id")}
    assert articles <= set(announced)


def test_a_new_article_is_found_by_search_and_served_live(client):
    _import(SEED.read_bytes(), SEED.name)
    _import(ONE.encode(), "qingdao-2020-12-02.txt")
    article = ArticlePage.objects.get(title=TITLE)
    assert article in ArticlePage.objects.search("青岛地铁6号线")
    response = client.get(article.url)
    assert response.status_code == 200
    assert "今天开通运营" in response.content.decode()


def test_an_edition_written_in_batches_leaves_the_tree_slugs_revisions_and_search_of_one_write(monkeypatch):
    monkeypatch.setattr(loader, "BATCH_SIZE", 2)
    titles = [f"青岛地铁{n}号线开通" for n in range(1, 6)]
    text = "".join(ONE.replace(TITLE, title) for title in titles) + ONE
    report = _import(text.encode(), "qingdao-2020-12-02.txt")
    assert report.created == [*titles, TITLE]
    section = _section_of(text.encode(), "qingdao-2020-12-02.txt")
    children = list(section.get_children().specific().order_by("path"))
    assert [page.title for page in children] == [*titles, TITLE]
    assert [page.slug for page in children] == [slugify(title, allow_unicode=True) for title in [*titles, TITLE]]
    assert all(page.live and page.live_revision_id == page.latest_revision_id is not None for page in children)
    assert all(page.bylines.get().reporter.title == "肖芳" for page in children)
    assert {page.pk for page in ArticlePage.objects.search("地铁")} == {page.pk for page in children}
    assert ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in children]).exists()
    _assert_tree_is_valid()
