"""Django's error handlers: JSON under /api/, a static Chinese page elsewhere; 503 when the database is down.

The 400, 500 and 503 pages are self-contained templates (`errors/static_page.html`): no database, no
static-file manifest, no request context, so they render whatever failed.
"""

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from newsroom.api.caching import apply_http_caching
from newsroom.api.errors import API_PREFIX, json_error
from newsroom.security import allow_styles_of

# Refused, dropped or closed connections. An answer that needs the database then cannot be given:
# "try again", not "we have a bug".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE)


logger = logging.getLogger("newsroom.errors")
READS = ("GET", "HEAD")


class RetryReadOnNewConnectionMiddleware:
    """A read whose database connection died under it (a restart, a failover, a pooler recycling it)
    is run once more on a new connection before anyone sees a 503. CONN_HEALTH_CHECKS replaces a
    connection found dead *between* requests; this covers the request that was using it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict[str, Any]) -> None:
        request.newsroom_view = (view, args, kwargs)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        retry = getattr(request, "newsroom_view", None)
        if retry is None or request.method not in READS or not is_database_unavailable(exception):
            return None
        opened = connections.all(initialized_only=True)
        if any(connection.in_atomic_block for connection in opened):
            return None  # inside a transaction the lost work cannot be replayed from here
        if not any(connection.connection is None or not connection.is_usable() for connection in opened):
            return None  # the connection still works: a timeout or a lock, not a lost connection
        del request.newsroom_view  # once: a second failure is an outage, answered with the 503
        logger.warning(
            "database connection lost during %s %s, retrying once: %s", request.method, request.path, exception
        )
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        view, args, kwargs = retry
        response = view(request, *args, **kwargs)
        # The first failure may have come from rendering a TemplateResponse, after which Django no
        # longer renders what this returns.
        if callable(getattr(response, "render", None)):
            response = response.render()
        return response


def static_page(template: str, status: int) -> HttpResponse:
    html = render_to_string(template)
    return allow_styles_of(HttpResponse(html, status=status), html)


def error_answer(request: HttpRequest, status: int, detail: str, template: str) -> HttpResponse:
    """JSON with the API's cache headers for the app; the static Chinese page, never kept, elsewhere."""
    if request.path.startswith(API_PREFIX):
        return apply_http_caching(request, json_error(status, detail))
    response = static_page(template, status)
    add_never_cache_headers(response)
    return response


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: the next try must reach the server again, not a cache."""
    response = error_answer(request, 503, "服务暂时不可用,请稍后重试", "503.html")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a Host outside ALLOWED_HOSTS, a control character in the address, too many fields."""
    # request.get_host() would raise again for a spoofed host: only the path is safe to read.
    return error_answer(request, 400, "请求无效", "400.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form posted from elsewhere or too late (an editor's expired session)."""
    return error_answer(request, 403, "请求无法验证", "403_csrf.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500, called while the exception is being handled: a database outage becomes a 503."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable(request)
    return error_answer(request, 500, "服务器内部错误", "500.html")
