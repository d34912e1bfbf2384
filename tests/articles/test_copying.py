"""复制 in the admin: a copy of an imported article is a new article, not a second import of it."""

from pathlib import Path

import pytest

from newsroom.importer.loader import load_edition
from newsroom.importer.parser import parse_edition
from newsroom.importer.sections import load_sections
from newsroom.models import ArticlePage, ReporterPage
from tests.factories import ReporterPageFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EDITION = """

### 22个央地合作项目 在青签约

□记者 肖芳 报道  
本报青岛讯 11月24日,22个央地合作项目进行现场签约,总投资达到292亿元。

“央地青岛行”是青岛打造的招商引资平台。
"""  # noqa: W291 - the byline's two trailing spaces are a Markdown hard break, as in the seeds


def _import(text: str) -> None:
    sections, default = load_sections((SEEDS / "sections.toml").read_text(encoding="utf-8"))
    edition = parse_edition(text.encode(), "000_2020-11-30.txt", sections=sections, default_section=default)
    load_edition(edition, sections=sections)


@pytest.fixture
def imported():
    """One article as the importer writes it: published, with its source key and digest."""
    _import(EDITION)
    article = ArticlePage.objects.get()
    assert article.source_key and article.source_digest
    return article


def _copy(client, page, *, slug: str, publish: bool):
    form = {"new_title": page.title, "new_slug": slug, "new_parent_page": page.get_parent().pk}
    if publish:
        form["publish_copies"] = "on"
    return client.post(f"/admin/pages/{page.pk}/copy/", form)


@pytest.mark.parametrize("publish", [False, True], ids=["draft-copy", "published-copy"])
def test_copying_an_imported_article_makes_a_new_article_without_the_import_key(admin_client, imported, publish):
    response = _copy(admin_client, imported, slug="yangdi-copy", publish=publish)
    assert response.status_code == 302

    copy = ArticlePage.objects.get(slug="yangdi-copy")
    assert copy.live is publish
    assert copy.source_key is None and copy.source_digest == ""
    assert [b.value for b in copy.body] == [b.value for b in imported.body]
    assert [c.reporter_id for c in copy.bylines.all()] == [c.reporter_id for c in imported.bylines.all()]
    # The copy's revisions carry no key either: publishing one later must not bring it back.
    assert copy.get_latest_revision().content["source_key"] is None
    imported.refresh_from_db()
    assert imported.source_key  # the import still finds its article


def test_copying_an_imported_article_twice_makes_two_articles(admin_client, imported):
    for slug in ("copy-1", "copy-2"):
        assert _copy(admin_client, imported, slug=slug, publish=True).status_code == 302
    assert ArticlePage.objects.count() == 3


def test_a_reimport_updates_the_original_and_leaves_the_copy_alone(admin_client, imported):
    _copy(admin_client, imported, slug="yangdi-copy", publish=True)
    _import(EDITION.replace("292亿元", "300亿元"))

    imported.refresh_from_db()
    copy = ArticlePage.objects.get(slug="yangdi-copy")
    assert "300亿元" in imported.body[0].value
    assert "292亿元" in copy.body[0].value


def test_copying_a_reporter_with_a_login_leaves_the_login_with_the_original(admin_client, django_user_model):
    # One login, one person: the login is a unique link, so the copy starts without one.
    user = django_user_model.objects.create_user("xiaofang")
    reporter = ReporterPageFactory(title="肖芳", user=user)
    response = _copy(admin_client, reporter, slug="xiaofang-2", publish=True)
    assert response.status_code == 302

    copy = ReporterPage.objects.get(slug="xiaofang-2")
    assert copy.user is None
    reporter.refresh_from_db()
    assert reporter.user == user
