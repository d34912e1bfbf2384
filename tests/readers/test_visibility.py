"""The one visibility rule: every way a page leaves readers' sight, answered alike by a queryset
and by a page already in memory (both read the same `Q`)."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from newsroom.models import ArticlePage
from newsroom.readers.scope import channel_scope
from newsroom.readers.visibility import is_visible_to_readers, matches, visible_to_readers
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def build_every_state() -> dict[str, ArticlePage]:
    """One article per state, named by what a reader should see of it."""
    now = timezone.now()
    section = SectionPageFactory()
    held_section = SectionPageFactory(go_live_at=now + timedelta(days=1))
    private_section = SectionPageFactory()
    PageViewRestriction.objects.create(page=private_section, restriction_type=PageViewRestriction.LOGIN)
    articles = {
        "visible": ArticlePageFactory(parent=section),
        "expiring later (visible)": ArticlePageFactory(parent=section, expire_at=now + timedelta(hours=1)),
        "draft": ArticlePageFactory(parent=section, live=False),
        "held until tomorrow": ArticlePageFactory(parent=section, go_live_at=now + timedelta(days=1)),
        "expired": ArticlePageFactory(parent=section, expire_at=now - timedelta(minutes=1)),
        "under a held section": ArticlePageFactory(parent=held_section),
        "under a private section": ArticlePageFactory(parent=private_section),
    }
    private = ArticlePageFactory(parent=section)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    articles["private itself"] = private
    return articles


def test_readers_see_only_live_public_in_schedule_pages_under_visible_sections(channel):
    articles = build_every_state()
    scope = channel_scope()
    seen = set(visible_to_readers(ArticlePage.objects.all(), scope).values_list("pk", flat=True))
    assert {name for name, article in articles.items() if article.pk in seen} == {
        "visible",
        "expiring later (visible)",
    }


def test_a_page_in_memory_gets_the_same_answer_as_the_query(channel):
    build_every_state()
    scope = channel_scope()
    seen = set(visible_to_readers(Page.objects.all(), scope).values_list("pk", flat=True))
    for page in Page.objects.all():
        assert is_visible_to_readers(page, scope) == (page.pk in seen), page


def test_the_in_memory_check_refuses_a_lookup_it_cannot_read():
    # A rule grown with a lookup the evaluator does not know must fail loudly, never answer wrongly.
    with pytest.raises(ValueError, match="icontains"):
        matches(Q(title__icontains="x"), Page(title="x"))
