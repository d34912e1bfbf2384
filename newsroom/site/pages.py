"""What each page template shows, read through the selectors with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404, HttpRequest
from wagtail.models import Site

from newsroom import selectors
from newsroom.chinese import description_of
from newsroom.models import ArticlePage, ChannelHomePage, ReporterIndexPage, ReporterKind, ReporterPage, SectionPage
from newsroom.models.reader_context import reader_context
from newsroom.selectors import Credit, ReaderOutline
from newsroom.site.cache import remembered_outline, site_for_request

ARTICLES_PER_PAGE = 20
LATEST_ON_HOME = 10
# Each section's newest articles on the home page.
FRONT_LENGTH = 4


def reader_site(request: HttpRequest) -> Site:
    """The Wagtail site this request is for (remembered until the next publish, and on the request)."""
    site = site_for_request(request)
    if site is None:
        raise Http404("没有这个站点")
    return site


def outline_for(request: HttpRequest) -> ReaderOutline:
    """The reader's outline of this request's site: hidden branches and visible sections.

    Kept with the page cache until the next publish (one query then), and on the request.
    """
    if not hasattr(request, "_reader_outline"):
        site = reader_site(request)
        request._reader_outline = remembered_outline(site)
    return request._reader_outline


def scope_for(request: HttpRequest) -> selectors.ReaderScope:
    """What a reader of this request's site may see: its site and outline, as the API's scope."""
    if not hasattr(request, "_reader_scope"):
        request._reader_scope = selectors.ReaderScope(reader_site(request), outline_for(request))
    return request._reader_scope


def sections_for(request: HttpRequest) -> list[SectionPage]:
    """The visible sections for the navigation."""
    return list(outline_for(request).sections)


def paginate(
    request: HttpRequest, items: object, *, param: str = "page", per_page: int = ARTICLES_PER_PAGE
) -> PaginatorPage:
    """One page of `items` from `?page=`; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param) or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("没有这一页") from error


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


@reader_context(ChannelHomePage)
def home_context(page: ChannelHomePage, request: HttpRequest) -> dict[str, object]:
    scope = scope_for(request)
    latest = list(selectors.article_listing_live(scope)[: LATEST_ON_HOME + 1])
    # The lead story shows the start of its text: one more query, for its body alone.
    if latest and not latest[0].summary:
        latest[0].body  # noqa: B018 - loads the deferred body once, here rather than mid-template
    newest = selectors.latest_by_section_live(scope, per_section=FRONT_LENGTH)
    fronts = [(section, [a for a in newest if a.section_path == section.path]) for section in scope.sections]
    return {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "fronts": [(section, articles) for section, articles in fronts if articles],
    }


@reader_context(SectionPage)
def section_context(page: SectionPage, request: HttpRequest) -> dict[str, object]:
    articles = selectors.article_listing_live(scope_for(request), section=page)
    return {"articles": paginate(request, articles)}


def _credits_in_memory(page: ArticlePage) -> list[Credit]:
    """Credits from the edited page itself, as a preview shows them before anything is saved."""
    credits = []
    for photo, relation in ((False, page.bylines), (True, page.photo_credits)):
        for credit in relation.all():
            url = credit.reporter.url if credit.reporter.live else None
            credits.append(Credit(photo=photo, role=credit.role, name=credit.reporter.title, url=url))
    return credits


@reader_context(ArticlePage)
def article_context(page: ArticlePage, request: HttpRequest) -> dict[str, object]:
    outline = outline_for(request)
    # A preview renders the editor's unsaved version: its bylines, tags and corrections live
    # on the page object (modelcluster), not in the database yet.
    preview = getattr(request, "is_preview", False)
    if preview:
        credits = _credits_in_memory(page)
        # An editor's preview: picks readers cannot see (held, private, hidden) stay out of it too.
        related = [link.related for link in page.related_links.all() if outline.shows(link.related)][:4]
        tags, corrections = list(page.tags.all()), list(page.corrections.all())
    else:
        credits = selectors.article_credits_live(page, outline=outline)
        related = selectors.related_headlines_live(page, outline=outline)
        tags, corrections = selectors.article_tags(page), selectors.article_corrections(page)
    return {
        "meta_description": page.search_description or description_of(page),
        "section": outline.section_of(page) if page.path else None,
        "byline_groups": group_by_role([c for c in credits if not c.photo]),
        "photo_credit_groups": group_by_role([c for c in credits if c.photo]),
        "authors": [c for c in credits if not c.photo],
        "photographers": [c for c in credits if c.photo],
        "tags": tags,
        "related": related,
        "corrections": corrections,
    }


@reader_context(ReporterPage)
def reporter_context(page: ReporterPage, request: HttpRequest) -> dict[str, object]:
    scope = scope_for(request)
    written = selectors.article_listing_live(scope, reporter=page)
    photographed = selectors.article_listing_live(scope, reporter=page, photos=True)
    return {
        "written": paginate(request, written),
        "photographed": paginate(request, photographed, param="photos"),
    }


@reader_context(ReporterIndexPage)
def reporter_index_context(page: ReporterIndexPage, request: HttpRequest) -> dict[str, object]:
    # The same people and counts as the API's /reporters: articles readers can see, bylines and photos.
    scope = scope_for(request)
    reporters = list(selectors.reporters_live(scope))
    counts = selectors.reporter_article_counts_live(scope)
    for reporter in reporters:
        reporter.article_count = counts.get(reporter.pk, 0)
    groups = [(label, [r for r in reporters if r.kind == kind]) for kind, label in ReporterKind.choices]
    return {"reporter_groups": [(label, people) for label, people in groups if people]}
