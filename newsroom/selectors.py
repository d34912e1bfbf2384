"""Read queries shared by the public site and the API: only live, public, in-schedule pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Literal
from urllib.parse import quote

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Substr
from django.db.models.query import RawQuerySet
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction, Site

from newsroom.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticlePhotoCredit,
    ArticleRelatedLink,
    ArticleTag,
    ChannelHomePage,
    ReporterPage,
    SectionPage,
)
from newsroom.models.scheduling import is_in_schedule

# The reads behind every rendered article page (and the reader's outline, read once per publish)
# are written out in SQL: the ORM takes 1 to 2 ms of Python to build each of them, several times
# what the database takes to answer, and an article page is rendered on every page-cache miss.
# Portable SQL (SQLite and PostgreSQL), tables from the models, every value a parameter; tree
# paths are upper-case letters and digits, so a LIKE prefix needs no escaping.
_PAGE = Page._meta.db_table
_ARTICLE = ArticlePage._meta.db_table
_BYLINE = ArticleByline._meta.db_table
_PHOTO_CREDIT = ArticlePhotoCredit._meta.db_table
_RELATED = ArticleRelatedLink._meta.db_table
_SECTION = SectionPage._meta.db_table
_TAG = Tag._meta.db_table
_ARTICLE_TAG = ArticleTag._meta.db_table
_CORRECTION = ArticleCorrection._meta.db_table
_RESTRICTION = PageViewRestriction._meta.db_table


def _visible_where(outline: ReaderOutline, alias: str) -> tuple[str, list[object]]:
    """`ReaderOutline.pages` as an SQL condition on the page table row `alias`, with its parameters."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    conditions = [
        f"{alias}.live = %s",
        f"{alias}.path LIKE %s",
        f"{alias}.depth > %s",
        f"({alias}.go_live_at IS NULL OR {alias}.go_live_at <= %s)",
        f"({alias}.expire_at IS NULL OR {alias}.expire_at > %s)",
    ]
    params: list[object] = [True, outline.root_path + "%", outline.root_depth, now, now]
    for path in outline.hidden_paths:
        conditions.append(f"{alias}.path NOT LIKE %s")
        params.append(path + "%")
    return " AND ".join(conditions), params


def _in_schedule(now: datetime | None = None) -> Q:
    """Honour go-live and expiry at request time, whether or not the scheduler has run."""
    now = now or timezone.now()
    return (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def channel_home(*, site: Site | None = None) -> ChannelHomePage:
    """The channel home of the given site (the default site when none is given)."""
    site = site or Site.objects.get(is_default_site=True)
    return ChannelHomePage.objects.get(pk=site.root_page_id)


def article_search_ids_live(query: str, *, site: Site | None = None, scope: ReaderScope | None = None) -> list[int]:
    """Ids of visible articles holding every word of `query` (cut by jieba), best match first."""
    from newsroom.search.query import ranked_article_ids

    # A search may only filter on the index's FilterFields: search the live articles, then keep
    # those a reader may see by the same rules as every listing (an article under an unpublished
    # or private section is out too). Pass the request's scope to reuse its cached outline.
    ranked = ranked_article_ids(query, ArticlePage.objects.live())
    if not ranked:
        return []
    scope = scope or reader_scope(site=site)
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
    query: str, *, site: Site | None = None, scope: ReaderScope | None = None, with_body: bool = False
) -> ArticleSearchResults:
    """Visible articles holding every word of `query`, best match first, loaded a page at a time."""
    scope = scope or reader_scope(site=site)
    return ArticleSearchResults(article_search_ids_live(query, scope=scope), scope, with_body=with_body)


# --- The reader site and the API: lean reads, a fixed number of queries per page. ---
# What a reader may see is the ReaderOutline below (hidden branches and visible sections, read
# once per publish and kept with the page cache), so later queries need no visibility subqueries.


@dataclass(frozen=True)
class ReaderOutline:
    """The shape of the tree a reader sees, read in one query: the branches out of their sight
    (private, password-protected, or under a page not live or out of schedule) and the visible
    sections. It changes only when pages are published, unpublished, moved or made private, so
    the site keeps it with its page cache and later queries need no visibility subqueries."""

    root_path: str
    root_depth: int
    root_url_path: str
    hidden_paths: tuple[str, ...]
    sections: tuple[SectionPage, ...]
    # The next go-live or expiry time ahead anywhere in the site: what a reader sees changes
    # then without anything being published, so nothing built on this outline outlives it.
    next_change: datetime | None = None

    def shows(self, page: Page, now: datetime | None = None) -> bool:
        """The rules of `pages`, for a page already read (its path, depth, live and schedule)."""
        return (
            is_in_schedule(page, now)
            and page.depth > self.root_depth
            and page.path.startswith(self.root_path)
            and not page.path.startswith(self.hidden_paths)
        )

    def pages(self, model: type[Page]) -> QuerySet:
        """Pages of `model` a reader may see: live, in schedule, below the root, in no hidden branch."""
        pages = model.objects.filter(_in_schedule(), live=True, path__startswith=self.root_path)
        pages = pages.filter(depth__gt=self.root_depth)
        hidden = Q()
        for path in self.hidden_paths:
            hidden |= Q(path__startswith=path)
        return pages.exclude(hidden) if hidden else pages

    def url(self, url_path: str) -> str:
        """A page's address from its `url_path` alone, as Wagtail builds it (no query)."""
        return reverse("wagtail_serve", args=(url_path[len(self.root_url_path) :],))

    def section_of(self, article: ArticlePage) -> SectionPage | None:
        parent_path = article.path[: -ArticlePage.steplen]
        return next((section for section in self.sections if section.path == parent_path), None)


def reader_outline(*, site: Site) -> ReaderOutline:
    """The outline of `site` now: one query (a UNION of restrictions, unseen parents, sections
    and the pages with a go-live or expiry time ahead)."""
    root = site.root_page
    now = timezone.now()
    at = connection.ops.adapt_datetimefield_value(now)
    below = root.path + "%"
    ancestors = [root.path[: Page.steplen * depth] for depth in range(1, root.depth)]
    in_schedule = "(p.go_live_at IS NULL OR p.go_live_at <= %s) AND (p.expire_at IS NULL OR p.expire_at > %s)"

    def select(kind: str) -> str:
        return f"SELECT p.id, p.path, p.title, p.slug, p.url_path, p.live, p.go_live_at, p.expire_at, '{kind}' AS kind"

    parts = [
        # A restriction at or above the root hides the whole site, as Wagtail's own check would.
        (
            f"{select('hidden')} FROM {_RESTRICTION} r JOIN {_PAGE} p ON p.id = r.page_id"
            f" WHERE p.path LIKE %s{' OR p.path = %s' * len(ancestors)}",
            [below, *ancestors],
        ),
        # A page with children that a reader cannot see takes its children out of sight with it.
        (
            f"{select('hidden')} FROM {_PAGE} p WHERE p.path LIKE %s AND p.depth > %s AND p.numchild > 0"
            f" AND NOT (p.live = %s AND {in_schedule})",
            [below, root.depth, True, at, at],
        ),
        (
            f"{select('section')} FROM {_PAGE} p JOIN {_SECTION} s ON s.page_ptr_id = p.id"
            " WHERE p.path LIKE %s AND p.depth = %s",
            [below, root.depth + 1],
        ),
        (
            f"{select('timed')} FROM {_PAGE} p WHERE p.path LIKE %s AND (p.go_live_at > %s OR p.expire_at > %s)",
            [below, at, at],
        ),
    ]
    sql = " UNION ALL ".join(part for part, _ in parts)
    rows = sorted(Page.objects.raw(sql, [value for _, values in parts for value in values]), key=lambda p: p.path)
    times = [t for row in rows for t in (row.go_live_at, row.expire_at) if t is not None and t > now]
    hidden = tuple(row.path for row in rows if row.kind == "hidden")
    outline = ReaderOutline(root.path, root.depth, root.url_path, hidden, ())
    candidates = [
        SectionPage(
            id=row.pk,
            page_ptr_id=row.pk,
            path=row.path,
            depth=root.depth + 1,
            title=row.title,
            slug=row.slug,
            url_path=row.url_path,
            live=row.live,
            go_live_at=row.go_live_at,
            expire_at=row.expire_at,
        )
        for row in rows
        if row.kind == "section"
    ]
    visible_sections = tuple(s for s in candidates if outline.shows(s, now))
    return ReaderOutline(root.path, root.depth, root.url_path, hidden, visible_sections, min(times, default=None))


def article_at_live(section_slug: str, slug: str, *, outline: ReaderOutline) -> ArticlePage | None:
    """The visible article at `/<section_slug>/<slug>/`, or None: at most one query.

    The section comes from the outline (no query; a hidden one is not there), the article by
    its slug among the section's children, through the slug and path indexes."""
    section = section_by_slug_live(section_slug, outline=outline)
    if section is None:
        return None
    sql = (
        f"SELECT * FROM {_PAGE} p JOIN {_ARTICLE} a ON a.page_ptr_id = p.id"
        " WHERE p.slug = %s AND p.path LIKE %s AND p.depth = %s"
    )
    found = ArticlePage.objects.raw(sql, [slug, section.path + "%", section.depth + 1])
    article = next(iter(found), None)
    return article if article is not None and outline.shows(article) else None


def section_by_slug_live(slug: str, *, outline: ReaderOutline) -> SectionPage | None:
    """A visible section by its slug, or None (no query)."""
    return next((section for section in outline.sections if section.slug == slug), None)


@dataclass(frozen=True)
class Credit:
    """One printed credit on an article: a text byline or a photo credit, with the reporter's page."""

    photo: bool
    role: str
    name: str
    url: str | None


def _credits_of(article_ids: list[int]) -> RawQuerySet:
    """Everyone credited on these articles, bylines then photo credits, each in print order: one
    query. Each is the reporter's page row (its state, for `ReaderOutline.shows`) carrying the
    credit: `credited_page`, `credit_photo` (0 or 1) and `credit_role`."""
    places = ", ".join(["%s"] * len(article_ids))

    def credited(table: str, photo: int) -> str:
        return (
            "SELECT r.id, r.title, r.slug, r.url_path, r.path, r.depth, r.live, r.go_live_at, r.expire_at,"
            f" c.page_id AS credited_page, {photo} AS credit_photo, c.role AS credit_role,"
            " c.sort_order AS credit_order, c.id AS credit_id"
            f" FROM {table} c JOIN {_PAGE} r ON r.id = c.reporter_id WHERE c.page_id IN ({places})"
        )

    # SQLite sorts a compound SELECT by its columns only: the ordering sits outside the UNION.
    sql = (
        f"SELECT * FROM ({credited(_BYLINE, 0)} UNION ALL {credited(_PHOTO_CREDIT, 1)}) credits"
        " ORDER BY credited_page, credit_photo,"
        " CASE WHEN credit_order IS NULL THEN 1 ELSE 0 END, credit_order, credit_id"
    )
    return Page.objects.raw(sql, [*article_ids, *article_ids])


def article_credits_live(article: ArticlePage, *, outline: ReaderOutline) -> list[Credit]:
    """The article's bylines then photo credits, in print order, in one query; a reporter's page
    is linked only while readers may see it."""
    now = timezone.now()
    return [
        Credit(
            photo=bool(reporter.credit_photo),
            role=reporter.credit_role,
            name=reporter.title,
            url=outline.url(reporter.url_path) if outline.shows(reporter, now) else None,
        )
        for reporter in _credits_of([article.pk])
    ]


def article_tags(article: ArticlePage) -> list[Tag]:
    """The article's tags in the order they were given: one query."""
    sql = f"SELECT t.* FROM {_TAG} t JOIN {_ARTICLE_TAG} at ON at.tag_id = t.id WHERE at.content_object_id = %s"
    return list(Tag.objects.raw(f"{sql} ORDER BY at.id", [article.pk]))


def article_corrections(article: ArticlePage) -> list[ArticleCorrection]:
    """The article's correction notes, newest first (as the model orders them): one query."""
    sql = f"SELECT * FROM {_CORRECTION} WHERE page_id = %s ORDER BY date DESC, sort_order DESC"
    return list(ArticleCorrection.objects.raw(sql, [article.pk]))


def related_headlines_live(article: ArticlePage, *, outline: ReaderOutline, limit: int = 4) -> list[ArticlePage]:
    """Editors' picks a reader may see, in their order, then the same section's newest: one query.

    The headline fields only, for the article page; the app's `related_articles_live` picks by
    the same rule and reads what a listing shows (section, lead image) through `for_listing`."""
    visible, params = _visible_where(outline, "p")
    sql = (
        "SELECT * FROM ("
        " SELECT p.id, p.id AS page_ptr_id, p.title, p.url_path, p.path, p.depth, p.live, p.go_live_at, p.expire_at,"
        " p.first_published_at, a.kicker,"
        f" (SELECT MIN(l.sort_order) FROM {_RELATED} l WHERE l.page_id = %s AND l.related_id = p.id) AS pick_order"
        f" FROM {_PAGE} p JOIN {_ARTICLE} a ON a.page_ptr_id = p.id"
        f" WHERE {visible} AND p.depth = %s AND p.first_published_at IS NOT NULL AND p.id <> %s"
        f" AND (p.id IN (SELECT related_id FROM {_RELATED} WHERE page_id = %s) OR p.path LIKE %s)"
        ") related"
        " ORDER BY CASE WHEN pick_order IS NULL THEN 1 ELSE 0 END, pick_order, first_published_at DESC, id DESC"
        " LIMIT %s"
    )
    section_prefix = article.path[: -ArticlePage.steplen] + "%"
    depth = outline.root_depth + 2
    params = [article.pk, *params, depth, article.pk, article.pk, section_prefix, limit]
    return list(ArticlePage.objects.raw(sql, params))


def sitemap_pages_live(*, outline: ReaderOutline, root: Page) -> QuerySet[Page]:
    """Every page a reader may see, the channel home included, in tree order, as specific pages."""
    return (
        Page.objects.filter(Q(pk=root.pk) | Q(pk__in=outline.pages(Page).values("pk")))
        .order_by("path")
        .defer_streamfields()
        .specific(defer=True)
    )


def news_articles_live(scope: ReaderScope, *, since: datetime) -> QuerySet[ArticlePage]:
    """Visible articles first published since `since`, newest first (for the news sitemap)."""
    return article_listing_live(scope).filter(first_published_at__gte=since)


# --- The app API (issue 6): one request's view of the site, shared by all of its queries. ---
# A ReaderScope is the reader's outline of the site (the same ReaderOutline the reader site uses:
# one set of visibility rules) with the Site record the API's addresses come from. Its queries
# exclude the outline's hidden branches by path prefix, cheap at any size.

# What Django's reverse() leaves unescaped in a path (RFC 3986 sub-delimiters, "/~:@").
URL_PATH_SAFE = "!$&'()*+,;=/~:@"


class ReaderScope:
    """What a reader of one site may see: the site, its root, and the reader's outline of it."""

    def __init__(self, site: Site, outline: ReaderOutline) -> None:
        self.site = site
        self.root = site.root_page
        self.outline = outline

    def pages(self, model: type[Page]) -> QuerySet:
        """Pages of `model` a reader may see (see `ReaderOutline.pages`)."""
        return self.outline.pages(model)

    def shows(self, page: Page) -> bool:
        """The rules of `pages` for a page already read (see `ReaderOutline.shows`)."""
        return self.outline.shows(page)

    @property
    def sections(self) -> tuple[SectionPage, ...]:
        """Visible sections in tree order."""
        return self.outline.sections

    @property
    def next_change(self) -> datetime | None:
        """The next go-live or expiry time ahead: what a reader may see changes then, unpublished."""
        return self.outline.next_change

    @cached_property
    def _serve_prefix(self) -> str:
        return self.site.root_url + reverse("wagtail_serve", args=("",))

    def url_of(self, page: Page) -> str:
        """The page's absolute address, from the Site record: a request's Host header plays no part."""
        # As page_url builds it, with Wagtail's serve URL resolved once for a whole listing.
        return self._serve_prefix + quote(page.url_path[len(self.root.url_path) :], safe=URL_PATH_SAFE)


def default_site() -> Site:
    """The default site with its root page: one query."""
    return Site.objects.select_related("root_page").get(is_default_site=True)


def reader_scope(*, site: Site | None = None, outline: ReaderOutline | None = None) -> ReaderScope:
    """The scope of `site` (the default site when none is given), with its outline read now unless given."""
    site = site or default_site()
    return ReaderScope(site, outline or reader_outline(site=site))


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


_LISTED_FIELDS = (
    "path",
    "url_path",
    "title",
    "first_published_at",
    "kicker",
    "subtitle",
    "summary",
    "dateline_text",
    "dateline_source",
    "dateline_place",
    "dateline_date",
    "lead_image_caption",
    "edition_date",
    "print_page",
    "lead_image",
    "lead_image__file",
    "lead_image__width",
    "lead_image__height",
)


def _section(field: str) -> Subquery:
    return Subquery(SectionPage.objects.filter(path=OuterRef("section_path")).values(field)[:1])


def for_listing(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """Articles (from `article_feed_live`) read for a listing: the fields it shows, the lead image,
    and `section_slug`/`section_title`; no body."""
    # A page row has some thirty columns and the body; a listing shows a dozen of them. The
    # section comes by the path index, for the rows read only.
    return (
        articles.only(*_LISTED_FIELDS)
        .select_related("lead_image")
        .annotate(section_slug=_section("slug"), section_title=_section("title"))
    )


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
    for reporter in _credits_of([article.pk for article in articles]):
        slug = reporter.slug if scope.shows(reporter) else None
        key = (reporter.credited_page, bool(reporter.credit_photo))
        found.setdefault(key, []).append(ListedCredit(reporter.credit_role, reporter.title, slug))
    for article in articles:
        article.listed_bylines = found.get((article.pk, False), [])
        article.listed_photo_credits = found.get((article.pk, True), [])


def article_live(scope: ReaderScope, article_id: int) -> ArticlePage | None:
    """One visible article, read whole (body included), as `for_listing` reads it; or None."""
    return for_listing(article_feed_live(scope).filter(pk=article_id)).defer(None).first()


def related_articles_live(scope: ReaderScope, article: ArticlePage, *, limit: int = 4) -> list[ArticlePage]:
    """Editors' picks a reader may see, in their order, then the same section's newest (read for a listing)."""
    picks = ArticleRelatedLink.objects.filter(page=article)
    pick_order = picks.filter(related=OuterRef("pk")).values("sort_order")[:1]
    return list(
        for_listing(article_feed_live(scope))
        .filter(Q(pk__in=picks.values("related_id")) | Q(section_path=article.path[: -ArticlePage.steplen]))
        .exclude(pk=article.pk)
        .annotate(pick_order=Subquery(pick_order))
        .order_by(F("pick_order").asc(nulls_last=True), "-first_published_at", "-id")[:limit]
    )


def latest_by_section_live(scope: ReaderScope, *, per_section: int) -> list[ArticlePage]:
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
    return list(for_listing(article_feed_live(scope).filter(pk__in=newest[0].union(*newest[1:], all=True))))


def section_counts_live(scope: ReaderScope) -> dict[str, int]:
    """The number of visible articles in each section, by section path: one query."""
    counted = article_feed_live(scope).order_by().values("section_path").annotate(n=Count("id"))
    return {row["section_path"]: row["n"] for row in counted}


def reporters_live(scope: ReaderScope) -> QuerySet[ReporterPage]:
    """Visible reporters by name."""
    return scope.pages(ReporterPage).order_by("title", "id")


def reporter_article_counts_live(scope: ReaderScope, *, reporters: Iterable[int] | None = None) -> dict[int, int]:
    """Visible articles crediting each reporter (byline or photo), by reporter id: one query.

    The same articles their feed lists. Counted in one pass over the credits, grouped by person,
    against the feed read once (a count per reporter would check the feed again for each).
    """
    visible = article_feed_live(scope).order_by().values("pk")
    wrote = ArticleByline.objects.filter(page_id__in=visible)
    # A photo of an article they also wrote is that article again: counted once.
    also_wrote_it = ArticleByline.objects.filter(reporter_id=OuterRef("reporter_id"), page_id=OuterRef("page_id"))
    photographed_only = ArticlePhotoCredit.objects.filter(page_id__in=visible).exclude(Exists(also_wrote_it))
    if reporters is not None:
        ids = list(reporters)
        wrote, photographed_only = wrote.filter(reporter_id__in=ids), photographed_only.filter(reporter_id__in=ids)

    def per_person(credits: QuerySet) -> QuerySet:
        return (
            credits.order_by()
            .values("reporter_id")
            .annotate(n=Count("page_id", distinct=True))
            .values_list("reporter_id", "n")
        )

    counts: dict[int, int] = {}
    for reporter_id, n in per_person(wrote).union(per_person(photographed_only), all=True):
        counts[reporter_id] = counts.get(reporter_id, 0) + n
    return counts
