"""Go-live and expiry honoured when a reader asks, not when the scheduler next runs. Wagtail keeps a
page scheduled for its first publication out of the tree (``live=False``) until
``publish_scheduled`` runs after its go-live time: a stopped cron job means a missed front page.
Here a page that readers have never seen is *held* when it is scheduled: put in the tree live,
with its ``go_live_at`` ahead, and every reader (the one rule in ``newsroom.readers.visibility``)
hides it until then; expiry is honoured the same way. ``publish_scheduled`` still runs and keeps
Wagtail's bookkeeping (status, audit log, scheduled updates of pages readers can already see) in
step. A held page carries its go-live time as ``last_published_at`` until then: that is how it is
told apart from a page readers have seen.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Revision

from newsroom.models.review import change_request
from newsroom.readers.visibility import is_in_schedule

# The admin's status words, in the newsroom's terms (Wagtail's own translation says 在用 for "live"),
# the same as the article desk's states (newsroom.admin_views).
STATUS_WORDS = {
    "live": "已发布",
    "live + draft": "已发布 + 有未发布的修改",
    "live + scheduled": "已发布 + 已定时更新",
    "scheduled": "已定时",
    "expired": "已过期",
    "draft": "草稿",
    "in moderation": "审核中",
    "needs changes": "需修改",
    "live + needs changes": "已发布 + 修改稿需修改",
}


def is_held(page, now: datetime | None = None) -> bool:
    """Put live by scheduling but before its go-live time: no reader has seen it yet."""
    now = now or timezone.now()
    return bool(page.live and page.last_published_at and page.last_published_at > now)


def _gone_live(page, revision: Revision) -> bool:
    # The hold put this revision live, and readers' rule now shows it: scheduler or not.
    return revision.pk == page.live_revision_id and is_in_schedule(page)


def _placeholder(moment: datetime | None) -> bool:
    # Nothing is really published in the future: such a date is a held page's go-live time.
    return moment is not None and moment > timezone.now()


class ScheduledPageMixin:
    """Page behaviour so that a schedule never depends on the scheduler having run."""

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if is_in_schedule(self) else []

    @cached_property
    def scheduled_revision(self) -> Revision | None:
        """Wagtail's revision waiting for its go-live time, but not a held page's once that time has come.

        Readers see that one already; only the scheduler's bookkeeping is left. Counted as waiting,
        it kept the page "locked by its schedule" (Wagtail's ScheduledForPublishLock): nobody could
        unpublish or edit an article readers were reading until ``publish_scheduled`` next ran.
        """
        revision = self.revisions.filter(approved_go_live_at__isnull=False).first()
        if revision is not None and _gone_live(self, revision):
            return None
        return revision

    @property
    def approved_schedule(self) -> bool:
        # Wagtail's listings annotate whether any revision is approved: "no" needs no second look.
        if getattr(self, "_approved_schedule", True) is False:
            return False
        return self.scheduled_revision is not None

    @property
    def status_string(self) -> str:
        """Wagtail's status, in the newsroom's words, and as readers experience it right now."""
        if not self.live:
            if self.expired:
                return STATUS_WORDS["expired"]
            if self.approved_schedule:
                return STATUS_WORDS["scheduled"]
            if change_request(self):
                return STATUS_WORDS["needs changes"]
            return STATUS_WORDS["in moderation"] if self.workflow_in_progress else STATUS_WORDS["draft"]
        # Without these the admin would say "live" for a page no reader can see (yet, or any more).
        if is_held(self):
            return STATUS_WORDS["scheduled"]
        if self.expire_at and self.expire_at <= timezone.now():
            return STATUS_WORDS["expired"]
        if self.approved_schedule:
            return STATUS_WORDS["live + scheduled"]
        if change_request(self):
            return STATUS_WORDS["live + needs changes"]
        return STATUS_WORDS["live + draft"] if self.has_unpublished_changes else STATUS_WORDS["live"]

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # Which revision readers see belongs to the page, not to the revision being restored.
        page.live_revision_id = self.live_revision_id
        if is_held(self):
            # Publishing or rescheduling a held page starts again from "never published", so
            # Wagtail writes the new text into the page and the hold is placed afresh.
            page.live = False
            page.live_revision_id = None
        if _placeholder(page.first_published_at):
            page.first_published_at = None if _placeholder(self.first_published_at) else self.first_published_at
        page._restored_from_revision = True
        return page

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # Wagtail saves a page restored from a revision when it publishes or schedules it.
        if getattr(self, "_restored_from_revision", False) and not kwargs.get("update_fields"):
            hold_if_scheduled(self)
        return result


def hold_if_scheduled(page) -> None:
    """After Wagtail scheduled a never-seen page (and so left it out of the tree), hold it live instead.

    Only the stored row changes: the caller's object keeps Wagtail's view ("scheduled, not live"),
    so Wagtail records the schedule in the audit log as such.
    """
    go_live_ahead = page.go_live_at is not None and page.go_live_at > timezone.now()
    if page.live or not go_live_ahead:
        return
    approved = Revision.objects.for_instance(page).filter(approved_go_live_at__isnull=False).order_by("-pk").first()
    if approved is None:
        return
    type(page).objects.filter(pk=page.pk).update(
        live=True,
        live_revision=approved,
        has_unpublished_changes=not approved.is_latest_revision(),
        # Readers order by first publication: the article counts as published when it goes live.
        first_published_at=page.first_published_at or page.go_live_at,
        last_published_at=page.go_live_at,
    )


def release_hold(page, *, cancel_schedule: bool) -> None:
    """Take a held page out of the tree (its schedule cancelled or, when asked, cleared here)."""
    if cancel_schedule:
        Revision.objects.for_instance(page).update(approved_go_live_at=None)
    first_published_at = None if _placeholder(page.first_published_at) else page.first_published_at
    type(page).objects.filter(pk=page.pk).update(
        live=False,
        live_revision=None,
        has_unpublished_changes=True,
        first_published_at=first_published_at,
        last_published_at=None,
    )


def release_when_unscheduled(revision: Revision) -> None:
    """The admin's "cancel scheduled publish" clears a revision's approval: a held page leaves the tree."""
    if revision.approved_go_live_at is not None:
        return
    page = revision.content_object
    if isinstance(page, ScheduledPageMixin) and is_held(page) and page.live_revision_id == revision.pk:
        release_hold(page, cancel_schedule=False)


def release_when_unpublished(page) -> None:
    """Unpublishing a held page cancels its schedule: the scheduler must not publish it at go-live time."""
    if isinstance(page, ScheduledPageMixin) and _placeholder(page.last_published_at):
        release_hold(page, cancel_schedule=True)
