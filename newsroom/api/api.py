"""Wires the app API: one NinjaAPI, one router per resource, and the rules every URL under it follows."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI

from newsroom.api import articles, home, reporters, search, sections
from newsroom.api.caching import apply_http_caching
from newsroom.api.errors import method_not_allowed, register_error_handlers, unknown_path
from newsroom.api.renderers import ChineseJSONRenderer
from newsroom.readers.scope import scope_read_by

View = Callable[..., HttpResponseBase]
READ_METHODS = ["GET", "HEAD"]


def answer_in_json(view: View) -> View:
    """Serve HEAD like GET, wrong methods as JSON 405 with Allow, and cache headers on everything."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # The API only reads: every URL under it, the schema and docs included, refuses the rest.
        if request.method not in READ_METHODS:
            return apply_http_caching(request, method_not_allowed(READ_METHODS, request.method or ""))
        head = request.method == "HEAD"
        if head:
            # ninja routes GET only; a HEAD is the same GET without its body.
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            # Only views outside the routers raise it (ninja's API root): endpoints answer their own.
            response = unknown_path(request)
        if head:
            request.method = "HEAD"
        # The scope the view read through, if any, says when its content may change unpublished.
        scope = scope_read_by(request)
        response = apply_http_caching(request, response, horizon=scope.next_change if scope else None)
        if head and not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return wrapped


class NewsroomAPI(NinjaAPI):
    """A NinjaAPI whose every URL, the unknown ones included, answers in JSON with ETag and Cache-Control."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = answer_in_json(pattern.callback)
        # Last, so it only catches what no endpoint matched: a JSON 404, never Wagtail's HTML page.
        patterns.append(re_path(r"^.*$", answer_in_json(unknown_path), name="unknown"))
        return patterns, app_name, namespace


api = NewsroomAPI(
    title="青岛频道 App API",
    version="1.0.0",
    description="大众日报青岛频道移动客户端接口:只读、匿名,只返回已发布、公开的内容。见 contracts.md 第 2 节。",
    urls_namespace="api-v1",
    renderer=ChineseJSONRenderer(),
)
register_error_handlers(api)

api.add_router("/home", home.router)
api.add_router("/sections", sections.router)
api.add_router("/articles", articles.router)
api.add_router("/reporters", reporters.router)
api.add_router("/search", search.router)
