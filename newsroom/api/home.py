"""/api/v1/home: the app's front screen in one request, the lead story and each section's latest articles."""

from collections import defaultdict

from django.http import HttpRequest
from ninja import Query, Router

from newsroom.api import payloads, schemas
from newsroom.articles.selectors import attach_credits, latest_by_section_live
from newsroom.models import ArticlePage
from newsroom.readers.scope import reader_scope
from newsroom.sections.selectors import section_counts_live

router = Router(tags=["home"])


@router.get(
    "",
    response={200: schemas.Home, 304: None, 422: schemas.ValidationFailure},
    operation_id="home",
    summary="首页:头条和各栏目最新稿件",
)
def home(request: HttpRequest, params: Query[schemas.HomeParams]) -> schemas.Home:
    scope = reader_scope(request, default_site_only=True)
    # One query for every section's newest articles, whatever the number of sections.
    latest = latest_by_section_live(scope, per_section=params.limit, columns=payloads.LISTED_COLUMNS)
    attach_credits(latest, scope)
    counts = section_counts_live(scope)
    by_section: dict[str, list[ArticlePage]] = defaultdict(list)
    for article in latest:
        by_section[article.section_path].append(article)
    # The lead is the newest story of all, which is necessarily the newest of its own section.
    lead = max(latest, key=lambda a: (a.first_published_at, a.pk), default=None)
    return schemas.Home(
        lead=payloads.article_of(lead, scope) if lead is not None else None,
        sections=[
            schemas.HomeSection(
                section=payloads.section_of(section, counts.get(section.path, 0), scope),
                articles=payloads.articles_of(by_section[section.path], scope),
            )
            for section in scope.sections
        ],
    )
