"""When the scheduler (`manage.py publish_scheduled`) last finished, for the health check."""

from django.db import models


class SchedulerRun(models.Model):
    """One row per scheduled command, updated each time it finishes without an error."""

    command = models.CharField("命令", max_length=100, unique=True)
    finished_at = models.DateTimeField("最近完成时间")

    class Meta:
        verbose_name = "定时任务运行记录"
        verbose_name_plural = "定时任务运行记录"

    def __str__(self) -> str:
        return f"{self.command} @ {self.finished_at:%Y-%m-%d %H:%M:%S}"
