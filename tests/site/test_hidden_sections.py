"""An article is out of readers' reach whenever its section is: unpublished, not yet live, or expired."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "hide",
    [
        pytest.param(lambda s: setattr(s, "live", False), id="unpublished"),
        pytest.param(lambda s: setattr(s, "go_live_at", timezone.now() + datetime.timedelta(days=1)), id="held"),
        pytest.param(lambda s: setattr(s, "expire_at", timezone.now() - datetime.timedelta(minutes=1)), id="expired"),
    ],
)
def test_an_article_under_a_hidden_section_is_a_404_at_its_address(client, hide):
    section = SectionPageFactory()
    article = ArticlePageFactory(parent=section)
    assert client.get(article.url).status_code == 200
    hide(section)
    section.save(clean=False)
    assert client.get(article.url).status_code == 404


def test_the_reporter_index_counts_only_articles_readers_can_see(client):
    from tests.factories import ArticleBylineFactory, ReporterPageFactory

    section = SectionPageFactory()
    reporter = ReporterPageFactory(title="宋孜")
    for _ in range(2):
        ArticleBylineFactory(page=ArticlePageFactory(parent=section), reporter=reporter)
    assert "2 篇" in client.get("/reporters/").content.decode()
    section.unpublish()
    assert "0 篇" in client.get("/reporters/").content.decode()
