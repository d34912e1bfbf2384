"""Numbered pages of a reader listing (`?page=`), the same for every page type."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404, HttpRequest

ARTICLES_PER_PAGE = 20


def paginate(
    request: HttpRequest, items: object, *, param: str = "page", per_page: int = ARTICLES_PER_PAGE
) -> PaginatorPage:
    """One page of `items` from `?page=`; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param) or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("没有这一页") from error
