"""Go-live and expiry honoured when a reader asks, not when the scheduler next runs.

Wagtail keeps a page scheduled for its first publication out of the tree (``live=False``) until
``publish_scheduled`` runs after its go-live time: a stopped cron job means a missed front page.
Here scheduling a page that readers have never seen puts it in the tree live, with its
``go_live_at`` ahead (it is "held"), and every reader (the selectors' ``_in_schedule``, routing,
the sitemap) hides it until then; expiry is honoured the same way. ``publish_scheduled`` still
runs and keeps Wagtail's bookkeeping (status, audit log, scheduled updates of pages readers can
already see) in step.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision


def is_in_schedule(page, now: datetime | None = None) -> bool:
    """Whether a reader may see the page now: live, past its go-live time, before its expiry."""
    now = now or timezone.now()
    return bool(
        page.live
        and (page.go_live_at is None or page.go_live_at <= now)
        and (page.expire_at is None or page.expire_at > now)
    )


def awaits_go_live(page, now: datetime | None = None) -> bool:
    """Held: live in the tree but before its go-live time, so no reader has seen it yet."""
    now = now or timezone.now()
    return bool(page.live and page.go_live_at and page.go_live_at > now)


def _placeholder(moment: datetime | None) -> bool:
    # Nothing is really published in the future: a first-published time ahead of now is the
    # go-live time a held page was given, not a publication anyone saw.
    return moment is not None and moment > timezone.now()


class ScheduledPageMixin:
    """Page behaviour so that a schedule never depends on the scheduler having run."""

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if is_in_schedule(self) else []

    @property
    def status_string(self):
        # Without this the admin would say "live" for a page no reader can see (yet, or any more).
        if awaits_go_live(self):
            return _("scheduled")
        if self.live and self.expire_at and self.expire_at <= timezone.now():
            return _("expired")
        return super().status_string

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # Which revision readers see belongs to the page, not to the revision being restored
        # (Wagtail preserves `live` the same way); a held page's placeholder date is not carried over.
        page.live_revision_id = self.live_revision_id
        if _placeholder(page.first_published_at):
            page.first_published_at = None if _placeholder(self.first_published_at) else self.first_published_at
        return page

    def publish(self, revision, user=None, changed=True, log_action=True, previous_revision=None, **kwargs):
        target = revision.content_object
        held = _release_hold(target)
        try:
            result = super().publish(
                revision,
                user=user,
                changed=changed,
                log_action=log_action,
                previous_revision=previous_revision,
                **kwargs,
            )
        except Exception:
            # A refused publish (no permission) leaves the page as it was.
            for name, value in (held or {}).items():
                setattr(target, name, value)
            raise
        _hold_until_go_live(target, revision)
        if target is not self:
            self.refresh_from_db(
                fields=["live", "live_revision", "has_unpublished_changes", "first_published_at", "last_published_at"]
            )
        return result

    def unpublish(self, set_expired=False, commit=True, user=None, log_action=True):
        if awaits_go_live(self):
            # Unpublishing a page nobody has seen yet cancels its schedule: the scheduler must not
            # publish it anyway at go-live time.
            Revision.objects.for_instance(self).update(approved_go_live_at=None)
            if _placeholder(self.first_published_at):
                self.first_published_at = self.last_published_at = None
        return super().unpublish(set_expired=set_expired, commit=commit, user=user, log_action=log_action)


def _release_hold(page) -> dict | None:
    """Before a new publish or schedule, take a held page back to Wagtail's never-published state."""
    if not awaits_go_live(page):
        return None
    held = {name: getattr(page, name) for name in ("live", "live_revision_id", "first_published_at")}
    page.live = False
    page.live_revision_id = None
    if _placeholder(page.first_published_at):
        page.first_published_at = None
    return held


def _hold_until_go_live(page, revision: Revision) -> None:
    """After Wagtail scheduled a never-seen page (left it out of the tree), hold it live instead."""
    model = type(page)
    row = model.objects.filter(pk=page.pk).values("live", "go_live_at", "first_published_at").get()
    go_live_at = row["go_live_at"]
    if row["live"] or not go_live_at or go_live_at <= timezone.now():
        return
    if not Revision.objects.filter(pk=revision.pk, approved_go_live_at__isnull=False).exists():
        return
    held = {
        "live": True,
        "live_revision_id": revision.pk,
        "has_unpublished_changes": not revision.is_latest_revision(),
        # Readers order by first publication: the article counts as published when it goes live.
        "first_published_at": row["first_published_at"] or go_live_at,
        "last_published_at": go_live_at,
    }
    # The row already holds this revision's content (Wagtail saved it when scheduling); only flags change.
    model.objects.filter(pk=page.pk).update(**held)
    for name, value in held.items():
        setattr(page, name, value)


def release_when_unscheduled(revision: Revision) -> None:
    """The admin's "cancel scheduled publish" clears a revision's approval: a held page leaves the tree."""
    if revision.approved_go_live_at is not None:
        return
    page = revision.content_object
    if not isinstance(page, ScheduledPageMixin) or not awaits_go_live(page) or page.live_revision_id != revision.pk:
        return
    first_published_at = None if _placeholder(page.first_published_at) else page.first_published_at
    type(page).objects.filter(pk=page.pk).update(
        live=False,
        live_revision=None,
        has_unpublished_changes=True,
        first_published_at=first_published_at,
        last_published_at=None if first_published_at is None else page.last_published_at,
    )
