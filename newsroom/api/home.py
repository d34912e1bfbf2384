"""/api/v1/home: the app's front screen in one request: the lead story, the editors' 推荐, each section's latest."""

from collections import defaultdict

from django.http import HttpRequest
from ninja import Query, Router

from newsroom.api import payloads, schemas
from newsroom.articles.selectors import article_feed_live, attach_credits, for_listing, latest_by_section_live
from newsroom.curation.selectors import front_picks_live
from newsroom.models import ArticlePage
from newsroom.readers.scope import reader_scope
from newsroom.sections.selectors import section_counts_live

router = Router(tags=["home"])


@router.get(
    "",
    response={200: schemas.Home, 304: None, 422: schemas.ValidationFailure},
    operation_id="home",
    summary="首页:头条、推荐和各栏目最新稿件",
)
def home(request: HttpRequest, params: Query[schemas.HomeParams]) -> schemas.Home:
    scope = reader_scope(request, default_site_only=True)
    # One query for every section's newest articles, whatever the number of sections.
    latest = latest_by_section_live(scope, per_section=params.limit, columns=payloads.LISTED_COLUMNS)
    # One for the editors' 头条 and 推荐 that readers may see, whatever their number.
    picks = front_picks_live(scope, scope.root, articles=for_listing(article_feed_live(scope), payloads.LISTED_COLUMNS))
    attach_credits([*latest, *picks.everything], scope)
    counts = section_counts_live(scope)
    by_section: dict[str, list[ArticlePage]] = defaultdict(list)
    for article in latest:
        by_section[article.section_path].append(article)
    # Without a 头条 the lead is the newest story of all, necessarily the newest of its own section.
    lead = picks.lead or max(latest, key=lambda a: (a.first_published_at, a.pk), default=None)
    return schemas.Home(
        lead=payloads.article_of(lead, scope) if lead is not None else None,
        featured=payloads.articles_of(picks.articles, scope),
        sections=[
            schemas.HomeSection(
                section=payloads.section_of(section, counts.get(section.path, 0), scope),
                articles=payloads.articles_of(by_section[section.path], scope),
            )
            for section in scope.sections
        ],
    )
