"""One place that turns every failure of the app API into JSON {"detail": …} with the right status."""

import json
import logging
import math
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError

from newsroom.api.pagination import BadCursor

logger = logging.getLogger("newsroom.api")

API_PREFIX = "/api/"
CONTENT_TYPE = "application/json; charset=utf-8"

# Pydantic says what is wrong with a parameter in English; the app's readers read Chinese. By the
# issue's `type` (which stays, for the app's code), with the limits from its `ctx` filled in.
MESSAGES = {
    "missing": "缺少这个参数",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "string_too_long": "最多 {max_length} 个字符",
    "string_too_short": "至少 {min_length} 个字符",
    "string_pattern_mismatch": "格式不对",
    "date_parsing": "应为日期,如 2020-11-30",
    "date_from_datetime_parsing": "应为日期,如 2020-11-30",
    "datetime_parsing": "应为带时区的日期时间,如 2020-11-30T06:00:00+08:00",
    "datetime_from_date_parsing": "应为带时区的日期时间,如 2020-11-30T06:00:00+08:00",
    "literal_error": "取值不在允许的范围内",
    "enum": "取值不在允许的范围内",
}
# Any other kind of bad value.
FALLBACK_MESSAGE = "参数无效"


def in_chinese(issue: dict[str, Any]) -> dict[str, Any]:
    """One validation issue with its message in Chinese (our own validators' messages already are)."""
    if issue.get("type") == "value_error" and "error" in issue.get("ctx", {}):
        return {**issue, "msg": str(issue["ctx"]["error"])}
    template = MESSAGES.get(issue.get("type", ""), FALLBACK_MESSAGE)
    try:
        return {**issue, "msg": template.format(**issue.get("ctx", {}))}
    except (KeyError, IndexError):
        return {**issue, "msg": FALLBACK_MESSAGE}


def json_error(status: int, detail: Any) -> HttpResponse:
    """A JSON error body for responses made outside ninja (unknown paths, wrong methods, bad hosts)."""
    body = json.dumps({"detail": detail}, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type=CONTENT_TYPE)


def register_error_handlers(api: NinjaAPI) -> None:
    """Map what endpoints raise to JSON responses; anything unforeseen is logged and answered 500."""

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "未找到"}, status=404)

    @api.exception_handler(ValidationError)
    def invalid_parameter(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": [in_chinese(issue) for issue in exc.errors]}, status=422)

    @api.exception_handler(BadCursor)
    def bad_cursor(request: HttpRequest, exc: BadCursor) -> HttpResponse:
        # Shaped like any other bad parameter, so the app handles it the same way.
        issue = {"type": "cursor_invalid", "loc": ["query", "cursor"], "msg": str(exc)}
        return api.create_response(request, {"detail": [issue]}, status=422)

    @api.exception_handler(Throttled)
    def too_many_requests(request: HttpRequest, exc: Throttled) -> HttpResponse:
        # ninja adds Retry-After (whole seconds) to this answer; the message says the same.
        wait = f" {math.ceil(exc.wait)} 秒" if exc.wait else ""
        return api.create_response(request, {"detail": f"请求太频繁,请{wait}后再试"}, status=429)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Late: newsroom.errors answers the API's outages with this module's json_error.
        from newsroom.errors import is_database_unavailable

        if is_database_unavailable(exc) or isinstance(exc, SuspiciousOperation):
            # Django's handling, as for any page (newsroom/errors.py): a suspicious request (too
            # many parameters…) a 400, a lost database one retry on a new connection, then a 503.
            raise exc
        # Still a bug to fix: logged in full, but the app gets JSON, never Django's HTML page.
        logger.exception("API request failed: %s %s", request.method, request.path)
        return api.create_response(request, {"detail": "服务器内部错误"}, status=500)


def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any path under /api/v1/ that names no endpoint."""
    return json_error(404, "没有这个接口")


def method_not_allowed(allowed: list[str], method: str) -> HttpResponse:
    response = json_error(405, f"不支持 {method} 方法;只能用 {', '.join(allowed)}")
    response["Allow"] = ", ".join(allowed)
    return response
