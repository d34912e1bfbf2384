"""Wires the app API: one NinjaAPI, one router per resource, and the rules every URL under it follows."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from newsroom.api import articles, home, reporters, search, sections
from newsroom.api.caching import apply_http_caching
from newsroom.api.errors import method_not_allowed, register_error_handlers, unknown_path
from newsroom.api.renderers import ChineseJSONRenderer
from newsroom.readers.scope import scope_read_by

View = Callable[..., HttpResponseBase]
READ_METHODS = ["GET", "HEAD"]
# Answered by the edges before an endpoint runs (newsroom/edges.py, newsroom/errors.py): a control
# character or more than 10,000 parameters in the request, the database out of reach.
EVERY_OPERATION = {400: "Bad Request:请求无效", 503: "Service Unavailable:服务暂时不可用,见 Retry-After"}
ERROR = {"$ref": "#/components/schemas/Error"}


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
        finally:
            # Also when the view raises: a retry (newsroom/errors.py) must see the HEAD it was.
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


def api_view(view: View) -> View:
    """Every URL under /api/v1/: JSON whatever the method. The API only reads and keeps no session,
    so CSRF has nothing to protect; without the exemption a POST to the schema or to an unknown path
    would get Django's HTML 403 page instead of the JSON 405/404."""
    return csrf_exempt(answer_in_json(view))


class NewsroomAPI(NinjaAPI):
    """A NinjaAPI whose every URL, the unknown ones included, answers in JSON with ETag and Cache-Control."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Ninja's schema, plus the answers every operation may give before its own code runs."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in EVERY_OPERATION.items():
                    operation["responses"].setdefault(
                        str(status), {"description": description, "content": {"application/json": {"schema": ERROR}}}
                    )
        return schema

    def openapi_json(self, request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        """The schema through the API's own renderer: Chinese as characters, like every answer."""
        return self.create_response(request, self.get_openapi_schema(path_params=kwargs), status=200)

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                if pattern.name == "openapi-json":
                    pattern.callback = self.openapi_json
                pattern.callback = api_view(pattern.callback)
        # Last, so it only catches what no endpoint matched: a JSON 404, never Wagtail's HTML page.
        patterns.append(re_path(r"^.*$", api_view(unknown_path), name="unknown"))
        return patterns, app_name, namespace


# /api/v1 without its slash answers as /api/v1/ does, in JSON, instead of Django's redirect to it.
root_without_slash = api_view(unknown_path)


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
