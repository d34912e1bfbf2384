"""Read queries shared by the public site and the API: only live, public, in-schedule pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Length, RowNumber, Substr
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticlePhotoCredit,
    ArticleRelatedLink,
    ArticleTag,
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
    # The request's Site already carries its root page (Wagtail select_related()s it), so
    # a page view calling several selectors does not look the channel home up each time.
    root = site.root_page if site is not None else channel_home()
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


def article_search_ids_live(query: str, *, site: Site | None = None) -> list[int]:
    """Ids of visible articles holding every word of `query` (cut by jieba), best match first."""
    from newsroom.search.query import ranked_article_ids

    # A search may only filter on the index's FilterFields: search the live articles, then keep
    # those a reader may see (view restrictions, schedule, site) in one more query.
    ranked = ranked_article_ids(query, ArticlePage.objects.live())
    visible = set(visible_pages(ArticlePage, site=site).filter(pk__in=ranked).values_list("pk", flat=True))
    return [pk for pk in ranked if pk in visible]


class ArticleSearchResults(Sequence[ArticlePage]):
    """Ranked search results that load only the articles a page of results shows."""

    def __init__(self, ids: list[int], site: Site | None) -> None:
        self.ids = ids
        self.site = site

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: int | slice) -> ArticlePage | list[ArticlePage]:
        if isinstance(index, slice):
            ids = self.ids[index]
            found = article_list_live(site=self.site).in_bulk(ids) if ids else {}
            return [found[pk] for pk in ids if pk in found]
        return self[index : index + 1 or None][0]

    def __iter__(self) -> Iterator[ArticlePage]:
        for start in range(0, len(self.ids), 100):
            yield from self[start : start + 100]


def article_search_live(query: str, *, site: Site | None = None) -> ArticleSearchResults:
    """Visible articles holding every word of `query`, best match first, loaded a page at a time."""
    return ArticleSearchResults(article_search_ids_live(query, site=site), site)


# --- The public reader site (issue 7): lean reads, a fixed number of queries per page. ---
# Visibility is checked inside each query (EXISTS on view restrictions and unpublished
# ancestors), so a page view pays no extra query per selector it calls.


# The deepest page the tree allows is an article at depth 4 (root, home, section, article);
# a little headroom costs nothing.
_MAX_DEPTH = 8


def _is_ancestor_of(path: str, *, from_depth: int = 1, field: str = "path") -> Q:
    """`field` equals one of the outer page's ancestor paths (or its own): one equality per level,
    so the database looks each up in the path index instead of scanning every page."""
    steplen = Page.steplen
    prefixes = Q()
    for depth in range(from_depth, _MAX_DEPTH + 1):
        prefixes |= Q(**{field: Substr(OuterRef(path), 1, steplen * depth)})
    return prefixes


def _view_restricted(path: str = "path") -> Exists:
    """The page at the outer `path`, or one of its ancestors, is private or password protected."""
    from wagtail.models import PageViewRestriction

    return Exists(PageViewRestriction.objects.filter(_is_ancestor_of(path, field="page__path")))


def _under_unpublished(root: Page, path: str = "path") -> Exists:
    """Some page between the site root and the outer page is not live (Wagtail's routing 404s there)."""
    return Exists(Page.objects.filter(_is_ancestor_of(path, from_depth=root.depth + 1), live=False))


def reader_pages(model: type[Page], *, site: Site) -> QuerySet:
    """Pages of `model` a reader may see, checked in SQL: live, in schedule, below the site root,
    neither private nor under an unpublished page."""
    root = site.root_page
    return (
        model.objects.filter(live=True, path__startswith=root.path, depth__gt=root.depth)
        .filter(_in_schedule())
        .exclude(_view_restricted())
        .exclude(_under_unpublished(root))
    )


def page_url(url_path: str, *, site: Site) -> str:
    """A page's address on `site` from its `url_path` alone, as Wagtail builds it (no query)."""
    return reverse("wagtail_serve", args=(url_path[len(site.root_page.url_path) :],))


def article_at_live(url_path: str, *, site: Site) -> ArticlePage | None:
    """The visible article at this tree address (`/home/section/slug/`), or None: one query."""
    return reader_pages(ArticlePage, site=site).filter(url_path=url_path).first()


def sections_live(*, site: Site) -> list[SectionPage]:
    """Visible sections in tree order, for the site's navigation."""
    return list(reader_pages(SectionPage, site=site).filter(depth=site.root_page.depth + 1).order_by("path"))


def section_by_slug_live(slug: str, *, site: Site) -> SectionPage | None:
    """A visible section by its slug, or None."""
    return reader_pages(SectionPage, site=site).filter(depth=site.root_page.depth + 1, slug=slug).first()


@dataclass(frozen=True)
class Credit:
    """One printed credit on an article: a text byline or a photo credit, with the reporter's page."""

    photo: bool
    role: str
    name: str
    url: str | None


def article_credits_live(article: ArticlePage, *, site: Site) -> list[Credit]:
    """The article's bylines then photo credits, in print order, in one query; a reporter's page
    is linked only while readers may see it."""
    visible_reporters = reader_pages(ReporterPage, site=site).filter(pk=OuterRef("reporter_id"))

    def rows(model: type[ArticleByline] | type[ArticlePhotoCredit], photo: bool) -> QuerySet:
        return (
            model.objects.filter(page=article)
            .order_by()
            .annotate(photo=Value(photo), visible=Exists(visible_reporters))
            .values_list("photo", "sort_order", "id", "role", "reporter__title", "reporter__url_path", "visible")
        )

    # One UNION instead of two prefetches: the article page has a tight query budget.
    credits = (
        rows(ArticleByline, False).union(rows(ArticlePhotoCredit, True), all=True).order_by("photo", "sort_order", "id")
    )
    return [
        Credit(photo=bool(photo), role=role, name=name, url=page_url(url_path, site=site) if visible else None)
        for photo, _order, _id, role, name, url_path, visible in credits
    ]


def article_listing_live(
    *,
    site: Site,
    section: SectionPage | None = None,
    reporter: ReporterPage | None = None,
    photos: bool = False,
    tag: str | None = None,
) -> QuerySet[ArticlePage]:
    """Visible articles newest first for a listing, with text bylines prefetched (no body).
    With `reporter`: those they wrote, or with `photos` those they photographed."""
    articles = reader_pages(ArticlePage, site=site)
    if section is not None:
        articles = articles.child_of(section)
    if reporter is not None:
        credits = ArticlePhotoCredit if photos else ArticleByline
        articles = articles.filter(pk__in=credits.objects.filter(reporter=reporter).values("page_id"))
    if tag:
        articles = articles.filter(tags__name=tag)
    return (
        articles.order_by("-first_published_at", "-id")
        .defer_streamfields()
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleByline.objects.select_related("reporter").order_by("sort_order"))
        )
    )


def section_fronts_live(*, site: Site, per_section: int = 4) -> list[tuple[SectionPage, list[ArticlePage]]]:
    """Each visible section with its newest `per_section` articles: two queries whatever the count."""
    parent_path = Substr("path", 1, Length("path") - ArticlePage.steplen)
    # A window per section keeps this one query however many sections there are.
    rank = Window(RowNumber(), partition_by=[parent_path], order_by=[F("first_published_at").desc(), F("id").desc()])
    newest = (
        reader_pages(ArticlePage, site=site)
        .annotate(parent_path=parent_path, rank=rank)
        .filter(rank__lte=per_section)
        .order_by("-first_published_at", "-id")
        .defer_streamfields()
    )
    by_section: dict[str, list[ArticlePage]] = {}
    for article in newest:
        by_section.setdefault(article.parent_path, []).append(article)
    return [(section, by_section.get(section.path, [])) for section in sections_live(site=site)]


def related_headlines_live(article: ArticlePage, *, site: Site, limit: int = 4) -> list[ArticlePage]:
    """Editors' picks a reader may see, in their order, then the same section's newest: one query."""
    picks = ArticleRelatedLink.objects.filter(page=article)
    pick_order = picks.filter(related=OuterRef("pk")).values("sort_order")[:1]
    same_section = Q(path__startswith=article.path[: -ArticlePage.steplen])
    return list(
        reader_pages(ArticlePage, site=site)
        .filter(Q(pk__in=picks.values("related_id")) | same_section)
        .exclude(pk=article.pk)
        .annotate(pick_order=Subquery(pick_order))
        .order_by(F("pick_order").asc(nulls_last=True), "-first_published_at", "-id")
        .defer_streamfields()[:limit]
    )


def sitemap_pages_live(*, site: Site) -> QuerySet[Page]:
    """Every page a reader may see, the channel home included, in tree order, as specific pages."""
    root = site.root_page
    return (
        Page.objects.filter(Q(pk=root.pk) | Q(pk__in=reader_pages(Page, site=site).values("pk")))
        .order_by("path")
        .defer_streamfields()
        .specific(defer=True)
    )


def news_articles_live(*, site: Site, since: datetime) -> QuerySet[ArticlePage]:
    """Visible articles first published since `since`, newest first (for the news sitemap)."""
    return article_listing_live(site=site).filter(first_published_at__gte=since)


# --- The app API (issue 6): one request's view of the site, shared by all of its queries. ---
# Visibility is reader_pages' (above), so the site and the API agree on what a reader may see;
# the scope adds what a response needs once, however many articles it lists: the site and
# its root (one query) and the visible sections (one more, when asked for).


class ReaderScope:
    """What a reader of one site may see: the site, its root and, once asked for, its visible sections."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.root = site.root_page

    def pages(self, model: type[Page]) -> QuerySet:
        """Pages of `model` a reader of this site may see (see `reader_pages`)."""
        return reader_pages(model, site=self.site)

    @cached_property
    def sections(self) -> list[SectionPage]:
        """Visible sections in tree order (one query, then kept for the request)."""
        return sections_live(site=self.site)

    @cached_property
    def sections_by_path(self) -> dict[str, SectionPage]:
        return {section.path: section for section in self.sections}

    def url_of(self, page: Page) -> str:
        """The page's absolute address, from the Site record: a request's Host header plays no part."""
        return self.site.root_url + page_url(page.url_path, site=self.site)


def reader_scope(*, site: Site | None = None) -> ReaderScope:
    """The scope of `site`, or of the default site: one query for the site and its root page."""
    if site is None:
        site = Site.objects.select_related("root_page").get(is_default_site=True)
    return ReaderScope(site)


def _section_path(scope: ReaderScope) -> Substr:
    return Substr("path", 1, (scope.root.depth + 1) * Page.steplen)


def article_feed_live(
    scope: ReaderScope,
    *,
    section: SectionPage | None = None,
    reporter: ReporterPage | None = None,
    tag: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    among: Iterable[int] | None = None,
) -> QuerySet[ArticlePage]:
    """Visible articles sitting in a visible section, newest first by first publication (ties by id)."""
    # An article shows only inside a section a reader can see: this also keeps out articles
    # of a section whose expiry has passed before the scheduler unpublished it.
    section_paths = [s.path for s in scope.sections] if section is None else [section.path]
    articles = (
        scope.pages(ArticlePage)
        .annotate(section_path=_section_path(scope))
        .filter(
            depth=scope.root.depth + 2,
            section_path__in=section_paths,
            # Publishing gives a page its first publication time; a row marked live without
            # one never went through publishing and has no place in a newest-first feed.
            first_published_at__isnull=False,
        )
    )
    if reporter is not None:
        credited = Q(pk__in=ArticleByline.objects.filter(reporter=reporter).values("page_id"))
        photographed = Q(pk__in=ArticlePhotoCredit.objects.filter(reporter=reporter).values("page_id"))
        articles = articles.filter(credited | photographed)
    if tag:
        articles = articles.filter(pk__in=ArticleTag.objects.filter(tag__name=tag).values("content_object_id"))
    if since is not None:
        articles = articles.filter(first_published_at__gte=since)
    if until is not None:
        articles = articles.filter(first_published_at__lt=until)
    if among is not None:
        articles = articles.filter(pk__in=list(among))
    return articles.order_by("-first_published_at", "-id")


def with_credits(articles: QuerySet[ArticlePage], scope: ReaderScope) -> QuerySet[ArticlePage]:
    """Articles ready to list (no body): lead image joined, bylines and photo credits in two queries in all."""
    # A credit names its reporter's page only while a reader may see that page.
    reporter_visible = Exists(scope.pages(ReporterPage).filter(pk=OuterRef("reporter_id")))

    def credits(model: type[ArticleByline] | type[ArticlePhotoCredit]) -> QuerySet:
        return (
            model.objects.select_related("reporter")
            .only("id", "page_id", "role", "sort_order", "reporter__title", "reporter__slug")
            .annotate(reporter_visible=reporter_visible)
            .order_by("sort_order", "id")
        )

    return (
        articles.defer_streamfields()
        .select_related("lead_image")
        .prefetch_related(
            Prefetch("bylines", queryset=credits(ArticleByline)),
            Prefetch("photo_credits", queryset=credits(ArticlePhotoCredit)),
        )
    )


def article_live(scope: ReaderScope, article_id: int) -> ArticlePage | None:
    """One visible article with its body, credits and lead image, or None."""
    articles = with_credits(article_feed_live(scope).filter(pk=article_id), scope)
    # with_credits leaves the body out for listings; defer(None) brings it back for the one article.
    return articles.defer(None).first()


def related_articles_live(scope: ReaderScope, article: ArticlePage, *, limit: int = 4) -> list[ArticlePage]:
    """Editors' picks a reader may see, in their order, then the same section's newest, ready to list."""
    picks = ArticleRelatedLink.objects.filter(page=article)
    pick_order = picks.filter(related=OuterRef("pk")).values("sort_order")[:1]
    return list(
        with_credits(article_feed_live(scope), scope)
        .filter(Q(pk__in=picks.values("related_id")) | Q(section_path=article.path[: -ArticlePage.steplen]))
        .exclude(pk=article.pk)
        .annotate(pick_order=Subquery(pick_order))
        .order_by(F("pick_order").asc(nulls_last=True), "-first_published_at", "-id")[:limit]
    )


def latest_by_section_live(scope: ReaderScope, *, per_section: int) -> list[ArticlePage]:
    """The newest `per_section` articles of every visible section in one query, newest first, ready to list."""
    # A window per section keeps this one query however many sections there are.
    rank = Window(
        RowNumber(),
        partition_by=[F("section_path")],
        order_by=[F("first_published_at").desc(), F("id").desc()],
    )
    return list(with_credits(article_feed_live(scope).annotate(rank=rank).filter(rank__lte=per_section), scope))


def section_counts_live(scope: ReaderScope) -> dict[str, int]:
    """The number of visible articles in each section, by section path: one query."""
    counted = article_feed_live(scope).order_by().values("section_path").annotate(n=Count("id"))
    return {row["section_path"]: row["n"] for row in counted}


class _Count(Subquery):
    """COUNT(*) of a correlated subquery's rows, as a scalar."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def reporters_counted_live(scope: ReaderScope) -> QuerySet[ReporterPage]:
    """Visible reporters by name, each with `article_count`: the visible articles crediting them
    (byline or photo), the same articles their feed lists."""
    reporter = OuterRef(OuterRef("pk"))
    credited = Q(pk__in=ArticleByline.objects.filter(reporter=reporter).values("page_id")) | Q(
        pk__in=ArticlePhotoCredit.objects.filter(reporter=reporter).values("page_id")
    )
    articles = article_feed_live(scope).filter(credited).order_by().values("id")
    return scope.pages(ReporterPage).annotate(article_count=_Count(articles)).order_by("title", "id")
