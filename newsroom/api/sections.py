"""/api/v1/sections: the channel's visible sections (栏目), each with its number of visible articles."""

from django.http import Http404, HttpRequest
from ninja import Path, Router

from newsroom.api import payloads, schemas
from newsroom.readers.scope import reader_scope
from newsroom.sections.selectors import section_counts_live

router = Router(tags=["sections"])


@router.get("", response={200: list[schemas.Section], 304: None}, operation_id="sections_list", summary="栏目列表")
def sections_list(request: HttpRequest) -> list[schemas.Section]:
    scope = reader_scope(request, default_site_only=True)
    counts = section_counts_live(scope)
    return [payloads.section_of(section, counts.get(section.path, 0), scope) for section in scope.sections]


@router.get(
    "/{slug}",
    response={200: schemas.Section, 304: None, 404: schemas.Error, 422: schemas.ValidationFailure},
    operation_id="sections_detail",
    summary="一个栏目",
)
def sections_detail(request: HttpRequest, slug: Path[schemas.Slug]) -> schemas.Section:
    scope = reader_scope(request, default_site_only=True)
    section = scope.section_by_slug(slug)
    if section is None:
        raise Http404("没有这个栏目")
    counts = section_counts_live(scope)
    return payloads.section_of(section, counts.get(section.path, 0), scope)
