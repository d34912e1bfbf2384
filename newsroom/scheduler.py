"""The scheduler's heartbeat: when `publish_scheduled` last finished, and whether that is recent enough."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Page, Revision

from newsroom.models import SchedulerRun

COMMAND = "publish_scheduled"
# Run every minute (make run, cron, systemd timer): five missed runs in a row means it has stopped.
MAX_AGE = timedelta(minutes=5)


def record_scheduler_run(*, command: str = COMMAND, at: datetime | None = None) -> None:
    """Note that the scheduler finished a run without an error."""
    SchedulerRun.objects.update_or_create(command=command, defaults={"finished_at": at or timezone.now()})


@dataclass(frozen=True)
class SchedulerHealth:
    """What the health check reports about the scheduler."""

    last_run_at: datetime | None
    age: timedelta | None
    overdue_publications: int
    overdue_expiries: int

    @property
    def healthy(self) -> bool:
        return self.age is not None and self.age < MAX_AGE

    @property
    def status(self) -> str:
        if self.last_run_at is None:
            return "never_run"
        return "ok" if self.healthy else "stale"

    @property
    def detail(self) -> str:
        if self.last_run_at is None:
            return "定时发布任务(publish_scheduled)从未运行过"
        minutes = int(self.age.total_seconds() // 60)
        if self.healthy:
            return "定时发布任务运行正常"
        return f"定时发布任务已 {minutes} 分钟没有运行(超过 {int(MAX_AGE.total_seconds() // 60)} 分钟即告警)"


def scheduler_health(*, now: datetime | None = None) -> SchedulerHealth:
    """The last run's age, and what has waited on the scheduler longer than it should (three queries)."""
    now = now or timezone.now()
    last_run_at = SchedulerRun.objects.filter(command=COMMAND).values_list("finished_at", flat=True).first()
    overdue_since = now - MAX_AGE
    # Readers already see (or no longer see) these; the counts say how far Wagtail's bookkeeping lags.
    return SchedulerHealth(
        last_run_at=last_run_at,
        age=None if last_run_at is None else now - last_run_at,
        overdue_publications=Revision.objects.filter(approved_go_live_at__lt=overdue_since).count(),
        overdue_expiries=Page.objects.filter(live=True, expire_at__lt=overdue_since).count(),
    )
