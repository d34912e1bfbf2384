"""Wagtail's `publish_scheduled`, under its own name, also recording each finished run for the health check.

Django takes a command from the first app in INSTALLED_APPS that has it, and `newsroom` comes first:
cron jobs and timers written from Wagtail's documentation run this one without knowing it.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from newsroom.scheduler import record_scheduler_run


class Command(WagtailPublishScheduled):
    help = "发布到时的定时稿件、下线到期稿件(Wagtail 的 publish_scheduled),并记录本次运行时间供健康检查。"

    def handle(self, *args: object, **options: object) -> None:
        super().handle(*args, **options)
        # Only a run that got through everything counts: one that raised leaves the heartbeat to age.
        if not options["dryrun"]:
            record_scheduler_run()
