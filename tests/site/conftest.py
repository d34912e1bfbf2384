"""Fixtures of the reader site tests: the imported seed edition, and a clean page cache per test."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import ArticlePage
from tests.factories import ArticleBylineFactory, ArticlePageFactory, ReporterPageFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def clean_page_cache():
    """Pages cached by one test must not answer the next one (the database is rolled back, the cache not)."""
    caches["pages"].clear()
    caches["default"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def seed(db):
    """The seed edition imported as the newsroom imports it: 8 articles, 8 reporters, 6 sections."""
    call_command("import_edition", "seeds/", verbosity=0)
    return ArticlePage.objects.all()


@pytest.fixture
def article_with_bylines(channel):
    """A published article with two staff bylines sharing a role and a correspondent, in a new section."""
    section = SectionPageFactory(title="经济", slug="jingji-test")
    article = ArticlePageFactory(
        parent=section,
        title="以模式创新保持引领优势",
        kicker="青岛召开专题会议提出——",
        subtitle="——工业互联网平台加快发展",
        dateline_text="本报青岛讯 11月24日",
        body=[
            ("paragraph", "工业互联网,正成为城市竞争新赛道。"),
            ("heading", "产业创新协同共进"),
            ("paragraph", "第二段正文。"),
        ],
        first_published_at=timezone.now() - timedelta(hours=3),
    )
    for role, name in (("本报记者", "宋孜"), ("本报记者", "肖芳"), ("通讯员", "纪粹琳")):
        ArticleBylineFactory(page=article, role=role, reporter=ReporterPageFactory(title=name))
    return article
