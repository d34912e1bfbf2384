"""Read queries shared by the public site and the API: only live, public, in-schedule pages."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, Site

from newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticlePhotoCredit,
    ChannelHomePage,
    ReporterPage,
    SectionPage,
)


def _in_schedule(now: datetime | None = None) -> Q:
    """Honour go-live and expiry at request time, whether or not the scheduler has run."""
    now = now or timezone.now()
    return (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def channel_home(*, site: Site | None = None) -> ChannelHomePage:
    """The channel home of the given site (the default site when none is given)."""
    site = site or Site.objects.get(is_default_site=True)
    return ChannelHomePage.objects.get(pk=site.root_page_id)


def visible_pages(model: type[Page], *, site: Site | None = None) -> QuerySet:
    """Pages of `model` a reader may see: live, public, in schedule, inside this site."""
    root = channel_home(site=site)
    return model.objects.live().public().filter(_in_schedule()).filter(path__startswith=root.path, depth__gt=root.depth)


def article_list_live(
    *,
    site: Site | None = None,
    section: SectionPage | None = None,
    reporter: ReporterPage | None = None,
    tag: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    with_body: bool = False,
) -> QuerySet[ArticlePage]:
    """Visible articles, newest first (ties by id), with bylines and credits prefetched."""
    articles = visible_pages(ArticlePage, site=site)
    if section is not None:
        articles = articles.child_of(section)
    if reporter is not None:
        credited = Q(pk__in=ArticleByline.objects.filter(reporter=reporter).values("page_id"))
        photographed = Q(pk__in=ArticlePhotoCredit.objects.filter(reporter=reporter).values("page_id"))
        articles = articles.filter(credited | photographed)
    if tag:
        articles = articles.filter(tags__name=tag)
    if since is not None:
        articles = articles.filter(first_published_at__gte=since)
    if until is not None:
        articles = articles.filter(first_published_at__lt=until)
    articles = articles.order_by("-first_published_at", "-id").prefetch_related(
        Prefetch("bylines", queryset=ArticleByline.objects.select_related("reporter").order_by("sort_order")),
        Prefetch(
            "photo_credits", queryset=ArticlePhotoCredit.objects.select_related("reporter").order_by("sort_order")
        ),
        "tags",
    )
    return articles if with_body else articles.defer_streamfields()


def article_detail_live(article_id: int, *, site: Site | None = None) -> ArticlePage | None:
    """One visible article with everything its page shows, or None."""
    return article_list_live(site=site, with_body=True).filter(pk=article_id).first()


def section_list_live(*, site: Site | None = None) -> list[SectionPage]:
    """Visible sections in tree order, each with `article_count` of its visible articles."""
    steplen = ArticlePage.steplen
    counts = dict(
        visible_pages(ArticlePage, site=site)
        .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
        .order_by()
        .values_list("parent_path")
        .annotate(n=Count("id"))
    )
    sections = list(visible_pages(SectionPage, site=site).order_by("path"))
    for section in sections:
        section.article_count = counts.get(section.path, 0)
    return sections


def reporter_list_live(*, site: Site | None = None) -> QuerySet[ReporterPage]:
    """Visible reporters by name, each with the number of visible articles crediting them."""
    visible_ids = visible_pages(ArticlePage, site=site).values("id")
    return (
        visible_pages(ReporterPage, site=site)
        .annotate(
            article_count=Count(
                "bylines__page",
                filter=Q(bylines__page__in=visible_ids),
                distinct=True,
            )
        )
        .order_by("title", "id")
    )


def sections_by_path(*, site: Site | None = None) -> dict[str, SectionPage]:
    """Visible sections keyed by tree path, to name an article's section without a query each."""
    return {section.path: section for section in visible_pages(SectionPage, site=site)}


def section_of(article: ArticlePage, sections: dict[str, SectionPage]) -> SectionPage | None:
    """The section an article sits in, from a `sections_by_path` map."""
    return sections.get(article.path[: -ArticlePage.steplen])


def related_articles(article: ArticlePage, *, limit: int = 4, site: Site | None = None) -> list[ArticlePage]:
    """Editors' picks that are visible, then the newest others from the same section."""
    picked_ids = list(article.related_links.values_list("related_id", flat=True))
    visible = article_list_live(site=site)
    picks = {page.pk: page for page in visible.filter(pk__in=picked_ids)}
    related = [picks[pk] for pk in picked_ids if pk in picks][:limit]
    if len(related) < limit:
        parent_path = article.path[: -ArticlePage.steplen]
        others = (
            visible.filter(path__startswith=parent_path)
            .exclude(pk=article.pk)
            .exclude(pk__in=[page.pk for page in related])[: limit - len(related)]
        )
        related.extend(others)
    return related


def article_search_live(query: str, *, site: Site | None = None) -> list[ArticlePage]:
    """Visible articles matching `query`, best match first (the search capability refines this)."""
    matches = visible_pages(ArticlePage, site=site).search(query, order_by_relevance=True)
    ids = [page.pk for page in matches]
    found = article_list_live(site=site).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
