"""Page factories with parent chains: one call builds a routable, published page."""

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticlePhotoCredit,
    ChannelHomePage,
    ReporterIndexPage,
    ReporterPage,
    SectionPage,
)


def _unicode_slug(obj) -> str:
    return slugify(obj.title, allow_unicode=True)


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    parent = factory.LazyFunction(lambda: ChannelHomePage.objects.get())

    class Meta:
        model = SectionPage


class ReporterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"记者{n}")
    slug = factory.LazyAttribute(_unicode_slug)
    parent = factory.LazyFunction(lambda: ReporterIndexPage.objects.get())

    class Meta:
        model = ReporterPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"青岛新闻第{n}条")
    slug = factory.LazyAttribute(_unicode_slug)
    parent = factory.SubFactory(SectionPageFactory)
    body = factory.LazyFunction(lambda: [("paragraph", "本报青岛讯 这是一段正文。")])
    # Live and dated like a published article: readers' lists order (and require) a publication time.
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ArticlePage


class ArticleBylineFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ArticlePageFactory)
    reporter = factory.SubFactory(ReporterPageFactory)
    role = "记者"

    class Meta:
        model = ArticleByline


class ArticlePhotoCreditFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ArticlePageFactory)
    reporter = factory.SubFactory(ReporterPageFactory)
    role = "记者"

    class Meta:
        model = ArticlePhotoCredit
