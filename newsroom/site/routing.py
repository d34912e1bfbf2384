"""Reader requests to Wagtail's page view: the site from the cache, and articles by address in one query.

Wagtail finds a request's site with a query and walks the tree two queries a level. Before its
view runs, this middleware gives it the site (remembered until the next publish) and, for an
article address (`/栏目/稿件/`), the visible article, found in one query. Wagtail's serve view
then takes both from where it keeps them on the request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from newsroom.selectors import article_at_live
from newsroom.site.cache import site_for_request
from newsroom.site.pages import outline_for


def route_article(request: HttpRequest, path: str) -> None:
    """If a visible article is at `path`, settle the request's Wagtail route on it."""
    components = [component for component in path.split("/") if component]
    if len(components) != 2 or site_for_request(request) is None:
        return
    article = article_at_live(*components, outline=outline_for(request))
    if article is not None:
        # Found by a query that already ruled out private pages and private ancestors.
        article.reader_visible = True
        request._wagtail_route_for_request = RouteResult(article)  # where Wagtail keeps a route


class ReaderRoutingMiddleware:
    """Route reader requests to Wagtail's serve view from the cache and by article address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict) -> None:
        if view is wagtail_serve:
            route_article(request, args[0] if args else kwargs.get("path", ""))
