"""Importing editions into the tree: faithful, idempotent, transactional."""

import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Revision

from newsroom.importer.loader import load_edition
from newsroom.importer.parser import parse_edition
from newsroom.importer.sections import load_sections
from newsroom.models import ArticlePage, ReporterPage, SectionPage

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_127d583f3f2c5906.txt"
SECTIONS, DEFAULT = load_sections((ROOT / "seeds" / "sections.toml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.django_db


def _import(data: bytes, name: str = "edition.txt", **options):
    edition = parse_edition(data, name, sections=SECTIONS, default_section=DEFAULT, **options)
    return load_edition(edition, sections=SECTIONS)


def _counts() -> tuple[int, int, int]:
    return Page.objects.count(), Revision.objects.count(), ArticlePage.objects.live().count()


def _article(title_part: str) -> ArticlePage:
    return ArticlePage.objects.get(title__contains=title_part)


def test_the_seed_becomes_eight_published_articles():
    report = _import(SEED.read_bytes(), SEED.name)
    assert len(report.created) == 8
    assert ArticlePage.objects.live().count() == 8
    assert all(a.edition_date.isoformat() == "2020-11-30" for a in ArticlePage.objects.all())
    assert {s.slug for s in SectionPage.objects.live()} == {s.slug for s in SECTIONS}


def test_the_seed_names_eight_people_one_page_each():
    _import(SEED.read_bytes(), SEED.name)
    assert ReporterPage.objects.count() == 8
    bo = ReporterPage.objects.get(title="薄克国")
    assert bo.bylines.count() == 3
    assert bo.photo_credits.count() == 1
    assert ReporterPage.objects.get(title="肖芳").bylines.count() == 2
    assert ReporterPage.objects.get(title="纪粹琳").kind == "correspondent"
    assert ReporterPage.objects.get(title="宋孜").kind == "staff"


def test_bylines_keep_their_printed_roles_and_order():
    _import(SEED.read_bytes(), SEED.name)
    kaos = _article("以模式创新保持引领优势")
    assert [(b.role, b.reporter.title) for b in kaos.bylines.all()] == [("本报记者", "宋孜"), ("本报记者", "肖芳")]
    assert kaos.kicker.endswith("提出——")
    keji = _article("科技服务团服务青岛")
    assert [(b.role, b.reporter.title) for b in keji.bylines.all()] == [("记者", "薄克国"), ("通讯员", "纪粹琳")]


def test_the_photo_caption_lands_on_the_following_article_with_its_credit():
    _import(SEED.read_bytes(), SEED.name)
    fashion = _article("华夏基石")
    assert fashion.lead_image_caption == "中、意两国时装设计大师设计的“丝绸之路”主题服装亮相。"
    assert [(c.role, c.reporter.title) for c in fashion.photo_credits.all()] == [("记者", "薄克国")]
    kaos = _article("以模式创新保持引领优势")
    assert "丝绸之路" not in "".join(kaos.body_text)


def test_datelines_and_subheadings_are_stored_as_structure():
    _import(SEED.read_bytes(), SEED.name)
    first = _article("央地合作项目")
    assert (first.dateline_text, first.dateline_source, first.dateline_place) == ("本报青岛讯 11月24日", "本报", "青岛")
    assert first.dateline_date.isoformat() == "2020-11-24"
    assert not first.body_text[0].startswith("本报")
    baoshan = _article("宝山镇")
    assert baoshan.dateline_text == "本报青岛讯 日前"
    assert baoshan.dateline_date is None
    jiaodong = _article("胶东经济圈")
    headings = [b.value for b in jiaodong.body if b.block_type == "heading"]
    assert headings == ["产业创新协同共进", "对外开放携手共赢", "公共服务便利共享"]


def test_no_footer_text_in_any_article():
    _import(SEED.read_bytes(), SEED.name)
    for article in ArticlePage.objects.all():
        assert "更多内容请关注" not in "".join(article.body_text)


def test_articles_go_live_on_their_edition_date_in_print_order():
    _import(SEED.read_bytes(), SEED.name)
    ordered = list(ArticlePage.objects.order_by("-first_published_at", "-id").values_list("title", flat=True))
    assert ordered[0] == "22个央地合作项目 在青签约"
    assert ordered[-1] == "胶东经济圈一体化发展全面起势"
    first = _article("央地合作项目").first_published_at.astimezone()
    assert first.isoformat().startswith("2020-11-30T")


def test_reimport_changes_nothing():
    _import(SEED.read_bytes(), SEED.name)
    before = _counts()
    latest = dict(ArticlePage.objects.values_list("pk", "latest_revision_id"))
    report = _import(SEED.read_bytes(), SEED.name)
    assert len(report.unchanged) == 8
    assert report.created == report.updated == []
    assert _counts() == before
    assert dict(ArticlePage.objects.values_list("pk", "latest_revision_id")) == latest


def test_the_same_edition_in_gb18030_with_crlf_changes_nothing():
    _import(SEED.read_bytes(), SEED.name)
    before = _counts()
    variant = SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030")
    report = _import(variant, SEED.name)
    assert len(report.unchanged) == 8
    assert _counts() == before


def test_an_edited_paragraph_becomes_a_new_revision_not_a_duplicate():
    _import(SEED.read_bytes(), SEED.name)
    pages, revisions, live = _counts()
    edited = SEED.read_text(encoding="utf-8").replace("截至目前,西海岸新区", "截至11月底,西海岸新区")
    report = _import(edited.encode(), SEED.name)
    assert report.updated == ["西海岸新区宝山镇获评 全国“一村一品”示范镇"]
    assert len(report.unchanged) == 7
    assert _counts() == (pages, revisions + 1, live)
    assert "截至11月底" in _article("宝山镇").body_text[-1]


def test_a_retitled_article_is_updated_in_place():
    _import(SEED.read_bytes(), SEED.name)
    pages = Page.objects.count()
    old = _article("老城区申遗")
    edited = SEED.read_text(encoding="utf-8").replace(
        "### 青岛推进老城区申遗 实现城市文脉传承", "### 青岛老城区申遗 路径明确"
    )
    report = _import(edited.encode(), SEED.name)
    assert report.updated == ["青岛老城区申遗 路径明确"]
    assert Page.objects.count() == pages
    old.refresh_from_db()
    assert old.title == "青岛老城区申遗 路径明确"


def test_an_edit_to_an_article_an_editor_unpublished_stays_unpublished():
    _import(SEED.read_bytes(), SEED.name)
    article = _article("宝山镇")
    article.unpublish()
    edited = SEED.read_text(encoding="utf-8").replace("截至目前,西海岸新区", "截至11月底,西海岸新区")
    report = _import(edited.encode(), SEED.name)
    article.refresh_from_db()
    assert not article.live
    assert any("unpublished" in w for w in report.warnings)
    assert _import(edited.encode(), SEED.name).unchanged.count(article.title) == 1


def test_a_second_edition_finds_the_same_reporters_again():
    _import(SEED.read_bytes(), SEED.name)
    second = (
        "### 青岛地铁6号线开通\n\n□记者 肖芳 通讯员 纪粹琳 报道  \n本报青岛讯 12月1日,青岛地铁6号线今天开通运营。\n"
    )
    _import(second.encode(), "qingdao-2020-12-02.txt")
    assert ReporterPage.objects.count() == 8
    assert ReporterPage.objects.get(title="肖芳").bylines.count() == 3


def test_a_dry_run_reports_but_writes_nothing():
    before = _counts()
    edition = parse_edition(SEED.read_bytes(), SEED.name, sections=SECTIONS, default_section=DEFAULT)
    report = load_edition(edition, sections=SECTIONS, dry_run=True)
    assert len(report.created) == 8
    assert len(report.reporters_created) == 8
    assert _counts() == before
    assert ReporterPage.objects.count() == 0


def test_markup_in_the_source_is_stored_and_shown_as_text(client):
    text = (
        "### 标题<b>加粗</b>\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,<script>alert(1)</script>"
        "和{{ secret }}以及{% now 'Y' %}都照原样显示。\n"
    )
    _import(text.encode(), "qingdao-2020-12-02.txt")
    article = ArticlePage.objects.get()
    assert article.title == "标题<b>加粗</b>"
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ secret }}" in html
    assert "{% now &#x27;Y&#x27; %}" in html or "{% now 'Y' %}" in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL; SQLite serialises writers")
def test_two_imports_at_once_create_each_article_once():
    data = SEED.read_bytes()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            _import(data, SEED.name)
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ArticlePage.objects.count() == 8
    assert ReporterPage.objects.count() == 8


def test_the_command_imports_a_folder(capsys):
    call_command("import_edition", str(ROOT / "seeds"))
    out = capsys.readouterr().out
    assert "8 created" in out
    call_command("import_edition", str(ROOT / "seeds"))
    assert "8 unchanged" in capsys.readouterr().out


def test_imported_articles_are_indexed_and_logged_as_published():
    from wagtail.models import PageLogEntry

    _import(SEED.read_bytes(), SEED.name)
    article = _article("宝山镇")
    assert article.live_revision_id == article.latest_revision_id
    assert not article.has_unpublished_changes
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").count() == 1
    assert article in ArticlePage.objects.search("西海岸新区宝山镇获评")
    assert ReporterPage.objects.get(title="张志德") in ReporterPage.objects.search("张志德")


def test_an_update_is_indexed_and_published_through_wagtail():
    from wagtail.models import PageLogEntry

    _import(SEED.read_bytes(), SEED.name)
    edited = SEED.read_text(encoding="utf-8").replace("截至目前,西海岸新区", "截至目前,独一无二词西海岸新区")
    _import(edited.encode(), SEED.name)
    article = _article("宝山镇")
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").count() == 2
    assert article.live_revision_id == article.latest_revision_id
