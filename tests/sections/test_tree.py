"""The page tree rules editors cannot break: home → sections → articles, reporter index → reporters."""

import pytest
from wagtail.models import Page

from newsroom.models import ArticlePage, ChannelHomePage, ReporterIndexPage, ReporterPage, SectionPage
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


def test_the_migration_makes_the_channel_home_the_site_root(channel):
    assert channel.title == "青岛频道"
    assert channel.get_site().root_page.specific == channel
    assert ReporterIndexPage.objects.child_of(channel).count() == 1


def test_an_article_cannot_be_created_under_the_home_page(channel):
    assert not ArticlePage.can_create_at(channel)
    assert ArticlePage not in channel.specific_class.allowed_subpage_models()


def test_an_article_cannot_be_created_under_the_reporter_index():
    index = ReporterIndexPage.objects.get()
    assert not ArticlePage.can_create_at(index)
    assert ReporterPage.can_create_at(index)


def test_an_article_can_be_created_under_a_section():
    assert ArticlePage.can_create_at(SectionPageFactory())


def test_a_second_channel_home_cannot_be_created():
    root = Page.get_first_root_node()
    assert ChannelHomePage.objects.count() == 1
    assert not ChannelHomePage.can_create_at(root)


def test_a_second_reporter_index_cannot_be_created(channel):
    assert not ReporterIndexPage.can_create_at(channel)


def test_sections_live_only_under_the_channel_home():
    assert SectionPage.allowed_parent_page_models() == [ChannelHomePage]
