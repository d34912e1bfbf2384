"""Health checks for operations, always JSON: liveness, readiness and the scheduler's last run.

- `/health/`: the process answers (liveness). Touches nothing else.
- `/health/ready`: the database answers (readiness): 503 without it, since no page can be made.
  The shared cache is reported too but does not fail readiness: without it every server still
  answers, only slower, and a cache outage failing every server's readiness at once would take the
  whole site out of the load balancer.
- `/health/scheduler`: 200 while `publish_scheduled` last finished under five minutes ago, 503 otherwise.
The load balancer reaches these over plain HTTP: they are exempt from the HTTPS redirect.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.errors import DATABASE_UNAVAILABLE
from newsroom.scheduler import MAX_AGE, scheduler_health

logger = logging.getLogger("newsroom.health")
UNREACHABLE = "unreachable"


def _json(payload: dict, status: int) -> JsonResponse:
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_UNAVAILABLE as error:
        logger.warning("readiness: database unreachable: %s", error)
        return UNREACHABLE
    return "ok"


def cache_state() -> str:
    """A write and a read-back on the reader cache (the short socket timeouts of its settings apply)."""
    cache = caches[settings.READER_PAGE_CACHE]
    key, value = "health:ready", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        answered = cache.get(key) == value
    except Exception as error:  # any client error means the same: not reachable
        logger.warning("readiness: cache unreachable: %s", error)
        return UNREACHABLE
    return "ok" if answered else UNREACHABLE


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return _json({"status": "ok"}, 200)


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    database, cache = database_state(), cache_state()
    if database != "ok":
        return _json({"status": "unavailable", "database": database, "cache": cache, "detail": "数据库不可用"}, 503)
    status, detail = ("ok", "正常") if cache == "ok" else ("degraded", "缓存不可用:照常服务,但较慢")
    return _json({"status": status, "database": database, "cache": cache, "detail": detail}, 200)


@never_cache
@require_safe
def scheduler(request: HttpRequest) -> JsonResponse:
    """Monitors alert on a 503: the scheduler stopped, or the database cannot say."""
    try:
        health = scheduler_health()
    except DATABASE_UNAVAILABLE as error:
        logger.warning("scheduler health: database unreachable: %s", error)
        return _json({"status": "unknown", "detail": "数据库不可用,无法读取定时发布的运行记录"}, 503)
    return _json(
        {
            "status": health.status,
            "detail": health.detail,
            "last_run_at": timezone.localtime(health.last_run_at).isoformat() if health.last_run_at else None,
            "age_seconds": int(health.age.total_seconds()) if health.age is not None else None,
            "max_age_seconds": int(MAX_AGE.total_seconds()),
            "overdue": {"publications": health.overdue_publications, "expiries": health.overdue_expiries},
        },
        200 if health.healthy else 503,
    )
