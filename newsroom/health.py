"""Health checks for operations: `/health/scheduler` says whether the scheduler is still running."""

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.scheduler import MAX_AGE, scheduler_health


@never_cache
@require_safe
def scheduler(request: HttpRequest) -> JsonResponse:
    """200 while `publish_scheduled` last finished under five minutes ago, 503 otherwise (monitors alert on it)."""
    health = scheduler_health()
    return JsonResponse(
        {
            "status": health.status,
            "detail": health.detail,
            "last_run_at": timezone.localtime(health.last_run_at).isoformat() if health.last_run_at else None,
            "age_seconds": int(health.age.total_seconds()) if health.age is not None else None,
            "max_age_seconds": int(MAX_AGE.total_seconds()),
            "overdue": {"publications": health.overdue_publications, "expiries": health.overdue_expiries},
        },
        status=200 if health.healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
