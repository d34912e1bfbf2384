"""What readers may see of articles: feeds, listings, credits, related articles, search; for the site and the API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Literal

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Substr
from taggit.models import Tag
from wagtail.models import Page

from newsroom.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticlePhotoCredit,
    ArticleRelatedLink,
    ArticleTag,
    ReporterPage,
    SectionPage,
)
from newsroom.readers.scope import ReaderScope, channel_scope

# An article page lists the editors' picks, then its section's newest articles, this many in all.
RELATED_LIMIT = 4


def article_search_ids_live(query: str, *, scope: ReaderScope | None = None) -> list[int]:
    """Ids of visible articles holding every word of `query` (cut by jieba), best match first."""
    from newsroom.search.query import ranked_article_ids

    scope = scope or channel_scope()
    # A search may only filter on the index's FilterFields: search the live articles, then keep
    # those a reader may see by the same rule as every listing.
    ranked = ranked_article_ids(query, ArticlePage.objects.live())
    if not ranked:
        return []
    visible = set(article_feed_live(scope, among=ranked).values_list("pk", flat=True))
    return [pk for pk in ranked if pk in visible]


class ArticleSearchResults(Sequence[ArticlePage]):
    """Ranked search results that load only the articles a page of results shows (with their
    bodies when the page shows snippets of them)."""

    def __init__(self, ids: list[int], scope: ReaderScope, *, with_body: bool = False) -> None:
        self.ids = ids
        self.scope = scope
        self.with_body = with_body

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: int | slice) -> ArticlePage | list[ArticlePage]:
        if isinstance(index, slice):
            ids = self.ids[index]
            found = article_listing_live(self.scope, with_body=self.with_body).in_bulk(ids) if ids else {}
            return [found[pk] for pk in ids if pk in found]
        return self[index : index + 1 or None][0]

    def __iter__(self) -> Iterator[ArticlePage]:
        for start in range(0, len(self.ids), 100):
            yield from self[start : start + 100]


def article_search_live(
    query: str, *, scope: ReaderScope | None = None, with_body: bool = False
) -> ArticleSearchResults:
    """Visible articles holding every word of `query`, best match first, loaded a page at a time."""
    scope = scope or channel_scope()
    return ArticleSearchResults(article_search_ids_live(query, scope=scope), scope, with_body=with_body)


def article_at_live(section_slug: str, slug: str, *, scope: ReaderScope) -> ArticlePage | None:
    """The visible article at `/<section_slug>/<slug>/`, or None: at most one query.

    The section comes from the scope (no query; a hidden one is not there), the article by its
    slug among the section's children, through the slug and path indexes."""
    section = scope.section_by_slug(section_slug)
    if section is None:
        return None
    return scope.pages(ArticlePage).filter(slug=slug, path__startswith=section.path, depth=section.depth + 1).first()


@dataclass(frozen=True)
class Credit:
    """One printed credit on an article: a text byline or a photo credit, with the reporter's page."""

    photo: bool
    role: str
    name: str
    url: str | None


@dataclass(frozen=True)
class CreditGroup:
    """Consecutive credits with the same printed role, shown as `本报记者 宋孜 肖芳`."""

    role: str
    credits: list[Credit]


def group_by_role(credits: list[Credit]) -> list[CreditGroup]:
    """Group consecutive credits sharing a role, keeping print order."""
    groups: list[CreditGroup] = []
    for credit in credits:
        if groups and groups[-1].role == credit.role:
            groups[-1].credits.append(credit)
        else:
            groups.append(CreditGroup(role=credit.role, credits=[credit]))
    return groups


# A credited reporter's columns: their name, address and what the visibility rule reads.
_REPORTER_FIELDS = ("title", "slug", "url_path", "path", "depth", "live", "go_live_at", "expire_at")


def _credits_of(article_ids: list[int]) -> list[SimpleNamespace]:
    """Everyone credited on these articles, bylines then photo credits, each in print order: one query.

    Each row carries the credit (`page_id`, `photo`, `role`) and the reporter's page columns."""

    def credited(model: type, photo: bool) -> QuerySet:
        return (
            model.objects.filter(page_id__in=article_ids)
            .order_by()
            .annotate(photo=Value(photo))
            .values("id", "page_id", "photo", "role", "sort_order", *(f"reporter__{f}" for f in _REPORTER_FIELDS))
        )

    rows = credited(ArticleByline, False).union(credited(ArticlePhotoCredit, True), all=True)
    ordered = sorted(
        rows, key=lambda r: (r["page_id"], r["photo"], r["sort_order"] is None, r["sort_order"] or 0, r["id"])
    )
    return [
        SimpleNamespace(
            page_id=row["page_id"],
            photo=bool(row["photo"]),
            role=row["role"],
            reporter=SimpleNamespace(**{field: row[f"reporter__{field}"] for field in _REPORTER_FIELDS}),
        )
        for row in ordered
    ]


def article_credits_live(article: ArticlePage, *, scope: ReaderScope) -> list[Credit]:
    """The article's bylines then photo credits, in print order, in one query; a reporter's page
    is linked only while readers may see it."""
    return [
        Credit(
            photo=credit.photo,
            role=credit.role,
            name=credit.reporter.title,
            url=scope.path_of(credit.reporter) if scope.shows(credit.reporter) else None,
        )
        for credit in _credits_of([article.pk])
    ]


def article_tags(article: ArticlePage) -> list[Tag]:
    """The article's tags in the order they were given: one query."""
    return [item.tag for item in ArticleTag.objects.filter(content_object=article).select_related("tag").order_by("id")]


def article_corrections(article: ArticlePage) -> list[ArticleCorrection]:
    """The article's correction notes, newest first (as the model orders them): one query."""
    return list(ArticleCorrection.objects.filter(page=article))


def related_articles(scope: ReaderScope, article: ArticlePage, *, limit: int = RELATED_LIMIT) -> QuerySet[ArticlePage]:
    """Editors' picks a reader may see, in their order, then the same section's newest."""
    picks = ArticleRelatedLink.objects.filter(page=article)
    pick_order = picks.filter(related=OuterRef("pk")).values("sort_order")[:1]
    # The candidates in two small reads the indexes answer (the picks by id, the section's newest
    # by path prefix and publication time, LIMIT n each), one UNION inside a single IN: matching the
    # section on a computed path would read every article of the archive to keep four.
    candidates = article_feed_live(scope).exclude(pk=article.pk).order_by()
    picked = candidates.filter(pk__in=picks.values("related_id")).values("pk")
    section_newest = (
        ArticlePage.objects.filter(
            pk__in=candidates.filter(path__startswith=article.path[: -ArticlePage.steplen])
            .order_by("-first_published_at", "-id")
            .values("pk")[:limit]
        )
        .order_by()
        .values("pk")
    )
    return (
        article_feed_live(scope)
        .filter(pk__in=picked.union(section_newest, all=True))
        .annotate(pick_order=Subquery(pick_order))
        .order_by(F("pick_order").asc(nulls_last=True), "-first_published_at", "-id")[:limit]
    )


def related_headlines_live(article: ArticlePage, *, scope: ReaderScope) -> list[ArticlePage]:
    """The related articles as the article page lists them: headline and address only."""
    return list(related_articles(scope, article).only("title", "kicker", "url_path", "path", "first_published_at"))


def news_articles_live(scope: ReaderScope, *, since: datetime) -> QuerySet[ArticlePage]:
    """Visible articles first published since `since`, newest first (for the news sitemap)."""
    return article_listing_live(scope).filter(first_published_at__gte=since)


def _section_path(scope: ReaderScope) -> Substr:
    return Substr("path", 1, (scope.root.depth + 1) * Page.steplen)


def article_feed_live(
    scope: ReaderScope,
    *,
    section: SectionPage | None = None,
    reporter: ReporterPage | None = None,
    credited_as: Literal["byline", "photo"] | None = None,
    tag: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    among: Iterable[int] | None = None,
) -> QuerySet[ArticlePage]:
    """Visible articles in their sections, newest first by first publication (ties by id).

    A section readers cannot see (unpublished, private, out of schedule) is one of the scope's
    hidden branches, so its articles are out of the feed with it. With `reporter`: the articles
    crediting them, by byline or photo credit, or only as `credited_as` says.
    """
    articles = scope.pages(ArticlePage).filter(
        depth=scope.root.depth + 2,
        # Publishing gives a page its first publication time; a row marked live without one
        # never went through publishing and has no place in a newest-first feed.
        first_published_at__isnull=False,
    )
    articles = articles.annotate(section_path=_section_path(scope))
    if section is not None:
        articles = articles.filter(path__startswith=section.path)
    if reporter is not None:
        credited = Q(pk__in=ArticleByline.objects.filter(reporter=reporter).values("page_id"))
        photographed = Q(pk__in=ArticlePhotoCredit.objects.filter(reporter=reporter).values("page_id"))
        kinds = {"byline": credited, "photo": photographed}
        articles = articles.filter(kinds[credited_as] if credited_as else credited | photographed)
    if tag:
        articles = articles.filter(pk__in=ArticleTag.objects.filter(tag__name=tag).values("content_object_id"))
    if since is not None:
        articles = articles.filter(first_published_at__gte=since)
    if until is not None:
        articles = articles.filter(first_published_at__lt=until)
    if among is not None:
        articles = articles.filter(pk__in=list(among))
    return articles.order_by("-first_published_at", "-id")


def article_listing_live(
    scope: ReaderScope,
    *,
    section: SectionPage | None = None,
    reporter: ReporterPage | None = None,
    photos: bool = False,
    tag: str | None = None,
    with_body: bool = False,
) -> QuerySet[ArticlePage]:
    """The feed's articles as a reader page lists them: text bylines prefetched, no body unless
    `with_body`. With `reporter`: those they wrote, or with `photos` those they photographed."""
    credited_as = ("photo" if photos else "byline") if reporter is not None else None
    articles = article_feed_live(scope, section=section, reporter=reporter, credited_as=credited_as, tag=tag)
    articles = articles.prefetch_related(
        Prefetch("bylines", queryset=ArticleByline.objects.select_related("reporter").order_by("sort_order"))
    )
    return articles if with_body else articles.defer_streamfields()


def _section(field: str) -> Subquery:
    return Subquery(SectionPage.objects.filter(path=OuterRef("section_path")).values(field)[:1])


def for_listing(articles: QuerySet[ArticlePage], columns: Iterable[str] | None = None) -> QuerySet[ArticlePage]:
    """Articles (from `article_feed_live`) read for a listing: only `columns` (the caller's
    declaration of what it shows; every column but the body without it), the lead image, and
    `section_slug`/`section_title`."""
    # The section comes by the path index, for the rows read only.
    articles = articles.select_related("lead_image").annotate(
        section_slug=_section("slug"), section_title=_section("title")
    )
    return articles.only("path", *columns) if columns is not None else articles.defer_streamfields()


@dataclass(frozen=True)
class ListedCredit:
    """A byline or photo credit as printed, with the reporter's slug while readers may see their page."""

    role: str
    name: str
    reporter_slug: str | None


def attach_credits(articles: Sequence[ArticlePage], scope: ReaderScope) -> None:
    """Set `listed_bylines` and `listed_photo_credits` on each article, in print order: one query for all."""
    if not articles:
        return
    found: dict[tuple[int, bool], list[ListedCredit]] = {}
    for credit in _credits_of([article.pk for article in articles]):
        slug = credit.reporter.slug if scope.shows(credit.reporter) else None
        found.setdefault((credit.page_id, credit.photo), []).append(
            ListedCredit(credit.role, credit.reporter.title, slug)
        )
    for article in articles:
        article.listed_bylines = found.get((article.pk, False), [])
        article.listed_photo_credits = found.get((article.pk, True), [])


def article_live(scope: ReaderScope, article_id: int) -> ArticlePage | None:
    """One visible article, read whole (body included), with its section, lead image and 责任编辑; or None."""
    articles = for_listing(article_feed_live(scope).filter(pk=article_id)).select_related("responsible_editor")
    return articles.defer(None).first()


def related_articles_live(
    scope: ReaderScope, article: ArticlePage, *, columns: Iterable[str] | None = None, limit: int = RELATED_LIMIT
) -> list[ArticlePage]:
    """The related articles read for a listing of `columns` (see `for_listing`)."""
    return list(for_listing(related_articles(scope, article, limit=limit), columns))


def latest_by_section_live(
    scope: ReaderScope, *, per_section: int, columns: Iterable[str] | None = None
) -> list[ArticlePage]:
    """The newest `per_section` articles of every visible section in one query, newest first (for a listing)."""
    # Each section's newest ids through the publication-time index (LIMIT n), all sections in one
    # UNION ALL inside a single IN: the database reads a few rows per section, where a window
    # over every article would first rank them all. The extra SELECT around each LIMIT is for
    # SQLite, which refuses LIMIT on a member of a compound statement.
    newest = [
        ArticlePage.objects.filter(pk__in=article_feed_live(scope, section=section).values("pk")[:per_section])
        .order_by()
        .values("pk")
        for section in scope.sections
    ]
    if not newest:
        return []
    newest_ids = newest[0].union(*newest[1:], all=True)
    return list(for_listing(article_feed_live(scope).filter(pk__in=newest_ids), columns))
