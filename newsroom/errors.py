"""Django's error handlers: JSON under /api/, a static Chinese page elsewhere; 503 when the database is down.

The 400, 500 and 503 pages are self-contained templates (`errors/static_page.html`): no database, no
static-file manifest, no request context, so they render whatever failed.
"""

import sys

from django.db import InterfaceError, OperationalError
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
