"""来源 and 责任编辑 of imported articles: the paper's own, or the agency a dateline names; no editor."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Revision

from newsroom.importer.loader import load_edition
from newsroom.importer.parser import parse_edition
from newsroom.importer.sections import load_sections
from newsroom.models import ArticlePage
from newsroom.scheduling import is_held

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_127d583f3f2c5906.txt"
SECTIONS, DEFAULT = load_sections((ROOT / "seeds" / "sections.toml").read_text(encoding="utf-8"))
WIRE = "### 国务院常务会议召开\n\n新华社北京12月2日电 国务院总理主持召开国务院常务会议。\n"
OWN = "### 青岛地铁6号线开通\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,青岛地铁6号线今天开通运营。\n"
EDITION = "qingdao-2020-12-02.txt"

pytestmark = pytest.mark.django_db


def _import(data: bytes, name: str = EDITION):
    edition = parse_edition(data, name, sections=SECTIONS, default_section=DEFAULT)
    return load_edition(edition, sections=SECTIONS)


def test_the_papers_own_articles_come_from_dazhong_ribao_with_no_editor_named():
    _import(SEED.read_bytes(), SEED.name)
    articles = ArticlePage.objects.all()
    assert {a.source for a in articles} == {"大众日报"}
    assert all(a.responsible_editor_id is None and a.responsible_editor_display() == "" for a in articles)
    # What was published (the live revision) says so too, not only the row.
    assert {a.live_revision.as_object().source for a in articles} == {"大众日报"}


def test_a_xinhua_dateline_makes_xinhua_the_source():
    _import((OWN + "\n" + WIRE).encode())
    assert ArticlePage.objects.get(title="国务院常务会议召开").source == "新华社"
    assert ArticlePage.objects.get(title="青岛地铁6号线开通").source == "大众日报"


def test_reimporting_leaves_source_and_editor_alone_and_writes_nothing():
    _import(SEED.read_bytes(), SEED.name)
    revisions = Revision.objects.count()
    report = _import(SEED.read_bytes(), SEED.name)
    assert len(report.unchanged) == 8
    assert Revision.objects.count() == revisions
    assert {a.source for a in ArticlePage.objects.all()} == {"大众日报"}


def test_a_changed_reimport_keeps_the_source_and_editor_an_editor_set(django_user_model):
    _import((OWN + "\n" + WIRE).encode())
    article = ArticlePage.objects.get(title="国务院常务会议召开")
    editor = django_user_model.objects.create_user("wang", first_name="某", last_name="王")
    draft = article.get_latest_revision_as_object()
    draft.source, draft.responsible_editor = "新华网", editor
    draft.save_revision().publish()

    report = _import((OWN + "\n" + WIRE.replace("主持召开", "在京主持召开")).encode())
    assert report.updated == ["国务院常务会议召开"]
    article.refresh_from_db()
    assert "在京主持召开" in article.body_text[0]
    assert (article.source, article.responsible_editor) == ("新华网", editor)


def test_an_article_of_2020_imported_today_was_last_changed_in_2020_not_today():
    _import(SEED.read_bytes(), SEED.name)
    for article in ArticlePage.objects.all():
        assert article.reader_modified_at == article.first_published_at
        assert timezone.localtime(article.reader_modified_at).date() == date(2020, 11, 30)
        assert article.last_published_at <= timezone.now()


def test_a_changed_reimport_is_a_change_readers_see():
    _import(SEED.read_bytes(), SEED.name)
    started = timezone.now()
    edited = SEED.read_text(encoding="utf-8").replace("截至目前,西海岸新区", "截至11月底,西海岸新区")
    _import(edited.encode(), SEED.name)
    changed = ArticlePage.objects.get(title__contains="宝山镇")
    assert changed.reader_modified_at >= started
    unchanged = ArticlePage.objects.exclude(pk=changed.pk)
    assert all(a.reader_modified_at == a.first_published_at for a in unchanged)


def test_an_edition_imported_before_its_release_is_not_held_back():
    tomorrow = timezone.localdate() + timedelta(days=1)
    _import(OWN.encode(), f"qingdao-{tomorrow:%Y-%m-%d}.txt")
    article = ArticlePage.objects.get()
    # Last published now, never in the future (a held page's mark); first published at the release.
    assert article.last_published_at <= timezone.now() < article.first_published_at
    assert not is_held(article)
    assert article.reader_modified_at == article.first_published_at


def test_the_seeded_articles_print_their_source_and_no_editor(client):
    _import(SEED.read_bytes(), SEED.name)
    for article in ArticlePage.objects.all():
        html = client.get(article.url).content.decode()
        assert '<p class="story-responsibility"><span>来源：大众日报</span></p>' in html, article.title
